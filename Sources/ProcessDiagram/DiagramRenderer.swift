import BPMNModel

/// Draws a laid-out diagram into frames.
public enum DiagramRenderer {
    /// Draws the part of `layout` inside `viewport` (cells of the whole drawing).
    ///
    /// This is the per-frame entry point: the layout is computed once, and each frame
    /// only visits the elements, lines and labels and clips them to the viewport.
    /// - Parameters:
    ///   - highlight: an instance's state; nil draws the bare model.
    ///   - selectedId: the element drawn in the `selected` role.
    ///   - emphasized: elements and flows drawn in the `selected` role too, such as what
    ///     changed in the current step of a tour or replay.
    public static func renderFrame(
        _ layout: DiagramLayout, highlight: InstanceHighlight? = nil, viewport: CellRect,
        selectedId: String? = nil, emphasized: Set<String> = []
    ) -> DiagramFrame {
        var painter = Painter(layout: layout, highlight: highlight, viewport: viewport, selectedId: selectedId, emphasized: emphasized)
        painter.drawContainers()
        painter.drawLines()
        painter.drawContainerTitles()
        painter.drawElements()
        painter.drawLabels()
        return painter.frame
    }

    /// Draws the whole diagram.
    public static func renderAll(_ layout: DiagramLayout, highlight: InstanceHighlight? = nil) -> DiagramFrame {
        renderFrame(layout, highlight: highlight, viewport: CellRect(x: 0, y: 0, width: layout.width, height: layout.height))
    }
}

private struct Painter {
    let layout: DiagramLayout
    let highlight: InstanceHighlight?
    let viewport: CellRect
    let selectedId: String?
    let emphasized: Set<String>
    var frame: DiagramFrame

    init(layout: DiagramLayout, highlight: InstanceHighlight?, viewport: CellRect, selectedId: String?, emphasized: Set<String>) {
        self.layout = layout
        self.highlight = highlight
        self.viewport = viewport
        self.selectedId = selectedId
        self.emphasized = emphasized
        frame = DiagramFrame(width: viewport.width, height: viewport.height)
    }

    private func isVisible(_ rect: CellRect) -> Bool {
        rect.intersects(viewport)
    }

    private mutating func put(_ character: Character, _ x: Int, _ y: Int, _ role: DiagramRole) {
        frame.set(character, x: x - viewport.x, y: y - viewport.y, role: role)
    }

    private mutating func text(_ text: String, _ x: Int, _ y: Int, _ role: DiagramRole) {
        guard y >= viewport.y, y <= viewport.maxY else { return }
        frame.write(text, x: x - viewport.x, y: y - viewport.y, role: role)
    }

    private func role(of id: String) -> DiagramRole {
        if id == selectedId || emphasized.contains(id) { return .selected }
        switch highlight?.activity[id] {
        case .waiting: return .waiting
        case .done: return .done
        case .failed: return .failed
        case nil: return .normal
        }
    }

    private func stateMarker(of id: String) -> String? {
        switch highlight?.activity[id] {
        case .waiting(let count): return count > 1 ? "●\(count)" : "●"
        case .done: return "✓"
        case .failed: return "✗"
        case nil: return nil
        }
    }

    // MARK: Containers

    mutating func drawContainers() {
        for element in layout.scene.elements where element.isContainer {
            guard let rect = layout.rects[element.id], isVisible(rect) else { continue }
            switch element.shape {
            case .lane:
                drawLane(element, rect)
            case .pool:
                drawBox(rect, style: .square, role: .lane)
            default:
                let node = element.node
                var style = BorderStyle.square
                if node?.kind == .transaction { style = .double }
                if node?.triggeredByEvent == true { style = .dotted }
                drawBox(rect, style: style, role: role(of: element.id))
            }
        }
    }

    /// Draws the names in pool, lane and sub-process borders over the lines that cross them.
    mutating func drawContainerTitles() {
        for element in layout.scene.elements where element.isContainer {
            guard let rect = layout.rects[element.id], isVisible(rect) else { continue }
            switch element.shape {
            case .lane:
                let name = DisplayWidth.truncated(DisplayWidth.sanitized(element.name ?? ""), to: max(0, rect.width - 4))
                if !name.isEmpty { text(" " + name + " ", rect.x + 1, rect.y, .lane) }
            case .pool:
                drawTitle(element.name, rect, role: .lane, marker: nil)
            default:
                let role = role(of: element.id)
                drawTitle(element.name ?? element.id, rect, role: role, marker: stateMarker(of: element.id))
                drawLoopMarker(element.node, rect, role: role)
            }
        }
    }

    private mutating func drawLane(_ element: DiagramElement, _ rect: CellRect) {
        let first = max(rect.x, viewport.x)
        let last = min(rect.maxX, viewport.maxX)
        guard first <= last else { return }
        for x in first...last { put("┈", x, rect.y, .lane) }
    }

    private mutating func drawTitle(_ name: String?, _ rect: CellRect, role: DiagramRole, marker: String?) {
        let markerWidth = marker.map { DisplayWidth.width(of: $0) + 1 } ?? 0
        let room = rect.width - 4 - markerWidth
        if let name, room > 2 {
            let title = DisplayWidth.truncated(DisplayWidth.sanitized(name), to: room - 2)
            text(" " + title + " ", rect.x + 1, rect.y, role)
        }
        if let marker { text(marker, rect.maxX - DisplayWidth.width(of: marker), rect.y, role) }
    }

    // MARK: Lines

    mutating func drawLines() {
        var masks: [Int: UInt8] = [:]
        var heavy: [Int: UInt8] = [:]
        var dotted: [Int: Bool] = [:]
        var roles: [Int: DiagramRole] = [:]
        var arrows: [(CellPoint, Direction, DiagramRole, Bool)] = []

        for route in layout.routes {
            let edge = layout.scene.edges[route.edgeIndex]
            let isTaken = highlight?.takenFlows.contains(edge.id) ?? false
            var role = DiagramRole.link
            if edge.kind == .sequenceFlow { role = isTaken ? .flowTaken : .normal }
            if emphasized.contains(edge.id) { role = .selected }
            let cells = route.cells
            guard let first = cells.first else { continue }
            let bounds = CellRect(
                x: route.points.map(\.x).min()!, y: route.points.map(\.y).min()!,
                width: route.points.map(\.x).max()! - route.points.map(\.x).min()! + 1,
                height: route.points.map(\.y).max()! - route.points.map(\.y).min()! + 1)
            guard isVisible(bounds) else { continue }

            func add(_ point: CellPoint, _ bit: UInt8) {
                guard viewport.contains(point) else { return }
                let key = (point.y - viewport.y) * viewport.width + (point.x - viewport.x)
                masks[key, default: 0] |= bit
                if isTaken { heavy[key, default: 0] |= bit }
                dotted[key] = (dotted[key] ?? false) || edge.kind != .sequenceFlow
                if roles[key] == nil || role == .flowTaken || role == .selected { roles[key] = role }
            }

            // The first cell also points back at the source, so the line meets its box.
            add(first, route.departure.opposite.bit)
            for (from, to) in zip(cells, cells.dropFirst()) {
                guard let direction = Direction.between(from, to) else { continue }
                add(from, direction.bit)
                add(to, direction.opposite.bit)
            }
            arrows.append((cells[cells.count - 1], route.arrival, role, edge.kind != .sequenceFlow))
        }

        for (key, mask) in masks {
            let x = key % viewport.width
            let y = key / viewport.width
            let glyph = LineGlyphs.glyph(mask, heavyMask: heavy[key] ?? 0, dotted: dotted[key] ?? false)
            frame.set(glyph, x: x, y: y, role: roles[key] ?? .normal)
        }
        for (point, direction, role, open) in arrows where viewport.contains(point) {
            put(LineGlyphs.arrow(direction, open: open), point.x, point.y, role)
        }
    }

    // MARK: Elements

    mutating func drawElements() {
        for element in layout.scene.elements where !element.isContainer {
            guard let rect = layout.rects[element.id], isVisible(rect) else { continue }
            let role = role(of: element.id)
            switch element.shape {
            case .event:
                drawSymbol(ShapeSizing.symbol(for: element), of: element.id, rect, role: role)
            case .gateway:
                drawSymbol(ShapeSizing.gatewaySymbol(element.node?.kind), of: element.id, rect, role: role)
            default:
                drawActivity(element, rect, role: role)
            }
        }
    }

    /// Draws an event or gateway symbol and its state mark: in the cells the layout reserved
    /// next to it, else in place of the symbol's middle character, so plain text shows the
    /// state either way.
    private mutating func drawSymbol(_ symbol: String, of id: String, _ rect: CellRect, role: DiagramRole) {
        guard let state = stateMarker(of: id) else {
            text(symbol, rect.x, rect.y, role)
            return
        }
        guard let cell = layout.markerCells[id] else {
            var characters = Array(symbol)
            characters[characters.count / 2] = state.first ?? " "
            text(String(characters), rect.x, rect.y, role)
            return
        }
        text(symbol, rect.x, rect.y, role)
        let shown = DisplayWidth.prefix(of: state, columns: cell.width)
        text(shown, cell.maxX + 1 - DisplayWidth.width(of: shown), cell.y, role)
    }

    private mutating func drawActivity(_ element: DiagramElement, _ rect: CellRect, role: DiagramRole) {
        let kind = element.node?.kind
        let marker = ShapeSizing.taskMarker(kind) ?? " "
        if layout.options.zoom == .symbols || rect.height < 3 {
            let state = stateMarker(of: element.id)
            let inner = state.map { DisplayWidth.prefix(of: $0, columns: max(1, rect.width - 2)) } ?? marker
            let body = "[" + DisplayWidth.truncated(inner, to: max(1, rect.width - 2))
            text(body + String(repeating: " ", count: max(0, rect.width - 1 - DisplayWidth.width(of: body))) + "]", rect.x, rect.y, role)
            return
        }

        let style: BorderStyle
        switch kind {
        case .callActivity: style = .heavy
        case .transaction: style = .double
        case .subProcess, .adHocSubProcess: style = element.node?.triggeredByEvent == true ? .dotted : .square
        default: style = .rounded
        }
        drawBox(rect, style: style, role: role)
        for y in (rect.y + 1)..<rect.maxY {
            text(String(repeating: " ", count: max(0, rect.width - 2)), rect.x + 1, y, role)
        }
        if marker != " " { text(marker, rect.x + 1, rect.y, role) }
        if let state = stateMarker(of: element.id) {
            text(state, rect.maxX - DisplayWidth.width(of: state), rect.y, role)
        }

        let lines = layout.nameLines[element.id] ?? []
        let top = rect.y + 1 + max(0, (rect.height - 2 - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < rect.maxY {
            let lineWidth = DisplayWidth.width(of: line)
            text(line, rect.x + 1 + max(0, (rect.width - 2 - lineWidth) / 2), top + offset, role)
        }
        if case .subProcess(expanded: false) = element.shape {
            text("[+]", rect.midX - 1, rect.maxY, role)
        } else {
            drawLoopMarker(element.node, rect, role: role)
        }
    }

    private mutating func drawLoopMarker(_ node: FlowNode?, _ rect: CellRect, role: DiagramRole) {
        guard let loop = node?.loop, rect.width >= 5 else { return }
        let marker: String
        switch loop.kind {
        case .parallelMultiInstance: marker = "|||"
        case .sequentialMultiInstance: marker = "≡"
        case .standard: marker = "↻"
        }
        text(marker, rect.midX - DisplayWidth.width(of: marker) / 2, rect.maxY, role)
    }

    // MARK: Boxes

    enum BorderStyle {
        case rounded, square, heavy, double, dotted

        var characters: (h: Character, v: Character, tl: Character, tr: Character, bl: Character, br: Character) {
            switch self {
            case .rounded: return ("─", "│", "╭", "╮", "╰", "╯")
            case .square: return ("─", "│", "┌", "┐", "└", "┘")
            case .heavy: return ("━", "┃", "┏", "┓", "┗", "┛")
            case .double: return ("═", "║", "╔", "╗", "╚", "╝")
            case .dotted: return ("┄", "┆", "┌", "┐", "└", "┘")
            }
        }
    }

    private mutating func drawBox(_ rect: CellRect, style: BorderStyle, role: DiagramRole) {
        let glyphs = style.characters
        // Only the edge cells inside the viewport are visited, so a huge container costs
        // no more than the screen.
        let firstX = max(rect.x + 1, viewport.x)
        let lastX = min(rect.maxX - 1, viewport.maxX)
        if firstX <= lastX {
            for x in firstX...lastX {
                put(glyphs.h, x, rect.y, role)
                put(glyphs.h, x, rect.maxY, role)
            }
        }
        let firstY = max(rect.y + 1, viewport.y)
        let lastY = min(rect.maxY - 1, viewport.maxY)
        if firstY <= lastY {
            for y in firstY...lastY {
                put(glyphs.v, rect.x, y, role)
                put(glyphs.v, rect.maxX, y, role)
            }
        }
        put(glyphs.tl, rect.x, rect.y, role)
        put(glyphs.tr, rect.maxX, rect.y, role)
        put(glyphs.bl, rect.x, rect.maxY, role)
        put(glyphs.br, rect.maxX, rect.maxY, role)
    }

    // MARK: Labels

    mutating func drawLabels() {
        for label in layout.labels {
            let role: DiagramRole
            if label.isEdgeLabel {
                role = highlight?.takenFlows.contains(label.ownerId) == true ? .flowTaken : .label
            } else {
                role = label.ownerId == selectedId ? .selected : .label
            }
            text(label.text, label.position.x, label.position.y, role)
        }
    }
}
