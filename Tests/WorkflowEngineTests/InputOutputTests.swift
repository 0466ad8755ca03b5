import Foundation
import WorkflowEngine
import XCTest

/// `camunda:inputOutput` parameters on tasks and throw events.
final class InputOutputTests: XCTestCase {
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="Calc" scriptFormat="JavaScript">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="doubled">$(data.a * 2)</camunda:inputParameter>
                  <camunda:inputParameter name="label">five</camunda:inputParameter>
                  <camunda:inputParameter name="list"><camunda:list><camunda:value>$(data.a)</camunda:value><camunda:value>'x'</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:outputParameter name="total">data.b + 1</camunda:outputParameter>
                  <camunda:outputParameter name="everything"/>
                </camunda:inputOutput>
              </extensionElements>
              <script>data.b = input.doubled; data.label = input.label; data.list = input.list; this.output = {seen: input.doubled};</script>
            </scriptTask>
            <userTask id="Next"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Calc"/>
            <sequenceFlow id="f2" sourceRef="Calc" targetRef="Next"/>
          </process>
        </definitions>
        """

    func testParametersFlowThroughTheScript() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "io", source: model)

        let started = try harness.engine.start("io", data: ["a": 4])

        XCTAssertEqual(started.instance.data["b"], 8)
        XCTAssertEqual(started.instance.data["label"], "five")
        XCTAssertEqual(started.instance.data["list"], [4, "x"])
        XCTAssertEqual(started.instance.data["total"], 9)
        XCTAssertEqual(started.instance.data["everything"], ["seen": 8])
    }
}
