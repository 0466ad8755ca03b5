import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Two inboxes on one demo database share the clock offset through the database: moving
/// the clock stores it, a larger stored offset is adopted, and it never moves backwards.
final class DemoClockSharingTests: XCTestCase {
    static let key = "demoClockOffset"

    /// Returns the shared offset on `store`, with the never-lower rule the CLI applies.
    private func sharedOffset(_ store: WorkflowStore) -> SharedClockOffset {
        SharedClockOffset(
            load: { try store.readTransaction { try store.setting(Self.key) }.flatMap(TimeInterval.init) ?? 0 },
            raise: { offset in
                try store.writeTransaction {
                    let stored = try store.setting(Self.key).flatMap(TimeInterval.init) ?? 0
                    guard offset > stored else { return stored }
                    try store.setSetting(Self.key, value: String(offset))
                    return offset
                }
            })
    }

    private func storedOffset(_ store: WorkflowStore) throws -> TimeInterval? {
        try store.readTransaction { try store.setting(Self.key) }.flatMap(TimeInterval.init)
    }

    func testPlusKeyStoresOffsetAtOnce() throws {
        let inbox = try InboxDriver(models: [])
        inbox.app.sharedClockOffset = sharedOffset(inbox.engine.store)

        inbox.press(.character("+"))

        XCTAssertEqual(try storedOffset(inbox.engine.store), 3600)
        XCTAssertTrue(inbox.app.didMoveDemoClock)
    }

    func testUnmovedClockReportsNoMove() throws {
        let inbox = try InboxDriver(models: [])
        inbox.app.sharedClockOffset = sharedOffset(inbox.engine.store)

        inbox.app.tick(now: Date())

        XCTAssertFalse(inbox.app.didMoveDemoClock)
        XCTAssertNil(try storedOffset(inbox.engine.store))
    }

    func testMovingClockKeepsLargerStoredOffset() throws {
        let inbox = try InboxDriver(models: [])
        inbox.app.sharedClockOffset = sharedOffset(inbox.engine.store)
        let other = try SQLiteStore(path: inbox.path)
        try other.writeTransaction { try other.setSetting(Self.key, value: "7200") }

        inbox.press(.character(":"))
        inbox.type("clock PT10M")
        inbox.press(.enter)

        XCTAssertEqual(try storedOffset(inbox.engine.store), 7800)
        XCTAssertEqual(inbox.clock.currentOffset, 7800)
    }

    func testTickAdoptsLargerOffsetOfOtherProcess() throws {
        let inbox = try InboxDriver(models: [])
        let ownStore = try SQLiteStore(path: inbox.path)
        inbox.app.dataVersion = { try? ownStore.dataVersion() }
        inbox.app.sharedClockOffset = sharedOffset(ownStore)
        inbox.app.controller.autoRefreshInterval = 3600
        let now = Date()
        inbox.app.tick(now: now)

        let other = try SQLiteStore(path: inbox.path)
        try other.writeTransaction { try other.setSetting(Self.key, value: "597") }
        let changed = inbox.app.tick(now: now.addingTimeInterval(1))

        XCTAssertTrue(changed)
        XCTAssertEqual(inbox.clock.currentOffset, 597)
        XCTAssertEqual(inbox.state.clockOffset, 597)
    }

    func testTickNeverMovesClockBackwards() throws {
        let inbox = try InboxDriver(models: [])
        let ownStore = try SQLiteStore(path: inbox.path)
        inbox.app.dataVersion = { try? ownStore.dataVersion() }
        inbox.app.sharedClockOffset = sharedOffset(ownStore)
        inbox.app.controller.autoRefreshInterval = 3600
        inbox.press(.character("+"))
        let now = Date()
        inbox.app.tick(now: now)

        let other = try SQLiteStore(path: inbox.path)
        try other.writeTransaction { try other.setSetting(Self.key, value: "0") }
        inbox.app.tick(now: now.addingTimeInterval(1))

        XCTAssertEqual(inbox.clock.currentOffset, 3600)
    }

    func testFiredTimerHistoryFollowsOtherInboxClock() throws {
        let first = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        first.app.sharedClockOffset = sharedOffset(first.engine.store)
        _ = try first.engine.start("Reminder")
        first.app.controller.refresh()
        let secondClock = AdjustableClock()
        let secondStore = try SQLiteStore(path: first.path)
        let second = InboxApp(
            engine: WorkflowEngine(store: secondStore, clock: secondClock), user: UserContext(name: "bob"),
            databasePath: first.path, themeName: nil, demoClock: secondClock)
        second.dataVersion = { try? secondStore.dataVersion() }
        second.sharedClockOffset = sharedOffset(secondStore)
        second.controller.autoRefreshInterval = 3600
        let now = Date()
        second.tick(now: now)

        first.press(.character("+"))
        second.tick(now: now.addingTimeInterval(1))

        XCTAssertEqual(secondClock.currentOffset, first.clock.currentOffset)
    }
}
