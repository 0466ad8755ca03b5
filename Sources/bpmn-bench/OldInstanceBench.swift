import Foundation
import SQLiteStore
import WorkflowEngine

/// Part `old`: the cost of an instance's age and size. It compares invoke latency on an
/// instance with 10,000 items of history against fresh instances of the same model. Then it
/// times a parallel multi-instance user task over 1,000 elements: the start that creates the
/// 1,000 waiting iterations, and the invokes that complete them one by one.
///
/// Both run with `synchronous=NORMAL`, so the figures show the engine's CPU and SQLite work
/// rather than the disk's fsync time.
struct OldInstanceBench {
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport
    private let user = UserContext(name: "alice")

    func run() throws {
        let path = workspace.freshDatabasePath("old.sqlite")
        defer { workspace.removeDatabase(at: path) }
        // The history is built by one start call that loops thousands of times.
        let options = EngineOptions(maximumStepsPerCall: 1_000_000)
        let engine = try workspace.openEngine(at: path, synchronous: .normal, options: options)
        try engine.importModel(name: "loop", source: Self.loopModel)
        try engine.importModel(name: "fan-out", source: Self.multiInstanceModel)

        try measureHistory(engine)
        try measureMultiInstance(engine)
    }

    private func measureHistory(_ engine: WorkflowEngine) throws {
        let rounds = scale.oldHistoryItems / 4
        log("old: building an instance with \(scale.oldHistoryItems) items of history (\(rounds) loop rounds)")
        let (old, buildTime) = try Stopwatch.measure {
            try engine.start("loop", data: ["rounds": .number(Double(rounds))], user: user)
        }
        report.record("old.history_items", Double(old.items.count))
        report.record("old.build_ms", buildTime)

        // Each fresh sample gets a new instance, so it never grows old itself.
        var oldSamples = Samples()
        var freshSamples = Samples()
        log("old: \(scale.oldInvokes) invokes on the old instance and on fresh ones, alternating")
        for _ in 0..<scale.oldInvokes {
            oldSamples.append(try invokeCheck(engine, instanceId: old.id))
            let fresh = try engine.start("loop", data: ["rounds": 1], user: user)
            freshSamples.append(try invokeCheck(engine, instanceId: fresh.id))
        }
        report.recordLatency("old.fresh.invoke", freshSamples)
        report.recordLatency("old.history.invoke", oldSamples)
        report.record("old.history_vs_fresh_p50", oldSamples.median / freshSamples.median)
    }

    /// Completes the waiting Check task of the instance, which loops back to a new Check task.
    private func invokeCheck(_ engine: WorkflowEngine, instanceId: String) throws -> Double {
        let (execution, time) = try Stopwatch.measure {
            try engine.invoke(["id": .string(instanceId), "items.elementId": "Check"], data: ["checked": true], user: user)
        }
        guard execution.waitingItems.map(\.elementId) == ["Check"] else {
            throw BenchError.unexpected("old: instance \(instanceId) waits at \(execution.waitingItems.map(\.elementId)), expected Check")
        }
        return time
    }

    private func measureMultiInstance(_ engine: WorkflowEngine) throws {
        let count = scale.multiInstanceElements
        log("old: a multi-instance task over \(count) elements")
        let orders = (0..<count).map { JSONValue.string(String(format: "order-%05d", $0)) }
        let (started, startTime) = try Stopwatch.measure {
            try engine.start("fan-out", data: ["orders": .array(orders)], user: user)
        }
        // The multi-instance body waits too, as an item of its own type.
        let waiting = started.waitingItems.filter { $0.elementId == "Pack" && $0.type == "bpmn:UserTask" }.count
        guard waiting == count else {
            throw BenchError.unexpected("old: the multi-instance task has \(waiting) waiting iterations, expected \(count)")
        }
        report.record("old.multi_instance.elements", Double(count))
        report.record("old.multi_instance.start_ms", startTime)

        var invokes = Samples()
        var last = started
        let begin = Stopwatch.now()
        for order in orders {
            let (execution, time) = try Stopwatch.measure {
                try engine.invoke(
                    ["id": .string(started.id), "items.elementId": "Pack", "items.itemKey": order],
                    data: ["packed": true], user: user)
            }
            invokes.append(time)
            last = execution
        }
        guard last.status == .end else {
            throw BenchError.unexpected("old: the multi-instance instance is \(last.status.rawValue) after every iteration, expected end")
        }
        report.recordLatency("old.multi_instance.invoke", invokes)
        report.record("old.multi_instance.complete_all_s", Stopwatch.milliseconds(since: begin) / 1000)
    }

    /// A script loop of `data.rounds` rounds (4 items each: script, flow, gateway, flow), then a
    /// user task Check that loops back to itself through a gateway until `data.done`.
    static let loopModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_loop"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="loop" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_start</bpmn:outgoing></bpmn:startEvent>
            <bpmn:scriptTask id="Tick" scriptFormat="JavaScript">
              <bpmn:incoming>Flow_start</bpmn:incoming><bpmn:incoming>Flow_again</bpmn:incoming>
              <bpmn:outgoing>Flow_tick</bpmn:outgoing>
              <bpmn:script>data.round = (data.round || 0) + 1;</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:exclusiveGateway id="More" default="Flow_enough">
              <bpmn:incoming>Flow_tick</bpmn:incoming>
              <bpmn:outgoing>Flow_again</bpmn:outgoing><bpmn:outgoing>Flow_enough</bpmn:outgoing>
            </bpmn:exclusiveGateway>
            <bpmn:userTask id="Check">
              <bpmn:incoming>Flow_enough</bpmn:incoming><bpmn:incoming>Flow_recheck</bpmn:incoming>
              <bpmn:outgoing>Flow_checked</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:exclusiveGateway id="Done" default="Flow_recheck">
              <bpmn:incoming>Flow_checked</bpmn:incoming>
              <bpmn:outgoing>Flow_recheck</bpmn:outgoing><bpmn:outgoing>Flow_end</bpmn:outgoing>
            </bpmn:exclusiveGateway>
            <bpmn:endEvent id="End"><bpmn:incoming>Flow_end</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_start" sourceRef="Start" targetRef="Tick" />
            <bpmn:sequenceFlow id="Flow_tick" sourceRef="Tick" targetRef="More" />
            <bpmn:sequenceFlow id="Flow_again" sourceRef="More" targetRef="Tick">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">data.round &lt; data.rounds</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_enough" sourceRef="More" targetRef="Check" />
            <bpmn:sequenceFlow id="Flow_checked" sourceRef="Check" targetRef="Done" />
            <bpmn:sequenceFlow id="Flow_recheck" sourceRef="Done" targetRef="Check" />
            <bpmn:sequenceFlow id="Flow_end" sourceRef="Done" targetRef="End">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">data.done === true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
          </bpmn:process>
        </bpmn:definitions>
        """

    /// A parallel multi-instance user task Pack over `data.orders`.
    static let multiInstanceModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_fan_out"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="fan_out" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_start</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Pack">
              <bpmn:incoming>Flow_start</bpmn:incoming><bpmn:outgoing>Flow_packed</bpmn:outgoing>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="data.orders" camunda:elementVariable="order" />
            </bpmn:userTask>
            <bpmn:endEvent id="End"><bpmn:incoming>Flow_packed</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_start" sourceRef="Start" targetRef="Pack" />
            <bpmn:sequenceFlow id="Flow_packed" sourceRef="Pack" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """
}
