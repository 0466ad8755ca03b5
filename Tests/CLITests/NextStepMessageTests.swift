import Foundation
import XCTest

/// Errors that name the value the user gave and the command to run next, instead of an
/// internal query. The cases: `import` of a non-JSON file, `config set` by a non-admin,
/// `restart` at an unknown item, `terminate` of an ended instance, unknown instances, and
/// `--version N`.
final class NextStepMessageTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    func testImportOfNonJSONFileShowsExportExample() throws {
        let path = try cli.writeFile("notes.txt", "not json\n")

        let result = try cli.run(["import", path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'\(path)' is not JSON"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox --db other.sqlite export > instances.json"), result.stderr)
        XCTAssertFalse(result.stderr.contains("{\"amount\": 100}"), result.stderr)
    }

    func testNonAdminConfigSetNamesAdmins() throws {
        _ = try cli.run(["user", "add", "boss", "--admin"])

        let result = try cli.run(["config", "set", "admin-group", "ops"])

        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("may not change the setting 'admin-group'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox user add NAME --admin"), result.stderr)
        XCTAssertTrue(result.stderr.contains("member of the group 'bpmn-admin'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ask an admin to run 'bpmn-inbox config set admin-group VALUE'"), result.stderr)
        XCTAssertEqual(try cli.run(["config", "get", "admin-group"]).stdout, "bpmn-admin\n")
    }

    func testRestartAtUnknownElementNamesInstanceAndElement() throws {
        try cli.importCar()
        let id = try cli.startCar(caseId: 41)
        _ = try cli.run(["terminate", id])

        let result = try cli.run(["restart", id, "--item", "task_Nope"])

        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("instance \(id) has no item with the id or element id 'task_Nope'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox items '{\"id\":\"\(id)\"}'"), result.stderr)
        XCTAssertFalse(result.stderr.contains("$and"), result.stderr)
    }

    func testRestartWithQueryAndUnknownElementNamesQuery() throws {
        try cli.importCar()
        let id = try cli.startCar(caseId: 42)
        _ = try cli.run(["terminate", id])

        let result = try cli.run(["restart", "{\"data.caseId\": 42}", "--item", "task_Nope"])

        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("no instance that matches {\"data.caseId\":42} has an item"), result.stderr)
        XCTAssertFalse(result.stderr.contains("$or"), result.stderr)
    }

    func testTerminateOfEndedInstanceSuggestsDelete() throws {
        try cli.importCar()
        let id = try cli.startCar(caseId: 43)
        _ = try cli.run(["terminate", id])

        let result = try cli.run(["terminate", id])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("is not running (status terminated)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox delete '{\"id\":\"\(id)\"}'"), result.stderr)
    }

    func testTerminateWithQueryIsUsageError() throws {
        let result = try cli.run(["terminate", "{\"data.caseId\": 1}"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("terminate takes one instance id, not a query"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox instances --query '{\"data.caseId\": 1}'"), result.stderr)
    }

    func testUnknownInstanceIdSuggestsInstancesCommand() throws {
        let result = try cli.run(["get", "abcdef12"])

        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("no instance matches {\"id\":\"abcdef12\"}"), result.stderr)
        XCTAssertTrue(result.stderr.contains("list the instance ids with 'bpmn-inbox instances'"), result.stderr)
    }

    func testDeleteMatchingNothingSuggestsQueryCheck() throws {
        let result = try cli.run(["delete", "{\"data.caseId\": 99}"])

        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(
            result.stderr.contains("bpmn-inbox instances --query '{\"data.caseId\":99}'"), result.stderr)
    }

    // MARK: --version N

    func testVersionWithNumberSelectsModelVersion() throws {
        try cli.importCar()
        try cli.importCar()

        let spelled = try cli.run(["model", "show", "Car", "--version", "1", "--json"])
        let inline = try cli.run(["model", "show", "Car", "--version=1", "--json"])
        let documented = try cli.run(["model", "show", "Car", "--model-version", "1", "--json"])

        XCTAssertEqual(spelled.status, 0, spelled.stderr)
        XCTAssertEqual(try (spelled.json() as? [String: Any])?["version"] as? Int, 1)
        XCTAssertEqual(inline.stdout, spelled.stdout)
        XCTAssertEqual(documented.stdout, spelled.stdout)
    }

    func testVersionAloneStillPrintsToolVersion() throws {
        let result = try cli.run(["--version"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("bpmn-inbox "), result.stdout)
    }

    func testVersionNumberOnCommandWithoutVersionsExplainsAlias() throws {
        let result = try cli.run(["instances", "--version", "2"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("option '--model-version' does not apply to 'instances'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("'--version N' is the same as '--model-version N'"), result.stderr)
    }
}
