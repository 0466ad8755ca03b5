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

    func testEmptyFlagIsRejected() throws {
        let result = try cli.runWithoutDatabase(["model", "list", "--db", ""])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--db needs a file path, but its value is empty"), result.stderr)
    }

    func testEmptyInlineFlagIsRejected() throws {
        let result = try cli.runWithoutDatabase(["--db=", "model", "list"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--db needs a file path, but its value is empty"), result.stderr)
    }

    func testEmptyEnvironmentVariableIsRejected() throws {
        let result = try cli.runWithoutDatabase(["model", "list"], environment: ["BPMN_INBOX_DB": ""])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("BPMN_INBOX_DB is set but empty"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("data/bpmn-inbox/inbox.sqlite")))
    }

    func testFolderIsReported() throws {
        try FileManager.default.createDirectory(atPath: path("folder"), withIntermediateDirectories: true)

        let result = try cli.runWithoutDatabase(["model", "list", "--db", path("folder")])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'\(path("folder"))': it is a folder, not a file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("such as '\(path("folder/inbox.sqlite"))'"), result.stderr)
    }

    func testTrailingSlashIsReported() throws {
        let result = try cli.runWithoutDatabase(["model", "list", "--db", "missing/"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the path ends with '/', so it names a folder"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("missing")))
    }

    func testOneCharacterFileNameWorks() throws {
        let result = try cli.runWithoutDatabase(["model", "list", "--db", "q"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("q")))
    }

    func testParentThatIsAFileIsReported() throws {
        _ = try cli.writeFile("plain", "not a folder")

        let result = try cli.runWithoutDatabase(["model", "list", "--db", path("plain/db.sqlite")])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("is a file, not a folder"), result.stderr)
    }
}
