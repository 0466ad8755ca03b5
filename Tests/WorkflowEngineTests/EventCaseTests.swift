import Foundation
import WorkflowEngine
import XCTest

/// Messages, signals, event-based gateways, errors and escalations, on small models of
/// bugs other engines had.
final class EventCaseTests: XCTestCase {
    private func harness(_ file: String) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.importFixture(file, as: "case")
        return harness
    }

    private func state(_ harness: EngineHarness, _ id: String) throws -> Execution {
        try harness.engine.get(["id": .string(id)])
    }

    // MARK: 12 event-based gateway

    func testEventGatewayMessageWinsAndTimerIsWithdrawn() throws {
        let harness = try harness("12-event-gateway-loser-withdrawn.bpmn")
        let started = try harness.engine.start("case")
        XCTAssertEqual(started.statuses("CatchReply"), ["wait"])
        XCTAssertEqual(started.statuses("WaitTimeout"), ["wait"])

        let delivery = try harness.engine.throwMessage("Msg_Reply", data: ["answer": "yes"])
        XCTAssertTrue(delivery.delivered)
        let replied = try state(harness, started.id)
        XCTAssertEqual(replied.statuses("CatchReply"), ["end"])
        XCTAssertEqual(replied.instance.data["answer"], "yes")
        XCTAssertEqual(replied.statuses("HandleReply"), ["wait"])
        XCTAssertEqual(replied.statuses("WaitTimeout"), ["cancelled"])

        harness.clock.advance(seconds: 10)
        try harness.engine.fireDueTimers()
        XCTAssertTrue(try state(harness, started.id).items("HandleTimeout").isEmpty)

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "HandleReply"])
        XCTAssertEqual(done.status, .end)
    }

    func testEventGatewayTimerWinsAndMessageIsNotDelivered() throws {
        let harness = try harness("12-event-gateway-loser-withdrawn.bpmn")
        let started = try harness.engine.start("case")
        harness.clock.advance(seconds: 5)
        try harness.engine.fireDueTimers()
        let timedOut = try state(harness, started.id)
        XCTAssertEqual(timedOut.statuses("HandleTimeout"), ["wait"])
        XCTAssertEqual(timedOut.statuses("CatchReply"), ["cancelled"])

        let delivery = try harness.engine.throwMessage("reply")

        XCTAssertFalse(delivery.delivered)
        XCTAssertTrue(try state(harness, started.id).items("HandleReply").isEmpty)
        XCTAssertNil(try state(harness, started.id).instance.data["answer"])
    }

    // MARK: 14 correlation by key

    func testMessageReachesOnlyTheKeyedInstance() throws {
        let harness = try harness("14-message-correlation-key.bpmn")
        let first = try harness.engine.start("case", data: ["orderId": "A-1"])
        let second = try harness.engine.start("case", data: ["orderId": "B-2"])

        let delivery = try harness.engine.throwMessage("Msg_Payment", data: ["paid": 100], matchingKey: ["data.orderId": "B-2"])
        XCTAssertEqual(delivery.receivers.map(\.instanceId), [second.id])
        XCTAssertEqual(try state(harness, second.id).statuses("Ship"), ["wait"])
        XCTAssertEqual(try state(harness, second.id).instance.data["paid"], 100)
        XCTAssertEqual(try state(harness, first.id), first)

        let unknown = try harness.engine.throwMessage("Msg_Payment", data: ["paid": 5], matchingKey: ["data.orderId": "C-3"])
        XCTAssertFalse(unknown.delivered)

        let again = try harness.engine.throwMessage("payment", data: ["paid": 7], matchingKey: ["data.orderId": "B-2"])
        XCTAssertFalse(again.delivered)
        XCTAssertEqual(try state(harness, second.id).instance.data["paid"], 100)
    }

    func testMessageWithoutKeyToSeveralIsAmbiguous() throws {
        let harness = try harness("14-message-correlation-key.bpmn")
        let first = try harness.engine.start("case", data: ["orderId": "A-1"])
        let third = try harness.engine.start("case", data: ["orderId": "C-3"])

        XCTAssertThrowsError(try harness.engine.throwMessage("Msg_Payment", data: ["paid": 1])) { error in
            XCTAssertEqual(error as? EngineError, .ambiguousReceivers(event: "Msg_Payment", count: 2))
        }
        XCTAssertEqual(try state(harness, first.id), first)
        XCTAssertEqual(try state(harness, third.id), third)

        let all = try harness.engine.throwMessage("Msg_Payment", data: ["paid": 1], deliverToAll: true)
        XCTAssertEqual(all.receivers.count, 2)
    }

    // MARK: 15 a message before the catch event is not buffered

    func testEarlyMessageIsNotDelivered() throws {
        let harness = try harness("15-message-before-catch.bpmn")
        let started = try harness.engine.start("case")

        let early = try harness.engine.throwMessage("Msg_Ack", data: ["early": true])
        XCTAssertFalse(early.delivered)

        let prepared = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Prepare"])
        XCTAssertEqual(prepared.statuses("WaitAck"), ["wait"])
        XCTAssertNil(prepared.instance.data["early"])

        let late = try harness.engine.throwMessage("ack")
        XCTAssertTrue(late.delivered)
        XCTAssertEqual(try state(harness, started.id).statuses("Done"), ["wait"])
    }

    // MARK: 16 signals reach only the receivers waiting now

    func testSignalReachesEveryWaitingInstance() throws {
        let harness = try harness("16-signal-broadcast.bpmn")
        let first = try harness.engine.start("case")
        let second = try harness.engine.start("case")
        let third = try harness.engine.start("case")
        for instance in [first, second] {
            _ = try harness.engine.invoke(["id": .string(instance.id), "items.elementId": "Gate"])
        }

        let delivery = try harness.engine.throwSignal("Sig_Go", data: ["batch": 7])
        XCTAssertEqual(Set(delivery.receivers.map(\.instanceId)), [first.id, second.id])
        for instance in [first, second] {
            let after = try state(harness, instance.id)
            XCTAssertEqual(after.status, .end)
            XCTAssertEqual(after.instance.data["batch"], 7)
            XCTAssertEqual(after.instance.data["went"], true)
        }
        XCTAssertEqual(try state(harness, third.id), third)

        let gated = try harness.engine.invoke(["id": .string(third.id), "items.elementId": "Gate"])
        XCTAssertEqual(gated.statuses("WaitGo"), ["wait"])
        _ = try harness.engine.throwSignal("go")
        XCTAssertEqual(try state(harness, third.id).status, .end)
    }

    // MARK: 21 non-interrupting escalation

    func testEscalationCaughtWithoutInterrupting() throws {
        let harness = try harness("21-escalation-noninterrupting.bpmn")
        let started = try harness.engine.start("case")
        XCTAssertEqual(started.statuses("Work1"), ["wait"])

        let raised = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work1"])
        XCTAssertEqual(raised.statuses("RaiseLate"), ["end"])
        XCTAssertEqual(raised.statuses("CatchLate"), ["end"])
        XCTAssertEqual(raised.statuses("Notify"), ["end"])
        XCTAssertEqual(raised.instance.data["escalated"], 1)
        XCTAssertEqual(raised.statuses("Work2"), ["wait"])
        XCTAssertEqual(raised.statuses("Abort"), [])
        XCTAssertEqual(raised.statuses("CatchOther").filter { $0 == "end" }, [])

        let subDone = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work2"])
        XCTAssertEqual(subDone.statuses("Sub"), ["end"])
        XCTAssertEqual(subDone.statuses("After"), ["wait"])

        XCTAssertEqual(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "After"]).status, .end)
    }

    // MARK: errors

    private let errorModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <error id="Err_Credit" errorCode="CREDIT"/>
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="Check" scriptFormat="JavaScript"><script>if (data.limit &lt; 10) item.throwError('CREDIT', 'limit too low'); data.checked = true;</script></scriptTask>
            <boundaryEvent id="OnCredit" attachedToRef="Check"><errorEventDefinition errorRef="Err_Credit"/></boundaryEvent>
            <userTask id="Approve"/>
            <userTask id="Reject"/>
            <subProcess id="Sub">
              <startEvent id="SubStart"/>
              <endEvent id="Fail"><errorEventDefinition errorRef="Err_Other"/></endEvent>
              <sequenceFlow id="s1" sourceRef="SubStart" targetRef="Fail"/>
            </subProcess>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Check"/>
            <sequenceFlow id="f2" sourceRef="Check" targetRef="Approve"/>
            <sequenceFlow id="f3" sourceRef="OnCredit" targetRef="Reject"/>
            <sequenceFlow id="f4" sourceRef="Approve" targetRef="Sub"/>
            <sequenceFlow id="f5" sourceRef="Sub" targetRef="E"/>
            <sequenceFlow id="f6" sourceRef="Reject" targetRef="E"/>
          </process>
          <error id="Err_Other" errorCode="OTHER"/>
        </definitions>
        """

    func testScriptErrorIsCaughtByBoundary() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "errors", source: errorModel)

        let started = try harness.engine.start("errors", data: ["limit": 5])

        XCTAssertEqual(started.statuses("Check"), ["cancelled"])
        XCTAssertEqual(started.statuses("OnCredit"), ["end"])
        XCTAssertEqual(started.statuses("Reject"), ["wait"])
        XCTAssertTrue(started.items("Approve").isEmpty)
        XCTAssertNil(started.instance.data["checked"])
    }

    func testUncaughtErrorFailsTheInstance() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "errors", source: errorModel)
        let started = try harness.engine.start("errors", data: ["limit": 50])
        XCTAssertEqual(started.statuses("Approve"), ["wait"])

        let failed = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Approve"])

        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.items("Fail").first?.statusDetails["bpmnError"], "OTHER")
        XCTAssertEqual(failed.statuses("Sub"), ["cancelled"])
        XCTAssertNotNil(failed.instance.endedAt)
    }

    func testStartEventTriggersNodeInRunningInstance() throws {
        let harness = try harness("15-message-before-catch.bpmn")
        let started = try harness.engine.start("case")

        let triggered = try harness.engine.startEvent(instanceId: started.id, elementId: "Done", data: ["extra": 1])

        XCTAssertEqual(triggered.statuses("Done"), ["wait"])
        XCTAssertEqual(triggered.statuses("Prepare"), ["wait"])
        XCTAssertEqual(triggered.instance.data["extra"], 1)
    }
}
