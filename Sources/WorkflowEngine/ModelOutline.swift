import BPMNModel
import DecisionTables
import Foundation

/// The summary of one model version that `model show` prints: its processes, start events,
/// the messages and signals it uses, its timers, and its user tasks with their forms.
public struct ModelOutline: Sendable {
    public struct ProcessEntry: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var isExecutable: Bool
    }

    public struct TimerEntry: Sendable, Equatable {
        public var elementId: String
        public var name: String?
        /// `date`, `duration` or `cycle`.
        public var kind: String
        public var value: String
    }

    public struct UserTaskEntry: Sendable {
        public var elementId: String
        public var name: String?
        public var assignment: Assignment
        public var formKey: String?
        public var fields: [FormField]
    }

    public var name: String
    public var version: Int
    public var savedAt: Date
    public var processes: [ProcessEntry]
    public var startEvents: [StartEventRecord]
    /// Message names (ids when unnamed), sorted.
    public var messages: [String]
    public var signals: [String]
    public var timers: [TimerEntry]
    public var userTasks: [UserTaskEntry]
    /// For a DMN model, its decisions by id and name; empty for a BPMN model.
    public var decisions: [(id: String, name: String?)] = []
}

extension WorkflowEngine {
    /// Describes one version of a model (the newest when nil) for `model show`. A DMN model
    /// gets only its decisions.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.unknownVersion`.
    public func modelOutline(name: String, version: Int? = nil) throws -> ModelOutline {
        let record = try modelRecord(name: name, version: version)
        if let decisionModel = try? DecisionModel.parse(string: record.source) {
            return ModelOutline(
                name: record.name, version: record.version, savedAt: record.savedAt, processes: [], startEvents: [],
                messages: [], signals: [], timers: [], userTasks: [],
                decisions: decisionModel.decisions.map { (id: $0.id, name: $0.name) })
        }
        let definitions = try store.readTransaction { try models.definitions(name: name, version: record.version).definitions }
        let nodes = ModelWalk.nodes(of: definitions)

        var timers: [ModelOutline.TimerEntry] = []
        for node in nodes {
            for case .timer(let timer) in node.eventDefinitions {
                let (kind, value) = timer.timeDate.map { ("date", $0) }
                    ?? timer.timeDuration.map { ("duration", $0) } ?? ("cycle", timer.timeCycle ?? "")
                timers.append(.init(elementId: node.id, name: node.name, kind: kind, value: value))
            }
        }

        let userTasks = nodes.filter { $0.kind == .userTask }.map { node in
            ModelOutline.UserTaskEntry(
                elementId: node.id, name: node.name, assignment: node.assignment, formKey: node.formKey,
                fields: node.formFields)
        }

        return ModelOutline(
            name: record.name, version: record.version, savedAt: record.savedAt,
            processes: definitions.processes.map { .init(id: $0.id, name: $0.name, isExecutable: $0.isExecutable) },
            startEvents: record.startEvents.isEmpty ? StartEventCatalog.startEvents(of: definitions) : record.startEvents,
            messages: definitions.messages.values.map { $0.name ?? $0.id }.sorted(),
            signals: definitions.signals.values.map { $0.name ?? $0.id }.sorted(),
            timers: timers, userTasks: userTasks)
    }
}

/// Walks the flow nodes and sequence flows of every process, sub-processes included, in
/// document order.
enum ModelWalk {
    static func nodes(of definitions: Definitions) -> [FlowNode] {
        definitions.processes.flatMap { nodes(in: $0.body) }
    }

    static func flows(of definitions: Definitions) -> [SequenceFlow] {
        definitions.processes.flatMap { flows(in: $0.body) }
    }

    private static func nodes(in container: FlowContainer) -> [FlowNode] {
        container.nodes.flatMap { node in [node] + (node.subProcess.map { nodes(in: $0) } ?? []) }
    }

    private static func flows(in container: FlowContainer) -> [SequenceFlow] {
        container.flows + container.nodes.flatMap { node in node.subProcess.map { flows(in: $0) } ?? [] }
    }
}
