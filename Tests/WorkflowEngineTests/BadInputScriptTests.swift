import Foundation
import WorkflowEngine
import XCTest

/// Hostile model JavaScript: endless loops, deep recursion, huge allocations and exceptions
/// in scripts, conditions, listeners and services end with an error on the element and a
/// rollback. Scripts find no modules, processes, files or network to reach.
final class BadInputScriptTests: XCTestCase {
    /// start → UT1 → Work (script) → G (exclusive, `condition` on flow `yes`, default `no`) → end.
    /// UT1 has an execution listener on `end` running `listener`.
    private func model(script: String = "data.ran = true;", condition: String = "true", listener: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="UT1">
              <extensionElements><camunda:executionListener event="end"><camunda:script scriptFormat="JavaScript"><![CDATA[\(listener)]]></camunda:script></camunda:executionListener></extensionElements>
            </userTask>
            <scriptTask id="Work" scriptFormat="JavaScript"><script><![CDATA[\(script)]]></script></scriptTask>
            <exclusiveGateway id="G" default="no"/>
            <userTask id="Yes"/>
            <userTask id="No"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="UT1"/>
            <sequenceFlow id="f2" sourceRef="UT1" targetRef="Work"/>
            <sequenceFlow id="f3" sourceRef="Work" targetRef="G"/>
            <sequenceFlow id="yes" sourceRef="G" targetRef="Yes"><conditionExpression><![CDATA[\(condition)]]></conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="G" targetRef="No"/>
          </process>
        </definitions>
        """
    }

    /// Starts the model, invokes UT1 and returns the error, checking the instance is unchanged.
    private func failure(
        script: String = "data.ran = true;", condition: String = "true", listener: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> EngineError? {
        let harness = try EngineHarness(options: EngineOptions(scriptTimeLimit: 0.5))
        try harness.engine.importModel(name: "m", source: model(script: script, condition: condition, listener: listener))
        let started = try harness.engine.start("m", data: ["keep": 1])

        var caught: Error?
        let began = Date()
        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"]), file: file, line: line) {
            caught = $0
        }
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertLessThan(Date().timeIntervalSince(began), 30, "the failing call took too long", file: file, line: line)
        XCTAssertEqual(after.statuses("UT1"), ["wait"], "the call was not rolled back", file: file, line: line)
        XCTAssertEqual(after.instance.data, ["keep": 1], file: file, line: line)
        XCTAssertEqual(after.instance.revision, started.instance.revision, file: file, line: line)
        return caught as? EngineError
    }

    func testEndlessScriptTimesOut() throws {
        let error = try failure(script: "while (true) {}")

        XCTAssertEqual(error, .scriptTimedOut(elementId: "Work", seconds: 0.5))
    }

    func testEndlessConditionTimesOut() throws {
        let error = try failure(condition: "$(function () { for (;;) {} })()")

        XCTAssertEqual(error, .scriptTimedOut(elementId: "yes", seconds: 0.5))
    }

    func testEndlessListenerTimesOut() throws {
        let error = try failure(listener: "for (let i = 0; ; i++) { data.i = i; }")

        XCTAssertEqual(error, .scriptTimedOut(elementId: "UT1", seconds: 0.5))
    }

    func testDeepRecursionFails() throws {
        let error = try failure(script: "function down(n) { return down(n + 1) + 1; } down(0);")

        guard case .scriptFailed(let elementId, let message)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertEqual(elementId, "Work")
        XCTAssertTrue(message.contains("RangeError"), message)
    }

    func testDoublingStringFails() throws {
        let error = try failure(script: "let s = 'x'; while (true) { s = s + s; }")

        guard case .scriptFailed(_, let message)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertTrue(message.contains("RangeError") || message.contains("memory"), message)
    }

    func testHugeBufferFails() throws {
        let error = try failure(script: "const buffer = new ArrayBuffer(2 ** 45); data.size = buffer.byteLength;")

        guard case .scriptFailed(_, let message)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertTrue(message.contains("RangeError"), message)
    }

    func testGrowingArrayIsStoppedByTimeLimit() throws {
        let error = try failure(script: "const kept = []; for (;;) { kept.push(new Array(10000).fill(kept.length)); }")

        XCTAssertNotNil(error)
    }

    func testScriptExceptionNamesElement() throws {
        let error = try failure(script: "throw new TypeError('bad total ' + data.keep);")

        guard case .scriptFailed(let elementId, let message)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertEqual(elementId, "Work")
        XCTAssertTrue(message.contains("bad total 1"), message)
    }

    func testConditionExceptionNamesFlow() throws {
        let error = try failure(condition: "$(data.missing.field === 1)")

        guard case .scriptFailed(let elementId, _)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertEqual(elementId, "yes")
    }

    func testListenerExceptionNamesTask() throws {
        let error = try failure(listener: "null.x = 1;")

        guard case .scriptFailed(let elementId, _)? = error else { return XCTFail("expected scriptFailed, got \(String(describing: error))") }
        XCTAssertEqual(elementId, "UT1")
    }

    func testFeelConditionIsReportedUnsupported() throws {
        let error = try failure(condition: "= approved")

        guard case .unsupportedExpressionLanguage(let elementId, let language, _)? = error else {
            return XCTFail("expected unsupportedExpressionLanguage, got \(String(describing: error))")
        }
        XCTAssertEqual(elementId, "yes")
        XCTAssertEqual(language, "FEEL")
    }

    func testScriptsSeeNoHostAccess() throws {
        let harness = try EngineHarness()
        let names = ["require", "process", "fetch", "XMLHttpRequest", "importScripts", "Deno", "Bun", "load", "read", "readFile", "os", "WebSocket"]
        let probe = names.map { "typeof \($0)" }.joined(separator: ", ")
        try harness.engine.importModel(name: "m", source: model(script: "data.kinds = [\(probe)];"))
        let started = try harness.engine.start("m")

        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])

        XCTAssertEqual(after.instance.data["kinds"], .array(names.map { _ in "undefined" }))
    }

    func testEndlessServicesFileFailsToLoad() throws {
        let harness = try EngineHarness(options: EngineOptions(scriptTimeLimit: 0.5))
        let folder = harness.folder.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "while (true) {}".write(to: folder.appendingPathComponent("loop.js"), atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try harness.engine.loadServices(from: folder)) { error in
            guard case .serviceLoadFailed(let file, _)? = error as? EngineError else { return XCTFail("expected serviceLoadFailed, got \(error)") }
            XCTAssertTrue(file.hasSuffix("loop.js"), file)
        }
    }
}
