import Foundation
import WorkflowEngine
import XCTest

/// What waits for events, as the inbox and the timers command list it.
final class WaitingEventTests: XCTestCase {
    func testWaitingEventsListsTimersAndMessages() throws {
        let harness = try EngineHarness()
        try harness.importFixture("12-event-gateway-loser-withdrawn.bpmn", as: "race")
        XCTAssertNil(try harness.engine.nextTimerDue())
        _ = try harness.engine.start("race")

        let waiting = try harness.engine.waitingEvents()

        XCTAssertEqual(Set(waiting.map(\.elementId)), ["CatchReply", "WaitTimeout"])
        XCTAssertEqual(waiting.first { $0.elementId == "CatchReply" }?.messageId, "reply")
        XCTAssertEqual(try harness.engine.nextTimerDue(), harness.clock.now().addingTimeInterval(5))
        XCTAssertEqual(try harness.engine.eventNames().messages, ["reply"])
    }

    func testAdjustableClockMovesForward() {
        let clock = AdjustableClock()
        let before = clock.now()

        clock.advance(by: 3600)

        XCTAssertGreaterThanOrEqual(clock.now().timeIntervalSince(before), 3600)
        XCTAssertEqual(clock.currentOffset, 3600)
    }
}
