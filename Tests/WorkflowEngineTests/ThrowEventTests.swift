import Foundation
import WorkflowEngine
import XCTest

/// Message, signal and link throw events inside models.
final class ThrowEventTests: XCTestCase {
    private let sender = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <message id="M_Ping" name="ping"/>
          <signal id="S_Done" name="done"/>
          <process id="sender" isExecutable="true">
            <startEvent id="S"/>
            <intermediateThrowEvent id="Ping">
              <extensionElements>
                <camunda:executionListener event="start"><camunda:script scriptFormat="JavaScript">this.context.messageMatchingKey = {"data.orderId": data.orderId}; this.output = {pinged: true};</camunda:script></camunda:executionListener>
              </extensionElements>
              <messageEventDefinition messageRef="M_Ping"/>
            </intermediateThrowEvent>
            <intermediateThrowEvent id="GoLink"><linkEventDefinition name="ahead"/></intermediateThrowEvent>
            <intermediateCatchEvent id="LandLink"><linkEventDefinition name="ahead"/></intermediateCatchEvent>
            <endEvent id="Announce"><signalEventDefinition signalRef="S_Done"/></endEvent>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Ping"/>
            <sequenceFlow id="f2" sourceRef="Ping" targetRef="GoLink"/>
            <sequenceFlow id="f3" sourceRef="LandLink" targetRef="Announce"/>
          </process>
        </definitions>
        """

    private let receiver = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d2" targetNamespace="t">
          <message id="M_Ping" name="ping"/>
          <signal id="S_Done" name="done"/>
          <process id="receiver" isExecutable="true">
            <startEvent id="S"/>
            <intermediateCatchEvent id="WaitPing"><messageEventDefinition messageRef="M_Ping"/></intermediateCatchEvent>
            <intermediateCatchEvent id="WaitDone"><signalEventDefinition signalRef="S_Done"/></intermediateCatchEvent>
            <userTask id="Next"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="WaitPing"/>
            <sequenceFlow id="f2" sourceRef="WaitPing" targetRef="WaitDone"/>
            <sequenceFlow id="f3" sourceRef="WaitDone" targetRef="Next"/>
          </process>
        </definitions>
        """

    func testThrownMessageAndSignalReachTheOtherInstance() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "sender", source: sender)
        try harness.engine.importModel(name: "receiver", source: receiver)
        let other = try harness.engine.start("receiver", data: ["orderId": "X-9"])
        let waiting = try harness.engine.start("receiver", data: ["orderId": "A-1"])

        let sent = try harness.engine.start("sender", data: ["orderId": "A-1"])

        XCTAssertEqual(sent.status, .end)
        XCTAssertEqual(sent.statuses("LandLink"), ["end"], "the link throw jumps to its catch")
        let received = try harness.engine.get(["id": .string(waiting.id)])
        XCTAssertEqual(received.statuses("WaitPing"), ["end"])
        XCTAssertEqual(received.instance.data["pinged"], true)
        XCTAssertEqual(received.statuses("Next"), ["wait"], "the end signal arrives after the message")
        XCTAssertEqual(try harness.engine.get(["id": .string(other.id)]), other)
    }

    func testThrownMessageFailureRollsBackTheSender() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "sender", source: sender)
        try harness.engine.importModel(name: "receiver", source: receiver)
        _ = try harness.engine.start("receiver", data: ["orderId": "A-1"])
        _ = try harness.engine.start("receiver", data: ["orderId": "A-1"])

        XCTAssertThrowsError(try harness.engine.start("sender", data: ["orderId": "A-1"])) { error in
            XCTAssertEqual(error as? EngineError, .ambiguousReceivers(event: "ping", count: 2))
        }
        XCTAssertEqual(try harness.engine.findInstances(["name": "sender"]).count, 0)
    }
}
