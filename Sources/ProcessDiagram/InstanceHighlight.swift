/// One execution record of an instance, as the diagram needs it: the element it ran, its
/// BPMN type and its status. The inbox and the command line build these from the engine's
/// items, so this module stays independent of the engine.
public struct ItemTrace: Equatable, Sendable {
    public var elementId: String
    /// `bpmn:UserTask`, `bpmn:SequenceFlow`, ...
    public var type: String
    /// The engine's item status: `enter`, `start`, `wait`, `end` or `failed`.
    public var status: String

    public init(elementId: String, type: String, status: String) {
        self.elementId = elementId
        self.type = type
        self.status = status
    }
}

/// The state of an instance by element: the state each element is drawn in and the flows
/// the instance took.
public struct InstanceHighlight: Equatable, Sendable {
    public var activity: [String: ElementActivity]
    public var takenFlows: Set<String>

    public init(activity: [String: ElementActivity] = [:], takenFlows: Set<String> = []) {
        self.activity = activity
        self.takenFlows = takenFlows
    }

    /// Summarizes items by element. An element with a failed item is failed. Else an element
    /// with waiting or running items is waiting, with their count, so a multi-instance task
    /// shows `●3`. Else it is done. A `bpmn:SequenceFlow` item marks its flow as taken.
    public init(items: [ItemTrace]) {
        var waiting: [String: Int] = [:]
        var failed = Set<String>()
        var seen = Set<String>()
        var flows = Set<String>()
        for item in items {
            if item.type == "bpmn:SequenceFlow" {
                flows.insert(item.elementId)
                continue
            }
            seen.insert(item.elementId)
            switch item.status {
            case "failed": failed.insert(item.elementId)
            case "wait", "start", "enter": waiting[item.elementId, default: 0] += 1
            default: break
            }
        }
        var activity: [String: ElementActivity] = [:]
        for id in seen {
            if failed.contains(id) {
                activity[id] = .failed
            } else if let count = waiting[id] {
                activity[id] = .waiting(count: count)
            } else {
                activity[id] = .done
            }
        }
        self.init(activity: activity, takenFlows: flows)
    }

    /// The number of elements with waiting items, and of waiting items in all.
    public var waitingCount: (elements: Int, items: Int) {
        var elements = 0
        var items = 0
        for case .waiting(let count) in activity.values {
            elements += 1
            items += count
        }
        return (elements, items)
    }
}
