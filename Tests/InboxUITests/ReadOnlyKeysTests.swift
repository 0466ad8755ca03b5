import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// A `--read-only` inbox rejects change keys and commands up front and offers only the keys
/// that look around.
final class ReadOnlyKeysTests: XCTestCase {
    private func readOnlyInbox() throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        driver.app.isReadOnly = true
        driver.app.controller.refresh()
        driver.app.controller.state.focus = .tasks
        return driver
    }

    func testEnterOnTaskOpensNoForm() throws {
        let driver = try readOnlyInbox()

        driver.press(.enter)

        XCTAssertNil(driver.state.form)
        XCTAssertEqual(driver.messageText, InboxController.readOnlyMessage("completing a task"))
    }

    func testClaimKeyIsRejected() throws {
        let driver = try readOnlyInbox()

        driver.press(.character("c"))

        XCTAssertEqual(driver.messageText, InboxController.readOnlyMessage("claiming tasks"))
        XCTAssertNil(driver.state.tasks.first?.item.assignee)
    }

    func testStartCommandIsRejected() throws {
        let driver = try readOnlyInbox()

        driver.press(.character(":"))
        driver.type("start Review")
        driver.press(.enter)

        XCTAssertNil(driver.state.form)
        XCTAssertEqual(driver.messageText, InboxController.readOnlyMessage("starting an instance"))
    }

    func testStatusBarHidesChangeKeys() throws {
        let driver = try readOnlyInbox()

        let screen = driver.render()
        let statusLine = screen.split(separator: "\n", omittingEmptySubsequences: false)[driver.state.layout.statusRow]

        XCTAssertTrue(statusLine.contains("READ-ONLY"), String(statusLine))
        XCTAssertFalse(statusLine.contains("complete"), String(statusLine))
        XCTAssertFalse(statusLine.contains("claim"), String(statusLine))
        XCTAssertFalse(statusLine.contains("assign"), String(statusLine))
    }
}
