import BPMNModel

/// Text placed next to an element or a line.
public struct PlacedLabel: Sendable {
    public var text: String
    public var position: CellPoint
    /// The element or edge the label names.
    public var ownerId: String
    public var isEdgeLabel: Bool
}

/// Options of a layout.
public struct DiagramOptions: Sendable, Equatable {
    public var zoom: DiagramZoom
    /// Sub-processes (by id) drawn open (`true`) or closed (`false`), overriding BPMNDI.
    public var expansion: [String: Bool]
    /// Lays the model out from its flows even when it has BPMNDI.
    public var ignoresDiagram: Bool

    public init(zoom: DiagramZoom = .full, expansion: [String: Bool] = [:], ignoresDiagram: Bool = false) {
        self.zoom = zoom
        self.expansion = expansion
        self.ignoresDiagram = ignoresDiagram
    }
}

/// A model laid out on the character grid: element boxes, routed lines and labels. It is
/// computed once per model, zoom and expansion, and drawn many times by `DiagramRenderer`.
public struct DiagramLayout: Sendable {
    public let scene: DiagramScene
    public let options: DiagramOptions
    /// Element boxes by element id, in cells from the drawing's top-left corner.
    public let rects: [String: CellRect]
    public let routes: [RoutedEdge]
    public let labels: [PlacedLabel]
    /// Cells reserved for the state marks of events and gateways, by element id.
    public let markerCells: [String: CellRect]
    public let width: Int
    public let height: Int
    /// Whether the positions come from the automatic layered layout instead of BPMNDI.
    public let isAutomatic: Bool
    /// Name lines of activity boxes by element id, wrapped for the zoom.
    let nameLines: [String: [String]]

    /// Lays out every process of `definitions`.
    ///
    /// Models with BPMNDI shapes for every drawn flow node keep the modeller's arrangement;
    /// others, and every model when `options.ignoresDiagram` is set, get the automatic
    /// layered layout. Layout never fails: elements the diagram cannot show (such as the
    /// inside of a closed sub-process) are left out.
    public init(definitions: Definitions, options: DiagramOptions = DiagramOptions()) {
        var scene = SceneBuilder.build(definitions, expansion: options.expansion)
        // TODO: lay out automatically only the scopes that lack BPMNDI shapes. Today only whole
        // undrawn processes are placed alone; one missing shape elsewhere sends the whole model
        // to the automatic layout.
        if !options.ignoresDiagram, !scene.hasCompleteGeometry {
            _ = UndrawnProcesses.place(in: &scene, definitions: definitions, options: options)
        }
        let automatic = options.ignoresDiagram || !scene.hasCompleteGeometry
        if automatic {
            if options.ignoresDiagram, options.expansion.isEmpty {
                var expansion: [String: Bool] = [:]
                for element in scene.elements where element.isCollapsible { expansion[element.id] = true }
                var stripped = definitions
                stripped.diagram = Diagram()
                scene = SceneBuilder.build(stripped, expansion: expansion)
            }
            AutoLayout.apply(to: &scene)
        }

        var placement = GridPlacement(scene: scene, zoom: options.zoom)
        var rects = placement.place()

        let margin = (x: 6, y: 3)
        for (id, rect) in rects { rects[id] = rect.offset(dx: margin.x, dy: margin.y) }
        let contentWidth = (rects.values.map { $0.maxX }.max() ?? 0) + margin.x * 2
        let contentHeight = (rects.values.map { $0.maxY }.max() ?? 0) + margin.y * 2

        var router = EdgeRouter(scene: scene, rects: rects, width: contentWidth, height: contentHeight)
        var routes = router.routeAll()
        var names: [String: [String]] = [:]
        for element in scene.elements where element.shape == .activity || element.shape == .subProcess(expanded: false) {
            names[element.id] = ShapeSizing.nameLines(element, zoom: options.zoom)
        }
        var labeler = LabelPlacer(scene: scene, rects: rects, routes: routes, grid: router.grid, zoom: options.zoom)
        var labels = labeler.placeAll()
        var markers = StateMarkerPlacer.reserve(scene: scene, rects: rects, grid: &labeler.grid)

        // Trim the unused margin.
        let usedX = rects.values.map(\.x) + routes.flatMap { $0.points.map(\.x) } + labels.map(\.position.x) + markers.values.map(\.x)
        let usedY = rects.values.map(\.y) + routes.flatMap { $0.points.map(\.y) } + labels.map(\.position.y) + markers.values.map(\.y)
        let shiftX = usedX.min() ?? 0
        let shiftY = usedY.min() ?? 0
        for (id, rect) in rects { rects[id] = rect.offset(dx: -shiftX, dy: -shiftY) }
        for index in routes.indices {
            routes[index].points = routes[index].points.map { CellPoint(x: $0.x - shiftX, y: $0.y - shiftY) }
        }
        for index in labels.indices {
            labels[index].position = CellPoint(x: labels[index].position.x - shiftX, y: labels[index].position.y - shiftY)
        }
        for (id, cell) in markers { markers[id] = cell.offset(dx: -shiftX, dy: -shiftY) }
        let right = (rects.values.map { $0.maxX } + routes.flatMap { $0.points.map(\.x) }
            + labels.map { $0.position.x + DisplayWidth.width(of: $0.text) - 1 } + markers.values.map(\.maxX)).max() ?? 0
        let bottom = (rects.values.map { $0.maxY } + routes.flatMap { $0.points.map(\.y) } + labels.map(\.position.y)
            + markers.values.map(\.y)).max() ?? 0

        self.scene = scene
        self.options = options
        self.rects = rects
        self.routes = routes
        self.labels = labels
        self.markerCells = markers
        self.width = right + 1
        self.height = bottom + 1
        self.isAutomatic = automatic
        self.nameLines = names
    }

    /// The ids of flow nodes in reading order (top to bottom, then left to right), for
    /// cycling the selection.
    public var selectableIds: [String] {
        scene.elements.filter { $0.node != nil }.compactMap { element in rects[element.id].map { (element.id, $0) } }
            .sorted { ($0.1.y, $0.1.x) < ($1.1.y, $1.1.x) }
            .map(\.0)
    }
}
