import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The `bpmn-stress` driver binary and a temporary folder with one database for it.
final class StressDriver {
    let binary: URL
    let folder: URL
    let databasePath: String

    /// Finds the driver: `$BPMN_STRESS_BIN`, else beside `$BPMN_INBOX_BIN`, else the one of
    /// this test run's build (`CLIRunner.builtExecutable`).
    init() throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BPMN_STRESS_BIN"], !path.isEmpty {
            binary = URL(fileURLWithPath: path)
        } else if let inbox = environment["BPMN_INBOX_BIN"], !inbox.isEmpty {
            binary = URL(fileURLWithPath: inbox).deletingLastPathComponent().appendingPathComponent("bpmn-stress")
        } else {
            binary = CLIRunner.builtExecutable("bpmn-stress")
        }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw MissingBinaryError(
                "bpmn-stress not found at \(binary.path); run 'swift build' first, or set BPMN_STRESS_BIN")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bpmn-stress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("stress.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts the driver with `--db <database>` after the command word.
    func spawn(_ command: String, _ arguments: [String], name: String) throws -> SpawnedProcess {
        try SpawnedProcess(
            binary.path, [command, "--db", databasePath] + arguments,
            stdoutPath: folder.appendingPathComponent("\(name).out").path,
            stderrPath: folder.appendingPathComponent("\(name).err").path)
    }

    /// Runs a driver command to its end and returns its exit status and output.
    func run(_ command: String, _ arguments: [String] = [], timeout: TimeInterval = 300) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try spawn(command, arguments, name: "\(command)-\(UUID().uuidString)")
        let status = try process.wait(timeout: timeout)
        return (status, process.stdout, process.stderr)
    }

    /// Reads a whole-number setting from the environment, so `make soak` can run bigger.
    static func size(_ variable: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap { Int($0) }.map { max($0, 1) } ?? value
    }
}

/// A child process started with `posix_spawn` (Foundation's Process is not used, because it
/// hangs with some children on Linux), with its output in files.
final class SpawnedProcess {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private(set) var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], stdoutPath: String, stderrPath: String, environment extra: [String: String] = [:]) throws {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath

        var variables = ProcessInfo.processInfo.environment
        for (key, value) in extra { variables[key] = value }

        pid = try spawnWithOutputFiles(
            executable, arguments, environment: variables, stdoutPath: stdoutPath, stderrPath: stderrPath)
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

    /// Returns the exit status (128 + the signal when a signal ended it), or nil while running.
    func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    /// Waits for the exit; on timeout kills the process and throws.
    @discardableResult
    func wait(timeout: TimeInterval) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
                exitStatus = -1
                throw BackgroundProcessError("process \(pid) ran longer than \(timeout) s and was killed; stderr: \(stderr)")
            }
            usleep(5_000)
        }
    }

    /// Waits until standard output contains `text` or the process ends; returns whether it appeared.
    func waitForOutput(containing text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            if poll() != nil { return stdout.contains(text) }
            usleep(2_000)
        }
        return stdout.contains(text)
    }
}

/// SplitMix64, so the tests' random choices repeat for a seed.
struct TestGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
