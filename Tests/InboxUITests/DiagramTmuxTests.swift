import Foundation
import XCTest

/// The real binary in tmux: `d` opens the diagram of a running instance.
final class DiagramTmuxTests: XCTestCase {
    private var harness: TmuxHarness!

    override func setUpWithError() throws {
        harness = try TmuxHarness()
    }

    override func tearDown() {
        harness?.close()
        super.tearDown()
    }

    func testDOpensDiagramOfRunningInstance() throws {
        try harness.importModel("Expense approval", source: try DiagramViewTests.exampleSource("Expense approval"))
        try harness.start("Expense approval", data: "{\"requester\": \"alice\"}")
        try harness.openInbox(session: "inbox", columns: 120, rows: 40)
        try harness.waitForScreen("inbox", containing: "Submit expense")

        try harness.sendKeys("inbox", "d")
        let screen = try harness.waitForScreen("inbox", containing: "● waiting 1")

        XCTAssertTrue(screen.contains("Expense approval v1 · instance"), screen)
        XCTAssertTrue(screen.contains("<X>"), screen)
        XCTAssertTrue(screen.contains("●╮"), "the waiting task is not marked:\n\(screen)")

        try harness.sendKeys("inbox", "q")
        try harness.waitForScreen("inbox", containing: "Tasks")
    }

    func testTourStepsWithSpaceAndQuits() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples").path
        try harness.openInbox(
            session: "tour", options: ["demo", "--tour", "Expense approval", "--models", examples], columns: 120, rows: 40)
        try harness.waitForScreen("tour", containing: "alice started 'Expense approval'")

        try harness.sendKeys("tour", "Space")
        let screen = try harness.waitForScreen("tour", containing: "alice completed 'Submit expense'")

        XCTAssertTrue(screen.contains("Tour: Expense approval"), screen)
        XCTAssertTrue(screen.contains("━"), "the taken flows are not drawn heavy:\n\(screen)")

        try harness.sendKeys("tour", "Space")
        try harness.waitForScreen("tour", containing: "The instance ended.")
        try harness.sendKeys("tour", "q")
        try harness.waitForScreen("tour", containing: "INBOX-EXITED 0")
    }
}
