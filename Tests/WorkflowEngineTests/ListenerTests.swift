import Foundation
import WorkflowEngine
import XCTest

/// Validate, assignment and take listeners, and collected multi-instance results.
final class ListenerTests: XCTestCase {
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Enter">
              <extensionElements>
                <camunda:taskListener event="validate"><camunda:script scriptFormat="JavaScript">if (!(data.amount > 0)) return {error: 'amount must be positive'};</camunda:script></camunda:taskListener>
                <camunda:taskListener event="assignment"><camunda:script scriptFormat="JavaScript">data.assignedTo = this.assignee;</camunda:script></camunda:taskListener>
              </extensionElements>
            </userTask>
            <userTask id="Vote">
              <multiInstanceLoopCharacteristics camunda:collection="['a','b']" camunda:elementVariable="voter"/>
            </userTask>
            <userTask id="Done"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Enter"/>
            <sequenceFlow id="f2" sourceRef="Enter" targetRef="Vote">
              <extensionElements><camunda:executionListener event="take"><camunda:script scriptFormat="JavaScript">data.taken = this.elementId;</camunda:script></camunda:executionListener></extensionElements>
            </sequenceFlow>
            <sequenceFlow id="f3" sourceRef="Vote" targetRef="Done"/>
          </process>
        </definitions>
        """

    private func start() throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "l", source: model)
        return (harness, try harness.engine.start("l"))
    }

    func testValidateListenerRejectsAndSavesNothing() throws {
        let (harness, started) = try start()

        XCTAssertThrowsError(try harness.engine.invoke(["items.elementId": "Enter"], data: ["amount": -5])) { error in
            XCTAssertEqual(error as? EngineError, .validationFailed(elementId: "Enter", message: "amount must be positive"))
        }
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]), started)
    }

    func testAssignmentListenerRunsOnAssign() throws {
        let (harness, _) = try start()

        let assigned = try harness.engine.assign(["items.elementId": "Enter"], assignment: ["assignee": "ann"])

        XCTAssertEqual(assigned.instance.data["assignedTo"], "ann")
    }

    func testTakeListenerAndCollectedResults() throws {
        let (harness, _) = try start()
        let entered = try harness.engine.invoke(["items.elementId": "Enter"], data: ["amount": 5])
        XCTAssertEqual(entered.instance.data["taken"], "f2")

        _ = try harness.engine.invoke(["items.elementId": "Vote", "items.itemKey": "b"], data: ["vote": "no"])
        let voted = try harness.engine.invoke(["items.elementId": "Vote", "items.itemKey": "a"], data: ["vote": "yes"])

        let body = try XCTUnwrap(voted.items("Vote").first { $0.type == "bpmn:MultiInstanceBody" })
        XCTAssertEqual(body.output.arrayValue?.map { $0["vote"] }, ["yes", "no"])
        XCTAssertEqual(voted.statuses("Done"), ["wait"])
    }
}
