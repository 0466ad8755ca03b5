import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Checks beside the field: a priority that is not a number, and engine errors that name a
/// field, which get the cursor.
final class FormFieldErrorTests: XCTestCase {
    private static let priorityIndex = 5

    private func assignForm() -> FormState {
        FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
    }

    func testTextPriorityIsRejectedBesideField() {
        var form = assignForm()
        form.focus = 0
        for character in "abc" { _ = form.inputs[Self.priorityIndex].handle(.character(character)) }

        XCTAssertNil(form.validatedAssignment())
        XCTAssertEqual(form.focus, Self.priorityIndex)
        XCTAssertTrue(form.inputs[Self.priorityIndex].error?.contains("'abc' is not a number") ?? false, "\(form.inputs[Self.priorityIndex])")
    }

    func testEngineErrorMovesToNamedField() {
        var form = assignForm()
        form.focus = 0
        form.failure = "invalid data: priority must be a number such as 50 (higher is more urgent), not \"x\""

        form.moveFailureToNamedInput()

        XCTAssertEqual(form.focus, Self.priorityIndex)
        XCTAssertNil(form.failure)
        XCTAssertEqual(form.inputs[Self.priorityIndex].error, "invalid data: priority must be a number such as 50 (higher is more urgent), not \"x\"")
    }

    func testEngineErrorNamingNoFieldStaysAtBottom() {
        var form = assignForm()
        form.focus = 2
        form.failure = "the instance was changed by another call; try again"

        form.moveFailureToNamedInput()

        XCTAssertEqual(form.focus, 2)
        XCTAssertEqual(form.failure, "the instance was changed by another call; try again")
    }

    func testAssignFormInInboxKeepsCursorOnPriority() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.app.controller.state.focus = .tasks
        driver.press(.character("c"), .character("a"))
        for _ in 0..<Self.priorityIndex { driver.press(.tab) }
        driver.type("abc")

        driver.press(.control("s"))
        driver.press(.control("u"))

        let form = try XCTUnwrap(driver.state.form)
        XCTAssertEqual(form.focus, Self.priorityIndex)
        XCTAssertEqual(form.inputs[Self.priorityIndex].editor.text, "")
        XCTAssertEqual(form.inputs[0].editor.text, "alice")
    }
}
