import BPMNModel
import Foundation
import WorkflowEngine
import XCTest

/// Structurally broken models are rejected at import, reported with the element id when an
/// instance reaches the broken element, or run as BPMN 2.0.2 defines it. None crashes or
/// leaves a half-stored instance.
final class BadInputModelTests: XCTestCase {
    private func definitions(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">\(body)</process>
        </definitions>
        """
    }

    private func importError(_ body: String) throws -> String? {
        let harness = try EngineHarness()
        do {
            try harness.engine.importModel(name: "m", source: definitions(body))
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testDuplicateIdIsRejectedAtImport() throws {
        let error = try importError(#"<startEvent id="a"/><userTask id="a"/>"#)

        XCTAssertNotNil(error)
        XCTAssertTrue(error?.contains("'a'") ?? false, error ?? "")
    }

    func testDanglingSourceRefIsRejectedAtImport() throws {
        let error = try importError(#"<startEvent id="s"/><sequenceFlow id="f" sourceRef="nowhere" targetRef="s"/>"#)

        XCTAssertTrue(error?.contains("nowhere") ?? false, error ?? "no error")
    }

    /// An end event ends its token, as BPMN 2.0.2 defines it, so a flow leaving it is never taken.
    func testFlowFromEndEventIsNeverTaken() throws {
        let harness = try EngineHarness()
        let body = #"""
            <startEvent id="s"/><endEvent id="e"/><userTask id="after"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="e"/><sequenceFlow id="f2" sourceRef="e" targetRef="after"/>
            """#
        try harness.engine.importModel(name: "m", source: definitions(body))

        let execution = try harness.engine.start("m")

        XCTAssertEqual(execution.items("after"), [])
        XCTAssertEqual(execution.instance.status, .end)
    }

    /// A node without outgoing flows ends its token (BPMN 2.0.2's implicit end), gateways too,
    /// so the instance ends instead of waiting forever.
    func testGatewayWithoutOutgoingFlowEndsItsToken() throws {
        let harness = try EngineHarness()
        for kind in ["exclusiveGateway", "parallelGateway", "inclusiveGateway"] {
            try harness.engine.importModel(
                name: kind,
                source: definitions(#"<startEvent id="s"/><\#(kind) id="g"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>"#))

            let execution = try harness.engine.start(kind)

            XCTAssertEqual(execution.instance.status, .end, kind)
            XCTAssertEqual(execution.statuses("g"), ["end"], kind)
        }
    }

    func testProcessWithoutStartEventIsReported() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: definitions(#"<userTask id="only"/>"#))

        XCTAssertThrowsError(try harness.engine.start("m")) { error in
            XCTAssertEqual(error as? EngineError, .noStartEvent(model: "m"))
        }
        XCTAssertEqual(try harness.engine.findInstances([:]).count, 0)
    }

    func testJuelXPathAndFeelModelsLoad() throws {
        for file in ["C.1.0", "C.1.1", "A.2.1", "C.9.0"] {
            let url = EngineHarness.corpus.appendingPathComponent("miwg/Reference/\(file).bpmn")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw XCTSkip("corpus not found at \(url.path)")
            }
            let definitions = try BPMNParser.parse(data: Data(contentsOf: url))
            let conditions = definitions.processes.flatMap { $0.body.flows.compactMap(\.condition) }

            XCTAssertFalse(definitions.processes.isEmpty, file)
            XCTAssertNotNil(conditions.first, file)
        }
    }

    func testXPathConditionIsNotRunAsJavaScript() throws {
        let harness = try EngineHarness()
        let body = #"""
            <startEvent id="s"/><exclusiveGateway id="g" default="no"/><userTask id="Yes"/><userTask id="No"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <sequenceFlow id="yes" sourceRef="g" targetRef="Yes"><conditionExpression language="http://www.w3.org/1999/XPath">true()</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="g" targetRef="No"/>
            """#
        try harness.engine.importModel(name: "m", source: definitions(body))

        XCTAssertThrowsError(try harness.engine.start("m")) { error in
            XCTAssertTrue("\(error)".contains("'yes'"), "\(error)")
            XCTAssertTrue("\(error)".contains("XPath"), "\(error)")
        }
        XCTAssertEqual(try harness.engine.findInstances([:]).count, 0)
    }
}
