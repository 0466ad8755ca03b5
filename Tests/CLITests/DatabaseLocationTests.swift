import XCTest

/// Where the database is created: `--db`, else `$BPMN_INBOX_DB`, else the XDG data folder.
final class DatabaseLocationTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private func path(_ relative: String) -> String {
        cli.folder.appendingPathComponent(relative).path
    }

    func testDefaultIsUnderXDGDataHome() throws {
        let result = try cli.runWithoutDatabase(["model", "list"], environment: ["XDG_DATA_HOME": path("xdg")])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("xdg/bpmn-inbox/inbox.sqlite")))
    }

    func testDefaultFallsBackToLocalShare() throws {
        let result = try cli.runWithoutDatabase(
            ["model", "list"], environment: ["HOME": path("home")], removing: ["XDG_DATA_HOME"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("home/.local/share/bpmn-inbox/inbox.sqlite")))
    }

    func testRelativeXDGDataHomeIsIgnored() throws {
        let result = try cli.runWithoutDatabase(
            ["model", "list"], environment: ["HOME": path("home"), "XDG_DATA_HOME": "relative/data"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("home/.local/share/bpmn-inbox/inbox.sqlite")))
    }

    func testEnvironmentVariableOverridesDefault() throws {
        let result = try cli.runWithoutDatabase(["model", "list"], environment: ["BPMN_INBOX_DB": path("env/db.sqlite")])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("env/db.sqlite")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("data/bpmn-inbox/inbox.sqlite")))
    }

    func testFlagOverridesEnvironmentVariable() throws {
        let result = try cli.runWithoutDatabase(
            ["model", "list", "--db", path("flag/db.sqlite")], environment: ["BPMN_INBOX_DB": path("env/db.sqlite")])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("flag/db.sqlite")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("env/db.sqlite")))
    }

    func testParentThatIsAFileIsReported() throws {
        _ = try cli.writeFile("plain", "not a folder")

        let result = try cli.runWithoutDatabase(["model", "list", "--db", path("plain/db.sqlite")])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("is a file, not a folder"), result.stderr)
    }
}
