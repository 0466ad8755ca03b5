import BPMNModel

/// The interactive state of a diagram view: the layout at the current zoom, the scroll
/// position and the selected element. The inbox's diagram view and the demo tour both
/// drive one.
public struct DiagramViewport: Sendable {
    public let definitions: Definitions
    public private(set) var options: DiagramOptions
    public private(set) var layout: DiagramLayout
    /// The top-left cell of the drawing shown in the view.
    public private(set) var origin = CellPoint(x: 0, y: 0)
    /// The view's size in cells.
    public private(set) var size: (width: Int, height: Int)
    public private(set) var selectedId: String?

    public init(definitions: Definitions, width: Int, height: Int, options: DiagramOptions = DiagramOptions()) {
        self.definitions = definitions
        self.options = options
        self.size = (max(1, width), max(1, height))
        layout = DiagramLayout(definitions: definitions, options: options)
    }

    /// The part of the drawing the view shows.
    public var visibleRect: CellRect {
        CellRect(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    /// Draws the visible part of the diagram; `emphasized` elements and flows are drawn
    /// in the `selected` role.
    public func frame(highlight: InstanceHighlight?, emphasized: Set<String> = []) -> DiagramFrame {
        DiagramRenderer.renderFrame(layout, highlight: highlight, viewport: visibleRect, selectedId: selectedId, emphasized: emphasized)
    }

    /// Changes the view size, keeping the scroll position inside the drawing.
    public mutating func resize(width: Int, height: Int) {
        size = (max(1, width), max(1, height))
        clampOrigin()
    }

    /// Scrolls by whole cells; the view stops at the drawing's edges.
    public mutating func scroll(dx: Int, dy: Int) {
        origin = CellPoint(x: origin.x + dx, y: origin.y + dy)
        clampOrigin()
    }

    /// Switches to `zoom`, keeping the selected element (or the view's centre) in view.
    public mutating func setZoom(_ zoom: DiagramZoom) {
        guard zoom != options.zoom else { return }
        let anchor = anchorFraction()
        options.zoom = zoom
        layout = DiagramLayout(definitions: definitions, options: options)
        restore(anchor)
    }

    /// Picks the level with the most text whose drawing fits the view, else `symbols`,
    /// and scrolls to the top-left corner.
    public mutating func fit() {
        var chosen = DiagramZoom.symbols
        for zoom in DiagramZoom.allCases {
            var trial = options
            trial.zoom = zoom
            let candidate = zoom == options.zoom ? layout : DiagramLayout(definitions: definitions, options: trial)
            if candidate.width <= size.width, candidate.height <= size.height {
                chosen = zoom
                options.zoom = zoom
                layout = candidate
                break
            }
        }
        if layout.options.zoom != chosen { setZoom(chosen) }
        origin = CellPoint(x: 0, y: 0)
    }

    /// Picks the level with the most text whose drawing fits the view's height, so names
    /// stay readable and only horizontal scrolling is needed. Picks `symbols` when none fits.
    public mutating func fitHeight() {
        for zoom in DiagramZoom.allCases {
            var trial = options
            trial.zoom = zoom
            let candidate = zoom == options.zoom ? layout : DiagramLayout(definitions: definitions, options: trial)
            if candidate.height <= size.height || zoom == .symbols {
                options.zoom = zoom
                layout = candidate
                break
            }
        }
        origin = CellPoint(x: 0, y: 0)
    }

    /// Opens or closes a sub-process and lays the diagram out again.
    public mutating func toggleExpansion(of id: String) {
        guard let element = layout.scene.element(id: id), element.isCollapsible else { return }
        let isOpen = element.isContainer
        options.expansion[id] = !isOpen
        layout = DiagramLayout(definitions: definitions, options: options)
        if selectedId != nil { scrollToSelection() }
        clampOrigin()
    }

    /// Selects the next (or previous) flow node in reading order and scrolls to it.
    public mutating func selectNext(backwards: Bool = false) {
        let ids = layout.selectableIds
        guard !ids.isEmpty else { return }
        let current = selectedId.flatMap { ids.firstIndex(of: $0) }
        let next: Int
        if let current {
            next = (current + (backwards ? ids.count - 1 : 1)) % ids.count
        } else {
            next = backwards ? ids.count - 1 : 0
        }
        select(ids[next])
    }

    /// Selects an element by id and scrolls it into view; nil clears the selection.
    public mutating func select(_ id: String?) {
        selectedId = id
        scrollToSelection()
    }

    /// Scrolls the least distance that brings `id`'s box into view.
    public mutating func scrollIntoView(_ id: String) {
        guard let rect = layout.rects[id] else { return }
        var x = origin.x
        var y = origin.y
        if rect.x < x { x = max(0, rect.x - 2) }
        if rect.maxX > x + size.width - 1 { x = rect.maxX - size.width + 3 }
        if rect.y < y { y = max(0, rect.y - 1) }
        if rect.maxY > y + size.height - 1 { y = rect.maxY - size.height + 2 }
        origin = CellPoint(x: x, y: y)
        clampOrigin()
    }

    private mutating func scrollToSelection() {
        if let selectedId { scrollIntoView(selectedId) }
    }

    private mutating func clampOrigin() {
        let maxX = max(0, layout.width - size.width)
        let maxY = max(0, layout.height - size.height)
        origin = CellPoint(x: min(max(0, origin.x), maxX), y: min(max(0, origin.y), maxY))
    }

    private func anchorFraction() -> (Double, Double) {
        if let selectedId, let rect = layout.rects[selectedId] {
            return (Double(rect.midX) / Double(max(1, layout.width)), Double(rect.midY) / Double(max(1, layout.height)))
        }
        let centerX = Double(origin.x + size.width / 2) / Double(max(1, layout.width))
        let centerY = Double(origin.y + size.height / 2) / Double(max(1, layout.height))
        return (centerX, centerY)
    }

    private mutating func restore(_ anchor: (Double, Double)) {
        if let selectedId, layout.rects[selectedId] != nil {
            origin = CellPoint(x: 0, y: 0)
            scrollIntoView(selectedId)
            return
        }
        origin = CellPoint(
            x: Int(anchor.0 * Double(layout.width)) - size.width / 2,
            y: Int(anchor.1 * Double(layout.height)) - size.height / 2)
        clampOrigin()
    }
}
