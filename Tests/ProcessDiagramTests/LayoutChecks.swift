@testable import ProcessDiagram

/// Geometric checks on a layout, each returning a description of every violation.
enum LayoutChecks {
    /// Returns the pairs of element boxes that overlap, except an element and a container
    /// around it, and a boundary event and its host (or the host's containers).
    static func overlaps(in layout: DiagramLayout) -> [String] {
        let elements = layout.scene.elements.filter { layout.rects[$0.id] != nil }
        var problems: [String] = []
        for (position, first) in elements.enumerated() {
            for second in elements[(position + 1)...] {
                guard let a = layout.rects[first.id], let b = layout.rects[second.id], a.intersects(b) else { continue }
                if encloses(first, second, layout) || encloses(second, first, layout) { continue }
                problems.append("\(first.id) \(a) overlaps \(second.id) \(b)")
            }
        }
        return problems
    }

    /// Returns whether `outer` contains `inner`: a container and its descendants, or a host
    /// (and the host's containers) and its boundary events.
    private static func encloses(_ outer: DiagramElement, _ inner: DiagramElement, _ layout: DiagramLayout) -> Bool {
        var current: DiagramElement? = inner
        while let element = current {
            let parentId = element.hostId ?? element.parentId
            if parentId == outer.id { return true }
            current = parentId.flatMap { layout.scene.element(id: $0) }
        }
        return false
    }

    /// Returns the routes that are not orthogonal, leave the drawing, or do not start next
    /// to their source's box and end next to their target's box.
    static func brokenRoutes(in layout: DiagramLayout) -> [String] {
        var problems: [String] = []
        for route in layout.routes {
            let edge = layout.scene.edges[route.edgeIndex]
            guard let source = layout.rects[edge.sourceId], let target = layout.rects[edge.targetId] else {
                problems.append("\(edge.id): routed without both boxes")
                continue
            }
            for (from, to) in zip(route.points, route.points.dropFirst()) where from.x != to.x && from.y != to.y {
                problems.append("\(edge.id): diagonal segment \(from) → \(to)")
            }
            let cells = route.cells
            guard let first = cells.first, let last = cells.last else {
                problems.append("\(edge.id): no cells")
                continue
            }
            if !isNextTo(first, source) { problems.append("\(edge.id): starts at \(first), not next to \(edge.sourceId) \(source)") }
            if !isNextTo(last, target) { problems.append("\(edge.id): ends at \(last), not next to \(edge.targetId) \(target)") }
            if cells.contains(where: { $0.x < 0 || $0.y < 0 || $0.x >= layout.width || $0.y >= layout.height }) {
                problems.append("\(edge.id): leaves the \(layout.width)x\(layout.height) drawing")
            }
        }
        return problems
    }

    /// Returns the lines that run under the box of an element other than their two ends.
    static func linesUnderBoxes(in layout: DiagramLayout) -> [String] {
        let boxes = layout.scene.elements.filter { !$0.isContainer }.compactMap { element in
            layout.rects[element.id].map { (element.id, $0) }
        }
        return layout.routes.compactMap { route in
            let edge = layout.scene.edges[route.edgeIndex]
            let hidden = route.cells.contains { cell in
                boxes.contains { id, rect in id != edge.sourceId && id != edge.targetId && rect.contains(cell) }
            }
            return hidden ? edge.id : nil
        }
    }

    /// Returns the edges whose both ends are drawn but that got no route.
    static func unroutedEdges(in layout: DiagramLayout) -> [String] {
        let routed = Set(layout.routes.map(\.edgeIndex))
        return layout.scene.edges.enumerated().compactMap { index, edge in
            guard !routed.contains(index), layout.rects[edge.sourceId] != nil, layout.rects[edge.targetId] != nil else { return nil }
            return edge.id
        }
    }

    /// Returns whether `point` is outside `rect` and shares a side with one of its cells.
    private static func isNextTo(_ point: CellPoint, _ rect: CellRect) -> Bool {
        guard !rect.contains(point) else { return false }
        let besideColumns = point.x >= rect.x && point.x <= rect.maxX && (point.y == rect.y - 1 || point.y == rect.maxY + 1)
        let besideRows = point.y >= rect.y && point.y <= rect.maxY && (point.x == rect.x - 1 || point.x == rect.maxX + 1)
        return besideColumns || besideRows
    }
}
