import Foundation
import XCTest

/// Runs the real `bpmn-inbox` binary in sessions of one private tmux server, sends keys and
/// reads the screens. Each test gets its own server socket and temporary folder.
///
/// Programs are run with posix_spawn and output files, not Foundation's Process: the tmux
/// server inherits the pipes Process creates and keeps them open, so Process never returns.
final class TmuxHarness {
    let socket = "bpmn-inbox-ui-\(getpid())-\(UUID().uuidString.prefix(8))"
    let directory: URL
    let tmux: String
    let binary: String
    var database: String { directory.appendingPathComponent("inbox.sqlite").path }

    /// A step that failed; thrown so the test stops with this message.
    struct StepFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// - Throws: `XCTSkip` when tmux is not installed; `StepFailure` when the binary is missing.
    init() throws {
        guard let found = Self.executable(named: "tmux") else {
            throw XCTSkip("tmux is not installed; install it (apt-get install tmux) to run the terminal tests")
        }
        tmux = found
        directory = try TestSupport.temporaryDirectory()
        binary = try Self.inboxBinary()
    }

    /// Stops the tmux server and removes the folder.
    func close() {
        _ = try? run(tmux, ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Database

    /// Imports `source` as the model `name` with the CLI.
    func importModel(_ name: String, source: String) throws {
        let file = directory.appendingPathComponent("\(name).bpmn")
        try source.write(to: file, atomically: true, encoding: .utf8)
        try check(run(binary, ["--db", database, "model", "import", "--name", name, file.path]), "model import \(name)")
    }

    /// Starts an instance of `model` with the CLI and returns its output.
    @discardableResult
    func start(_ model: String, data: String = "{}", user: String = "alice") throws -> String {
        try check(run(binary, ["--db", database, "--user", user, "start", model, "--data", data, "--json"]), "start \(model)").output
    }

    /// Runs the CLI with `arguments` on the test database.
    @discardableResult
    func cli(_ arguments: [String]) throws -> Outcome {
        try run(binary, ["--db", database] + arguments)
    }

    // MARK: Sessions

    /// Opens the inbox in a new tmux session of `columns`x`rows` as `user` (nil passes no
    /// `--user`), with extra options and environment variables (`TERM` defaults to
    /// xterm-256color). After the inbox exits, the shell prints `INBOX-EXITED <status>`, and with
    /// `reportingTerminalModes` then a line `MODE icanon echo` (`-icanon` and `-echo` when off).
    func openInbox(
        session: String, user: String? = "alice", options: [String] = [], columns: Int = 80, rows: Int = 24,
        environment: [String: String] = [:], reportingTerminalModes: Bool = false
    ) throws {
        let userOptions = user.map { ["--user", $0] } ?? []
        let quoted = (["--db", database] + userOptions + options).map { "'\($0)'" }.joined(separator: " ")
        let variables = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"].merging(environment) { $1 }
        let assignments = variables.keys.sorted().map { "\($0)='\(variables[$0] ?? "")'" }.joined(separator: " ")
        let modes = reportingTerminalModes ? Self.terminalModesCommand : ""
        let script = """
            env \(assignments) '\(binary)' \(quoted); \
            echo "INBOX-EXITED $?"; \(modes)sleep 120
            """
        let arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", script]
        if sessionCount == 0 {
            try check(run(tmux, arguments), "tmux new-session")
        } else {
            try check(run(tmux, ["-L", socket] + Array(arguments.dropFirst(4))), "tmux new-session")
        }
        sessionCount += 1
    }

    private var sessionCount = 0

    /// A shell command that prints `MODE ` and the terminal's icanon and echo modes.
    private static let terminalModesCommand =
        #"echo "MODE $(stty -a | tr ' ' '\n' | grep -x -e '-\?icanon' -e '-\?echo' | tr '\n' ' ')"; "#

    func sendKeys(_ session: String, _ keys: String...) throws {
        try sendKeys(session, keys)
    }

    /// Sends tmux key names such as `Enter`, `C-s` or `Space` to the session.
    func sendKeys(_ session: String, _ keys: [String]) throws {
        try check(run(tmux, ["-L", socket, "send-keys", "-t", session] + keys), "tmux send-keys")
    }

    /// Types `text` literally (no key names).
    func type(_ session: String, _ text: String) throws {
        try check(run(tmux, ["-L", socket, "send-keys", "-t", session, "-l", text]), "tmux send-keys -l")
    }

    /// Pastes `text` as a bracketed paste, as a terminal does for Ctrl-Shift-V.
    func paste(_ session: String, _ text: String) throws {
        let file = directory.appendingPathComponent("paste-\(UUID().uuidString)").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try check(run(tmux, ["-L", socket, "load-buffer", "-b", "p", file]), "tmux load-buffer")
        try check(run(tmux, ["-L", socket, "paste-buffer", "-p", "-d", "-b", "p", "-t", session]), "tmux paste-buffer")
    }

    /// Returns a tmux format expanded for the session, such as `#{window_bell_flag}`.
    func display(_ session: String, _ format: String) throws -> String {
        try run(tmux, ["-L", socket, "display-message", "-p", "-t", session, format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns the screen with its SGR colour and attribute sequences (`capture-pane -e`).
    func captureWithStyles(_ session: String) throws -> String {
        try run(tmux, ["-L", socket, "capture-pane", "-e", "-p", "-t", session]).output
    }

    func capture(_ session: String) throws -> String {
        try run(tmux, ["-L", socket, "capture-pane", "-p", "-t", session]).output
    }

    /// Polls the session until its screen contains `text`.
    /// - Throws: `StepFailure` with the last screen after `timeout` seconds.
    @discardableResult
    func waitForScreen(_ session: String, containing text: String, timeout: TimeInterval = 15) throws -> String {
        try waitForScreen(session, timeout: timeout, description: "'\(text)'") { $0.contains(text) }
    }

    /// Polls the session until `condition` holds for its screen.
    @discardableResult
    func waitForScreen(
        _ session: String, timeout: TimeInterval = 15, description: String, until condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture(session)
            if condition(screen) { return screen }
            usleep(50_000)
        }
        throw StepFailure(message: "\(description) did not appear within \(Int(timeout)) s; the screen was:\n\(screen)")
    }

    // MARK: Processes

    @discardableResult
    func check(_ outcome: Outcome, _ step: String) throws -> Outcome {
        guard outcome.status == 0 else {
            throw StepFailure(message: "\(step) failed with status \(outcome.status): \(outcome.errors)\(outcome.output)")
        }
        return outcome
    }

    /// Runs a program to its end, at most `timeout` seconds, with output in files.
    func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> Outcome {
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
    /// - Throws: `StepFailure` when waitpid fails, or after killing the process when it runs
    ///   past `timeout` seconds.
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

    /// Finds the binary under test: `BPMN_INBOX_BIN`, else the one built next to the test
    /// bundle, else `<repo>/.build/debug/bpmn-inbox`.
    static func inboxBinary() throws -> String {
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

    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
