import Foundation
import XCTest

/// The outcome of one run of the bpmn-inbox binary.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard output parsed as JSON (objects become dictionaries, arrays arrays).
    func json(file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        } catch {
            XCTFail("standard output is not JSON: \(stdout)\nstderr: \(stderr)", file: file, line: line)
            throw error
        }
    }
}

/// Runs the real `bpmn-inbox` executable in a fresh temporary folder with its own database.
final class CLIRunner {
    /// The repository root, three levels above this file (`Tests/CLITests/CLIRunner.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of shared BPMN corpora next to the repository.
    static let corpusFolder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static let examplesFolder = repositoryRoot.appendingPathComponent("examples")

    /// Returns the executable `name` of this test run's build: the one beside the test bundle (so a
    /// `--scratch-path` build tests its own binaries), else `.build/debug/NAME`.
    static func builtExecutable(_ name: String) -> URL {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let besideTests = testBundle.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/" + name)
    }

    /// How long one run may take before the test fails; generous for a loaded 2-core machine.
    static let timeoutSeconds: TimeInterval = 120

    let binary: URL
    let folder: URL
    let databasePath: String
    /// Variables set for every run on top of this process's environment.
    var environment: [String: String] = [:]

    /// Finds the binary (`$BPMN_INBOX_BIN`, else `builtExecutable`) and makes a temp folder.
    init() throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BPMN_INBOX_BIN"], !path.isEmpty {
            binary = URL(fileURLWithPath: path)
        } else {
            binary = Self.builtExecutable("bpmn-inbox")
        }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw MissingBinaryError(
                "bpmn-inbox binary not found at \(binary.path); run 'swift build' first, or set "
                    + "BPMN_INBOX_BIN to the binary's path")
        }

        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("bpmn-inbox-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("inbox.sqlite").path

        // Keep runs away from the developer's real database and home folder.
        self.environment = [
            "HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
        ]
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs the binary with `--db <temp database>` followed by `arguments`.
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try runWithoutDatabase(["--db", databasePath] + arguments, file: file, line: line)
    }

    /// Runs the binary with exactly `arguments`, in the temp folder, with no standard input.
    func runWithoutDatabase(
        _ arguments: [String], environment extra: [String: String] = [:], removing removed: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder

        var variables = ProcessInfo.processInfo.environment
        variables["BPMN_INBOX_DB"] = nil
        variables["BPMN_INBOX_SERVICES"] = nil
        for (key, value) in environment { variables[key] = value }
        for (key, value) in extra { variables[key] = value }
        for key in removed { variables[key] = nil }
        process.environment = variables

        // Files instead of pipes, so a large output cannot block the child.
        let stdoutURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let stderrURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + Self.timeoutSeconds) == .timedOut {
            process.terminate()
            XCTFail("bpmn-inbox \(arguments) ran longer than \(Self.timeoutSeconds) s", file: file, line: line)
            finished.wait()
        }

        return CLIResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }

    /// Writes `text` to a file in the temp folder and returns its path.
    func writeFile(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// Thrown from `CLIRunner.init` when the binary is missing. It fails the test rather than
/// skipping it, so a forgotten build cannot pass silently.
struct MissingBinaryError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
