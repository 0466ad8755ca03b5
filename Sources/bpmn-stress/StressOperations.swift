import Foundation
import WorkflowEngine

/// Runs random engine operations against one database: the mix that many operators, CLI
/// calls and workers produce together. Every committed operation is acknowledged on standard
/// output; an operation that finds its target already taken by another process is skipped.
struct StressOperations {
    /// The result of one operation.
    enum Outcome {
        case done([Acknowledgement])
        /// Another process got there first (the item was completed, the message was taken).
        case skipped
        case failed(String)
    }

    let engine: WorkflowEngine
    let processLabel: String
    var generator: SeededGenerator
    var user: UserContext { UserContext(name: "stress-\(processLabel)") }

    /// Runs operation number `index` and returns its outcome, with errors as `.failed`.
    mutating func runOne(_ index: Int) -> Outcome {
        let marker = "\(processLabel)-" + String(format: "%06d", index)
        let data = JSONValue.object([Acknowledgement.dataKey(for: marker): .string(marker)])
        let roll = Int.random(in: 0..<100, using: &generator)
        do {
            switch roll {
            case 0..<20: return try start(StressModels.orderName, marker: marker, data: data)
            case 20..<25: return try start(StressModels.holdName, marker: marker, data: data)
            case 25..<60: return try invoke(marker: marker, data: data)
            case 60..<70: return try assign(marker: marker, data: data)
            case 70..<85: return try message(marker: marker, data: data)
            case 85..<90: return try signal(marker: marker, data: data)
            default: return try timers(marker: marker)
            }
        } catch let error as EngineError {
            switch error {
            case .noMatchingItem, .itemNotWaiting, .instanceNotRunning: return .skipped
            default: return .failed("\(marker): \(error)")
            }
        } catch {
            return .failed("\(marker): \(error)")
        }
    }

    private func start(_ model: String, marker: String, data: JSONValue) throws -> Outcome {
        let execution = try engine.start(model, data: data, user: user)
        return .done([Acknowledgement(marker: marker, kind: .start, instanceId: execution.instance.id, itemId: nil)])
    }

    private mutating func invoke(marker: String, data: JSONValue) throws -> Outcome {
        guard let target = try pickWaiting(["items.elementId": .object(["$in": .array(StressModels.userTasks.map(JSONValue.string))])])
        else { return .skipped }
        let execution = try engine.invoke(.object(["items.id": .string(target.id)]), data: data, user: user)
        return .done([Acknowledgement(marker: marker, kind: .invoke, instanceId: execution.instance.id, itemId: target.id)])
    }

    private mutating func assign(marker: String, data: JSONValue) throws -> Outcome {
        guard let target = try pickWaiting(["items.elementId": .string("Review")]) else { return .skipped }
        let assignment = JSONValue.object(["priority": .number(Double(Int.random(in: 1...9, using: &generator)))])
        let execution = try engine.assign(
            .object(["items.id": .string(target.id)]), data: data, assignment: assignment, user: user)
        return .done([Acknowledgement(marker: marker, kind: .assign, instanceId: execution.instance.id, itemId: target.id)])
    }

    private mutating func message(marker: String, data: JSONValue) throws -> Outcome {
        guard let target = try pickWaiting(["items.elementId": .string("WaitPaid")]) else { return .skipped }
        let delivery = try engine.throwMessage(
            StressModels.messageName, data: data, matchingKey: .object(["id": .string(target.instanceId)]), user: user)
        return acknowledge(delivery, marker: marker, kind: .message)
    }

    private func signal(marker: String, data: JSONValue) throws -> Outcome {
        let delivery = try engine.throwSignal(StressModels.signalName, data: data, user: user)
        if let failure = delivery.receivers.first(where: { $0.error != nil }) {
            return .failed("\(marker): signal receiver \(failure.instanceId) failed: \(failure.error ?? "")")
        }
        return acknowledge(delivery, marker: marker, kind: .signal)
    }

    private func timers(marker: String) throws -> Outcome {
        let executions = try engine.fireDueTimers(limit: 5)
        guard !executions.isEmpty else { return .skipped }
        return .done(executions.compactMap { execution in
            // The stress models have one timer, `Cool`, so its ended item is the one that fired.
            guard let item = execution.items.last(where: { $0.elementId == "Cool" && $0.status == .end }) else { return nil }
            return Acknowledgement(marker: marker, kind: .timer, instanceId: execution.instance.id, itemId: item.id)
        })
    }

    private func acknowledge(_ delivery: EventDelivery, marker: String, kind: Acknowledgement.Kind) -> Outcome {
        let received = delivery.receivers.filter { $0.error == nil && !$0.instanceId.isEmpty }
        guard !received.isEmpty else { return .skipped }
        return .done(received.map {
            Acknowledgement(marker: marker, kind: kind, instanceId: $0.instanceId, itemId: $0.itemId)
        })
    }

    /// Picks one of the first 20 waiting items the query matches, at random, or nil.
    private mutating func pickWaiting(_ query: [String: JSONValue]) throws -> ItemRecord? {
        var fields = query
        fields["items.status"] = .string("wait")
        let found = try engine.findItems(.object(fields), options: FindOptions(limit: 20))
        return found.randomElement(using: &generator)
    }
}
