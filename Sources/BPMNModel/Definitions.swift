/// A parsed BPMN 2.0 file: every process in it, the shared messages, signals, errors and
/// escalations, and the diagram geometry. Immutable once parsed.
public struct Definitions: Sendable {
    public var id: String
    public var name: String?
    public var targetNamespace: String?
    /// Processes in document order. A collaboration with several participants gives several.
    public var processes: [Process]
    public var participants: [Participant]
    /// Keyed by element id.
    public var messages: [String: RootElementRef]
    public var signals: [String: RootElementRef]
    public var errors: [String: ErrorRef]
    public var escalations: [String: ErrorRef]
    public var diagram: Diagram
    /// The message flows of every collaboration, in document order.
    public var messageFlows: [MessageFlow]
    /// The correlation properties, keys and subscriptions; empty when the file declares none.
    public var correlation = Correlation()

    public init(
        id: String, name: String? = nil, targetNamespace: String? = nil,
        processes: [Process] = [], participants: [Participant] = [],
        messages: [String: RootElementRef] = [:], signals: [String: RootElementRef] = [:],
        errors: [String: ErrorRef] = [:], escalations: [String: ErrorRef] = [:],
        diagram: Diagram = Diagram(), messageFlows: [MessageFlow] = []
    ) {
        self.id = id
        self.name = name
        self.targetNamespace = targetNamespace
        self.processes = processes
        self.participants = participants
        self.messages = messages
        self.signals = signals
        self.errors = errors
        self.escalations = escalations
        self.diagram = diagram
        self.messageFlows = messageFlows
    }

    /// Finds a flow node by id in any process, at any sub-process depth.
    public func node(id: String) -> FlowNode? {
        for process in processes {
            if let found = process.node(id: id) { return found }
        }
        return nil
    }

    /// Finds the process whose element tree contains the node with this id.
    public func process(containing nodeId: String) -> Process? {
        processes.first { $0.node(id: nodeId) != nil }
    }
}

/// A pool of a collaboration, pointing at the process it shows.
public struct Participant: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var processRef: String?

    public init(id: String, name: String?, processRef: String?) {
        self.id = id
        self.name = name
        self.processRef = processRef
    }
}

/// A `message` or `signal` root element. Correlation uses `name`, falling back to `id`.
public struct RootElementRef: Sendable, Equatable {
    public var id: String
    public var name: String?

    public init(id: String, name: String?) {
        self.id = id
        self.name = name
    }
}

/// An `error` or `escalation` root element with its code.
public struct ErrorRef: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var code: String?

    public init(id: String, name: String?, code: String?) {
        self.id = id
        self.name = name
        self.code = code
    }
}
