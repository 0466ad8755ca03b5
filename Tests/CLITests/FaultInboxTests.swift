import Foundation
import XCTest

/// The inbox in a real terminal (tmux, 80x24) on a database it may read but not write: a
/// message delivery fails with the read-only error in the status line, and the inbox keeps
/// running until the user quits.
final class FaultInboxTests: XCTestCase {
    private let socket = "bpmn-inbox-fault-\(getpid())-\(UUID().uuidString.prefix(8))"
    private var cli: CLIRunner!
    private var stress: StressDriver!
    private var tmux = "/usr/bin/tmux"

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: tmux) else {
            throw XCTSkip("tmux not found at \(tmux); install it (apt-get install tmux) to run the terminal test")
        }
        cli = try CLIRunner()
        stress = try StressDriver()
    }

    override func tearDownWithError() throws {
        _ = try? tool(tmux, ["-L", socket, "kill-server"])
        cli = nil
        stress = nil
    }

    func testReadOnlyErrorShowsInForm() throws {
        XCTAssertEqual(try tool(stress.binary.path, ["setup", "--db", cli.databasePath]), 0)
        XCTAssertEqual(try cli.run(["start", "Stress order"]).status, 0)
        var runAs = ""
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw XCTSkip("setpriv not found at /usr/bin/setpriv; install Debian's util-linux package")
            }
            // Root may write any file, so the inbox runs as the user `nobody`.
            chmod(cli.folder.path, 0o777)
            chmod(cli.databasePath, 0o644)
            runAs = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups "
        } else {
            chmod(cli.databasePath, 0o444)
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))

        let script = """
            env HOME='\(cli.folder.path)' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            \(runAs)'\(cli.binary.path)' --db '\(cli.databasePath)'; echo "INBOX-EXITED $?"; sleep 120
            """
        XCTAssertEqual(
            try tool(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "inbox", "-x", "80", "-y", "24", script]), 0)
        try waitForScreen(containing: " Tasks (2)")
        try sendKeys("m")
        try waitForScreen(containing: "Paid (1 waiting)")
        try sendKeys("C-s")
        let failed = try waitForScreen(containing: "read-only")
        try sendKeys("Escape")
        let after = try waitForScreen(containing: " Tasks (2)")
        try sendKeys("q")
        let exited = try waitForScreen(containing: "INBOX-EXITED")

        XCTAssertTrue(failed.contains("is read-only"), failed)
        XCTAssertTrue(failed.contains("nothing was changed"), failed)
        XCTAssertTrue(after.contains("Review"), after)
        XCTAssertTrue(exited.contains("INBOX-EXITED 0"), exited)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)), original)
    }

    // MARK: tmux

    private func sendKeys(_ keys: String...) throws {
        XCTAssertEqual(try tool(tmux, ["-L", socket, "send-keys", "-t", "inbox"] + keys), 0)
    }

    /// Polls the pane until it contains `text`; throws with the last screen after `timeout` seconds.
    @discardableResult
    private func waitForScreen(containing text: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            let capture = cli.folder.appendingPathComponent("screen-\(UUID().uuidString)").path
            _ = try tool(tmux, ["-L", socket, "capture-pane", "-p", "-t", "inbox"], stdout: capture)
            screen = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
            unlink(capture)
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        throw BackgroundProcessError("'\(text)' did not appear within \(Int(timeout)) s; the screen was:\n\(screen)")
    }

    /// Runs a program to its end with posix_spawn (Foundation's Process never returns after
    /// `tmux new-session`, whose server keeps the descriptors it inherited).
    @discardableResult
    private func tool(_ executable: String, _ arguments: [String], stdout: String? = nil) throws -> Int32 {
        let name = UUID().uuidString
        let process = try SpawnedProcess(
            executable, arguments, stdoutPath: stdout ?? cli.folder.appendingPathComponent("\(name).out").path,
            stderrPath: cli.folder.appendingPathComponent("\(name).err").path)
        return try process.wait(timeout: 60)
    }
}
