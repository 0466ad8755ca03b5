import Foundation
import WorkflowEngine
import XCTest

/// JavaScript forms, script failures and the all-or-nothing rule for a call.
final class ScriptAndRollbackTests: XCTestCase {
    /// Builds a model: start → `UT1` (user task) → `Calc` (script given by the test) → `UT2` → end,
    /// with an exclusive gateway after UT2 choosing on the condition given by the test.
    private func model(script: String, condition: String = "data.total > 5") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="UT1" name="First"/>
            <scriptTask id="Calc" scriptFormat="JavaScript"><script><![CDATA[\(script)]]></script></scriptTask>
            <userTask id="UT2" name="Second"/>
            <exclusiveGateway id="G" default="low"/>
            <userTask id="High"/>
            <userTask id="Low"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="UT1"/>
            <sequenceFlow id="f2" sourceRef="UT1" targetRef="Calc"/>
            <sequenceFlow id="f3" sourceRef="Calc" targetRef="UT2"/>
            <sequenceFlow id="f4" sourceRef="UT2" targetRef="G"/>
            <sequenceFlow id="high" sourceRef="G" targetRef="High">
              <conditionExpression><![CDATA[\(condition)]]></conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="low" sourceRef="G" targetRef="Low"/>
          </process>
        </definitions>
        """
    }

    private func start(script: String, condition: String = "data.total > 5", options: EngineOptions = EngineOptions()) throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness(options: options)
        try harness.engine.importModel(name: "m", source: model(script: script, condition: condition))
        return (harness, try harness.engine.start("m", data: ["price": 10]))
    }

    func testScriptWritesData() throws {
        let (harness, started) = try start(script: "data.total = data.price * 2;")

        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])

        XCTAssertEqual(after.instance.data["total"], 20)
        XCTAssertEqual(after.statuses("UT2"), ["wait"])
    }

    func testModernSyntaxRuns() throws {
        let source = "const double = (x) => x * 2; let parts = [1, 2].map(double); data.total = parts.at(-1) ?? 0;"
        let (harness, started) = try start(script: source)

        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])

        XCTAssertEqual(after.instance.data["total"], 4)
    }

    func testConditionForms() throws {
        for condition in ["$(data.total > 5)", "$data.total > 5", "data.total > 5", "${total > 5}", "this.data.total > 5", "(() => item.data.total > 5)()"] {
            let (harness, started) = try start(script: "data.total = 20;", condition: condition)
            let id = JSONValue.string(started.id)
            _ = try harness.engine.invoke(["id": id, "items.elementId": "UT1"])

            let after = try harness.engine.invoke(["id": id, "items.elementId": "UT2"])

            XCTAssertEqual(after.statuses("High"), ["wait"], "condition \(condition)")
        }
    }

    func testConditionTakesFlowOnlyOnTrue() throws {
        let (harness, started) = try start(script: "data.total = 20;", condition: "'yes'")
        let id = JSONValue.string(started.id)
        _ = try harness.engine.invoke(["id": id, "items.elementId": "UT1"])

        let after = try harness.engine.invoke(["id": id, "items.elementId": "UT2"])

        XCTAssertEqual(after.statuses("Low"), ["wait"])
    }

    func testScriptErrorRollsBackWholeInvoke() throws {
        let (harness, started) = try start(script: "data.step = 1; data.total = data.price * missingVariable;")
        let before = try harness.engine.get(["id": .string(started.id)])

        XCTAssertThrowsError(
            try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"], data: ["note": "x"])
        ) { error in
            guard case .scriptFailed(let elementId, let message)? = error as? EngineError else {
                return XCTFail("expected scriptFailed, got \(error)")
            }
            XCTAssertEqual(elementId, "Calc")
            XCTAssertTrue(message.contains("missingVariable"), message)
        }
        try harness.restart()
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(after, before)
        XCTAssertEqual(after.statuses("UT1"), ["wait"])
        XCTAssertNil(after.instance.data["note"])
        XCTAssertEqual(try harness.engine.history(instanceId: started.id).count, 1)
    }

    func testRunawayScriptIsStoppedAndRolledBack() throws {
        let (harness, started) = try start(script: "while (true) {}", options: EngineOptions(scriptTimeLimit: 0.2))
        let before = try harness.engine.get(["id": .string(started.id)])

        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])) { error in
            XCTAssertEqual(error as? EngineError, .scriptTimedOut(elementId: "Calc", seconds: 0.2))
        }
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]), before)
    }

    func testEngineRunsScriptsAfterTimeout() throws {
        let (harness, started) = try start(script: "data.total = 7;", options: EngineOptions(scriptTimeLimit: 0.2))
        _ = try? harness.engine.invoke(["id": "no-such-instance", "items.elementId": "UT1"])

        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])

        XCTAssertEqual(after.instance.data["total"], 7)
    }

    func testInvokeWithNoMatchNamesTheQuery() throws {
        let (harness, _) = try start(script: "")

        XCTAssertThrowsError(try harness.engine.invoke(["items.elementId": "Nope"])) { error in
            XCTAssertEqual(error as? EngineError, .noMatchingItem(query: "{\"items.elementId\":\"Nope\"}"))
        }
    }

    func testInvokeRejectsNonObjectData() throws {
        let (harness, started) = try start(script: "")

        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"], data: [1, 2])) { error in
            guard case .invalidData? = error as? EngineError else { return XCTFail("expected invalidData, got \(error)") }
        }
    }

    func testUnknownModelIsReported() throws {
        let harness = try EngineHarness()

        XCTAssertThrowsError(try harness.engine.start("missing")) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: "missing"))
        }
    }

    func testUnknownQueryFieldIsReported() throws {
        let harness = try EngineHarness()

        XCTAssertThrowsError(try harness.engine.invoke(["items.colour": "red"])) { error in
            XCTAssertEqual(error as? EngineError, .invalidQuery(.unknownField("items.colour")))
        }
    }
}
