import BPMNModel
import XCTest

/// Scopes: nodes in document order, flows, lanes, nested sub-processes and unknown elements.
final class ScopeTests: XCTestCase {
    func testIncomingAndOutgoingComeFromFlows() throws {
        let xml = Fixture.process(
            """
            <bpmn:startEvent id="Start">
              <bpmn:outgoing>Wrong_Flow</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:task id="Task" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="Flow_B" sourceRef="Task" targetRef="End" />
            <bpmn:sequenceFlow id="Flow_A" sourceRef="Start" targetRef="Task" />
            """)

        let body = try XCTUnwrap(Fixture.parse(xml).processes.first?.body)

        XCTAssertEqual(body.nodes.map(\.id), ["Start", "Task", "End"])
        XCTAssertEqual(body.nodes[0].outgoing, ["Flow_A"])
        XCTAssertEqual(body.nodes[1].incoming, ["Flow_A"])
        XCTAssertEqual(body.nodes[1].outgoing, ["Flow_B"])
        XCTAssertEqual(body.nodes[2].incoming, ["Flow_B"])
        XCTAssertEqual(body.flows.map(\.id), ["Flow_B", "Flow_A"])
    }

    func testEveryNodeKindIsRecognised() throws {
        let elements = NodeKind.byElementName.keys.sorted()
        let body = elements.map { name in
            let attachment = name == "boundaryEvent" ? " attachedToRef=\"Node_task\"" : ""
            return "<bpmn:\(name) id=\"Node_\(name)\"\(attachment) />"
        }.joined(separator: "\n")

        let nodes = try XCTUnwrap(Fixture.parse(Fixture.process(body)).processes.first?.body.nodes)

        XCTAssertEqual(nodes.map(\.kind.elementName), elements)
        XCTAssertEqual(nodes.map(\.kind), elements.map { NodeKind.byElementName[$0]! })
    }

    func testNestedSubProcessHasItsOwnScope() throws {
        let xml = Fixture.process(
            """
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Outer" name="Outer">
              <bpmn:startEvent id="Outer_Start" />
              <bpmn:subProcess id="Inner">
                <bpmn:startEvent id="Inner_Start" />
                <bpmn:endEvent id="Inner_End" />
                <bpmn:sequenceFlow id="Inner_Flow" sourceRef="Inner_Start" targetRef="Inner_End" />
              </bpmn:subProcess>
              <bpmn:sequenceFlow id="Outer_Flow" sourceRef="Outer_Start" targetRef="Inner" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="Outer" />
            """)

        let definitions = try Fixture.parse(xml)
        let process = try XCTUnwrap(definitions.processes.first)
        let outer = try XCTUnwrap(process.node(id: "Outer"))
        let inner = try XCTUnwrap(process.node(id: "Inner"))

        XCTAssertEqual(process.body.nodes.map(\.id), ["Start", "Outer"])
        XCTAssertEqual(outer.subProcess?.nodes.map(\.id), ["Outer_Start", "Inner"])
        XCTAssertEqual(inner.subProcess?.nodes.map(\.id), ["Inner_Start", "Inner_End"])
        XCTAssertEqual(inner.incoming, ["Outer_Flow"])
        XCTAssertEqual(process.node(id: "Inner_End")?.incoming, ["Inner_Flow"])
        XCTAssertEqual(process.flow(id: "Inner_Flow")?.sourceRef, "Inner_Start")
        XCTAssertEqual(definitions.process(containing: "Inner_End")?.id, "Process_1")
        XCTAssertNil(process.node(id: "Start")?.subProcess)
    }

    func testAdHocSubProcessAndTransactionHaveScopes() throws {
        let xml = Fixture.process(
            """
            <bpmn:adHocSubProcess id="AdHoc">
              <bpmn:userTask id="AdHoc_Task" />
              <bpmn:completionCondition>data.done</bpmn:completionCondition>
            </bpmn:adHocSubProcess>
            <bpmn:transaction id="Tx" method="##Compensate">
              <bpmn:task id="Tx_Task" />
            </bpmn:transaction>
            """)

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.node(id: "AdHoc")?.subProcess?.nodes.map(\.id), ["AdHoc_Task"])
        XCTAssertEqual(process.node(id: "Tx")?.subProcess?.nodes.map(\.id), ["Tx_Task"])
        XCTAssertEqual(process.node(id: "Tx")?.otherAttributes, ["method": "##Compensate"])
    }

    func testLanesAndNestedLanes() throws {
        let xml = Fixture.process(
            """
            <bpmn:laneSet id="LaneSet_1">
              <bpmn:lane id="Lane_Office" name="Office">
                <bpmn:flowNodeRef>Task_A</bpmn:flowNodeRef>
                <bpmn:flowNodeRef>Task_B</bpmn:flowNodeRef>
                <bpmn:childLaneSet id="LaneSet_2">
                  <bpmn:lane id="Lane_Clerk" name="Clerk">
                    <bpmn:flowNodeRef>Task_B</bpmn:flowNodeRef>
                  </bpmn:lane>
                </bpmn:childLaneSet>
              </bpmn:lane>
              <bpmn:lane id="Lane_Boss" name="Boss">
                <bpmn:flowNodeRef> Task_C </bpmn:flowNodeRef>
              </bpmn:lane>
            </bpmn:laneSet>
            <bpmn:userTask id="Task_A" />
            <bpmn:userTask id="Task_B" />
            <bpmn:userTask id="Task_C" />
            <bpmn:userTask id="Task_D" />
            """)

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(
            process.body.lanes,
            [
                Lane(id: "Lane_Office", name: "Office", flowNodeRefs: ["Task_A", "Task_B"]),
                Lane(id: "Lane_Clerk", name: "Clerk", flowNodeRefs: ["Task_B"]),
                Lane(id: "Lane_Boss", name: "Boss", flowNodeRefs: ["Task_C"]),
            ])
        XCTAssertEqual(process.node(id: "Task_A")?.laneName, "Office")
        XCTAssertEqual(process.node(id: "Task_B")?.laneName, "Clerk")
        XCTAssertEqual(process.node(id: "Task_C")?.laneName, "Boss")
        XCTAssertNil(process.node(id: "Task_D")?.laneName)
    }

    func testUnknownBPMNElementIsUnsupported() throws {
        let xml = Fixture.process(
            """
            <bpmn:startEvent id="Start" />
            <bpmn:choreographyTask id="Choreo" name="Talk" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Choreo" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Choreo" targetRef="End" />
            """)

        let node = try XCTUnwrap(Fixture.parse(xml).node(id: "Choreo"))

        XCTAssertEqual(node.kind, .unsupported("choreographyTask"))
        XCTAssertEqual(node.kind.typeName, "bpmn:ChoreographyTask")
        XCTAssertEqual(node.name, "Talk")
        XCTAssertEqual(node.incoming, ["Flow_1"])
        XCTAssertEqual(node.outgoing, ["Flow_2"])
    }

    func testWiredForeignElementIsUnsupported() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:process id="Process_1" xmlns:v="http://vendor.example/bpmn">
              <bpmn:startEvent id="Start" />
              <v:robotTask id="Robot" />
              <v:note id="Note" />
              <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Robot" />
            </bpmn:process>
            """)

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.body.nodes.map(\.id), ["Start", "Robot"])
        XCTAssertEqual(process.node(id: "Robot")?.kind, .unsupported("robotTask"))
    }

    func testKnownArtifactsAreSkipped() throws {
        let xml = Fixture.process(
            """
            <bpmn:ioSpecification id="Io_1">
              <bpmn:dataInput id="Input_1" />
              <bpmn:inputSet id="InputSet_1" />
            </bpmn:ioSpecification>
            <bpmn:property id="Property_1" />
            <bpmn:dataObject id="DataObject_1" />
            <bpmn:dataObjectReference id="DataRef_1" dataObjectRef="DataObject_1" />
            <bpmn:dataStoreReference id="StoreRef_1" />
            <bpmn:textAnnotation id="Note_1"><bpmn:text>hello</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="Association_1" sourceRef="Note_1" targetRef="Task_1" />
            <bpmn:group id="Group_1" />
            <bpmn:task id="Task_1">
              <bpmn:dataOutputAssociation id="Out_1"><bpmn:targetRef>DataRef_1</bpmn:targetRef>
              </bpmn:dataOutputAssociation>
            </bpmn:task>
            """)

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.body.nodes.map(\.id), ["Task_1"])
    }

    func testSeveralProcessesInCollaboration() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:collaboration id="Collaboration_1">
              <bpmn:participant id="Pool_A" name="Shop" processRef="Process_A" />
              <bpmn:participant id="Pool_B" name="Bank" processRef="Process_B" />
              <bpmn:messageFlow id="Pay" sourceRef="Send" targetRef="Pool_B" messageRef="Msg" />
            </bpmn:collaboration>
            <bpmn:message id="Msg" name="payment" />
            <bpmn:process id="Process_A" isExecutable="true">
              <bpmn:sendTask id="Send" />
            </bpmn:process>
            <bpmn:process id="Process_B" isExecutable="false">
              <bpmn:receiveTask id="Receive" />
            </bpmn:process>
            """)

        let definitions = try Fixture.parse(xml)

        XCTAssertEqual(definitions.processes.map(\.id), ["Process_A", "Process_B"])
        XCTAssertEqual(definitions.processes.map(\.isExecutable), [true, false])
        XCTAssertEqual(definitions.participants.map(\.processRef), ["Process_A", "Process_B"])
        XCTAssertEqual(definitions.participants.map(\.name), ["Shop", "Bank"])
        XCTAssertEqual(
            definitions.messageFlows,
            [MessageFlow(id: "Pay", sourceRef: "Send", targetRef: "Pool_B", messageRef: "Msg")])
        XCTAssertEqual(definitions.process(containing: "Receive")?.id, "Process_B")
    }

    func testProcessAttributesAndListeners() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:process id="Process_1" name="Leave" camunda:candidateStarterGroups="staff"
                camunda:candidateStarterUsers="ann,bob">
              <bpmn:documentation>First line</bpmn:documentation>
              <bpmn:documentation>Second</bpmn:documentation>
              <bpmn:extensionElements>
                <camunda:executionListener event="start">
                  <camunda:script scriptFormat="JavaScript">data.started = true;</camunda:script>
                </camunda:executionListener>
                <camunda:executionListener event="end" class="org.example.Audit" />
              </bpmn:extensionElements>
            </bpmn:process>
            """)

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.name, "Leave")
        XCTAssertTrue(process.isExecutable)
        XCTAssertEqual(process.documentation, "First line\n\nSecond")
        XCTAssertEqual(process.candidateStarterGroups, "staff")
        XCTAssertEqual(process.candidateStarterUsers, "ann,bob")
        XCTAssertEqual(
            process.listeners,
            [
                Listener(
                    kind: .execution, event: "start", script: "data.started = true;",
                    scriptFormat: "JavaScript"),
                Listener(
                    kind: .execution, event: "end", script: nil,
                    javaReference: "org.example.Audit"),
            ])
    }
}
