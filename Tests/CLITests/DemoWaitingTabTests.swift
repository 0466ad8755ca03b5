import Foundation
import XCTest

/// The demo inbox in a real terminal (tmux) shows what a Shop order waits for in the instance's
/// Waiting tab, and `+` moves the demo clock to its payment timer, which then fires.
extension DemoInboxTests {
    /// Seeds the demo, opens its inbox at 100x30 as ana and opens the newest Shop order's
    /// Waiting tab. Returns the screen.
    private func openShopOrderWaitingTab() throws -> String {
        let seeded = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let command =
            "env TERM=xterm-256color LANG=C.UTF-8 '\(cli.binary.path)' --db '\(cli.databasePath)' --user ana; sleep 60"
        try tmux(["new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", command])
        try waitForScreen(containing: "Models (6)")

        // Shift-Tab moves from the Tasks pane to the Instances pane.
        try tmux(["send-keys", "-t", "demo", "BTab", "/"])
        try tmux(["send-keys", "-t", "demo", "-l", "Shop order"])
        try tmux(["send-keys", "-t", "demo", "Enter", "Enter", "5"])
        return try waitForScreen(containing: "Signals (1)")
    }

    /// Polls the screen until it contains `text`, and returns it.
    @discardableResult
    private func waitForScreen(containing text: String) throws -> String {
        var screen = ""
        let appeared = try waitUntil(seconds: 60) {
            screen = try tmux(["capture-pane", "-p", "-t", "demo"])
            return screen.contains(text)
        }
        XCTAssertTrue(appeared, "'\(text)' did not appear; the screen was:\n\(screen)")
        return screen
    }

    func testWaitingTabShowsShopOrderTimer() throws {
        let screen = try openShopOrderWaitingTab()

        XCTAssertTrue(screen.contains("Timers (1)"), screen)
        XCTAssertTrue(screen.contains("10 minutes unpaid"), screen)
    }

    func testWaitingTabShowsShopOrderMessage() throws {
        let screen = try openShopOrderWaitingTab()

        XCTAssertTrue(screen.contains("Messages (1)"), screen)
        XCTAssertTrue(screen.contains("message 'payment-received'"), screen)
    }

    func testWaitingTabShowsShopOrderSignal() throws {
        let screen = try openShopOrderWaitingTab()

        XCTAssertTrue(screen.contains("signal 'stock-recount'"), screen)
    }

    func testPlusFiresShopOrderPaymentTimer() throws {
        try openShopOrderWaitingTab()

        try tmux(["send-keys", "-t", "demo", "+"])
        let screen = try waitForScreen(containing: "Cancel with the customer")

        XCTAssertTrue(screen.contains("Clock moved"), screen)
        XCTAssertFalse(screen.contains("Timers (1)"), screen)
    }
}
