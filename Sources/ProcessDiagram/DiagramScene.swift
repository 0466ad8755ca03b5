import BPMNModel

/// The drawing style of an element.
public enum ShapeKind: Equatable, Sendable {
    /// A task or call activity: a box with the name inside.
    case activity
    /// A sub-process: a box around its inner flow when expanded, a task-like box when not.
    case subProcess(expanded: Bool)
    case event
    case gateway
    /// A participant of a collaboration, drawn as a band with its name.
    case pool
    /// A lane of a pool or process, drawn as a band with its name.
    case lane
}

/// One drawable element of a model: a flow node, pool or lane.
public struct DiagramElement: Sendable {
    public var id: String
    public var name: String?
    public var shape: ShapeKind
    /// The flow node this element shows; nil for pools and lanes.
    public var node: FlowNode?
    /// The pool, lane or expanded sub-process that contains the element.
    public var parentId: String?
    /// The activity a boundary event sits on.
    public var hostId: String?
    /// BPMNDI bounds in model pixels, when the file has them.
    public var modelBounds: Bounds?
    /// Whether the element is a sub-process with inner elements, which `+`/Enter can expand.
    public var isCollapsible: Bool

    var isContainer: Bool {
        switch shape {
        case .pool, .lane: return true
        case .subProcess(let expanded): return expanded
        default: return false
        }
    }
}

/// The kind of a connecting line.
public enum EdgeKind: Equatable, Sendable {
    case sequenceFlow, messageFlow, association
}

/// One line between two elements.
public struct DiagramEdge: Sendable {
    public var id: String
    public var kind: EdgeKind
    public var sourceId: String
    public var targetId: String
    /// The text drawn next to the line: the flow's name, else its condition, else
    /// `default` for a gateway's default flow.
    public var label: String?
    public var flow: SequenceFlow?
    /// BPMNDI waypoints in model pixels (empty without a diagram section).
    public var waypoints: [Point]
}

/// The elements and lines of a model, ready for layout: every element that is drawn at
/// the current expansion, parents before their children.
public struct DiagramScene: Sendable {
    public var elements: [DiagramElement]
    public var edges: [DiagramEdge]
    /// Element index by id.
    var index: [String: Int]

    public func element(id: String) -> DiagramElement? {
        index[id].map { elements[$0] }
    }

    /// Whether the model has BPMNDI shapes for every flow node in the scene.
    var hasCompleteGeometry: Bool {
        elements.allSatisfy { $0.node == nil || $0.modelBounds != nil }
    }
}

