import Foundation
import WorkflowEngine
import XCTest

/// Event sub-processes started by messages, timers and errors.
final class EventSubProcessTests: XCTestCase {
    private func model(interrupting: Bool) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <message id="M_Info" name="info"/>
          <error id="E_Bad" errorCode="BAD"/>
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Work"/>
            <scriptTask id="Check" scriptFormat="JavaScript"><script>if (data.bad) item.throwError('BAD');</script></scriptTask>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Work"/>
            <sequenceFlow id="f2" sourceRef="Work" targetRef="Check"/>
            <sequenceFlow id="f3" sourceRef="Check" targetRef="E"/>
            <subProcess id="OnInfo" triggeredByEvent="true">
              <startEvent id="InfoStart" isInterrupting="\(interrupting)"><messageEventDefinition messageRef="M_Info"/></startEvent>
              <userTask id="ReadInfo"/>
              <endEvent id="InfoEnd"/>
              <sequenceFlow id="i1" sourceRef="InfoStart" targetRef="ReadInfo"/>
              <sequenceFlow id="i2" sourceRef="ReadInfo" targetRef="InfoEnd"/>
            </subProcess>
            <subProcess id="OnBad" triggeredByEvent="true">
              <startEvent id="BadStart"><errorEventDefinition errorRef="E_Bad"/></startEvent>
              <userTask id="Repair"/>
              <endEvent id="BadEnd"/>
              <sequenceFlow id="b1" sourceRef="BadStart" targetRef="Repair"/>
              <sequenceFlow id="b2" sourceRef="Repair" targetRef="BadEnd"/>
            </subProcess>
          </process>
        </definitions>
        """
    }

    private func start(interrupting: Bool, data: JSONValue = .emptyObject) throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "esp", source: model(interrupting: interrupting))
        return (harness, try harness.engine.start("esp", data: data))
    }

    func testSubscriptionWaitsWithoutKeepingInstanceAlive() throws {
        let (harness, started) = try start(interrupting: false)
        XCTAssertEqual(started.statuses("InfoStart"), ["wait"])
        XCTAssertEqual(started.items("InfoStart").first?.messageId, "info")

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work"])

        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.statuses("InfoStart"), ["cancelled"])
    }

    func testNonInterruptingMessageRunsBesideTheProcess() throws {
        let (harness, started) = try start(interrupting: false)

        let delivery = try harness.engine.throwMessage("info", data: ["note": "hello"])
        XCTAssertTrue(delivery.delivered)
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(after.statuses("Work"), ["wait"])
        XCTAssertEqual(after.statuses("ReadInfo"), ["wait"])
        XCTAssertEqual(after.statuses("InfoStart"), ["end", "wait"], "a new subscription waits for the next message")
        XCTAssertEqual(after.instance.data["note"], "hello")

        _ = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "ReadInfo"])
        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work"])
        XCTAssertEqual(done.status, .end)
    }

    func testInterruptingMessageCancelsTheProcess() throws {
        let (harness, started) = try start(interrupting: true)

        _ = try harness.engine.throwMessage("info")
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(after.statuses("Work"), ["cancelled"])
        XCTAssertEqual(after.statuses("ReadInfo"), ["wait"])

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "ReadInfo"])
        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.statuses("OnInfo"), ["end"])
    }

    func testErrorStartsErrorEventSubProcess() throws {
        let (harness, started) = try start(interrupting: false, data: ["bad": true])

        let raised = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work"])

        XCTAssertEqual(raised.statuses("Check"), ["cancelled"])
        XCTAssertEqual(raised.statuses("Repair"), ["wait"])
        XCTAssertEqual(raised.instance.data["errorCode"], "BAD")
        XCTAssertEqual(raised.status, .running)
        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Repair"])
        XCTAssertEqual(done.status, .end)
    }
}
