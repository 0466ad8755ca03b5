import BPMNModel
import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Messages read as sentences: counted nouns, instance states, theme fallbacks, unclaiming
/// an unclaimed task, form-field flags and whole Data-tab values.
final class WordingTests: XCTestCase {
    private func reviewInbox(count: Int = 1, data: JSONValue = .emptyObject) throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        for _ in 0..<count {
            try driver.engine.start("Review", data: data, user: UserContext(name: "alice"))
        }
        driver.app.controller.refresh()
        driver.app.controller.state.focus = .tasks
        return driver
    }

    func testCountUsesSingularForOne() {
        XCTAssertEqual(DisplayWords.count(1, "task"), "1 task")
        XCTAssertEqual(DisplayWords.count(0, "task"), "0 tasks")
        XCTAssertEqual(DisplayWords.count(2, "match", plural: "matches"), "2 matches")
    }

    func testMarkAllOfOneTaskSaysTask() throws {
        let driver = try reviewInbox()

        driver.press(.character("V"))

        XCTAssertEqual(driver.messageText, "1 task marked.")
    }

    func testWaitingTabSaysInstanceHasEnded() throws {
        let driver = try reviewInbox()
        let task = try XCTUnwrap(driver.state.tasks.first)
        _ = try driver.engine.invoke(
            ["id": .string(task.item.instanceId), "items.id": .string(task.item.id)], data: .emptyObject,
            user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(task.item.instanceId)

        driver.press(.character(":"))
        driver.type("tab waiting")
        driver.press(.enter)

        let lines = driver.app.controller.detailPage().lines.map(\.text).joined(separator: " ")
        XCTAssertTrue(lines.contains("Nothing waits: the instance has ended."), lines)
    }

    func testUnclaimOfUnclaimedTaskSaysNotClaimed() throws {
        let driver = try reviewInbox()

        driver.press(.character("u"))

        XCTAssertEqual(driver.messageText, "Review (Review) is not claimed by anyone, so there is nothing to unclaim.")
        XCTAssertEqual(driver.state.message?.kind, .error)
    }

    func testFailedThemeSwitchSaysThemeStays() throws {
        let driver = try reviewInbox()
        driver.app.controller.switchTheme(to: "light")

        driver.app.controller.switchTheme(to: "nosuch")

        let dialog = try XCTUnwrap(driver.state.dialog)
        let text = dialog.paragraphs.joined(separator: "\n")
        XCTAssertTrue(text.contains("the theme stays 'light'"), text)
        XCTAssertFalse(text.contains("using the built-in"), text)
        XCTAssertEqual(driver.state.themeName, "light")
    }

    func testWrappedPathBreaksAfterSlash() {
        let path = "/home/operator/.config/bpmn-inbox/themes/with/a/very/long/folder/name/inside"

        let lines = TextWidth.wrapped("not found in \(path)", to: 40)

        XCTAssertTrue(lines.dropLast().allSatisfy { $0.hasSuffix("/") || $0 == "not found in" }, "\(lines)")
        XCTAssertEqual(lines.joined(separator: " ").replacingOccurrences(of: "/ ", with: "/"), "not found in \(path)")
    }

    func testFormFieldFlagsAreSeparatedBySpaces() throws {
        let source = TmuxModels.review.replacingOccurrences(
            of: #"<camunda:formField id="approved" label="Approved" type="boolean" />"#,
            with: #"""
                <camunda:formField id="note" label="Note" type="string">
                  <camunda:validation>
                    <camunda:constraint name="required" />
                    <camunda:constraint name="maxlength" config="20" />
                  </camunda:validation>
                </camunda:formField>
                """#)
        let driver = try InboxDriver(models: [("Review", source)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.app.controller.state.focus = .tasks
        driver.app.controller.loadDetail(forceReload: true)

        let lines = driver.app.controller.detailPage().lines.map(\.text).joined(separator: "\n")

        XCTAssertTrue(lines.contains("Note (string, required, maxlength)"), lines)
    }

    func testEnterOnDataValueShowsItWhole() throws {
        let note = String(repeating: "a long note that does not fit ", count: 6)
        let driver = try reviewInbox(data: ["note": .string(note)])
        let instance = try XCTUnwrap(driver.state.instances.first)
        driver.selectInstance(instance.id)
        driver.press(.character(":"))
        driver.type("tab data")
        driver.press(.enter)
        try driver.moveDetailCursor(to: "note:")

        driver.press(.enter)

        let dialog = try XCTUnwrap(driver.state.dialog, driver.messageText)
        XCTAssertEqual(dialog.title, "note")
        XCTAssertEqual(dialog.paragraphs, [note])
    }
}
