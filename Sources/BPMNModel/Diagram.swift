/// BPMNDI geometry in model coordinates (pixels of the modeller's canvas).
public struct Diagram: Sendable, Equatable {
    /// Shape bounds keyed by the `bpmnElement` they show.
    public var shapes: [String: Bounds]
    /// Edge waypoints keyed by the `bpmnElement` they show.
    public var edges: [String: [Point]]
    /// Label bounds of shapes and edges, keyed by `bpmnElement`.
    public var labels: [String: Bounds]
    /// `isExpanded` of sub-process shapes, keyed by `bpmnElement`.
    public var expanded: [String: Bool]

    public init(
        shapes: [String: Bounds] = [:], edges: [String: [Point]] = [:],
        labels: [String: Bounds] = [:], expanded: [String: Bool] = [:]
    ) {
        self.shapes = shapes
        self.edges = edges
        self.labels = labels
        self.expanded = expanded
    }

    public var isEmpty: Bool { shapes.isEmpty && edges.isEmpty }
}

public struct Bounds: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
