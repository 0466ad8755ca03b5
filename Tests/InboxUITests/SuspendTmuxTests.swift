import Foundation
import XCTest

/// The real binary started from an interactive bash (job control on) in a tmux pane. Ctrl-Z
/// and `kill -TSTP` stop it with the terminal restored for the shell. `fg` brings it back,
/// drawn at the terminal's current size and still reading keys.
final class SuspendTmuxTests: XCTestCase {
    /// The shell prompt, "SHELL-READY> "; captures drop its trailing space.
    private static let prompt = "SHELL-READY>"
    private var harness: TmuxHarness!

    override func setUpWithError() throws {
        harness = try TmuxHarness()
        try harness.importModel("Review", source: TmuxModels.review)
        try harness.start("Review", data: "{\"caseId\": 1}")
    }

    override func tearDown() {
        harness?.close()
        super.tearDown()
    }

    /// Opens bash with job control in a new tmux session and runs the inbox as its job.
    private func openInboxFromShell(session: String) throws {
        let shell = "env PS1='\(Self.prompt) ' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 bash --norc --noprofile -i"
        try harness.check(
            harness.run(
                harness.tmux,
                ["-L", harness.socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", shell]),
            "tmux new-session")
        try harness.waitForScreen(session, containing: Self.prompt)

        try harness.type(session, "'\(harness.binary)' --db '\(harness.database)' --user alice")
        try harness.sendKeys(session, "Enter")
        try harness.waitForScreen(session, containing: " Tasks (1)")
    }

    /// Waits until the last non-empty line of the screen is the shell prompt.
    @discardableResult
    private func waitForPrompt(_ session: String) throws -> String {
        try harness.waitForScreen(session, description: "the shell prompt on the last line") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last { !$0.isEmpty } == Self.prompt
        }
    }

    func testControlZShowsShellPromptWithJobStopped() throws {
        try openInboxFromShell(session: "s")

        try harness.sendKeys("s", "C-z")
        let screen = try waitForPrompt("s")

        XCTAssertTrue(screen.contains("Stopped"), screen)
        XCTAssertFalse(screen.contains(" Tasks (1)"), screen)
    }

    func testShellEchoesTypingWhileInboxIsSuspended() throws {
        try openInboxFromShell(session: "s")
        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")

        try harness.type("s", "echo typed-$((6 * 7))")
        try harness.sendKeys("s", "Enter")

        // The command line shows as typed (echo is on) and the shell ran it (cooked mode).
        let screen = try harness.waitForScreen("s", containing: "typed-42")
        XCTAssertTrue(screen.contains("echo typed-$((6 * 7))"), screen)
    }

    func testForegroundRedrawsInboxAndKeysWork() throws {
        try openInboxFromShell(session: "s")
        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")

        try harness.type("s", "fg")
        try harness.sendKeys("s", "Enter")
        let screen = try harness.waitForScreen("s", containing: " Tasks (1)")

        XCTAssertFalse(screen.contains(Self.prompt), screen)
        try harness.sendKeys("s", "Enter")
        try harness.waitForScreen("s", containing: "Approved")
        try harness.sendKeys("s", "Escape", "q")
        try waitForPrompt("s")
    }

    func testForegroundRedrawsAtSizeChangedWhileStopped() throws {
        try openInboxFromShell(session: "s")
        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")

        try harness.check(
            harness.run(harness.tmux, ["-L", harness.socket, "resize-window", "-t", "s", "-x", "110", "-y", "30"]),
            "tmux resize-window")
        try harness.type("s", "fg")
        try harness.sendKeys("s", "Enter")

        // At 80 columns no line is wider than 80, so a wider line shows the new size is used.
        let screen = try harness.waitForScreen("s", description: "the inbox drawn wider than 80 columns") { screen in
            screen.contains(" Tasks (1)") && screen.split(separator: "\n").contains { $0.count > 80 }
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.count >= 30, "expected 30 rows, got \(lines.count):\n\(screen)")
        XCTAssertTrue(lines.prefix(30).last?.contains("alice") ?? false, "status bar not on row 30:\n\(screen)")
    }

    func testKillTSTPSuspendsLikeControlZ() throws {
        try openInboxFromShell(session: "s")
        let inbox = try inboxProcessID(session: "s")

        XCTAssertEqual(kill(inbox, SIGTSTP), 0)
        let screen = try waitForPrompt("s")

        XCTAssertTrue(screen.contains("Stopped"), screen)
        XCTAssertEqual(try processState(inbox), "T")
        try harness.type("s", "fg")
        try harness.sendKeys("s", "Enter")
        try harness.waitForScreen("s", containing: " Tasks (1)")
    }

    func testControlZInFormKeepsFormAfterForeground() throws {
        try openInboxFromShell(session: "s")
        try harness.sendKeys("s", "Enter")
        try harness.waitForScreen("s", containing: "Approved")

        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")
        try harness.type("s", "fg")
        try harness.sendKeys("s", "Enter")
        try harness.waitForScreen("s", containing: "Approved")

        try harness.sendKeys("s", "Space", "C-s")
        let screen = try harness.waitForScreen("s", containing: " Tasks (0)")
        XCTAssertFalse(screen.contains("Approved"), screen)
    }

    /// Returns the pane's terminal modes as tmux tracks them: mouse reporting, alternate screen,
    /// keypad mode and cursor visibility.
    private func terminalModes(_ session: String) throws -> String {
        try harness.display(
            session, "mouse=#{mouse_any_flag} alternate=#{alternate_on} keypad=#{keypad_flag} cursor=#{cursor_flag}")
    }

    func testSuspendRestoresTerminalModes() throws {
        try openInboxFromShell(session: "s")
        XCTAssertEqual(try terminalModes("s"), "mouse=1 alternate=1 keypad=1 cursor=0")

        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")

        XCTAssertEqual(try terminalModes("s"), "mouse=0 alternate=0 keypad=0 cursor=1")
    }

    func testForegroundEnablesTerminalModesAgain() throws {
        try openInboxFromShell(session: "s")
        try harness.sendKeys("s", "C-z")
        try waitForPrompt("s")

        try harness.type("s", "fg")
        try harness.sendKeys("s", "Enter")
        try harness.waitForScreen("s", containing: " Tasks (1)")

        XCTAssertEqual(try terminalModes("s"), "mouse=1 alternate=1 keypad=1 cursor=0")
    }

    func testControlZWithoutJobControlExplainsAndKeepsRunning() throws {
        // The harness runs the inbox as the pane's command, through a non-interactive
        // `$SHELL -c` without job control, so nothing could continue a stopped inbox.
        try harness.openInbox(session: "plain")
        try harness.waitForScreen("plain", containing: " Tasks (1)")

        try harness.sendKeys("plain", "C-z")
        try harness.waitForScreen("plain", containing: "Ctrl-Z cannot suspend the inbox")

        // Esc closes the error if it is shown as a dialog; in the panes it only clears the filter.
        try harness.sendKeys("plain", "Escape")
        try harness.waitForScreen("plain", containing: " Tasks (1)")
        try harness.sendKeys("plain", "Enter")
        try harness.waitForScreen("plain", containing: "Approved")
    }

    func testControlZWithoutJobControlLeavesProcessRunning() throws {
        try harness.openInbox(session: "plain")
        try harness.waitForScreen("plain", containing: " Tasks (1)")
        let inbox = try inboxProcessID(session: "plain")

        try harness.sendKeys("plain", "C-z")
        try harness.waitForScreen("plain", containing: "Ctrl-Z cannot suspend the inbox")

        XCTAssertFalse(try processState(inbox) == "T", "the inbox process is stopped")
    }

    /// Returns the state letter of a process from `/proc/PID/stat` (`T` when stopped).
    private func processState(_ pid: pid_t) throws -> String {
        let line = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let nameEnd = try XCTUnwrap(line.lastIndex(of: ")"))
        return String(line[line.index(after: nameEnd)...].split(separator: " ").first ?? "")
    }

    /// Returns the process id of the inbox: the child of the pane's shell.
    private func inboxProcessID(session: String) throws -> pid_t {
        let shell = try harness.display(session, "#{pane_pid}")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let pid = try XCTUnwrap(children.split(separator: " ").first.flatMap { pid_t($0) }, "shell \(shell) has no child")
        return pid
    }
}
