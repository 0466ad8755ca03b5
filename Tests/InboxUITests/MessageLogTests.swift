import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Long errors over two rows, the recent-messages log (`M`, `:messages`) and short ids in
/// messages, on a real engine and SQLite file.
final class MessageLogTests: XCTestCase {
    /// Creates one Review task claimed by bob, so alice's claim is rejected with a long reason.
    private func taskClaimedByBob() throws -> (InboxDriver, TaskSummary) {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        let task = try XCTUnwrap(driver.state.tasks.first)
        _ = try driver.engine.claim(
            ["id": .string(task.item.instanceId), "items.id": .string(task.item.id)], user: UserContext(name: "bob"))
        driver.app.controller.refresh()
        return (driver, task)
    }

    func testLongRefusalWrapsOverTwoRows() throws {
        let (driver, _) = try taskClaimedByBob()

        driver.press(.character("c"))

        let rows = driver.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let messageRow = driver.state.layout.messageRow
        XCTAssertTrue(rows[messageRow - 1].hasPrefix(" alice may not claim Review"), rows[messageRow - 1])
        XCTAssertTrue(rows[messageRow].contains("or an admin"), rows[messageRow])
        XCTAssertNil(driver.state.dialog)
    }

    func testMessageBeyondTwoRowsPointsToLog() {
        let text = String(repeating: "word ", count: 60)

        let rows = InboxRenderer.messageRows(text, width: 80, hasRowAbove: true)

        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[1].hasSuffix("(M: whole message)"), rows[1])
    }

    func testRefusalShowsShortItemId() throws {
        let (driver, task) = try taskClaimedByBob()

        driver.press(.character("c"))

        XCTAssertFalse(driver.messageText.contains(task.item.id), driver.messageText)
        XCTAssertTrue(driver.messageText.contains("(item \(PaneRows.shortID(task.item.id)))"), driver.messageText)
    }

    func testShortMessageOpensNoDialog() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])

        driver.press(.character("r"))

        XCTAssertEqual(driver.messageText, "Refreshed.")
        XCTAssertNil(driver.state.dialog)
    }

    func testMessagesKeyListsNewestFirst() throws {
        let (driver, _) = try taskClaimedByBob()
        driver.press(.character("r"), .character("c"))

        driver.press(.character("M"))

        let dialog = try XCTUnwrap(driver.state.dialog)
        XCTAssertEqual(dialog.title, "Recent messages")
        XCTAssertTrue(dialog.paragraphs.first?.contains(" error: alice may not claim") ?? false, "\(dialog.paragraphs)")
        XCTAssertTrue(dialog.paragraphs.contains { $0.hasSuffix(": Refreshed.") }, "\(dialog.paragraphs)")
    }

    func testMessagesCommandOpensLog() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        driver.press(.character("r"))

        driver.press(.character(":"))
        driver.type("messages")
        driver.press(.enter)

        XCTAssertEqual(driver.state.dialog?.title, "Recent messages")
    }

    func testDialogScrollsWithJ() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        let long = (1...40).map { "Line \($0) of a long text." }.joined(separator: "\n")
        driver.app.controller.showDialog(title: "Long", paragraphs: [long])

        driver.press(.character("j"), .character("j"))

        XCTAssertEqual(driver.state.dialog?.scroll, 2)
        let screen = driver.render()
        XCTAssertTrue(screen.contains("Line 3 of"), screen)
        XCTAssertFalse(screen.contains("Line 2 of"), screen)
    }

    func testLogKeepsCapacityNewest() {
        var log = MessageLog()
        for number in 1...(MessageLog.capacity + 5) {
            log.append(StatusMessage(text: "message \(number)", kind: .info), at: Date())
        }

        XCTAssertEqual(log.entries.count, MessageLog.capacity)
        XCTAssertEqual(log.entries.first?.message.text, "message 6")
    }

    func testShortenedIdsCutsEveryUUID() {
        let text = "item 3f2a9c1e-0b7d-4c55-9a1e-2b3c4d5e6f70 of instance aaf4e0d2-1111-2222-3333-444455556666 failed"

        XCTAssertEqual(MessageText.shortenedIDs(text), "item 3f2a9c of instance aaf4e0 failed")
    }
}
