/// The nodes and sequence flows of one scope: a process, or the inside of a sub-process.
public struct FlowContainer: Sendable {
    /// Flow nodes in document order (start events of this scope included).
    public var nodes: [FlowNode]
    public var flows: [SequenceFlow]
    public var lanes: [Lane]
    /// `association`s of this scope; one from a compensation boundary event to an activity
    /// names that activity as the compensation handler.
    public var associations: [Association]

    public init(nodes: [FlowNode] = [], flows: [SequenceFlow] = [], lanes: [Lane] = [], associations: [Association] = []) {
        self.nodes = nodes
        self.flows = flows
        self.lanes = lanes
        self.associations = associations
    }

    /// Finds a node by id in this scope or any nested sub-process.
    public func node(id: String) -> FlowNode? {
        for node in nodes {
            if node.id == id { return node }
            if let inner = node.subProcess?.node(id: id) { return inner }
        }
        return nil
    }

    /// Finds a sequence flow by id in this scope or any nested sub-process.
    public func flow(id: String) -> SequenceFlow? {
        if let flow = flows.first(where: { $0.id == id }) { return flow }
        for node in nodes {
            if let inner = node.subProcess?.flow(id: id) { return inner }
        }
        return nil
    }
}

/// A `process` element.
public struct Process: Sendable {
    public var id: String
    public var name: String?
    public var isExecutable: Bool
    public var documentation: String?
    public var body: FlowContainer
    /// Process-level `camunda:executionListener`s (events `start` and `end`).
    public var listeners: [Listener]
    public var candidateStarterGroups: String?
    public var candidateStarterUsers: String?

    public init(
        id: String, name: String? = nil, isExecutable: Bool = true, documentation: String? = nil,
        body: FlowContainer = FlowContainer(), listeners: [Listener] = [],
        candidateStarterGroups: String? = nil, candidateStarterUsers: String? = nil
    ) {
        self.id = id
        self.name = name
        self.isExecutable = isExecutable
        self.documentation = documentation
        self.body = body
        self.listeners = listeners
        self.candidateStarterGroups = candidateStarterGroups
        self.candidateStarterUsers = candidateStarterUsers
    }

    public func node(id: String) -> FlowNode? { body.node(id: id) }

    public func flow(id: String) -> SequenceFlow? { body.flow(id: id) }
}

/// An `association` between two elements (references as written).
public struct Association: Sendable, Equatable {
    public var id: String?
    public var sourceRef: String
    public var targetRef: String

    public init(id: String?, sourceRef: String, targetRef: String) {
        self.id = id
        self.sourceRef = sourceRef
        self.targetRef = targetRef
    }
}

/// A lane of a lane set, with the ids of the flow nodes it contains.
public struct Lane: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var flowNodeRefs: [String]

    public init(id: String, name: String?, flowNodeRefs: [String]) {
        self.id = id
        self.name = name
        self.flowNodeRefs = flowNodeRefs
    }
}

/// A `sequenceFlow`.
public struct SequenceFlow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var sourceRef: String
    public var targetRef: String
    /// The body of `conditionExpression`, trimmed; nil when the flow is unconditional. An empty
    /// body also gives nil, so such a flow is taken as unconditional.
    public var condition: String?
    public var conditionLanguage: String?
    /// `camunda:executionListener`s on the flow (event `take`).
    public var listeners: [Listener]

    public init(
        id: String, name: String? = nil, sourceRef: String, targetRef: String,
        condition: String? = nil, conditionLanguage: String? = nil, listeners: [Listener] = []
    ) {
        self.id = id
        self.name = name
        self.sourceRef = sourceRef
        self.targetRef = targetRef
        self.condition = condition
        self.conditionLanguage = conditionLanguage
        self.listeners = listeners
    }
}
