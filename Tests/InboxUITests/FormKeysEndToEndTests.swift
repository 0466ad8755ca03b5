import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Drives the start form of a model with a typed field through the real engine: keys of
/// the free JSON input that name a form field, and Ctrl-C in a form.
final class FormKeysEndToEndTests: XCTestCase {
    /// A start event with a whole-number field `amount`, then the user task Approve.
    static let orderModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_order" targetNamespace="http://example.com/inbox">
          <bpmn:process id="Process_order" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="amount" label="Amount" type="long" />
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <bpmn:userTask id="approve" name="Approve" />
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    private func openStartForm() throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Order", Self.orderModel)])
        driver.app.controller.state.focus = .models
        driver.press(.enter)
        XCTAssertEqual(driver.state.form?.title, "Start Order")
        return driver
    }

    func testJSONFormFieldKeyKeepsFormOpen() throws {
        let driver = try openStartForm()
        driver.type("100")
        driver.press(.tab)
        driver.type(#"{"amount": "lots"}"#)

        driver.press(.control("s"))

        let form = try XCTUnwrap(driver.state.form, "form closed: \(driver.messageText)")
        XCTAssertEqual(form.inputs.last?.error, "amount is a form field; set it above")
        XCTAssertEqual(form.focus, form.inputs.count - 1)
        XCTAssertNotNil(driver.render().range(of: "is a form field; set it above"))
        XCTAssertEqual(try driver.engine.findInstances(.emptyObject).count, 0)
    }

    func testJSONOtherKeyStartsWithTypedAmount() throws {
        let driver = try openStartForm()
        driver.type("100")
        driver.press(.tab)
        driver.type(#"{"note": "rush"}"#)

        driver.press(.control("s"))

        XCTAssertNil(driver.state.form, driver.state.form?.inputs.compactMap(\.error).joined(separator: "; ") ?? "")
        let instance = try XCTUnwrap(try driver.engine.findInstances(.emptyObject).first)
        XCTAssertEqual(instance.data["amount"], 100)
        XCTAssertEqual(instance.data["note"], "rush")
    }

    func testControlCInFormCancelsAndKeepsInbox() throws {
        let driver = try openStartForm()
        driver.type("100")

        let keepsRunning = driver.app.handle(.control("c"))

        XCTAssertTrue(keepsRunning)
        XCTAssertNil(driver.state.form)
        XCTAssertEqual(driver.messageText, "Cancelled.")
        XCTAssertEqual(try driver.engine.findInstances(.emptyObject).count, 0)
    }

    func testControlCInPanesQuits() throws {
        let driver = try InboxDriver(models: [("Order", Self.orderModel)])

        XCTAssertFalse(driver.app.handle(.control("c")))
    }

    func testControlCClosesDialogOverForm() throws {
        let driver = try openStartForm()
        driver.app.controller.showDialog(title: "Notice", paragraphs: ["text"])

        XCTAssertTrue(driver.app.handle(.control("c")))
        XCTAssertNil(driver.state.dialog)
        XCTAssertNil(driver.state.form)
    }

    func testControlCInHelpQuits() throws {
        let driver = try InboxDriver(models: [("Order", Self.orderModel)])
        driver.press(.character("?"))

        XCTAssertFalse(driver.app.handle(.control("c")))
    }
}
