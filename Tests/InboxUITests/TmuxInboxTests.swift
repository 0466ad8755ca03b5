import Foundation
import XCTest

/// Runs the real `bpmn-inbox` binary in a tmux session of 80x24: works the Buy Used Car
/// task through its form, sends a message from the message form, and cancels a form with
/// Ctrl-C and with SIGINT.
final class TmuxInboxTests: XCTestCase {
    private let session = "inbox"
    private var harness: TmuxHarness!

    override func setUpWithError() throws {
        harness = try TmuxHarness()
    }

    override func tearDownWithError() throws {
        harness?.close()
    }

    func testCompletingBuyInTerminalShowsCleanAndRepair() throws {
        try openInbox(withBuyUsedCarNamed: ["Buy Used Car"])

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
        try openInbox(withBuyUsedCarNamed: ["Buy Used Car", "中古車の購入"])

        try sendKeys("/", "中古")
        let screen = try waitForScreen(containing: " Tasks (1/2) /中古")

        XCTAssertTrue(screen.contains("中古車の"), screen)
        try sendKeys("Escape", "q")
        try assertTerminalRestored()
    }

    func testSigtermRestoresTerminal() throws {
        try openInbox(withBuyUsedCarNamed: ["Buy Used Car"])

        XCTAssertEqual(kill(try inboxProcessID(), SIGTERM), 0)

        try assertTerminalRestored()
    }

    func testControlCKeyCancelsFormThenQuits() throws {
        try openBuyForm()

        try sendKeys("C-c")
        let screen = try waitForScreen(containing: "Cancelled.")

        XCTAssertFalse(screen.contains("┌─ Complete Buy"), screen)
        XCTAssertTrue(screen.contains(" Tasks (1)"), screen)
        try sendKeys("C-c")
        try assertTerminalRestored()
    }

    func testSigintCancelsFormThenQuits() throws {
        try openBuyForm()
        let inbox = try inboxProcessID()

        XCTAssertEqual(kill(inbox, SIGINT), 0)
        let screen = try waitForScreen(containing: "Cancelled.")

        XCTAssertFalse(screen.contains("┌─ Complete Buy"), screen)
        XCTAssertEqual(kill(inbox, SIGINT), 0)
        try assertTerminalRestored()
    }

    func testMessageFormDeliversInTerminal() throws {
        try harness.importModel("Payment", source: EventModels.payment)
        try harness.check(harness.cli(["start", "Payment", "--data", #"{"orderId":"A-1"}"#]), "start")
        try openSession(waitingForTasks: 0)

        try sendKeys("m")
        try waitForScreen(containing: "< payment (1 waiting) >")
        try sendKeys("C-s")
        let screen = try waitForScreen(containing: "Message 'payment' reached Payment")

        XCTAssertTrue(screen.contains(" Tasks (1)"), screen)
        XCTAssertTrue(screen.contains(" Ship "), screen)

        try sendKeys("q")
        try assertTerminalRestored()
    }

    // MARK: Steps

    /// Imports the corpus Buy Used Car model under each name, starts one instance of each,
    /// then opens the inbox and waits for one task per instance.
    /// - Throws: `XCTSkip` when the corpus is missing.
    private func openInbox(withBuyUsedCarNamed models: [String]) throws {
        let model = TestSupport.corpus.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn")
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw XCTSkip("corpus not found at \(model.path)")
        }
        let source = try String(contentsOf: model, encoding: .utf8)

        for (index, name) in models.enumerated() {
            try harness.importModel(name, source: source)
            try harness.check(harness.cli(["start", name, "--data", "{\"caseId\":\(index + 1)}"]), "start")
        }

        try openSession(waitingForTasks: models.count)
    }

    /// Opens the inbox on one Buy Used Car instance and its Complete Buy form.
    private func openBuyForm() throws {
        try openInbox(withBuyUsedCarNamed: ["Buy Used Car"])
        try sendKeys("Enter")
        try waitForScreen(containing: "┌─ Complete Buy")
    }

    /// Opens the inbox without `--user` and waits for the task pane title ` Tasks (count)`.
    private func openSession(waitingForTasks count: Int) throws {
        try harness.openInbox(session: session, user: nil, reportingTerminalModes: true)
        try waitForScreen(containing: " Tasks (\(count))")
    }

    /// Returns the process id of the inbox running in the tmux pane's shell.
    private func inboxProcessID() throws -> pid_t {
        let shell = try harness.display(session, "#{pane_pid}")
        let found = try harness.run("/usr/bin/pgrep", ["-P", shell, "-x", "bpmn-inbox"]).output
        return try XCTUnwrap(pid_t(found.trimmingCharacters(in: .whitespacesAndNewlines)), "no bpmn-inbox under shell \(shell)")
    }

    /// Waits for the inbox to end and checks that the shell after it runs with the
    /// terminal's normal modes on the normal screen.
    private func assertTerminalRestored() throws {
        // The MODE line comes last, so waiting for it reads the whole output.
        let after = try waitForScreen(containing: "MODE ")
        XCTAssertTrue(after.contains("INBOX-EXITED 0"), after)
        XCTAssertFalse(after.contains(" Tasks ("), after)
        XCTAssertTrue(after.contains("MODE icanon echo"), "terminal modes not restored: \(after)")
        XCTAssertEqual(try harness.display(session, "#{alternate_on}"), "0")
    }

    private func sendKeys(_ keys: String...) throws {
        try harness.sendKeys(session, keys)
    }

    @discardableResult
    private func waitForScreen(containing text: String) throws -> String {
        try harness.waitForScreen(session, containing: text)
    }
}
