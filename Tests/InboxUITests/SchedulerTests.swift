import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The work between keys: due timers, commits of other processes and the demo clock, against
/// a real SQLite file and engine.
final class SchedulerTests: XCTestCase {
    func testTickFiresDueTimerWithoutKeyPress() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        let started = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()
        XCTAssertTrue(inbox.state.tasks.isEmpty)
        inbox.clock.advance(by: 3601)

        let changed = inbox.app.tick()

        XCTAssertTrue(changed)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
        XCTAssertEqual(inbox.messageText, "Timer fired: Wait an hour (Reminder \(PaneRows.shortID(started.id)))")
        XCTAssertTrue(try inbox.paneText(.tasks).contains(" Follow up"))
    }

    func testTickLeavesTimerThatIsNotDue() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()
        inbox.clock.advance(by: 3000)

        inbox.app.tick()

        XCTAssertTrue(inbox.state.tasks.isEmpty)
        XCTAssertEqual(try inbox.engine.waitingEvents().map(\.elementId), ["waitHour"])
    }

    func testTickThrottlesTimerChecks() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        let now = Date()
        inbox.app.tick(now: now)
        inbox.clock.advance(by: 3601)

        inbox.app.tick(now: now.addingTimeInterval(0.1))
        XCTAssertEqual(try inbox.engine.waitingEvents().map(\.elementId), ["waitHour"])

        inbox.app.tick(now: now.addingTimeInterval(0.3))
        XCTAssertTrue(try inbox.engine.waitingEvents().isEmpty)
    }

    func testTickFiresTimerWhileFormIsOpen() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.press(.backTab, .backTab, .enter)
        XCTAssertNotNil(inbox.state.form)
        inbox.clock.advance(by: 3601)

        inbox.app.tick()

        XCTAssertNotNil(inbox.state.form)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
    }

    func testTickReportsFailedTimerFiring() throws {
        let inbox = try InboxDriver(models: [("Charge", EventModels.charge)])
        _ = try inbox.engine.start("Charge")
        inbox.clock.advance(by: 61)

        inbox.app.tick()

        XCTAssertEqual(inbox.state.message?.kind, .error)
        XCTAssertTrue(inbox.messageText.hasPrefix("Timer Wait a minute in Charge "), inbox.messageText)
        XCTAssertTrue(inbox.messageText.contains("failed (attempt 1): script of 'chargeCard' failed"), inbox.messageText)
        XCTAssertTrue(inbox.messageText.contains("next try at"), inbox.messageText)
    }

    func testTickReportsIncidentAfterLastRetry() throws {
        let inbox = try InboxDriver(models: [("Charge", EventModels.charge)])
        _ = try inbox.engine.start("Charge")
        var now = Date()
        for _ in 0..<4 {
            inbox.clock.advance(by: 400)
            now = now.addingTimeInterval(1)
            inbox.app.tick(now: now)
        }

        XCTAssertTrue(inbox.messageText.contains("failed 4 times and is now an incident"), inbox.messageText)
        XCTAssertTrue(inbox.messageText.hasSuffix("select the instance and press R to retry"), inbox.messageText)
    }

    func testTickReportsEveryFiredTimer() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.clock.advance(by: 600)
        _ = try inbox.engine.start("Reminder")
        inbox.clock.advance(by: 3601)

        inbox.app.tick()

        XCTAssertTrue(inbox.messageText.hasPrefix("2 timers fired: Wait an hour (Reminder "), inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.count, 2)
    }

    func testTickFiresTimerStartEvent() throws {
        let inbox = try InboxDriver(models: [("Ticker", EventModels.ticker)])
        inbox.clock.advance(by: 61)

        inbox.app.tick()

        let started = try XCTUnwrap(inbox.state.instances.first)
        XCTAssertEqual(inbox.messageText, "started by a timer: Ticker \(PaneRows.shortID(started.id))")
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["look"])
    }

    // MARK: Other processes

    func testTickRefreshesWhenAnotherProcessCommits() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        let ownStore = try SQLiteStore(path: inbox.path)
        inbox.app.dataVersion = { try? ownStore.dataVersion() }
        inbox.app.controller.autoRefreshInterval = 3600
        let now = Date()
        inbox.app.tick(now: now)

        let other = WorkflowEngine(store: try SQLiteStore(path: inbox.path))
        _ = try other.start("Payment")
        inbox.app.tick(now: now.addingTimeInterval(1))

        XCTAssertEqual(inbox.state.instances.count, 1)
    }

    func testTickWithoutDataVersionWaits() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        inbox.app.controller.autoRefreshInterval = 3600
        let now = Date()
        inbox.app.tick(now: now)

        let other = WorkflowEngine(store: try SQLiteStore(path: inbox.path))
        _ = try other.start("Payment")
        inbox.app.tick(now: now.addingTimeInterval(1))

        XCTAssertTrue(inbox.state.instances.isEmpty)
    }

    // MARK: Demo clock

    func testPlusKeyFiresNextTimer() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()

        inbox.press(.character("+"))

        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
        XCTAssertTrue(inbox.messageText.hasPrefix("Clock moved 1h00m to the next timer, now +1h00m. Timer fired: "), inbox.messageText)
        XCTAssertGreaterThanOrEqual(inbox.clock.currentOffset, 3600)
        XCTAssertLessThan(inbox.clock.currentOffset, 3602)
    }

    func testPlusKeyWithoutTimerAddsHour() throws {
        let inbox = try InboxDriver(models: [])

        inbox.press(.character("+"))

        XCTAssertEqual(inbox.clock.currentOffset, 3600)
        XCTAssertEqual(inbox.messageText, "Clock moved 1h00m (no timer waits), now +1h00m; nothing was due")
    }

    func testPlusKeyShowsClockOffset() throws {
        let inbox = try InboxDriver(models: [])

        inbox.press(.character("+"))
        inbox.render()

        XCTAssertTrue(inbox.screen.line(23).contains(" clock +1h00m "), inbox.screen.line(23))
    }

    func testPlusKeyWithoutDemoClockExplains() throws {
        let inbox = try InboxDriver(models: [], demoClock: false)

        inbox.press(.character("+"))

        XCTAssertEqual(inbox.clock.currentOffset, 0)
        XCTAssertEqual(inbox.state.message?.kind, .error)
        XCTAssertTrue(inbox.messageText.hasPrefix("The clock cannot be moved"), inbox.messageText)
    }
}
