import Foundation
import WorkflowEngine
import XCTest

/// Conditional events fire when a call changes the data so that their condition holds.
final class ConditionalEventTests: XCTestCase {
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <parallelGateway id="Fork"/>
            <intermediateCatchEvent id="WaitApproval"><conditionalEventDefinition><condition>data.approved == true</condition></conditionalEventDefinition></intermediateCatchEvent>
            <userTask id="Ship"/>
            <userTask id="Review"/>
            <boundaryEvent id="TooLarge" attachedToRef="Review" cancelActivity="false"><conditionalEventDefinition><condition>data.amount &gt; 1000</condition></conditionalEventDefinition></boundaryEvent>
            <userTask id="Escalate"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Fork"/>
            <sequenceFlow id="f2" sourceRef="Fork" targetRef="WaitApproval"/>
            <sequenceFlow id="f3" sourceRef="WaitApproval" targetRef="Ship"/>
            <sequenceFlow id="f4" sourceRef="Fork" targetRef="Review"/>
            <sequenceFlow id="f5" sourceRef="TooLarge" targetRef="Escalate"/>
          </process>
        </definitions>
        """

    func testConditionsFireWhenDataChanges() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "c", source: model)
        let started = try harness.engine.start("c", data: ["amount": 10])
        XCTAssertEqual(started.statuses("WaitApproval"), ["wait"])
        XCTAssertEqual(started.statuses("TooLarge"), ["wait"])

        let raised = try harness.engine.assign(["id": .string(started.id), "items.elementId": "Review"], data: ["amount": 5000], assignment: [:])
        XCTAssertEqual(raised.statuses("Escalate"), ["wait"])
        XCTAssertEqual(raised.statuses("Review"), ["wait"], "the boundary event does not interrupt")
        XCTAssertEqual(raised.statuses("WaitApproval"), ["wait"])

        let approved = try harness.engine.assign(["id": .string(started.id), "items.elementId": "Review"], data: ["approved": true], assignment: [:])
        XCTAssertEqual(approved.statuses("WaitApproval"), ["end"])
        XCTAssertEqual(approved.statuses("Ship"), ["wait"])
    }

    func testConditionAlreadyTruePassesAtOnce() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "c", source: model)

        let started = try harness.engine.start("c", data: ["amount": 10, "approved": true])

        XCTAssertEqual(started.statuses("Ship"), ["wait"])
    }
}
