import Foundation
import XCTest

/// `demo` without `--no-inbox` opens the inbox in a real terminal (tmux), and `q` quits it.
final class DemoInboxTests: XCTestCase {
    var cli: CLIRunner!
    private var socket = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux not found at /usr/bin/tmux; install it with 'make test-packages'")
        }
        cli = try CLIRunner()
        socket = "bpmn-inbox-cli-\(UUID().uuidString.prefix(8))"
    }

    override func tearDown() {
        if cli != nil { _ = try? tmux(["kill-server"]) }
        cli = nil
    }

    /// Runs tmux on this test's private server and returns its standard output.
    ///
    /// Spawns with posix_spawn and reaps with waitpid instead of Foundation's `Process`. On
    /// Linux, `Process` notices the end of a child when a descriptor it hands the child gets
    /// closed, and the server that `new-session` leaves running inherits that descriptor.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = cli.folder.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let words = ["/usr/bin/tmux", "-L", socket] + arguments
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        var pid: pid_t = 0
        let spawnError = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        guard spawnError == 0 else {
            throw TmuxError(description: "cannot run tmux: \(String(cString: strerror(spawnError)))")
        }

        var status: Int32 = 0
        let exited = waitUntil(seconds: 30) { waitpid(pid, &status, WNOHANG) == pid }
        if !exited {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            XCTFail("tmux \(arguments) ran longer than 30 s")
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Polls `condition` every 0.2 s until it is true or `seconds` pass, and returns its last value.
    func waitUntil(seconds: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }

    func testDemoOpensInboxAndQuits() throws {
        let exitFile = cli.folder.appendingPathComponent("exit-status").path
        let command =
            "'\(cli.binary.path)' --db '\(cli.databasePath)' demo --models '\(CLIRunner.examplesFolder.path)'; "
            + "echo $? > '\(exitFile)'; sleep 60"
        try tmux(["new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", command])

        var screen = ""
        let modelsShown = try waitUntil(seconds: 60) {
            screen = try tmux(["capture-pane", "-p", "-t", "demo"])
            return screen.contains("Models (6)")
        }
        XCTAssertTrue(modelsShown, "the inbox did not show the 6 demo models:\n\(screen)")
        XCTAssertTrue(screen.contains("Café supplies order"), screen)

        try tmux(["send-keys", "-t", "demo", "q"])
        let exited = waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: exitFile) }
        XCTAssertTrue(exited, "the inbox did not quit on q")
        let status = try String(contentsOfFile: exitFile, encoding: .utf8)
        XCTAssertEqual(status.trimmingCharacters(in: .whitespacesAndNewlines), "0")
    }
}

extension DemoInboxTests {
    func testDemoClockMovesOnAndIsKept() throws {
        let exitFile = cli.folder.appendingPathComponent("exit-status").path
        let command =
            "'\(cli.binary.path)' --db '\(cli.databasePath)' demo --models '\(CLIRunner.examplesFolder.path)'; "
            + "echo $? > '\(exitFile)'; sleep 60"
        try tmux(["new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", command])
        var screen = ""
        let modelsShown = try waitUntil(seconds: 60) {
            screen = try tmux(["capture-pane", "-p", "-t", "demo"])
            return screen.contains("Models (6)")
        }
        XCTAssertTrue(modelsShown, screen)

        // The nearest timer is the Shop order's payment timeout, 10 minutes after the seeding,
        // so + moves the clock by about 600 s.
        try tmux(["send-keys", "-t", "demo", "+"])
        let moved = try waitUntil(seconds: 30) {
            screen = try tmux(["capture-pane", "-p", "-t", "demo"])
            return screen.contains("Clock moved")
        }
        XCTAssertTrue(moved, screen)
        try tmux(["send-keys", "-t", "demo", "q"])
        XCTAssertTrue(waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: exitFile) })

        let started = try cli.run(["start", "Café supplies order", "--json"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let startedAt = try XCTUnwrap(isoDate(try object(object(started.json())["instance"])["startedAt"]))
        XCTAssertEqual(startedAt.timeIntervalSinceNow, 600, accuracy: 120)
    }
}

/// tmux could not be started.
struct TmuxError: Error, CustomStringConvertible {
    var description: String
}
