import XCTest

/// Command-line mistakes that only the store or a global option reveals exit with status 2 and
/// a message naming the value, and hints print commands that paste into a shell.
final class CommandLineMistakeTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    func testNotifyValueIsCheckedForEveryCommand() throws {
        let result = try cli.run(["model", "list", "--notify", "loud"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid --notify value 'loud'"), result.stderr)
    }

    func testEmptySignalNameIsUsageError() throws {
        let result = try cli.run(["signal", ""])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("argument NAME is empty"), result.stderr)
    }

    func testEmptyMessageNameIsUsageError() throws {
        let result = try cli.run(["message", " "])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("argument NAME is empty"), result.stderr)
    }

    func testGarbageCursorIsUsageError() throws {
        let result = try cli.run(["instances", "--cursor", "garbage"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid cursor 'garbage'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: bpmn-inbox instances"), result.stderr)
    }

    func testInvalidRegexIsUsageError() throws {
        let result = try cli.run(["instances", "--query", #"{"name": {"$regex": "("}}"#])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid $regex '('"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: bpmn-inbox instances"), result.stderr)
    }

    func testMessageHintCommandCanBePasted() throws {
        let result = try cli.run(["message", "nosuch"])

        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(
            result.stderr.contains(#"with: bpmn-inbox items '{"items.status": "wait"}' --matching"#), result.stderr)
    }
}
