import Foundation
import SQLiteStore
import WorkflowEngine

/// Part `engine`: the approval model (start, script task, exclusive gateway, one user task,
/// end) run by N instances. Each is started to its user task in one call (one commit) and
/// later completed to its end in a second call, as SpiffWorkflow's end-to-end peer benchmark
/// does.
struct EngineThroughputBench {
    static let modelName = "approval"
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport

    func run() throws {
        let source = try workspace.benchModel("approval-js.bpmn")
        for mode in [SynchronousMode.full, .normal] {
            try measure(source: source, synchronous: mode)
        }
    }

    private func measure(source: String, synchronous: SynchronousMode) throws {
        let key = "engine.approval.\(synchronous.rawValue.lowercased())"
        log("engine: \(scale.engineInstances) approval instances, synchronous=\(synchronous.rawValue)")
        let path = workspace.freshDatabasePath("engine-\(synchronous.rawValue.lowercased()).sqlite")
        defer { workspace.removeDatabase(at: path) }
        let engine = try workspace.openEngine(at: path, synchronous: synchronous)
        try engine.importModel(name: Self.modelName, source: source)
        let user = UserContext(name: "alice")

        // Warm-up instances (JavaScriptCore, statement cache, file growth), not timed.
        for index in 0..<20 {
            let started = try startInstance(engine, index: index, user: user)
            try complete(engine, started, index: index, user: user)
        }

        var starts = Samples()
        var waiting: [(id: String, elementId: String)] = []
        let cpuBefore = processCPUMilliseconds()
        let phaseA = Stopwatch.now()
        for index in 0..<scale.engineInstances {
            let begin = Stopwatch.now()
            waiting.append(try startInstance(engine, index: index, user: user))
            starts.append(Stopwatch.milliseconds(since: begin))
        }
        let startSeconds = Stopwatch.milliseconds(since: phaseA) / 1000

        var invokes = Samples()
        let phaseB = Stopwatch.now()
        for (index, instance) in waiting.enumerated() {
            let begin = Stopwatch.now()
            try complete(engine, instance, index: index, user: user)
            invokes.append(Stopwatch.milliseconds(since: begin))
        }
        let invokeSeconds = Stopwatch.milliseconds(since: phaseB) / 1000
        let cpuMilliseconds = processCPUMilliseconds() - cpuBefore

        let ended = try engine.store.readTransaction {
            try engine.store.countInstances(.field(.instance(.status), .eq(.string(InstanceStatus.end.rawValue))))
        }
        guard ended == scale.engineInstances + 20 else {
            throw BenchError.unexpected("engine: \(ended) instances ended, expected \(scale.engineInstances + 20)")
        }

        let count = Double(scale.engineInstances)
        report.record(key + ".instances_per_s", count / (startSeconds + invokeSeconds))
        report.record(key + ".starts_per_s", count / startSeconds)
        report.record(key + ".invokes_per_s", count / invokeSeconds)
        report.recordLatency(key + ".start", starts)
        report.recordLatency(key + ".invoke", invokes)
        report.record(key + ".cpu_ms_per_instance", cpuMilliseconds / count)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        report.record(key + ".db_bytes_per_instance", Double(bytes) / Double(scale.engineInstances + 20))
    }

    /// Starts instance `index` (alternately a small and a large amount, so half the instances
    /// wait at Approve and half at Review) and returns its id and the waiting task's element.
    private func startInstance(_ engine: WorkflowEngine, index: Int, user: UserContext) throws -> (id: String, elementId: String) {
        let amount = index % 2 == 0 ? 500 : 5000
        let execution = try engine.start(
            Self.modelName, data: ["amount": .number(Double(amount)), "request_id": .number(Double(index))], user: user)
        let expected = index % 2 == 0 ? "Activity_Approve" : "Activity_Review"
        guard execution.waitingItems.map(\.elementId) == [expected] else {
            throw BenchError.unexpected(
                "engine: instance \(index) waits at \(execution.waitingItems.map(\.elementId)), expected \(expected)")
        }
        return (execution.id, expected)
    }

    private func complete(_ engine: WorkflowEngine, _ instance: (id: String, elementId: String), index: Int, user: UserContext) throws {
        let execution = try engine.invoke(
            ["id": .string(instance.id), "items.elementId": .string(instance.elementId)],
            data: ["approved": true, "approver": "alice", "comment": "looks fine"], user: user)
        guard execution.status == .end else {
            throw BenchError.unexpected("engine: instance \(index) is \(execution.status.rawValue) after its task, expected end")
        }
    }
}
