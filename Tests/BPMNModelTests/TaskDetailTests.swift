import BPMNModel
import XCTest

/// Activity details: scripts, services, call activities, input/output, loops, listeners and
/// the attributes kept in `otherAttributes`.
final class TaskDetailTests: XCTestCase {
    private func node(_ id: String, in body: String) throws -> FlowNode {
        try XCTUnwrap(Fixture.parse(Fixture.process(body)).node(id: id), "node '\(id)' not found")
    }

    func testScriptTaskBodyAndFormat() throws {
        let task = try node(
            "Script_1",
            in: """
                <bpmn:scriptTask id="Script_1" scriptFormat="JavaScript">
                  <bpmn:script><![CDATA[if (data.a < 2) { data.b = "x & y"; }]]></bpmn:script>
                </bpmn:scriptTask>
                """)

        XCTAssertEqual(task.kind, .scriptTask)
        XCTAssertEqual(task.script, "if (data.a < 2) { data.b = \"x & y\"; }")
        XCTAssertEqual(task.scriptFormat, "JavaScript")
    }

    func testImplementationAttributeComesFirst() throws {
        let task = try node(
            "Service_1",
            in: """
                <bpmn:serviceTask id="Service_1" implementation="service1"
                    camunda:delegateExpression="service2" />
                """)

        XCTAssertEqual(task.implementation, "service1")
        XCTAssertEqual(
            task.otherAttributes["{\(Fixture.camundaNamespace)}delegateExpression"], "service2")
    }

    func testCamundaImplementationFallbackOrder() throws {
        let delegate = try node(
            "S",
            in: """
                <bpmn:serviceTask id="S" camunda:class="a.B" camunda:delegateExpression="svc" />
                """)
        let javaClass = try node(
            "S",
            in: """
                <bpmn:serviceTask id="S" camunda:expression="${x}" camunda:class="a.B" />
                """)
        let expression = try node(
            "S", in: "<bpmn:serviceTask id=\"S\" camunda:expression=\"${x}\" />")

        XCTAssertEqual(delegate.implementation, "svc")
        XCTAssertEqual(javaClass.implementation, "a.B")
        XCTAssertEqual(expression.implementation, "${x}")
    }

    func testTechnologyMarkerYieldsToCamundaService() throws {
        let marked = try node(
            "S",
            in: """
                <bpmn:serviceTask id="S" implementation="##WebService" camunda:delegateExpression="svc" />
                """)
        let markerOnly = try node(
            "S",
            in: """
                <bpmn:serviceTask id="S" implementation="##unspecified" />
                """)

        XCTAssertEqual(marked.implementation, "svc")
        XCTAssertEqual(marked.otherAttributes["implementation"], "##WebService")
        XCTAssertEqual(markerOnly.implementation, "##unspecified")
    }

    func testCallActivityCalledElement() throws {
        let call = try node(
            "Call_1",
            in: """
                <bpmn:callActivity id="Call_1" calledElement="Buy Used Car" />
                """)

        XCTAssertEqual(call.kind, .callActivity)
        XCTAssertEqual(call.calledElement, "Buy Used Car")
    }

    func testInputOutputParameters() throws {
        let task = try node(
            "Service_1",
            in: """
                <bpmn:serviceTask id="Service_1" implementation="svc">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="amount">  $data.amount  </camunda:inputParameter>
                      <camunda:inputParameter name="script">
                        <camunda:script scriptFormat="JavaScript">data.a + 1</camunda:script>
                      </camunda:inputParameter>
                      <camunda:inputParameter name="list">
                        <camunda:list>
                          <camunda:value>1</camunda:value>
                          <camunda:value>data.b</camunda:value>
                          <camunda:value />
                        </camunda:list>
                      </camunda:inputParameter>
                      <camunda:inputParameter name="map">
                        <camunda:map>
                          <camunda:entry key="x">data.x</camunda:entry>
                          <camunda:entry key="say &quot;hi&quot;">
                            <camunda:list><camunda:value>2</camunda:value></camunda:list>
                          </camunda:entry>
                        </camunda:map>
                      </camunda:inputParameter>
                      <camunda:outputParameter name="result" />
                      <camunda:outputParameter name="total">$(item.output.total)</camunda:outputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                """)

        XCTAssertEqual(
            task.inputParameters,
            [
                IOParameter(name: "amount", value: "$data.amount"),
                IOParameter(name: "script", value: "data.a + 1", isScript: true),
                IOParameter(name: "list", value: "[(1), (data.b), null]", isScript: true),
                IOParameter(
                    name: "map", value: "({\"x\": (data.x), \"say \\\"hi\\\"\": ([(2)])})",
                    isScript: true),
            ])
        XCTAssertEqual(
            task.outputParameters,
            [
                IOParameter(name: "result", value: nil),
                IOParameter(name: "total", value: "$(item.output.total)"),
            ])
    }

    func testParallelMultiInstance() throws {
        let task = try node(
            "Task_1",
            in: """
                <bpmn:userTask id="Task_1">
                  <bpmn:multiInstanceLoopCharacteristics camunda:collection="$(data.users)"
                      camunda:elementVariable="user">
                    <bpmn:loopCardinality>3</bpmn:loopCardinality>
                    <bpmn:completionCondition> nrOfCompletedInstances &gt;= 2 </bpmn:completionCondition>
                  </bpmn:multiInstanceLoopCharacteristics>
                </bpmn:userTask>
                """)

        let loop = try XCTUnwrap(task.loop)
        XCTAssertEqual(loop.kind, .parallelMultiInstance)
        XCTAssertEqual(loop.collection, "$(data.users)")
        XCTAssertEqual(loop.elementVariable, "user")
        XCTAssertEqual(loop.loopCardinality, "3")
        XCTAssertEqual(loop.completionCondition, "nrOfCompletedInstances >= 2")
    }

    func testSequentialMultiInstance() throws {
        let task = try node(
            "Task_1",
            in: """
                <bpmn:userTask id="Task_1">
                  <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="[1,2]" />
                </bpmn:userTask>
                """)

        XCTAssertEqual(task.loop?.kind, .sequentialMultiInstance)
        XCTAssertEqual(task.loop?.collection, "[1,2]")
    }

    func testStandardLoop() throws {
        let task = try node(
            "Task_1",
            in: """
                <bpmn:task id="Task_1">
                  <bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="5">
                    <bpmn:loopCondition xsi:type="bpmn:tFormalExpression">data.again</bpmn:loopCondition>
                  </bpmn:standardLoopCharacteristics>
                </bpmn:task>
                """)

        let loop = try XCTUnwrap(task.loop)
        XCTAssertEqual(loop.kind, .standard)
        XCTAssertTrue(loop.testBefore)
        XCTAssertEqual(loop.loopMaximum, 5)
        XCTAssertEqual(loop.loopCondition, "data.again")
    }

    func testNoLoopWhenAbsent() throws {
        let task = try node("Task_1", in: "<bpmn:task id=\"Task_1\" />")

        XCTAssertNil(task.loop)
    }

    func testTaskListenersWithJavaReference() throws {
        let task = try node(
            "Task_1",
            in: """
                <bpmn:userTask id="Task_1">
                  <bpmn:extensionElements>
                    <camunda:taskListener event="create" delegateExpression="${notifier}" />
                    <camunda:taskListener event="assignment">
                      <camunda:script scriptFormat="javascript">item.vars.x = 1</camunda:script>
                    </camunda:taskListener>
                    <camunda:executionListener event="end" expression="${audit.log()}" />
                  </bpmn:extensionElements>
                </bpmn:userTask>
                """)

        XCTAssertEqual(
            task.listeners,
            [
                Listener(kind: .task, event: "create", script: nil, javaReference: "${notifier}"),
                Listener(
                    kind: .task, event: "assignment", script: "item.vars.x = 1",
                    scriptFormat: "javascript"),
                Listener(
                    kind: .execution, event: "end", script: nil, javaReference: "${audit.log()}"),
            ])
    }

    func testSequenceFlowTakeListener() throws {
        let xml = Fixture.process(
            """
            <bpmn:task id="A" />
            <bpmn:task id="B" />
            <bpmn:sequenceFlow id="Flow_1" name="go" sourceRef="A" targetRef="B">
              <bpmn:extensionElements>
                <camunda:executionListener>
                  <camunda:script scriptFormat="JavaScript">this.data.ticketId = 0;</camunda:script>
                </camunda:executionListener>
              </bpmn:extensionElements>
            </bpmn:sequenceFlow>
            """)

        let flow = try XCTUnwrap(Fixture.parse(xml).processes.first?.flow(id: "Flow_1"))

        XCTAssertEqual(flow.name, "go")
        XCTAssertEqual(flow.listeners.map(\.event), ["take"])
        XCTAssertEqual(flow.listeners.first?.script, "this.data.ticketId = 0;")
    }

    func testOtherAttributesKeepUnmodelledOnes() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:process id="Process_1" xmlns:v="http://vendor.example/ext">
              <bpmn:userTask id="Task_1" name="Work" camunda:asyncBefore="true" v:color="red"
                  completionQuantity="1" isForCompensation="false" />
              <bpmn:task id="Compensate_1" isForCompensation="true" />
            </bpmn:process>
            """)

        let definitions = try Fixture.parse(xml)
        let task = try XCTUnwrap(definitions.node(id: "Task_1"))

        XCTAssertEqual(
            task.otherAttributes,
            [
                "{\(Fixture.camundaNamespace)}asyncBefore": "true",
                "{http://vendor.example/ext}color": "red",
                "completionQuantity": "1",
            ])
        XCTAssertFalse(task.isForCompensation)
        XCTAssertEqual(definitions.node(id: "Compensate_1")?.isForCompensation, true)
    }

    func testDocumentationIsTrimmed() throws {
        let task = try node(
            "Task_1",
            in: """
                <bpmn:task id="Task_1">
                  <bpmn:documentation>
                    Ask the customer.
                  </bpmn:documentation>
                </bpmn:task>
                """)

        XCTAssertEqual(task.documentation, "Ask the customer.")
    }
}
