import Foundation
import XCTest

@testable import WorkflowEngine

/// What scripts and conditions write back when a run returns only the parts it changed, and
/// the reuse of rendered data between runs (`ScriptTextCache`).
final class ScriptOutcomeTests: XCTestCase {
    /// Builds a model: start → `First` (script) → `Wait` (user task) → `Second` (script) →
    /// exclusive gateway with `condition` on flow `yes` to `Yes`, else `No`.
    private func model(first: String, second: String = "", condition: String = "true") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="First" scriptFormat="JavaScript"><script><![CDATA[\(first)]]></script></scriptTask>
            <userTask id="Wait"/>
            <scriptTask id="Second" scriptFormat="JavaScript"><script><![CDATA[\(second)]]></script></scriptTask>
            <exclusiveGateway id="G" default="no"/>
            <userTask id="Yes"/>
            <userTask id="No"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="First"/>
            <sequenceFlow id="f2" sourceRef="First" targetRef="Wait"/>
            <sequenceFlow id="f3" sourceRef="Wait" targetRef="Second"/>
            <sequenceFlow id="f4" sourceRef="Second" targetRef="G"/>
            <sequenceFlow id="yes" sourceRef="G" targetRef="Yes">
              <conditionExpression><![CDATA[\(condition)]]></conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="no" sourceRef="G" targetRef="No"/>
          </process>
        </definitions>
        """
    }

    private func run(
        first: String, second: String = "", condition: String = "true", data: JSONValue = ["amount": 5],
        invokeData: JSONValue = .emptyObject
    ) throws -> (started: Execution, finished: Execution) {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model(first: first, second: second, condition: condition))
        let started = try harness.engine.start("m", data: data)
        let finished = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Wait"], data: invokeData)
        return (started, finished)
    }

    func testScriptThatOnlyReadsKeepsData() throws {
        let data: JSONValue = ["amount": 5, "big": 1e20, "text": "e\u{301}", "list": [1, [2, ["x": nil]]]]

        let (started, _) = try run(first: "const copy = JSON.stringify(data); item.vars = { length: copy.length };", data: data)

        XCTAssertEqual(started.instance.data, data)
        XCTAssertTrue(started.instance.data["text"]!.stringValue!.unicodeScalars.elementsEqual("e\u{301}".unicodeScalars))
        XCTAssertNotNil(started.items("First").first?.vars["length"]?.numberValue)
    }

    func testNestedChangeIsWrittenBack() throws {
        let (started, _) = try run(first: "data.list[1][1].x = 'set';", data: ["list": [1, [2, ["x": nil]]]])

        XCTAssertEqual(started.instance.data["list"], [1, [2, ["x": "set"]]])
    }

    func testConditionThatAssignsDataWritesIt() throws {
        let (_, finished) = try run(first: "", condition: "(data.checked = data.amount) > 1")

        XCTAssertEqual(finished.instance.data["checked"], 5)
        XCTAssertEqual(finished.statuses("Yes"), ["wait"])
    }

    func testOutputAloneIsWrittenBack() throws {
        let (started, _) = try run(first: "item.output = { total: data.amount * 2 };")

        XCTAssertEqual(started.items("First").first?.output, ["total": 10])
        XCTAssertEqual(started.instance.data, ["amount": 5])
    }

    func testOutputChangedInPlaceIsWrittenBack() throws {
        let (started, _) = try run(first: "item.output = {}; this.output.note = 'kept';")

        XCTAssertEqual(started.items("First").first?.output, ["note": "kept"])
    }

    func testItemFieldChangeIsWrittenBack() throws {
        let (started, _) = try run(first: "item.assignee = 'bob'; item.priority = 3;")
        let first = try XCTUnwrap(started.items("First").first)

        XCTAssertEqual(first.assignee, "bob")
        XCTAssertEqual(first.priority, 3)
    }

    func testDataRebuiltWithSameTextIsKept() throws {
        let (started, _) = try run(first: "const text = JSON.stringify(data); Object.keys(data).forEach(k => delete data[k]); Object.assign(data, JSON.parse(text));")

        XCTAssertEqual(started.instance.data, ["amount": 5])
    }

    func testFunctionPropertyDoesNotReachNextRun() throws {
        let first = "data.helper = function () { return 1; }; data.seen = true;"
        let second = "data.helperType = typeof data.helper;"

        let (_, finished) = try run(first: first, second: second)

        XCTAssertEqual(finished.instance.data["helperType"], "undefined")
        XCTAssertEqual(finished.instance.data["seen"], true)
    }

    func testDataMergedBetweenRunsIsSeen() throws {
        let second = "data.sum = data.amount + data.extra;"

        let (_, finished) = try run(first: "data.amount = 7;", second: second, condition: "data.sum === 10", invokeData: ["extra": 3])

        XCTAssertEqual(finished.instance.data["sum"], 10)
        XCTAssertEqual(finished.statuses("Yes"), ["wait"])
    }

    func testInstanceDataIsASeparateObject() throws {
        let script = "this.context.instance.data.amount = 99; data.same = (data === this.context.instance.data); data.seenAmount = data.amount;"

        let (started, _) = try run(first: script)

        XCTAssertEqual(started.instance.data["same"], false)
        XCTAssertEqual(started.instance.data["seenAmount"], 5)
        XCTAssertEqual(started.instance.data["amount"], 5)
    }

    func testConditionsSeeDataChangedByAnEarlierCondition() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <inclusiveGateway id="G"/>
                <userTask id="A"/>
                <userTask id="B"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="G"/>
                <sequenceFlow id="a" sourceRef="G" targetRef="A"><conditionExpression>(data.count = (data.count || 0) + 1) > 0</conditionExpression></sequenceFlow>
                <sequenceFlow id="b" sourceRef="G" targetRef="B"><conditionExpression>data.count === 1</conditionExpression></sequenceFlow>
              </process>
            </definitions>
            """)

        let started = try harness.engine.start("m", data: ["count": 0])

        XCTAssertEqual(started.instance.data["count"], 1)
        XCTAssertEqual(started.statuses("B"), ["wait"])
    }
}

/// `ScriptTextCache.isSame`, which decides whether cached JSON text may be reused.
final class ScriptTextCacheTests: XCTestCase {
    func testCopyOfAContainerIsTheSame() {
        let value: JSONValue = ["a": [1, 2], "b": "x"]
        let copy = value

        XCTAssertTrue(ScriptTextCache.isSame(value, copy))
        XCTAssertTrue(ScriptTextCache.isSame(value["a"]!, copy["a"]!))
    }

    func testEqualContainersBuiltApartAreNotTheSame() throws {
        let value: JSONValue = ["a": 1]
        let rebuilt = try JSONValue.parse(#"{"a":1}"#)

        XCTAssertEqual(value, rebuilt)
        XCTAssertFalse(ScriptTextCache.isSame(value, rebuilt))
    }

    func testChangedCopyIsNotTheSame() {
        let value: JSONValue = ["a": 1]
        var changed = value
        changed.setValue(2, atPath: "a")

        XCTAssertFalse(ScriptTextCache.isSame(value, changed))
    }

    func testCanonicallyEqualStringsAreNotTheSame() {
        let precomposed = JSONValue.string("\u{E9}")
        let decomposed = JSONValue.string("e\u{301}")

        XCTAssertEqual(precomposed, decomposed)
        XCTAssertFalse(ScriptTextCache.isSame(precomposed, decomposed))
    }

    func testScalarsCompareByValue() {
        XCTAssertTrue(ScriptTextCache.isSame(.number(1.5), .number(1.5)))
        XCTAssertFalse(ScriptTextCache.isSame(.number(0), .number(-0.0)))
        XCTAssertTrue(ScriptTextCache.isSame(.null, .null))
        XCTAssertFalse(ScriptTextCache.isSame(.bool(true), .number(1)))
        XCTAssertFalse(ScriptTextCache.isSame(.array([]), .object([:])))
    }
}
