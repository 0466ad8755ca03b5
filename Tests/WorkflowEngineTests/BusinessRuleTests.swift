import Foundation
import WorkflowEngine
import XCTest

/// Business rule tasks evaluating DMN decision tables imported as models.
final class BusinessRuleTests: XCTestCase {
    private let vacation = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="dmn" name="Vacation" namespace="t">
          <decision id="Vacation" name="Vacation days">
            <decisionTable id="table" hitPolicy="COLLECT" aggregation="SUM">
              <input id="i1" label="Age"><inputExpression typeRef="number"><text>age</text></inputExpression></input>
              <input id="i2" label="Years of service"><inputExpression typeRef="number"><text>yearsOfService</text></inputExpression></input>
              <output id="o1" name="days" typeRef="number"/>
              <rule id="r1"><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>22</text></outputEntry></rule>
              <rule id="r2"><inputEntry><text>&lt;18,&gt;=60</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>5</text></outputEntry></rule>
              <rule id="r3"><inputEntry><text>-</text></inputEntry><inputEntry><text>&gt;=30</text></inputEntry><outputEntry><text>5</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """

    private func process(resultVariable: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <businessRuleTask id="Rules" camunda:decisionRef="Vacation" \(resultVariable)/>
            <userTask id="Review"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Rules"/>
            <sequenceFlow id="f2" sourceRef="Rules" targetRef="Review"/>
          </process>
        </definitions>
        """
    }

    func testDecisionResultGoesToResultVariable() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "vacation-rules", source: vacation)
        try harness.engine.importModel(name: "leave", source: process(resultVariable: #"camunda:resultVariable="vacationDays""#))

        let started = try harness.engine.start("leave", data: ["age": 62, "yearsOfService": 31])

        XCTAssertEqual(started.instance.data["vacationDays"], 32)
        XCTAssertEqual(started.items("Rules").first?.output, 32)
        XCTAssertEqual(started.statuses("Review"), ["wait"])
    }

    func testMissingDecisionIsNamed() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "leave", source: process(resultVariable: ""))

        XCTAssertThrowsError(try harness.engine.start("leave")) { error in
            XCTAssertEqual(error as? EngineError, .decisionNotFound(elementId: "Rules", decision: "Vacation"))
        }
    }

    func testInvalidDMNIsRejectedAtImport() throws {
        let harness = try EngineHarness()
        let broken = vacation.replacingOccurrences(of: "&lt;18,&gt;=60", with: "&lt;&lt;18")

        XCTAssertThrowsError(try harness.engine.importModel(name: "broken", source: broken)) { error in
            XCTAssertTrue("\(error)".contains("invalid DMN"), "\(error)")
        }
    }
}
