import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Ctrl-C on the command line and in the diagram view, and Tab completion of command
/// arguments, on a real engine and SQLite file.
final class CommandLineKeysTests: XCTestCase {
    private func reviewInbox() throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        return driver
    }

    func testControlCClosesCommandLine() throws {
        let driver = try reviewInbox()
        driver.press(.character(":"))
        driver.type("sta")

        let keepsRunning = driver.app.handle(.control("c"))

        XCTAssertTrue(keepsRunning)
        XCTAssertNil(driver.state.commandLine)
    }

    func testControlCClosesDiagramView() throws {
        let driver = try reviewInbox()
        driver.app.controller.state.focus = .models
        driver.press(.character("d"))
        XCTAssertNotNil(driver.state.diagram, driver.messageText)

        let keepsRunning = driver.app.handle(.control("c"))

        XCTAssertTrue(keepsRunning)
        XCTAssertNil(driver.state.diagram)
    }

    func testControlCQuitsFromPanes() throws {
        let driver = try reviewInbox()

        XCTAssertFalse(driver.app.handle(.control("c")))
    }

    func testTriggerCompletesElementOfSelectedInstance() throws {
        let driver = try reviewInbox()
        let instance = try XCTUnwrap(driver.state.instances.first)
        driver.selectInstance(instance.id)

        driver.press(.character(":"))
        driver.type("trigger ")
        driver.press(.tab)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "trigger review")
    }

    func testSecondTabCompletesFilterArgument() throws {
        let driver = try reviewInbox()

        driver.press(.character(":"))
        driver.type("fi")
        driver.press(.tab)
        XCTAssertEqual(driver.state.commandLine?.editor.text, "filter ")
        driver.press(.tab)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "filter off")
    }

    func testTabCompletesSavedFilterName() throws {
        let driver = try reviewInbox()
        driver.app.controller.state.savedFilters = ["urgent": "{\"data.amount\": {\"$gt\": 10}}"]

        driver.press(.character(":"))
        driver.type("filter u")
        driver.press(.tab)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "filter urgent")
    }
}
