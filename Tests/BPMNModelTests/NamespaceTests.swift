import BPMNModel
import XCTest

/// Elements and attributes are matched by namespace URI, whatever prefix the file uses.
final class NamespaceTests: XCTestCase {
    /// A model touching every reader: camunda attributes and extension elements, a condition,
    /// a lane, a sub-process, a timer, a message and diagram geometry.
    private let richModel = Fixture.definitions(
        """
        <bpmn:message id="Message_1" name="Paid" />
        <bpmn:process id="Process_1" name="Order" camunda:candidateStarterGroups="sales">
          <bpmn:laneSet id="LaneSet_1">
            <bpmn:lane id="Lane_1" name="Clerk">
              <bpmn:flowNodeRef>Task_1</bpmn:flowNodeRef>
            </bpmn:lane>
          </bpmn:laneSet>
          <bpmn:startEvent id="Start_1" camunda:initiator="starter" />
          <bpmn:userTask id="Task_1" name="Check" camunda:assignee="$(data.owner)"
              camunda:asyncBefore="true">
            <bpmn:documentation>Check the order</bpmn:documentation>
            <bpmn:extensionElements>
              <camunda:formData>
                <camunda:formField id="ok" label="OK?" type="boolean" />
              </camunda:formData>
              <camunda:executionListener event="start">
                <camunda:script scriptFormat="JavaScript">data.x = 1;</camunda:script>
              </camunda:executionListener>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:exclusiveGateway id="Gateway_1" default="Flow_3" />
          <bpmn:subProcess id="Sub_1">
            <bpmn:startEvent id="Sub_Start" />
            <bpmn:intermediateCatchEvent id="Wait_1">
              <bpmn:timerEventDefinition>
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT5M</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="Sub_Flow" sourceRef="Sub_Start" targetRef="Wait_1" />
          </bpmn:subProcess>
          <bpmn:receiveTask id="Receive_1" messageRef="Message_1" />
          <bpmn:endEvent id="End_1">
            <bpmn:messageEventDefinition messageRef="Message_1" />
          </bpmn:endEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_1" targetRef="Task_1" />
          <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_1" targetRef="Gateway_1" />
          <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_1" targetRef="Sub_1" />
          <bpmn:sequenceFlow id="Flow_4" sourceRef="Gateway_1" targetRef="Receive_1">
            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="JavaScript">
              data.ok == true
            </bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="Flow_5" sourceRef="Sub_1" targetRef="End_1" />
          <bpmn:sequenceFlow id="Flow_6" sourceRef="Receive_1" targetRef="End_1" />
        </bpmn:process>
        <bpmndi:BPMNDiagram id="Diagram_1">
          <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
            <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
              <dc:Bounds x="10" y="20" width="100" height="80" />
            </bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
              <di:waypoint x="1" y="2" />
              <di:waypoint x="3" y="4" />
            </bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram>
        """)

    func testPrefixesGiveEqualModels() throws {
        let reference = try Fixture.parse(richModel)
        let referenceDescription = canonicalDescription(reference)
        XCTAssertEqual(reference.processes.first?.body.nodes.count, 6)
        XCTAssertTrue(referenceDescription.contains("PT5M"), "the description skips nested values")
        XCTAssertTrue(referenceDescription.contains("x: 10.0"), "the description skips geometry")

        for prefix in ["", "bpmn2", "semantic", "model"] {
            let rebound = Fixture.rebind(richModel, toPrefix: prefix)
            XCTAssertNotEqual(rebound, richModel, "the fixture was not rewritten for '\(prefix)'")

            let definitions = try Fixture.parse(rebound)
            XCTAssertEqual(
                canonicalDescription(definitions), referenceDescription,
                "prefix '\(prefix)' gives a different model")
        }
    }

    func testOtherURIBoundToBpmnPrefixIsNotBPMN() {
        let xml = richModel.replacingOccurrences(
            of: "xmlns:bpmn=\"\(Fixture.modelNamespace)\"",
            with: "xmlns:bpmn=\"http://example.com/not-bpmn\"")

        let error = Fixture.parseError(xml)

        XCTAssertEqual(
            error,
            .notBPMN(rootElement: "bpmn:definitions", namespace: "http://example.com/not-bpmn"))
    }

    func testRootWithoutNamespaceIsNotBPMN() {
        let error = Fixture.parseError("<definitions id=\"d\"><process id=\"p\"/></definitions>")

        XCTAssertEqual(error, .notBPMN(rootElement: "definitions", namespace: nil))
        XCTAssertEqual(
            error?.description,
            "not a BPMN 2.0 file: the root element is 'definitions' without a namespace; "
                + "expected 'definitions' in http://www.omg.org/spec/BPMN/20100524/MODEL")
    }

    func testCamundaAttributesResolveByURINotPrefix() throws {
        let xml = """
            <definitions xmlns="\(Fixture.modelNamespace)" xmlns:ext="\(Fixture.camundaNamespace)"
                xmlns:camunda="http://activiti.org/bpmn" id="d">
              <process id="p">
                <userTask id="t" ext:assignee="alice" camunda:candidateUsers="bob" />
              </process>
            </definitions>
            """

        let task = try XCTUnwrap(Fixture.parse(xml).node(id: "t"))

        XCTAssertEqual(task.assignment.assignee, "alice")
        XCTAssertNil(task.assignment.candidateUsers)
        XCTAssertEqual(task.otherAttributes["{http://activiti.org/bpmn}candidateUsers"], "bob")
    }

    func testModelBoundToDefaultAndPrefixTogether() throws {
        let xml = """
            <definitions xmlns="\(Fixture.modelNamespace)" xmlns:bpmn="\(Fixture.modelNamespace)"
                id="d">
              <bpmn:process id="p">
                <startEvent id="s" />
                <bpmn:endEvent id="e" />
                <sequenceFlow id="f" sourceRef="s" targetRef="e" />
              </bpmn:process>
            </definitions>
            """

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.body.nodes.map(\.id), ["s", "e"])
        XCTAssertEqual(process.body.flows.map(\.id), ["f"])
    }

    func testForeignDefaultNamespaceIsIgnored() throws {
        let xml = """
            <semantic:definitions xmlns="http://vendor.example/model"
                xmlns:semantic="\(Fixture.modelNamespace)" id="d">
              <semantic:process id="p">
                <semantic:task id="t" />
                <task id="vendorTask" />
              </semantic:process>
            </semantic:definitions>
            """

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.body.nodes.map(\.id), ["t"])
    }

    func testUndeclaredPrefixElementIsSkipped() throws {
        let xml = """
            <bpmn:definitions xmlns:bpmn="\(Fixture.modelNamespace)" id="d">
              <bpmn:process id="p">
                <bpmn:task id="t" />
                <vendor:marker id="m" />
              </bpmn:process>
            </bpmn:definitions>
            """

        let process = try XCTUnwrap(Fixture.parse(xml).processes.first)

        XCTAssertEqual(process.body.nodes.map(\.id), ["t"])
    }

    func testActivitiCamundaPrefixIsIgnored() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.1.0.bpmn")
        let task = try XCTUnwrap(definitions.node(id: "assignApprover"))

        XCTAssertNil(task.assignment.assignee)
        XCTAssertNil(task.formKey)
        XCTAssertEqual(task.otherAttributes["{http://activiti.org/bpmn}assignee"], "demo")
    }

    func testMiwgFourPrefixesForModelNamespaceLoad() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.8.0.bpmn")

        XCTAssertEqual(definitions.processes.count, 1)
        XCTAssertGreaterThan(definitions.processes[0].body.nodes.count, 5)
    }
}
