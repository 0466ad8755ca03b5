import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A `bpmn-inbox` process that runs beside the test, started with `posix_spawn`, with its
/// standard output and error in files of the runner's temp folder.
final class BackgroundProcess {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private(set) var exitStatus: Int32?

    /// Starts the runner's binary with `--db <temp database>` followed by `arguments`.
    /// - Throws: `BackgroundProcessError` when `posix_spawn` fails.
    init(_ cli: CLIRunner, _ arguments: [String]) throws {
        let name = UUID().uuidString
        stdoutPath = cli.folder.appendingPathComponent("bg-stdout-\(name)").path
        stderrPath = cli.folder.appendingPathComponent("bg-stderr-\(name)").path

        var variables = ProcessInfo.processInfo.environment
        variables["BPMN_INBOX_DB"] = nil
        variables["BPMN_INBOX_SERVICES"] = nil
        for (key, value) in cli.environment { variables[key] = value }

        pid = try spawnWithOutputFiles(
            cli.binary.path, ["--db", cli.databasePath] + arguments, environment: variables,
            stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = try? wait(timeout: 5)
        }
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the process to exit and returns its exit status (128 + the signal when a
    /// signal ended it). On timeout it kills the process and throws.
    @discardableResult
    func wait(timeout: TimeInterval) throws -> Int32 {
        if let exitStatus { return exitStatus }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 { throw BackgroundProcessError("waitpid(\(pid)) failed: errno \(errno)") }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                exitStatus = -1
                throw BackgroundProcessError(
                    "process \(pid) ran longer than \(timeout) s and was killed; stderr: \(stderr)")
            }
            usleep(20_000)
        }
        // WIFEXITED and WEXITSTATUS are C macros that Swift does not import.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        exitStatus = code
        return code
    }

    /// Waits until standard output contains `text`; returns false after `timeout` seconds.
    func waitForOutput(containing text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            usleep(50_000)
        }
        return stdout.contains(text)
    }
}

/// Starts `executable` with `posix_spawn`, exactly `environment` as its environment, standard
/// input from /dev/null, and standard output and error written to the two files (created or
/// truncated, mode 0644).
/// - Returns: the child's process id.
/// - Throws: `BackgroundProcessError` when `posix_spawn` fails.
func spawnWithOutputFiles(
    _ executable: String, _ arguments: [String], environment: [String: String], stdoutPath: String, stderrPath: String
) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let argv = [executable] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        cArguments.forEach { free($0) }
        cEnvironment.forEach { free($0) }
    }

    var child: pid_t = 0
    let result = posix_spawn(&child, executable, &actions, nil, &cArguments, &cEnvironment)
    guard result == 0 else {
        throw BackgroundProcessError("posix_spawn of \(argv) failed: \(String(cString: strerror(result)))")
    }
    return child
}

struct BackgroundProcessError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `sqlite3` on the runner's database and returns its output lines. The tool is part of
/// Debian's `sqlite3` package; the test skips when it is missing.
func sqliteRows(_ cli: CLIRunner, _ sql: String) throws -> [String] {
    let tool = "/usr/bin/sqlite3"
    guard FileManager.default.isExecutableFile(atPath: tool) else {
        throw XCTSkip("sqlite3 not found at \(tool); install the Debian package sqlite3")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-readonly", cli.databasePath, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n").map(String.init)
}
