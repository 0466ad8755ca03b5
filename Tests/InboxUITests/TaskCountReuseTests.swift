import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The task counts in the tab titles: reused while the data stay the same, read again after a
/// write by the inbox's own connection or by another one, against a real SQLite file.
final class TaskCountReuseTests: XCTestCase {

    /// Returns a refreshed inbox with one waiting Review task.
    private func reviewDriver() throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", ReviewModel.source)])
        _ = try driver.engine.start("Review")
        driver.app.controller.refresh()
        return driver
    }

    func testViewSwitchReusesCountsWhileDataUnchanged() throws {
        let driver = try reviewDriver()
        // A value no count gives, so only a recount replaces it.
        driver.app.controller.state.taskCounts[.all] = 99

        driver.press(.character("]"))

        XCTAssertEqual(driver.state.taskCounts[.all], 99)
    }

    func testOwnWriteUpdatesCountsOnViewSwitch() throws {
        let driver = try reviewDriver()
        XCTAssertEqual(driver.state.taskCounts[.all], 1)

        // The inbox's own engine and connection, with no refresh after it.
        _ = try driver.engine.start("Review")
        driver.press(.character("]"))

        XCTAssertEqual(driver.state.taskCounts[.all], 2)
    }

    func testOtherConnectionWriteUpdatesCountsOnViewSwitch() throws {
        let driver = try reviewDriver()
        let other = WorkflowEngine(store: try SQLiteStore(path: driver.path))

        _ = try other.start("Review")
        driver.press(.character("]"))

        XCTAssertEqual(driver.state.taskCounts[.all], 2)
    }

    func testOwnClaimUpdatesMineCount() throws {
        let driver = try reviewDriver()
        driver.press(.character("3"))
        XCTAssertEqual(driver.state.taskCounts[.mine], 0)

        driver.press(.character("c"))

        XCTAssertEqual(driver.state.taskCounts[.mine], 1, driver.messageText)
    }

    func testOverdueCountFollowsClockWithoutWrites() throws {
        let driver = try reviewDriver()
        let due = driver.clock.now().addingTimeInterval(3600)
        _ = try driver.engine.assign(
            ["items.elementId": "review"], assignment: ["dueDate": .string(ISO8601.format(due))], user: .system)
        driver.app.controller.refresh()
        XCTAssertEqual(driver.state.taskCounts[.overdue], 0)

        driver.clock.advance(by: 7200)
        driver.press(.character("]"))

        XCTAssertEqual(driver.state.taskCounts[.overdue], 1)
    }
}
