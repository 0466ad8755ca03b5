import Foundation
import XCTest

/// The text summary's `Data:` line, the `tenantId` of instance JSON, and command synonyms.
final class InstanceSummaryOutputTests: XCTestCase {
    private func startBigCase(_ cli: CLIRunner) throws -> String {
        let path = try cli.writeFile("big.json", #"{"caseId": 50, "notes": "\#(String(repeating: "é", count: 5_000))"}"#)
        let result = try cli.run(["start", "Car", "--data", "@" + path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try object(object(result.json())["instance"])["id"] as? String)
    }

    func testDataLineIsCutToColumns() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try startBigCase(cli)

        let result = try cli.runWithoutDatabase(["--db", cli.databasePath, "get", id], environment: ["COLUMNS": "80"])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dataLine = try XCTUnwrap(lines.first { $0.hasPrefix("Data: ") })
        let dataIndex = try XCTUnwrap(lines.firstIndex(of: dataLine))

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(dataLine.count, 80)
        XCTAssertTrue(dataLine.hasSuffix("…"), dataLine)
        XCTAssertEqual(lines[dataIndex + 1], "All data: bpmn-inbox get \(id) --json")
    }

    func testDataLineWithoutTerminalUsesFixedWidth() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try startBigCase(cli)

        let result = try cli.runWithoutDatabase(["--db", cli.databasePath, "get", id], removing: ["COLUMNS"])
        let dataLine = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("Data: ") })

        XCTAssertEqual(dataLine.count, 200)
        XCTAssertLessThan(result.stdout.utf8.count, 2_000)
    }

    func testShortDataLineIsWhole() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.runWithoutDatabase(
            ["--db", cli.databasePath, "start", "Car", "--data", #"{"caseId": 51}"#], environment: ["COLUMNS": "200"])
        let dataLine = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("Data: ") })

        XCTAssertTrue(dataLine.hasSuffix("}"), String(dataLine))
        XCTAssertFalse(result.stdout.contains("All data:"), result.stdout)
    }

    func testInstanceJSONHasTenantId() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 52)

        let listed = try object(array(cli.run(["instances", "--json"]).json()).first)
        let found = try object(object(cli.run(["get", id, "--json"]).json())["instance"])

        XCTAssertTrue(listed.keys.contains("tenantId"), "\(listed.keys)")
        XCTAssertTrue(listed["tenantId"] is NSNull, "\(String(describing: listed["tenantId"]))")
        XCTAssertTrue(found.keys.contains("tenantId"), "\(found.keys)")
    }

    func testInstanceJSONShowsTenantOfModel() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let tenant = try cli.run(["model", "tenant", "Car", "--tenant", "north"])
        XCTAssertEqual(tenant.status, 0, tenant.stderr)
        let id = try cli.startCar(caseId: 53)

        let found = try object(object(cli.run(["get", id, "--json"]).json())["instance"])

        XCTAssertEqual(found["tenantId"] as? String, "north")
    }

    func testWaitingSuggestsTimers() throws {
        let cli = try CLIRunner()

        let result = try cli.run(["waiting"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown command 'waiting'; did you mean 'timers'"), result.stderr)
    }

    func testSynonymsSuggestCommands() throws {
        let cli = try CLIRunner()
        let expected = ["rm": "delete", "kill": "terminate", "complete": "invoke", "ls": "instances"]

        for (word, command) in expected {
            let result = try cli.run([word])
            XCTAssertTrue(result.stderr.contains("did you mean '\(command)'"), "\(word): \(result.stderr)")
        }
    }
}
