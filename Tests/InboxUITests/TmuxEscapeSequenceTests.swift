import Foundation
import XCTest

/// The real binary in tmux receives escape sequences that no key stands for: their bytes
/// must not run commands one by one.
final class TmuxEscapeSequenceTests: XCTestCase {
    private var harness: TmuxHarness!

    override func setUpWithError() throws {
        harness = try TmuxHarness()
    }

    override func tearDown() {
        harness?.close()
        super.tearDown()
    }

    /// Sends raw bytes, as a terminal would write them.
    private func sendBytes(_ session: String, _ text: String) throws {
        let hex = text.utf8.map { String(format: "%02x", $0) }
        _ = try harness.check(harness.run(harness.tmux, ["-L", harness.socket, "send-keys", "-t", session, "-H"] + hex), "tmux send-keys -H")
    }

    func testUnknownSequenceRunsNoCommand() throws {
        try harness.importModel("Review", source: TmuxModels.review)
        try harness.start("Review")
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: " Tasks (1)")

        try sendBytes("inbox", "\u{1B}[99~")
        try sendBytes("inbox", "\u{1B}[<0;20;14M")
        try harness.sendKeys("inbox", "?")
        let screen = try harness.waitForScreen("inbox", containing: "Keys")

        XCTAssertFalse(screen.contains("Tasks: "), "a '[' of the sequence switched the task view:\n\(screen)")
        XCTAssertFalse(screen.contains("Recent messages"), "an 'M' of the sequence opened the messages:\n\(screen)")
        XCTAssertFalse(screen.contains("Send a message"), "an 'm' of the sequence opened the message form:\n\(screen)")
    }
}
