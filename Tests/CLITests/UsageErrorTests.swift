import XCTest

/// Command-line errors: exit status 2, a message on standard error naming the culprit, and a
/// pointer to the help. None of them needs a database.
final class UsageErrorTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private func assertUsageError(
        _ arguments: [String], mentions expected: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try cli.run(arguments, file: file, line: line)
        XCTAssertEqual(result.status, 2, "exit status of \(arguments)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("bpmn-inbox: error: "), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(expected), "stderr lacks \(expected): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
    }

    func testUnknownCommandSuggestsClosest() throws {
        try assertUsageError(["strat", "Order"], mentions: "unknown command 'strat'; did you mean 'start'?")
    }

    func testUnknownOptionIsNamed() throws {
        try assertUsageError(["start", "Order", "--date", "{}"], mentions: "unknown option '--date' for 'start'")
    }

    func testUnknownOptionSuggestsClosest() throws {
        try assertUsageError(["start", "Order", "--date", "{}"], mentions: "did you mean '--data'?")
    }

    func testUsageErrorShowsUsageLine() throws {
        let result = try cli.run(["start"])

        XCTAssertTrue(result.stderr.contains("usage: bpmn-inbox start MODEL"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bpmn-inbox start --help"), result.stderr)
    }

    func testUnknownModelSubcommand() throws {
        try assertUsageError(["model", "lst"], mentions: "unknown subcommand 'lst' of 'model'")
    }

    func testMissingModelSubcommand() throws {
        try assertUsageError(["model"], mentions: "missing subcommand of 'model'")
    }

    func testMissingArgument() throws {
        try assertUsageError(["invoke"], mentions: "missing argument QUERY")
    }

    func testUnexpectedArgument() throws {
        try assertUsageError(["tasks", "extra"], mentions: "unexpected argument 'extra'")
    }

    func testMissingOptionValue() throws {
        try assertUsageError(["start", "Order", "--data"], mentions: "missing value for '--data'")
    }

    func testOptionValueCannotBeAnotherOption() throws {
        try assertUsageError(["start", "Order", "--data", "--json"], mentions: "missing value for '--data'")
    }

    func testFlagRejectsValue() throws {
        try assertUsageError(["model", "list", "--json=yes"], mentions: "option '--json' takes no value")
    }

    func testOptionOfAnotherCommandIsRejected() throws {
        try assertUsageError(["model", "list", "--data", "{}"], mentions: "option '--data' does not apply to 'model list'")
    }

    func testRepeatedOptionIsRejected() throws {
        try assertUsageError(["start", "Order", "--data", "{}", "--data", "{}"], mentions: "'--data' is given more than once")
    }

    func testInvalidDataJSONNamesOptionAndText() throws {
        try assertUsageError(["start", "Order", "--data", "{amount: 1}"], mentions: "invalid JSON in --data: '{amount: 1}'")
    }

    func testDataMustBeAnObject() throws {
        try assertUsageError(["start", "Order", "--data", "[1, 2]"], mentions: "expected a JSON object")
    }

    func testInvalidQueryJSONNamesOptionAndText() throws {
        try assertUsageError(["instances", "--query", "{\"id\": }"], mentions: "invalid JSON in --query: '{\"id\": }'")
    }

    func testInvalidQueryArgumentIsNamed() throws {
        try assertUsageError(["invoke", "task_Buy"], mentions: "invalid JSON in QUERY: 'task_Buy'")
    }

    func testQueryWithUnknownFieldIsRejected() throws {
        try assertUsageError(["items", "{\"item.elementId\": \"x\"}"], mentions: "unknown query field 'item.elementId'")
    }

    func testAssignNeedsAssignment() throws {
        try assertUsageError(["assign", "{}"], mentions: "missing required option '--assignment JSON'")
    }

    func testAssignRejectsUnknownKey() throws {
        try assertUsageError(
            ["assign", "{}", "--assignment", "{\"asignee\": \"ana\"}"],
            mentions: "invalid --assignment key 'asignee' (did you mean 'assignee'?)")
    }

    func testLimitMustBePositive() throws {
        try assertUsageError(["instances", "--limit", "0"], mentions: "invalid --limit '0'")
    }

    func testNameNeedsExactlyOneFile() throws {
        try assertUsageError(["model", "import", "a.bpmn", "b.bpmn", "--name", "X"], mentions: "--name sets the name of one model")
    }

    func testEmptyUserIsRejected() throws {
        try assertUsageError(["tasks", "--user", ""], mentions: "--user needs a user name, but its value is empty")
    }

    func testEmptyModelNameIsRejected() throws {
        try assertUsageError(["model", "import", "a.bpmn", "--name", ""], mentions: "--name must not be empty")
    }

    func testBlankModelNameIsRejected() throws {
        try assertUsageError(["model", "import", "a.bpmn", "--name=  "], mentions: "--name must not be empty")
    }

    func testUsageErrorCreatesNoDatabase() throws {
        _ = try cli.run(["start", "Order", "--data", "{"])

        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.databasePath))
    }
}

/// Help, version and option placement.
final class HelpAndOptionTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    func testToolHelpListsEveryCommand() throws {
        let result = try cli.runWithoutDatabase(["--help"])

        XCTAssertEqual(result.status, 0)
        for command in ["model import", "model list", "start", "invoke", "assign", "instances", "tasks", "items", "demo"] {
            XCTAssertTrue(result.stdout.contains("  \(command) "), "help lacks \(command)")
        }
    }

    func testCommandHelpDescribesOptions() throws {
        let result = try cli.runWithoutDatabase(["assign", "-h"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("Usage: bpmn-inbox [GLOBAL OPTIONS] assign QUERY --assignment JSON"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--assignment JSON"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--db PATH"), result.stdout)
    }

    func testHelpCommandShowsCommandHelp() throws {
        let result = try cli.runWithoutDatabase(["help", "model", "import"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("model import FILE..."), result.stdout)
    }

    func testHelpWinsOverMissingArguments() throws {
        let result = try cli.runWithoutDatabase(["invoke", "--help"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("invoke QUERY"), result.stdout)
    }

    func testGroupHelpListsSubcommands() throws {
        let result = try cli.runWithoutDatabase(["model", "--help"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("import"), result.stdout)
        XCTAssertTrue(result.stdout.contains("list"), result.stdout)
    }

    func testHelpFitsEightyColumns() throws {
        for arguments in [["--help"], ["start", "--help"], ["demo", "--help"], ["tasks", "--help"]] {
            let result = try cli.runWithoutDatabase(arguments)
            let widest = result.stdout.split(separator: "\n").map(\.count).max() ?? 0
            XCTAssertLessThanOrEqual(widest, 80, "help of \(arguments) is \(widest) columns wide")
        }
    }

    func testVersionPrintsVersion() throws {
        let result = try cli.runWithoutDatabase(["--version"])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("bpmn-inbox "), result.stdout)
    }

    func testGlobalOptionAfterCommand() throws {
        let result = try cli.runWithoutDatabase(["model", "list", "--db", cli.databasePath])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.databasePath))
    }

    func testInlineOptionValue() throws {
        let result = try cli.runWithoutDatabase(["--db=\(cli.databasePath)", "model", "list", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
    }

    func testDoubleDashEndsOptions() throws {
        let result = try cli.run(["start", "--json", "--", "--not-an-option"])

        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("model '--not-an-option' not found"), result.stderr)
    }

    func testInboxNeedsTerminal() throws {
        let result = try cli.run([])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the inbox needs a terminal"), result.stderr)
    }
}
