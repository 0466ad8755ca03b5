/// Finds free room for the names of events and gateways and the labels of flows.
///
/// A label goes only where every cell is empty (no box, border, line or other label), so
/// it never hides part of the drawing. A label that finds no room is left out; the element
/// details still show it.
struct LabelPlacer {
    let scene: DiagramScene
    let rects: [String: CellRect]
    let routes: [RoutedEdge]
    var grid: OccupancyGrid
    let zoom: DiagramZoom

    init(scene: DiagramScene, rects: [String: CellRect], routes: [RoutedEdge], grid: OccupancyGrid, zoom: DiagramZoom) {
        self.scene = scene
        self.rects = rects
        self.routes = routes
        self.grid = grid
        self.zoom = zoom
    }

    mutating func placeAll() -> [PlacedLabel] {
        guard zoom.labelWidth > 0 else { return [] }
        var labels: [PlacedLabel] = []
        for element in scene.elements where element.shape == .event || element.shape == .gateway {
            guard let name = element.name, !name.isEmpty, let rect = rects[element.id] else { continue }
            let text = DisplayWidth.truncated(DisplayWidth.sanitized(name), to: zoom.labelWidth)
            if let label = placeNodeLabel(text, rect: rect, ownerId: element.id) { labels.append(label) }
        }
        let owners = lineOwners()
        let shared = Set(owners.filter { $0.value.count > 1 }.keys)
        for route in routes {
            let edge = scene.edges[route.edgeIndex]
            guard let raw = edge.label, edge.kind != .association else { continue }
            let text = DisplayWidth.truncated(DisplayWidth.sanitized(raw), to: zoom.labelWidth)
            // A label that touches a line this flow does not use would read as that line's label.
            let touchesOther = { (point: CellPoint, width: Int) -> Bool in
                [CellPoint(x: point.x - 1, y: point.y), CellPoint(x: point.x + width, y: point.y)].contains { cell in
                    owners[cell].map { !$0.contains(route.edgeIndex) } ?? false
                }
            }
            if let label = placeEdgeLabel(text, route: route, ownerId: edge.id, shared: shared, rejects: touchesOther) {
                labels.append(label)
            }
        }
        return labels
    }

    private mutating func placeNodeLabel(_ text: String, rect: CellRect, ownerId: String) -> PlacedLabel? {
        let width = DisplayWidth.width(of: text)
        let centered = rect.midX - (width - 1) / 2
        let candidates = [
            CellPoint(x: centered, y: rect.maxY + 1), CellPoint(x: centered, y: rect.y - 1),
            CellPoint(x: rect.maxX + 2, y: rect.y), CellPoint(x: rect.x - width - 1, y: rect.y),
            CellPoint(x: centered, y: rect.maxY + 2), CellPoint(x: centered, y: rect.y - 2),
        ]
        return claim(text, width: width, candidates: candidates, ownerId: ownerId, isEdgeLabel: false)
    }

    /// Returns the edges (by index) whose lines pass through each line cell.
    private func lineOwners() -> [CellPoint: Set<Int>] {
        var owners: [CellPoint: Set<Int>] = [:]
        for route in routes {
            for cell in route.cells { owners[cell, default: []].insert(route.edgeIndex) }
        }
        return owners
    }

    /// Places a flow's label beside one of its segments. Segments that no other line
    /// shares come first, so a label sits next to its own flow and not next to a trunk
    /// that several flows of a gateway leave on.
    private mutating func placeEdgeLabel(
        _ text: String, route: RoutedEdge, ownerId: String, shared: Set<CellPoint>, rejects: (CellPoint, Int) -> Bool
    ) -> PlacedLabel? {
        let segments = Array(zip(route.points, route.points.dropFirst()))
        func isOwn(_ segment: (CellPoint, CellPoint)) -> Bool {
            let inner = Self.innerCells(from: segment.0, to: segment.1)
            return !inner.isEmpty && !inner.contains(where: shared.contains)
        }
        let ordered = segments.filter(isOwn) + segments.filter { !isOwn($0) }
        return placeEdgeLabel(text, segments: ordered, route: route, ownerId: ownerId, rejects: rejects)
    }

    /// Returns the cells of a straight segment without its two corner cells, where lines
    /// that merge or split meet.
    private static func innerCells(from start: CellPoint, to end: CellPoint) -> [CellPoint] {
        if start.y == end.y {
            let low = min(start.x, end.x)
            let high = max(start.x, end.x)
            return high - low < 2 ? [] : ((low + 1)...(high - 1)).map { CellPoint(x: $0, y: start.y) }
        }
        let low = min(start.y, end.y)
        let high = max(start.y, end.y)
        return high - low < 2 ? [] : ((low + 1)...(high - 1)).map { CellPoint(x: start.x, y: $0) }
    }

    private mutating func placeEdgeLabel(
        _ text: String, segments: [(CellPoint, CellPoint)], route: RoutedEdge, ownerId: String, rejects: (CellPoint, Int) -> Bool
    ) -> PlacedLabel? {
        let width = DisplayWidth.width(of: text)
        var candidates: [CellPoint] = []
        for (start, end) in segments {
            if start.y == end.y {
                let left = min(start.x, end.x)
                let right = max(start.x, end.x)
                // A gap after the corner keeps the label off the line it branches from.
                let gap = left + 2 + width <= right ? 2 : 1
                let first = start.x < end.x ? left + gap : max(left, right - width)
                candidates += [CellPoint(x: first, y: start.y - 1), CellPoint(x: first, y: start.y + 1)]
                if right - left > width + 2 {
                    candidates.append(CellPoint(x: (left + right - width) / 2, y: start.y - 1))
                    candidates.append(CellPoint(x: (left + right - width) / 2, y: start.y + 1))
                }
            } else {
                let top = min(start.y, end.y)
                let bottom = max(start.y, end.y)
                for row in stride(from: top + 1, through: max(top + 1, bottom - 1), by: 1).prefix(4) {
                    candidates += [CellPoint(x: start.x + 2, y: row), CellPoint(x: start.x - width - 1, y: row)]
                }
            }
        }
        if route.points.count == 1, let only = route.points.first {
            candidates.append(CellPoint(x: only.x, y: only.y - 1))
        }
        return claim(text, width: width, candidates: candidates.filter { !rejects($0, width) }, ownerId: ownerId, isEdgeLabel: true)
    }

    private mutating func claim(
        _ text: String, width: Int, candidates: [CellPoint], ownerId: String, isEdgeLabel: Bool
    ) -> PlacedLabel? {
        for point in candidates where grid.isFree(point, columns: width) {
            for offset in 0..<width {
                grid.mark(CellPoint(x: point.x + offset, y: point.y), .label)
            }
            return PlacedLabel(text: text, position: point, ownerId: ownerId, isEdgeLabel: isEdgeLabel)
        }
        return nil
    }
}
