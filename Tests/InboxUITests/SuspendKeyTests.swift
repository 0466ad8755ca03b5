import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Ctrl-Z on a real engine and database, rendered into a memory screen. In every mode the key
/// requests a suspend from the run loop and leaves what the user was doing as it was.
final class SuspendKeyTests: XCTestCase {
    private func reviewInbox() throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        _ = try driver.engine.start("Review", data: .object(["caseId": 1]), user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.render()
        return driver
    }

    func testControlZInPanesRequestsSuspend() throws {
        let driver = try reviewInbox()

        driver.press(.control("z"))

        XCTAssertTrue(driver.app.controller.isSuspendRequested)
    }

    func testControlZInPanesKeepsFocusAndSelection() throws {
        let driver = try reviewInbox()
        let focus = driver.state.focus
        let screenBefore = driver.render()

        driver.press(.control("z"))

        XCTAssertEqual(driver.state.focus, focus)
        XCTAssertEqual(driver.render(), screenBefore)
    }

    func testControlZInFormKeepsFormOpen() throws {
        let driver = try reviewInbox()
        driver.press(.enter)
        let title = try XCTUnwrap(driver.state.form?.title, "Enter on the task opened no form: \(driver.messageText)")

        driver.press(.control("z"))

        XCTAssertTrue(driver.app.controller.isSuspendRequested)
        XCTAssertEqual(driver.state.form?.title, title)
    }

    func testControlZWhileFilteringKeepsFilterText() throws {
        let driver = try reviewInbox()
        driver.press(.character("/"))
        driver.type("Rev")

        driver.press(.control("z"))

        XCTAssertTrue(driver.app.controller.isSuspendRequested)
        XCTAssertTrue(driver.state.isEditingFilter)
        XCTAssertTrue(driver.render().contains("/Rev"), driver.render())
    }

    func testOtherControlKeysDoNotRequestSuspend() throws {
        let driver = try reviewInbox()

        driver.press(.control("y"), .control("x"))

        XCTAssertFalse(driver.app.controller.isSuspendRequested)
    }
}
