import Foundation
import SQLiteStore
import WorkflowEngine

/// Part `scripts`: JavaScript conditions per second through the engine and JavaScriptCore, with
/// instance data of about 1 KB and 100 KB.
///
/// A generated model routes the start event through an exclusive gateway with C conditional
/// flows (`data.route == k`, only the last one true) to the end. One `start` call evaluates C
/// conditions, so the time per condition is the difference between that call and the same call
/// on a one-flow gateway, divided by C - 1; the commit and the rest of the call cancel out.
struct ScriptBench {
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport

    func run() throws {
        let path = workspace.freshDatabasePath("scripts.sqlite")
        defer { workspace.removeDatabase(at: path) }
        let engine = try workspace.openEngine(at: path, synchronous: .normal)
        try engine.importModel(name: "one", source: Self.gatewayModel(conditions: 1))

        // Conditions on 100 KB of data cost about 100 times more, so that size gets fewer.
        let sizes = [
            (label: "1kb", bytes: 1_024, conditions: scale.scriptConditions, calls: scale.scriptCalls),
            (label: "100kb", bytes: 102_400, conditions: max(scale.scriptConditions / 10, 2), calls: max(scale.scriptCalls / 6, 3)),
        ]
        for size in sizes {
            let model = "many-\(size.conditions)"
            try engine.importModel(name: model, source: Self.gatewayModel(conditions: size.conditions))
            log("scripts: \(size.calls) calls with \(size.conditions) conditions each, data of \(size.label)")
            let many = try timeCalls(engine, model: model, calls: size.calls, data: Self.data(bytes: size.bytes, route: size.conditions - 1))
            let one = try timeCalls(engine, model: "one", calls: size.calls, data: Self.data(bytes: size.bytes, route: 0))
            let perCondition = max(many - one, 0) / Double(size.conditions - 1)

            let key = "scripts.\(size.label)"
            report.record(key + ".conditions", Double(size.conditions))
            report.record(key + ".call_ms_many_conditions", many)
            report.record(key + ".call_ms_1_condition", one)
            report.record(key + ".condition_us", perCondition * 1000)
            report.record(key + ".conditions_per_s", perCondition > 0 ? 1000 / perCondition : 0)
        }
    }

    /// Returns the median milliseconds of one start call, after two untimed calls.
    private func timeCalls(_ engine: WorkflowEngine, model: String, calls: Int, data: JSONValue) throws -> Double {
        for _ in 0..<2 { _ = try engine.start(model, data: data) }
        var samples = Samples()
        for _ in 0..<calls {
            let (execution, time) = try Stopwatch.measure { try engine.start(model, data: data) }
            guard execution.status == .end else {
                throw BenchError.unexpected("scripts: the '\(model)' instance is \(execution.status.rawValue), expected end")
            }
            samples.append(time)
        }
        return samples.median
    }

    /// Instance data of at least `bytes` bytes of JSON: `route` and a list of order lines.
    static func data(bytes: Int, route: Int) -> JSONValue {
        var lines: [JSONValue] = []
        var object: [String: JSONValue] = ["route": .number(Double(route)), "customer": "Müller & Söhne"]
        var size = JSONValue.object(object).jsonText.utf8.count + "\"lines\":[],".utf8.count
        while size < bytes {
            let index = lines.count
            let line: JSONValue = [
                "sku": .string("SKU-\(10_000 + index)"), "quantity": .number(Double(index % 7 + 1)),
                "price": .number(Double(index % 90) + 0.5), "tags": ["fragile", "express"],
            ]
            lines.append(line)
            size += line.jsonText.utf8.count + 1
        }
        object["lines"] = .array(lines)
        return .object(object)
    }

    /// Returns a process whose exclusive gateway has `conditions` conditional flows to one end
    /// event.
    static func gatewayModel(conditions: Int) -> String {
        var flows = ""
        for index in 0..<conditions {
            flows += """
                <bpmn:sequenceFlow id="Flow_\(index)" sourceRef="Gateway_route" targetRef="End">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">data.route == \(index)</bpmn:conditionExpression>
                </bpmn:sequenceFlow>

            """
        }
        let outgoing = (0..<conditions).map { "<bpmn:outgoing>Flow_\($0)</bpmn:outgoing>" }.joined()
        let incoming = (0..<conditions).map { "<bpmn:incoming>Flow_\($0)</bpmn:incoming>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_route"
                targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="route" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_start</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="Flow_start" sourceRef="Start" targetRef="Gateway_route" />
                <bpmn:exclusiveGateway id="Gateway_route"><bpmn:incoming>Flow_start</bpmn:incoming>\(outgoing)</bpmn:exclusiveGateway>
                <bpmn:endEvent id="End">\(incoming)</bpmn:endEvent>
            \(flows)
              </bpmn:process>
            </bpmn:definitions>
            """
    }
}
