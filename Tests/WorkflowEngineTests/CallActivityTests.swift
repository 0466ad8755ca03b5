import Foundation
import WorkflowEngine
import XCTest

/// Call activities: child instances, data mappings, and errors crossing back.
final class CallActivityTests: XCTestCase {
    private func parent(called: String, mappings: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <error id="E_Child" errorCode="CHILD"/>
          <process id="parentProcess" isExecutable="true">
            <startEvent id="S"/>
            <callActivity id="Call" calledElement="\(called)">
              <extensionElements>\(mappings)</extensionElements>
            </callActivity>
            <boundaryEvent id="OnChildError" attachedToRef="Call"><errorEventDefinition errorRef="E_Child"/></boundaryEvent>
            <userTask id="After"/>
            <userTask id="Handle"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Call"/>
            <sequenceFlow id="f2" sourceRef="Call" targetRef="After"/>
            <sequenceFlow id="f3" sourceRef="OnChildError" targetRef="Handle"/>
          </process>
        </definitions>
        """
    }

    private let child = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="c" targetNamespace="t">
          <error id="E_Child" errorCode="CHILD"/>
          <process id="childProcess" isExecutable="true">
            <startEvent id="CS"/>
            <exclusiveGateway id="Quick" default="slow"/>
            <userTask id="ChildTask"/>
            <scriptTask id="Compute" scriptFormat="JavaScript"><script>data.result = (data.amount || 0) * 2;</script></scriptTask>
            <endEvent id="CE"/>
            <endEvent id="Broken"><errorEventDefinition errorRef="E_Child"/></endEvent>
            <sequenceFlow id="c1" sourceRef="CS" targetRef="Quick"/>
            <sequenceFlow id="quick" sourceRef="Quick" targetRef="Compute"><conditionExpression>data.quick == true</conditionExpression></sequenceFlow>
            <sequenceFlow id="broken" sourceRef="Quick" targetRef="Broken"><conditionExpression>data.fail == true</conditionExpression></sequenceFlow>
            <sequenceFlow id="slow" sourceRef="Quick" targetRef="ChildTask"/>
            <sequenceFlow id="c2" sourceRef="ChildTask" targetRef="Compute"/>
            <sequenceFlow id="c3" sourceRef="Compute" targetRef="CE"/>
          </process>
        </definitions>
        """

    private let mapped = """
        <camunda:in source="order.amount" target="amount"/><camunda:in sourceExpression="${quick}" target="quick"/>
        <camunda:in source="fail" target="fail"/><camunda:out source="result" target="doubled"/>
        """

    private func harness(called: String = "child", mappings: String) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "child", source: child)
        try harness.engine.importModel(name: "parent", source: parent(called: called, mappings: mappings))
        return harness
    }

    func testParentWaitsForChildAndMapsData() throws {
        let harness = try harness(mappings: mapped)
        let started = try harness.engine.start("parent", data: ["order": ["amount": 21], "quick": false, "secret": "x"])
        XCTAssertEqual(started.statuses("Call"), ["wait"])
        let children = try harness.engine.findInstances(["name": "child"])
        XCTAssertEqual(children.count, 1)
        XCTAssertEqual(children.first?.parentItemId, started.items("Call").first?.id)
        XCTAssertEqual(children.first?.data, ["amount": 21, "quick": false, "fail": nil])

        _ = try harness.engine.invoke(["name": "child", "items.elementId": "ChildTask"])

        let resumed = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(resumed.statuses("Call"), ["end"])
        XCTAssertEqual(resumed.statuses("After"), ["wait"])
        XCTAssertEqual(resumed.instance.data["doubled"], 42)
    }

    func testChildEndingAtOnceCompletesCallInSameCall() throws {
        let harness = try harness(mappings: mapped)

        let started = try harness.engine.start("parent", data: ["order": ["amount": 5], "quick": true])

        XCTAssertEqual(started.statuses("Call"), ["end"])
        XCTAssertEqual(started.statuses("After"), ["wait"])
        XCTAssertEqual(started.instance.data["doubled"], 10)
    }

    func testWithoutMappingsChildGetsCopyAndReturnsNothing() throws {
        let harness = try harness(mappings: "")

        let started = try harness.engine.start("parent", data: ["amount": 3, "quick": true])

        XCTAssertEqual(try harness.engine.findInstances(["name": "child"]).first?.data["amount"], 3)
        XCTAssertNil(started.instance.data["result"])
        XCTAssertEqual(started.statuses("After"), ["wait"])
    }

    func testCallByProcessId() throws {
        let harness = try harness(called: "childProcess", mappings: "")

        let started = try harness.engine.start("parent", data: ["quick": true])

        XCTAssertEqual(started.statuses("After"), ["wait"])
    }

    func testChildErrorReachesCallBoundary() throws {
        let harness = try harness(mappings: mapped)

        let started = try harness.engine.start("parent", data: ["fail": true, "quick": false])

        XCTAssertEqual(started.statuses("Call"), ["cancelled"])
        XCTAssertEqual(started.statuses("Handle"), ["wait"])
        XCTAssertEqual(try harness.engine.findInstances(["name": "child"]).first?.status, .failed)
    }

    func testUnknownCalledModelFailsTheCall() throws {
        let harness = try harness(called: "nowhere", mappings: "")

        XCTAssertThrowsError(try harness.engine.start("parent")) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: "nowhere"))
        }
        XCTAssertEqual(try harness.engine.findInstances(.emptyObject).count, 0)
    }
}
