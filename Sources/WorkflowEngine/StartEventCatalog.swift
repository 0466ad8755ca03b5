import BPMNModel

/// Lists the start events of a model for the store's start-event table.
enum StartEventCatalog {
    static func startEvents(of definitions: Definitions) -> [StartEventRecord] {
        var records: [StartEventRecord] = []
        for process in definitions.processes {
            collect(process.body, processId: process.id, definitions: definitions, into: &records)
        }
        return records
    }

    private static func collect(
        _ container: FlowContainer, processId: String, definitions: Definitions,
        into records: inout [StartEventRecord]
    ) {
        for node in container.nodes {
            if node.kind == .startEvent {
                records.append(record(for: node, processId: processId, definitions: definitions))
            }
            if let inner = node.subProcess {
                collect(inner, processId: processId, definitions: definitions, into: &records)
            }
        }
    }

    private static func record(
        for node: FlowNode, processId: String, definitions: Definitions
    ) -> StartEventRecord {
        var record = StartEventRecord(
            elementId: node.id, name: node.name, processId: processId, subType: "none")
        guard let definition = node.eventDefinitions.first else { return record }
        switch definition {
        case .message(let ref):
            record.subType = "message"
            record.messageName = ref.map { definitions.messages[$0]?.name ?? $0 }
        case .signal(let ref):
            record.subType = "signal"
            record.signalName = ref.map { definitions.signals[$0]?.name ?? $0 }
        case .timer: record.subType = "timer"
        case .conditional: record.subType = "conditional"
        case .error: record.subType = "error"
        case .escalation: record.subType = "escalation"
        case .compensate: record.subType = "compensate"
        default: record.subType = "none"
        }
        return record
    }
}
