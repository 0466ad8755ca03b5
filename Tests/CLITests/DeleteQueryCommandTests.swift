import Foundation
import XCTest

/// `delete`: an empty QUERY needs `--all`, and a run that matches nothing prints one outcome.
final class DeleteQueryCommandTests: XCTestCase {
    func testEmptyQueryIsRejectedWithTwo() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 30)

        let result = try cli.run(["delete", "{}"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("would delete every instance"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--all"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 1)
    }

    func testBlankQueryIsRejectedWithTwo() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 31)

        let blank = try cli.run(["delete", "   "])
        let spacedObject = try cli.run(["delete", "{ \n }"])

        XCTAssertEqual(blank.status, 2, blank.stderr)
        XCTAssertTrue(blank.stderr.contains("would delete every instance"), blank.stderr)
        XCTAssertEqual(spacedObject.status, 2, spacedObject.stderr)
        XCTAssertTrue(spacedObject.stderr.contains("would delete every instance"), spacedObject.stderr)
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 1)
    }

    func testMissingQueryNamesAllOption() throws {
        let cli = try CLIRunner()

        let result = try cli.run(["delete"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("missing argument QUERY"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--all"), result.stderr)
    }

    func testAllDeletesEveryInstance() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 32)
        _ = try cli.startCar(caseId: 33)

        let result = try cli.run(["delete", "--all"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Deleted 2 instances.\n")
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 0)
    }

    func testAllConfirmsEmptyQuery() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 34)

        let result = try cli.run(["delete", "{}", "--all", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try array(object(result.json())["deleted"]).count, 1)
    }

    func testAllWithNonEmptyQueryIsRejected() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 35)

        let result = try cli.run(["delete", #"{"data.caseId": 35}"#, "--all"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("leave out --all"), result.stderr)
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 1)
    }

    func testNoMatchPrintsOnlyTheError() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 36)

        let text = try cli.run(["delete", #"{"data.caseId": 99}"#])
        let json = try cli.run(["delete", #"{"data.caseId": 99}"#, "--json"])

        XCTAssertEqual(text.status, 3, text.stderr)
        XCTAssertEqual(text.stdout, "")
        XCTAssertTrue(text.stderr.contains("no instance matches"), text.stderr)
        XCTAssertEqual(json.status, 3, json.stderr)
        XCTAssertEqual(json.stdout, "")
    }

    func testAllOnEmptyDatabaseExitsThree() throws {
        let cli = try CLIRunner()

        let result = try cli.run(["delete", "--all"])

        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("no instances you may delete"), result.stderr)
    }

    func testHelpShowsOptionalQuery() throws {
        let cli = try CLIRunner()

        let result = try cli.run(["delete", "--help"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("delete [QUERY]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--all"), result.stdout)
    }
}
