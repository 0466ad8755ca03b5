import Foundation
import XCTest

/// Runs the real `bpmn-inbox` binary in a tmux session of 80x24: works the Buy Used Car
/// task through its form, sends a message from the message form, and cancels a form with
/// Ctrl-C and with SIGINT.
final class TmuxInboxTests: XCTestCase {
    private let socket = "bpmn-inbox-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    private var directory: URL!
    private var tmux: String!

    override func setUpWithError() throws {
        guard let found = Self.executable(named: "tmux") else {
            throw XCTSkip("tmux is not installed; install it (apt-get install tmux) to run the terminal test")
        }
        tmux = found
        directory = try TestSupport.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        _ = try? run(tmux, ["-L", socket, "kill-server"])
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testCompletingBuyInTerminalShowsCleanAndRepair() throws {
        let binary = try inboxBinary()
        let database = try prepareDatabase(binary: binary, models: ["Buy Used Car"])

        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (1)")

        try sendKeys("Enter")
        try waitForScreen(containing: "Repairs Required?")
        try sendKeys("Space", "Tab", "Space", "C-s")
        let screen = try waitForScreen(containing: "Completed Buy")

        XCTAssertTrue(screen.contains(" Tasks (2)"), screen)
        XCTAssertTrue(screen.contains(" Clean"), screen)
        XCTAssertTrue(screen.contains(" Repair"), screen)

        try sendKeys("q")
        try assertTerminalRestored()
    }

    func testFilterTakesUTF8Input() throws {
        let binary = try inboxBinary()
        let database = try prepareDatabase(binary: binary, models: ["Buy Used Car", "中古車の購入"])
        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (2)")

        try sendKeys("/", "中古")
        let screen = try waitForScreen(containing: " Tasks (1/2) /中古")

        XCTAssertTrue(screen.contains("中古車の"), screen)
        try sendKeys("Escape", "q")
        try assertTerminalRestored()
    }

    func testSigtermRestoresTerminal() throws {
        let binary = try inboxBinary()
        let database = try prepareDatabase(binary: binary, models: ["Buy Used Car"])
        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (1)")

        XCTAssertEqual(kill(try inboxProcessID(), SIGTERM), 0)

        try assertTerminalRestored()
    }

    func testControlCKeyCancelsFormThenQuits() throws {
        let binary = try inboxBinary()
        let database = try prepareDatabase(binary: binary, models: ["Buy Used Car"])
        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (1)")
        try sendKeys("Enter")
        try waitForScreen(containing: "┌─ Complete Buy")

        try sendKeys("C-c")
        let screen = try waitForScreen(containing: "Cancelled.")

        XCTAssertFalse(screen.contains("┌─ Complete Buy"), screen)
        XCTAssertTrue(screen.contains(" Tasks (1)"), screen)
        try sendKeys("C-c")
        try assertTerminalRestored()
    }

    func testSigintCancelsFormThenQuits() throws {
        let binary = try inboxBinary()
        let database = try prepareDatabase(binary: binary, models: ["Buy Used Car"])
        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (1)")
        try sendKeys("Enter")
        try waitForScreen(containing: "┌─ Complete Buy")
        let inbox = try inboxProcessID()

        XCTAssertEqual(kill(inbox, SIGINT), 0)
        let screen = try waitForScreen(containing: "Cancelled.")

        XCTAssertFalse(screen.contains("┌─ Complete Buy"), screen)
        XCTAssertEqual(kill(inbox, SIGINT), 0)
        try assertTerminalRestored()
    }

    /// Returns the process id of the inbox running in the tmux pane's shell.
    private func inboxProcessID() throws -> pid_t {
        let shell = try run(tmux, ["-L", socket, "display-message", "-p", "-t", "inbox", "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let found = try run("/usr/bin/pgrep", ["-P", shell, "-x", "bpmn-inbox"]).output
        return try XCTUnwrap(pid_t(found.trimmingCharacters(in: .whitespacesAndNewlines)), "no bpmn-inbox under shell \(shell)")
    }

    func testMessageFormDeliversInTerminal() throws {
        let binary = try inboxBinary()
        let model = directory.appendingPathComponent("Payment.bpmn")
        try EventModels.payment.write(to: model, atomically: true, encoding: .utf8)
        let database = directory.appendingPathComponent("inbox.sqlite").path
        try check(run(binary, ["--db", database, "model", "import", model.path]), "model import")
        try check(run(binary, ["--db", database, "start", "Payment", "--data", #"{"orderId":"A-1"}"#]), "start")

        try startSession(binary: binary, database: database)
        try waitForScreen(containing: " Tasks (0)")
        try sendKeys("m")
        try waitForScreen(containing: "< payment (1 waiting) >")
        try sendKeys("C-s")
        let screen = try waitForScreen(containing: "Message 'payment' reached Payment")

        XCTAssertTrue(screen.contains(" Tasks (1)"), screen)
        XCTAssertTrue(screen.contains(" Ship "), screen)

        try sendKeys("q")
        try assertTerminalRestored()
    }

    /// Imports the corpus Buy Used Car model under each name and starts one instance of
    /// each, in a new database.
    /// - Returns: the database path.
    private func prepareDatabase(binary: String, models: [String]) throws -> String {
        let model = TestSupport.corpus.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn")
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw XCTSkip("corpus not found at \(model.path)")
        }

        let database = directory.appendingPathComponent("inbox.sqlite").path
        for (index, name) in models.enumerated() {
            try check(run(binary, ["--db", database, "model", "import", "--name", name, model.path]), "model import")
            try check(run(binary, ["--db", database, "start", name, "--data", "{\"caseId\":\(index + 1)}"]), "start")
        }
        return database
    }

    /// Waits for the inbox to end and checks that the shell after it runs with the
    /// terminal's normal modes on the normal screen.
    private func assertTerminalRestored() throws {
        // The MODE line comes last, so waiting for it reads the whole output.
        let after = try waitForScreen(containing: "MODE ")
        XCTAssertTrue(after.contains("INBOX-EXITED 0"), after)
        XCTAssertFalse(after.contains(" Tasks ("), after)
        XCTAssertTrue(after.contains("MODE icanon echo"), "terminal modes not restored: \(after)")
        let alternateScreen = try run(tmux, ["-L", socket, "display-message", "-p", "-t", "inbox", "#{alternate_on}"])
        XCTAssertEqual(alternateScreen.output, "0\n")
    }

    // MARK: tmux

    private func startSession(binary: String, database: String) throws {
        // After the inbox exits, the shell prints the exit status and the terminal modes
        // (as "icanon" or "-icanon", "echo" or "-echo") so the test can see them restored.
        let script = """
            env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            '\(binary)' --db '\(database)'; \
            echo "INBOX-EXITED $?"; \
            echo "MODE $(stty -a | tr ' ' '\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' ')"; \
            sleep 120
            """
        try check(
            run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "inbox", "-x", "80", "-y", "24", script]),
            "tmux new-session")
    }

    private func sendKeys(_ keys: String...) throws {
        try check(run(tmux, ["-L", socket, "send-keys", "-t", "inbox"] + keys), "tmux send-keys")
    }

    private func capture() throws -> String {
        try run(tmux, ["-L", socket, "capture-pane", "-p", "-t", "inbox"]).output
    }

    /// Polls the pane until it contains `text`.
    /// - Throws: a failure with the last screen after `timeout` seconds.
    @discardableResult
    private func waitForScreen(containing text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        throw StepFailure(message: "'\(text)' did not appear within \(Int(timeout)) s; the screen was:\n\(screen)")
    }

    // MARK: Processes

    /// A step that failed; thrown so the test stops with this message.
    private struct StepFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    private func check(_ outcome: Outcome, _ step: String) throws {
        guard outcome.status == 0 else {
            throw StepFailure(message: "\(step) failed with status \(outcome.status): \(outcome.errors)\(outcome.output)")
        }
    }

    /// Runs a program to its end, at most `timeout` seconds.
    ///
    /// Uses posix_spawn and waitpid rather than Foundation's Process: Process waits for a
    /// descriptor it gives the child to close, and the server that `tmux new-session`
    /// leaves running inherits and keeps that descriptor, so Process would never return.
    /// Output goes to files for the same reason.
    private func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> Outcome {
        let outputFile = directory.appendingPathComponent("output-\(UUID().uuidString)").path
        let errorFile = directory.appendingPathComponent("errors-\(UUID().uuidString)").path
        defer {
            unlink(outputFile)
            unlink(errorFile)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawnError = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawnError == 0 else {
            throw StepFailure(message: "cannot run \(executable): \(String(cString: strerror(spawnError)))")
        }

        let status = try waitForExit(pid, executable: executable, timeout: timeout)
        return Outcome(
            status: status,
            output: (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "")
    }

    /// Waits for `pid` to end and returns its exit status (128 + the signal number when a
    /// signal ended it).
    /// - Throws: `StepFailure` after killing the process when it runs past `timeout`.
    private func waitForExit(_ pid: pid_t, executable: String, timeout: TimeInterval) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno != EINTR {
                throw StepFailure(message: "waitpid failed for \(executable): \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw StepFailure(message: "\(executable) ran longer than \(Int(timeout)) s and was killed")
            }
            usleep(10_000)
        }

        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Finds the binary under test: `BPMN_INBOX_BIN`, else the one built next to this test
    /// bundle, else `<repo>/.build/debug/bpmn-inbox`.
    private func inboxBinary() throws -> String {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["BPMN_INBOX_BIN"] {
            candidates.append(fromEnvironment)
        }
        if let testBundle = Bundle.main.executableURL ?? CommandLine.arguments.first.map(URL.init(fileURLWithPath:)) {
            var folder = testBundle.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("bpmn-inbox").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(TestSupport.repositoryRoot.appendingPathComponent(".build/debug/bpmn-inbox").path)

        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StepFailure(message: "bpmn-inbox binary not found in \(candidates); run 'swift build' or set BPMN_INBOX_BIN")
        }
        return binary
    }

    private static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
