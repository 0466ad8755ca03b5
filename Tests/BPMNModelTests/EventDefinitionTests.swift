import BPMNModel
import XCTest

/// Event definitions, boundary events and the root elements they refer to.
final class EventDefinitionTests: XCTestCase {
    private let rootElements = """
        <bpmn:message id="Message_Paid" name="paid" />
        <bpmn:signal id="Signal_Cancel" name="Cancel_All" />
        <bpmn:error id="Error_Fail" name="Failure" errorCode="E42" />
        <bpmn:escalation id="Escalation_Late" name="Late" escalationCode="LATE" />
        """

    private func definitions(_ processBody: String, extraRoot: String = "") throws -> Definitions {
        try Fixture.parse(
            Fixture.definitions(
                """
                \(rootElements)
                \(extraRoot)
                <bpmn:process id="Process_1">
                \(processBody)
                </bpmn:process>
                """))
    }

    func testRootElementsAreKeyedById() throws {
        let model = try definitions("")

        XCTAssertEqual(
            model.messages["Message_Paid"], RootElementRef(id: "Message_Paid", name: "paid"))
        XCTAssertEqual(model.signals["Signal_Cancel"]?.name, "Cancel_All")
        XCTAssertEqual(
            model.errors["Error_Fail"], ErrorRef(id: "Error_Fail", name: "Failure", code: "E42"))
        XCTAssertEqual(model.escalations["Escalation_Late"]?.code, "LATE")
    }

    func testMessageAndSignalReferences() throws {
        let model = try definitions(
            """
            <bpmn:startEvent id="Start_Message">
              <bpmn:messageEventDefinition messageRef="Message_Paid" />
            </bpmn:startEvent>
            <bpmn:intermediateThrowEvent id="Throw_Signal">
              <bpmn:signalEventDefinition signalRef="Signal_Cancel" />
            </bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="Catch_Message">
              <bpmn:messageEventDefinition />
            </bpmn:intermediateCatchEvent>
            """)

        XCTAssertEqual(
            model.node(id: "Start_Message")?.eventDefinitions,
            [.message(messageRef: "Message_Paid")])
        XCTAssertEqual(
            model.node(id: "Throw_Signal")?.eventDefinitions, [.signal(signalRef: "Signal_Cancel")])
        XCTAssertEqual(
            model.node(id: "Catch_Message")?.eventDefinitions, [.message(messageRef: nil)])
    }

    func testPrefixedReferenceIsResolved() throws {
        let model = try definitions(
            """
            <bpmn:endEvent id="End_1">
              <bpmn:messageEventDefinition messageRef="tns:Message_Paid" />
            </bpmn:endEvent>
            <bpmn:endEvent id="End_2">
              <bpmn:messageEventDefinition messageRef="tns:Unknown" />
            </bpmn:endEvent>
            """)

        XCTAssertEqual(
            model.node(id: "End_1")?.eventDefinitions, [.message(messageRef: "Message_Paid")])
        XCTAssertEqual(
            model.node(id: "End_2")?.eventDefinitions, [.message(messageRef: "tns:Unknown")])
    }

    func testTimerBodiesAreTrimmed() throws {
        let model = try definitions(
            """
            <bpmn:intermediateCatchEvent id="Duration">
              <bpmn:timerEventDefinition>
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">
                  PT2H
                </bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Cycle">
              <bpmn:timerEventDefinition>
                <bpmn:timeCycle>R6/P1D</bpmn:timeCycle>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Date">
              <bpmn:timerEventDefinition>
                <bpmn:timeDate><![CDATA[2026-01-31T10:00:00Z]]></bpmn:timeDate>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Empty">
              <bpmn:timerEventDefinition>
                <bpmn:timeDate />
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            """)

        XCTAssertEqual(
            model.node(id: "Duration")?.eventDefinitions,
            [.timer(TimerDefinition(timeDuration: "PT2H"))])
        XCTAssertEqual(
            model.node(id: "Cycle")?.eventDefinitions,
            [.timer(TimerDefinition(timeCycle: "R6/P1D"))])
        XCTAssertEqual(
            model.node(id: "Date")?.eventDefinitions,
            [.timer(TimerDefinition(timeDate: "2026-01-31T10:00:00Z"))])
        XCTAssertEqual(model.node(id: "Empty")?.eventDefinitions, [.timer(TimerDefinition())])
    }

    func testBoundaryEventsAttachAndInterrupt() throws {
        let model = try definitions(
            """
            <bpmn:userTask id="Task_1" />
            <bpmn:boundaryEvent id="Timer_1" attachedToRef="Task_1" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Error_1" attachedToRef="Task_1">
              <bpmn:errorEventDefinition errorRef="Error_Fail" />
            </bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Escalation_1" attachedToRef="Task_1" cancelActivity="true">
              <bpmn:escalationEventDefinition escalationRef="Escalation_Late" />
            </bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Plain_1" attachedToRef="Task_1" />
            """)

        let timer = try XCTUnwrap(model.node(id: "Timer_1"))
        let error = try XCTUnwrap(model.node(id: "Error_1"))
        let escalation = try XCTUnwrap(model.node(id: "Escalation_1"))
        let plain = try XCTUnwrap(model.node(id: "Plain_1"))

        XCTAssertEqual(timer.kind, .boundaryEvent)
        XCTAssertEqual(timer.attachedToRef, "Task_1")
        XCTAssertFalse(timer.cancelActivity)
        XCTAssertTrue(error.cancelActivity)
        XCTAssertEqual(error.eventDefinitions, [.error(errorRef: "Error_Fail")])
        XCTAssertTrue(escalation.cancelActivity)
        XCTAssertEqual(escalation.eventDefinitions, [.escalation(escalationRef: "Escalation_Late")])
        XCTAssertEqual(plain.eventDefinitions, [])
    }

    func testOtherEventDefinitions() throws {
        let model = try definitions(
            """
            <bpmn:transaction id="Tx_1">
              <bpmn:endEvent id="Cancel_End"><bpmn:cancelEventDefinition /></bpmn:endEvent>
            </bpmn:transaction>
            <bpmn:endEvent id="Terminate_End"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            <bpmn:intermediateThrowEvent id="Compensate_Throw">
              <bpmn:compensateEventDefinition activityRef="Tx_1" waitForCompletion="true" />
            </bpmn:intermediateThrowEvent>
            <bpmn:intermediateThrowEvent id="Link_Throw">
              <bpmn:linkEventDefinition name="jump" />
            </bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="Conditional_Catch">
              <bpmn:conditionalEventDefinition>
                <bpmn:condition xsi:type="bpmn:tFormalExpression"> data.amount &gt; 100 </bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            """)

        XCTAssertEqual(model.node(id: "Cancel_End")?.eventDefinitions, [.cancel])
        XCTAssertEqual(model.node(id: "Terminate_End")?.eventDefinitions, [.terminate])
        XCTAssertEqual(
            model.node(id: "Compensate_Throw")?.eventDefinitions,
            [.compensate(activityRef: "Tx_1")])
        XCTAssertEqual(model.node(id: "Link_Throw")?.eventDefinitions, [.link(name: "jump")])
        XCTAssertEqual(
            model.node(id: "Conditional_Catch")?.eventDefinitions,
            [.conditional(condition: "data.amount > 100")])
    }

    func testSharedEventDefinitionByReference() throws {
        let model = try definitions(
            """
            <bpmn:intermediateCatchEvent id="Catch_1">
              <bpmn:eventDefinitionRef>Shared_Signal</bpmn:eventDefinitionRef>
            </bpmn:intermediateCatchEvent>
            """,
            extraRoot:
                "<bpmn:signalEventDefinition id=\"Shared_Signal\" signalRef=\"Signal_Cancel\" />")

        XCTAssertEqual(
            model.node(id: "Catch_1")?.eventDefinitions, [.signal(signalRef: "Signal_Cancel")])
    }

    func testEventSubProcessStartIsNonInterrupting() throws {
        let model = try definitions(
            """
            <bpmn:subProcess id="Event_Sub" triggeredByEvent="true">
              <bpmn:startEvent id="Escalation_Start" isInterrupting="false">
                <bpmn:escalationEventDefinition escalationRef="Escalation_Late" />
              </bpmn:startEvent>
            </bpmn:subProcess>
            <bpmn:startEvent id="Plain_Start" />
            """)

        XCTAssertEqual(model.node(id: "Event_Sub")?.triggeredByEvent, true)
        XCTAssertEqual(model.node(id: "Escalation_Start")?.isInterrupting, false)
        XCTAssertEqual(model.node(id: "Plain_Start")?.isInterrupting, true)
        XCTAssertEqual(model.node(id: "Plain_Start")?.triggeredByEvent, false)
    }
}
