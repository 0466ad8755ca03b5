import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// `ChangeFeed` reports every call committed between two polls, in commit order.
final class ChangeFeedOrderTests: XCTestCase {
    private func otherEngine(_ harness: EngineHarness) throws -> WorkflowEngine {
        WorkflowEngine(store: try SQLiteStore(path: harness.path), clock: harness.clock)
    }

    private func lines(_ events: [ChangeEvent]) -> [String] {
        events.map { "\($0.event) \($0.elementId ?? "-")" }
    }

    func testStartThenInvokeBetweenPollsReportsWaiting() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        let started = try other.start("approval")
        harness.clock.advance(seconds: 0.027)
        _ = try other.invoke(["id": .string(started.id), "items.elementId": "Approve"], user: .system)
        let events = try feed.poll()

        XCTAssertEqual(
            lines(events),
            [
                "instance.started Start", "item.completed Start", "item.waiting Approve",
                "item.completed Approve", "item.completed End", "instance.ended -",
            ])
    }

    func testInstanceEndedComesAfterItsItems() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let started = try harness.engine.start("approval")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        harness.clock.advance(seconds: 0.001)
        _ = try other.invoke(["id": .string(started.id), "items.elementId": "Approve"], user: .system)
        let events = try feed.poll()

        XCTAssertEqual(lines(events), ["item.completed Approve", "item.completed End", "instance.ended -"])
    }

    func testCallsOfTwoInstancesKeepCommitOrder() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        let first = try other.start("approval")
        harness.clock.advance(seconds: 0.01)
        let second = try other.start("approval")
        harness.clock.advance(seconds: 0.01)
        _ = try other.invoke(["id": .string(first.id), "items.elementId": "Approve"], user: .system)
        let events = try feed.poll()

        let order = events.map { "\($0.instanceId == first.id ? "first" : "second") \($0.event) \($0.elementId ?? "-")" }
        XCTAssertEqual(
            order,
            [
                "first instance.started Start", "first item.completed Start", "first item.waiting Approve",
                "second instance.started Start", "second item.completed Start", "second item.waiting Approve",
                "first item.completed Approve", "first item.completed End", "first instance.ended -",
            ])
        XCTAssertNotEqual(first.id, second.id)
    }

    func testWaitingIsReportedOnceAcrossPolls() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        let started = try other.start("approval")
        let first = try feed.poll()
        harness.clock.advance(seconds: 1)
        _ = try other.invoke(["id": .string(started.id), "items.elementId": "Approve"], user: .system)
        let second = try feed.poll()

        XCTAssertEqual(first.filter { $0.event == "item.waiting" }.count, 1, "\(first)")
        XCTAssertFalse(second.contains { $0.event == "item.waiting" }, "\(second)")
        XCTAssertEqual(lines(second), ["item.completed Approve", "item.completed End", "instance.ended -"])
    }
}
