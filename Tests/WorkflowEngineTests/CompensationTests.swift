import Foundation
import WorkflowEngine
import XCTest

/// Compensation handlers and transaction cancellation.
final class CompensationTests: XCTestCase {
    private func booking(throwKind: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="Hotel" scriptFormat="JavaScript"><script>data.log = ['hotel'];</script></scriptTask>
            <boundaryEvent id="HotelComp" attachedToRef="Hotel"><compensateEventDefinition/></boundaryEvent>
            <scriptTask id="UndoHotel" isForCompensation="true" scriptFormat="JavaScript"><script>data.log = data.log.concat(['undo hotel']);</script></scriptTask>
            <scriptTask id="Charge" scriptFormat="JavaScript"><script>data.log = data.log.concat(['charge']);</script></scriptTask>
            <boundaryEvent id="ChargeComp" attachedToRef="Charge"><compensateEventDefinition/></boundaryEvent>
            <scriptTask id="Refund" isForCompensation="true" scriptFormat="JavaScript"><script>data.log = data.log.concat(['refund']);</script></scriptTask>
            <scriptTask id="Never" scriptFormat="JavaScript"><script>data.never = true;</script></scriptTask>
            <boundaryEvent id="NeverComp" attachedToRef="Never"><compensateEventDefinition/></boundaryEvent>
            <scriptTask id="UndoNever" isForCompensation="true" scriptFormat="JavaScript"><script>data.log = data.log.concat(['undo never']);</script></scriptTask>
            <exclusiveGateway id="G" default="ok"/>
            \(throwKind)
            <userTask id="Done"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Hotel"/>
            <sequenceFlow id="f2" sourceRef="Hotel" targetRef="Charge"/>
            <sequenceFlow id="f3" sourceRef="Charge" targetRef="G"/>
            <sequenceFlow id="bad" sourceRef="G" targetRef="Undo"><conditionExpression>data.fail == true</conditionExpression></sequenceFlow>
            <sequenceFlow id="ok" sourceRef="G" targetRef="Never"/>
            <sequenceFlow id="f4" sourceRef="Never" targetRef="Done"/>
            <association id="a1" sourceRef="HotelComp" targetRef="UndoHotel"/>
            <association id="a2" sourceRef="ChargeComp" targetRef="Refund"/>
            <association id="a3" sourceRef="NeverComp" targetRef="UndoNever"/>
          </process>
        </definitions>
        """
    }

    func testCompensationRunsCompletedHandlersInReverse() throws {
        let harness = try EngineHarness()
        let throwEvent = """
            <intermediateThrowEvent id="Undo"><compensateEventDefinition/></intermediateThrowEvent>
            <userTask id="AfterUndo"/><sequenceFlow id="f5" sourceRef="Undo" targetRef="AfterUndo"/>
            """
        try harness.engine.importModel(name: "b", source: booking(throwKind: throwEvent))

        let started = try harness.engine.start("b", data: ["fail": true])

        XCTAssertEqual(started.instance.data["log"], ["hotel", "charge", "refund", "undo hotel"])
        XCTAssertEqual(started.statuses("AfterUndo"), ["wait"])
        XCTAssertTrue(started.items("UndoNever").isEmpty, "only completed activities are compensated")
        XCTAssertTrue(started.items("HotelComp").isEmpty, "compensation boundary events wait for nothing")
    }

    func testCompensationEndEventEndsAfterHandlers() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "b", source: booking(throwKind: #"<endEvent id="Undo"><compensateEventDefinition/></endEvent>"#))

        let done = try harness.engine.start("b", data: ["fail": true])

        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.instance.data["log"], ["hotel", "charge", "refund", "undo hotel"])
    }

    func testTransactionCancelCompensatesAndTakesCancelPath() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "t", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <transaction id="Tx">
                  <startEvent id="TS"/>
                  <scriptTask id="Reserve" scriptFormat="JavaScript"><script>data.reserved = true;</script></scriptTask>
                  <boundaryEvent id="ReserveComp" attachedToRef="Reserve"><compensateEventDefinition/></boundaryEvent>
                  <scriptTask id="Release" isForCompensation="true" scriptFormat="JavaScript"><script>data.released = true;</script></scriptTask>
                  <userTask id="Confirm"/>
                  <exclusiveGateway id="Ok" default="yes"/>
                  <endEvent id="TxEnd"/>
                  <endEvent id="Abort"><cancelEventDefinition/></endEvent>
                  <sequenceFlow id="t1" sourceRef="TS" targetRef="Reserve"/>
                  <sequenceFlow id="t2" sourceRef="Reserve" targetRef="Confirm"/>
                  <sequenceFlow id="t3" sourceRef="Confirm" targetRef="Ok"/>
                  <sequenceFlow id="no" sourceRef="Ok" targetRef="Abort"><conditionExpression>data.confirmed == false</conditionExpression></sequenceFlow>
                  <sequenceFlow id="yes" sourceRef="Ok" targetRef="TxEnd"/>
                  <association id="a" sourceRef="ReserveComp" targetRef="Release"/>
                </transaction>
                <boundaryEvent id="Cancelled" attachedToRef="Tx"><cancelEventDefinition/></boundaryEvent>
                <userTask id="Booked"/>
                <userTask id="Sorry"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="Tx"/>
                <sequenceFlow id="f2" sourceRef="Tx" targetRef="Booked"/>
                <sequenceFlow id="f3" sourceRef="Cancelled" targetRef="Sorry"/>
              </process>
            </definitions>
            """)
        _ = try harness.engine.start("t")

        let cancelled = try harness.engine.invoke(["items.elementId": "Confirm"], data: ["confirmed": false])

        XCTAssertEqual(cancelled.instance.data.value(atPath: "Tx.released"), true)
        XCTAssertEqual(cancelled.statuses("Tx"), ["cancelled"])
        XCTAssertEqual(cancelled.statuses("Sorry"), ["wait"])
        XCTAssertTrue(cancelled.items("Booked").isEmpty)
    }

    func testCompensationEventSubProcessRunsForCompensatedSubProcess() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "c", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <subProcess id="Booking">
                  <startEvent id="BS"/>
                  <scriptTask id="Book" scriptFormat="JavaScript"><script>data.booked = true;</script></scriptTask>
                  <endEvent id="BE"/>
                  <sequenceFlow id="b1" sourceRef="BS" targetRef="Book"/>
                  <sequenceFlow id="b2" sourceRef="Book" targetRef="BE"/>
                  <subProcess id="UndoBooking" triggeredByEvent="true">
                    <startEvent id="US"><compensateEventDefinition/></startEvent>
                    <scriptTask id="Undo" scriptFormat="JavaScript"><script>data.undone = true;</script></scriptTask>
                    <endEvent id="UE"/>
                    <sequenceFlow id="u1" sourceRef="US" targetRef="Undo"/>
                    <sequenceFlow id="u2" sourceRef="Undo" targetRef="UE"/>
                  </subProcess>
                </subProcess>
                <intermediateThrowEvent id="Compensate"><compensateEventDefinition activityRef="Booking"/></intermediateThrowEvent>
                <userTask id="Done"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="Booking"/>
                <sequenceFlow id="f2" sourceRef="Booking" targetRef="Compensate"/>
                <sequenceFlow id="f3" sourceRef="Compensate" targetRef="Done"/>
              </process>
            </definitions>
            """)

        let started = try harness.engine.start("c")

        XCTAssertEqual(started.instance.data.value(atPath: "Booking.undone"), true)
        XCTAssertEqual(started.statuses("Undo"), ["end"])
        XCTAssertEqual(started.statuses("Done"), ["wait"])
    }
}
