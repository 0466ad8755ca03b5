import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The instance detail of real instances: scopes, iterations, call links and the lines
/// Enter follows.
final class InstanceDetailEndToEndTests: XCTestCase {
    private func detailLines(_ inbox: InboxDriver) -> [String] {
        inbox.app.controller.detailPage().lines.map(\.text)
    }

    func testDetailNestsSubProcessItems() throws {
        let inbox = try InboxDriver(models: [("Scopes", EventModels.scopes)])
        let started = try inbox.engine.start("Scopes", data: ["departments": ["HR", "IT"]])
        inbox.selectInstance(started.id)

        let lines = detailLines(inbox)

        let review = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  Review ") }, "\(lines)")
        XCTAssertTrue(lines[review + 1].hasPrefix("    reviewStart "), "\(lines)")
        let check = try XCTUnwrap(lines.first { $0.hasPrefix("    Check ") }, "\(lines)")
        XCTAssertTrue(check.hasSuffix("wait"), check)
    }

    func testDetailShowsIterationsUnderTheirOwner() throws {
        let inbox = try InboxDriver(models: [("Scopes", EventModels.scopes)])
        let started = try inbox.engine.start("Scopes", data: ["departments": ["HR", "IT"]])
        inbox.selectInstance(started.id)

        let lines = detailLines(inbox)

        let owner = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  Vote ×2 ") }, "\(lines)")
        XCTAssertTrue(lines[owner + 1].hasPrefix("    Vote [HR] "), "\(lines)")
        XCTAssertTrue(lines[owner + 2].hasPrefix("    Vote [IT] "), "\(lines)")
    }

    func testTasksPaneShowsIterationKey() throws {
        let inbox = try InboxDriver(models: [("Scopes", EventModels.scopes)])
        _ = try inbox.engine.start("Scopes", data: ["departments": ["HR", "IT"]])
        inbox.app.controller.refresh()

        let tasks = try inbox.paneText(.tasks)

        XCTAssertTrue(tasks.contains(" Vote [HR] "), tasks)
        XCTAssertTrue(tasks.contains(" Vote [IT] "), tasks)
    }

    func testDetailCursorScrollsToLastLine() throws {
        let inbox = try InboxDriver(models: [("Scopes", EventModels.scopes)])
        let started = try inbox.engine.start("Scopes", data: ["departments": ["HR", "IT"]])
        inbox.selectInstance(started.id)
        let lineCount = detailLines(inbox).count
        let height = inbox.state.layout.contentHeight(.detail)
        XCTAssertGreaterThan(lineCount, height)

        inbox.press(.character("G"))

        XCTAssertEqual(inbox.state.detailCursor, lineCount - 1)
        XCTAssertEqual(inbox.state.detailScroll, lineCount - height)
        inbox.press(.character("g"))
        XCTAssertEqual(inbox.state.detailCursor, 0)
        XCTAssertEqual(inbox.state.detailScroll, 0)
    }

    func testDetailLinksCallActivityToChild() throws {
        let inbox = try InboxDriver(models: [("Order", EventModels.order), ("Billing", EventModels.billing)])
        let parent = try inbox.engine.start("Order")
        let child = try XCTUnwrap(try inbox.engine.findInstances(["name": "Billing"]).first)
        inbox.selectInstance(parent.id)

        let lines = detailLines(inbox)

        XCTAssertTrue(lines.contains("    → Billing \(PaneRows.shortID(child.id)) running"), "\(lines)")
    }

    func testEnterOnChildLineSelectsChild() throws {
        let inbox = try InboxDriver(models: [("Order", EventModels.order), ("Billing", EventModels.billing)])
        let parent = try inbox.engine.start("Order")
        let child = try XCTUnwrap(try inbox.engine.findInstances(["name": "Billing"]).first)
        inbox.selectInstance(parent.id)

        try inbox.moveDetailCursor(to: "→ Billing")
        inbox.press(.enter)

        XCTAssertEqual(inbox.state.selectedInstance?.id, child.id)
        XCTAssertEqual(inbox.state.detailInstance?.instance.id, child.id)
        XCTAssertEqual(inbox.state.focus, .detail)
    }

    func testChildDetailLinksBackToParent() throws {
        let inbox = try InboxDriver(models: [("Order", EventModels.order), ("Billing", EventModels.billing)])
        let parent = try inbox.engine.start("Order")
        let child = try XCTUnwrap(try inbox.engine.findInstances(["name": "Billing"]).first)
        inbox.selectInstance(child.id)

        let lines = detailLines(inbox)
        let calledBy = try XCTUnwrap(lines.first { $0.hasPrefix("Called by") }, "\(lines)")
        XCTAssertTrue(calledBy.contains("Order \(PaneRows.shortID(parent.id))"), calledBy)

        try inbox.moveDetailCursor(to: "Called by")
        inbox.press(.enter)

        XCTAssertEqual(inbox.state.detailInstance?.instance.id, parent.id)
    }

    func testEnterOnMessageOpensForm() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        let started = try inbox.engine.start("Payment")
        inbox.selectInstance(started.id)
        XCTAssertTrue(detailLines(inbox).contains { $0.contains("message 'payment'") }, "\(detailLines(inbox))")

        try inbox.moveDetailCursor(to: "message 'payment'")
        inbox.press(.enter)

        XCTAssertEqual(inbox.state.form?.purpose, .message)
        inbox.press(.control("s"))
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["ship"])
    }

    func testDetailShowsTimerRelativeTime() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        let started = try inbox.engine.start("Reminder")
        inbox.selectInstance(started.id)

        let lines = detailLines(inbox)

        let name = try XCTUnwrap(lines.firstIndex { $0 == "  Wait an hour" }, "\(lines)")
        XCTAssertTrue(lines[name + 1].hasPrefix("    timer "), "\(lines)")
        XCTAssertTrue(lines[name + 1].contains(" (in 59m"), "\(lines)")
    }

    func testDetailShowsIncidentInErrorRole() throws {
        let inbox = try InboxDriver(models: [("Charge", EventModels.charge)])
        let started = try inbox.engine.start("Charge")
        for _ in 0..<4 {
            inbox.clock.advance(by: 400)
            _ = try inbox.engine.fireDueTimers()
        }
        inbox.selectInstance(started.id)

        let page = inbox.app.controller.detailPage()
        let index = try XCTUnwrap(page.lines.firstIndex { $0.text.hasPrefix("  ✗ Wait a minute: ") }, "\(page.lines.map(\.text))")

        XCTAssertEqual(page.lines[index].spans.first?.role, .error)
        guard case .failedItem(let item) = page.targets[index] else { return XCTFail("the incident line has no retry target") }
        XCTAssertEqual(item.elementId, "waitMinute")
    }
}
