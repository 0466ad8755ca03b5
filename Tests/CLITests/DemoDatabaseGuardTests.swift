import Foundation
import XCTest

/// `demo` marks only a new, empty or demo database as a demo database. A working database with
/// instances is rejected unchanged unless `--force` is given, because a demo database lets
/// `--user` act as any user.
final class DemoDatabaseGuardTests: XCTestCase {
    private var cli: CLIRunner!
    private let example = CLIRunner.examplesFolder.appendingPathComponent("Café supplies order.bpmn").path

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// Imports one example and starts an instance, as real work on a database would.
    private func prepareWorkingDatabase() throws {
        let imported = try cli.run(["model", "import", example])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let started = try cli.run(["start", "Café supplies order"])
        XCTAssertEqual(started.status, 0, started.stderr)
    }

    private func demo(_ extra: [String] = []) throws -> CLIResult {
        try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"] + extra)
    }

    private func modelCount() throws -> Int {
        try array(cli.run(["model", "list", "--json"]).json()).count
    }

    func testDemoRejectsWorkingDatabase() throws {
        try prepareWorkingDatabase()

        let result = try demo()

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("'\(cli.databasePath)' is not a demo database and contains 1 instance"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Give a new file with --db"), result.stderr)
        XCTAssertTrue(result.stderr.contains("add --force"), result.stderr)
    }

    func testRejectedDemoImportsNothing() throws {
        try prepareWorkingDatabase()

        _ = try demo()

        XCTAssertEqual(try modelCount(), 1)
    }

    func testRejectedDemoLeavesDatabaseNotDemo() throws {
        try prepareWorkingDatabase()
        _ = try demo()

        // --now is accepted only on a demo or test database.
        let simulated = try cli.run(["--now", "+PT1H", "instances"])

        XCTAssertEqual(simulated.status, 2, simulated.stdout)
    }

    func testRejectedDemoLeavesFileBytesUnchanged() throws {
        try prepareWorkingDatabase()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))

        _ = try demo()

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)), before)
    }

    func testForceMarksWorkingDatabase() throws {
        try prepareWorkingDatabase()

        let result = try demo(["--force"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try modelCount(), 6)
        XCTAssertEqual(try cli.run(["--now", "+PT1H", "instances"]).status, 0)
    }

    func testDemoAcceptsDatabaseWithModelsButNoInstances() throws {
        let imported = try cli.run(["model", "import", example])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let result = try demo()

        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testDemoRunsAgainOnItsOwnDatabase() throws {
        XCTAssertEqual(try demo().status, 0)

        let again = try demo()

        XCTAssertEqual(again.status, 0, again.stderr)
    }

    func testHelpMentionsForce() throws {
        let help = try cli.run(["demo", "--help"])

        XCTAssertTrue(help.stdout.contains("--force"), help.stdout)
    }
}
