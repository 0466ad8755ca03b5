import BPMNModel

/// A line placed on the grid: corner cells from the cell next to the source to the cell
/// next to the target, which shows the arrowhead.
public struct RoutedEdge: Sendable {
    public var edgeIndex: Int
    /// Corner cells; consecutive points share a row or a column.
    public var points: [CellPoint]
    /// The direction of travel into the target at the last point.
    public var arrival: Direction
    /// The side of the source the line leaves from.
    public var departure: Direction

    /// Every cell of the line, in order from source to target.
    public var cells: [CellPoint] {
        guard var current = points.first else { return [] }
        var result = [current]
        for next in points.dropFirst() {
            guard let direction = Direction.between(current, next) else { continue }
            while current != next {
                current = current.moved(direction)
                result.append(current)
            }
        }
        return result
    }
}

/// Routes every edge as an orthogonal line between its elements' boxes.
///
/// For each edge, the router tries the sides that BPMNDI's first and last waypoints touch
/// (or right-to-left when there are none), builds candidate lines with one to four bends,
/// and keeps the cheapest: length, plus bends, plus a heavy cost per cell inside another
/// box and a lighter one per container border or cell already used by another line. When
/// every candidate crosses a box, it tries the other sides too.
///
/// NOTE: boxes are avoided by cost only. When no candidate is free, the cheapest line runs
/// under a box, and the box hides that part of it.
struct EdgeRouter {
    let scene: DiagramScene
    let rects: [String: CellRect]
    var grid: OccupancyGrid

    private static let boxCost = 1000
    private static let borderCost = 30
    private static let sharedCost = 3
    private static let bendCost = 4

    init(scene: DiagramScene, rects: [String: CellRect], width: Int, height: Int) {
        self.scene = scene
        self.rects = rects
        grid = OccupancyGrid(width: width, height: height)
        for (index, element) in scene.elements.enumerated() {
            guard let rect = rects[element.id] else { continue }
            if element.isContainer {
                if element.shape != .lane { grid.markBorder(rect) }
            } else {
                grid.markBox(rect, owner: index)
            }
        }
    }

    mutating func routeAll() -> [RoutedEdge] {
        var routes: [RoutedEdge] = []
        for (index, edge) in scene.edges.enumerated() {
            guard let source = rects[edge.sourceId], let target = rects[edge.targetId],
                let route = route(edge, index: index, source: source, target: target)
            else { continue }
            for cell in route.cells { grid.mark(cell, .line) }
            routes.append(route)
        }
        return routes
    }

    private func route(_ edge: DiagramEdge, index: Int, source: CellRect, target: CellRect) -> RoutedEdge? {
        let preferred = preferredSides(edge, source: source, target: target)
        var best = bestRoute(exit: preferred.exit, entry: preferred.entry, source: source, target: target, edge: edge)
        if best == nil || best!.cost >= Self.boxCost {
            for exit in Direction.allCases {
                for entry in Direction.allCases where (exit, entry) != (preferred.exit, preferred.entry) {
                    guard let candidate = bestRoute(exit: exit, entry: entry, source: source, target: target, edge: edge) else { continue }
                    let cost = candidate.cost + 20
                    if best == nil || cost < best!.cost {
                        best = (candidate.points, cost, candidate.arrival, candidate.departure)
                    }
                }
            }
        }
        guard let best else { return nil }
        return RoutedEdge(edgeIndex: index, points: best.points, arrival: best.arrival, departure: best.departure)
    }

    /// Returns the side the line leaves the source from, and the side it enters the target on.
    private func preferredSides(_ edge: DiagramEdge, source: CellRect, target: CellRect) -> (exit: Direction, entry: Direction) {
        let sourceElement = scene.element(id: edge.sourceId)
        if let sourceElement, sourceElement.hostId != nil, let host = sourceElement.hostId.flatMap({ rects[$0] }) {
            let exit: Direction = source.y == host.y ? .up : .down
            return (exit, entrySide(edge, source: source, target: target, exit: exit))
        }
        if edge.waypoints.count >= 2, let sourceBounds = sourceElement?.modelBounds,
            let targetBounds = scene.element(id: edge.targetId)?.modelBounds
        {
            let exit = side(of: sourceBounds, touchedBy: edge.waypoints[0], next: edge.waypoints[1])
            let count = edge.waypoints.count
            let entry = side(of: targetBounds, touchedBy: edge.waypoints[count - 1], next: edge.waypoints[count - 2])
            return (exit, entry)
        }
        if target.x > source.maxX + 1 { return (.right, .left) }
        if target.maxX < source.x - 1 { return (.down, .down) }
        return target.y > source.maxY ? (.down, .up) : (.up, .down)
    }

    private func entrySide(_ edge: DiagramEdge, source: CellRect, target: CellRect, exit: Direction) -> Direction {
        if let waypoints = Optional(edge.waypoints), waypoints.count >= 2,
            let bounds = scene.element(id: edge.targetId)?.modelBounds
        {
            return side(of: bounds, touchedBy: waypoints[waypoints.count - 1], next: waypoints[waypoints.count - 2])
        }
        if target.x > source.maxX + 1 { return .left }
        if target.maxX < source.x { return .right }
        return exit == .down ? .up : .down
    }

    /// Returns the side of `bounds` that a waypoint lies on. `next` breaks ties for a point inside.
    private func side(of bounds: Bounds, touchedBy point: Point, next: Point) -> Direction {
        let distances: [(Direction, Double)] = [
            (.left, abs(point.x - bounds.x)), (.right, abs(point.x - (bounds.x + bounds.width))),
            (.up, abs(point.y - bounds.y)), (.down, abs(point.y - (bounds.y + bounds.height))),
        ]
        let inside = bounds.contains(x: point.x, y: point.y)
        if inside, abs(next.x - point.x) > abs(next.y - point.y) {
            return next.x > point.x ? .right : .left
        }
        if inside, abs(next.y - point.y) > 0.5 {
            return next.y > point.y ? .down : .up
        }
        return distances.min { $0.1 < $1.1 }!.0
    }

    private func port(_ rect: CellRect, side: Direction) -> CellPoint {
        switch side {
        case .right: return CellPoint(x: rect.maxX + 1, y: rect.midY)
        case .left: return CellPoint(x: rect.x - 1, y: rect.midY)
        case .up: return CellPoint(x: rect.midX, y: rect.y - 1)
        case .down: return CellPoint(x: rect.midX, y: rect.maxY + 1)
        }
    }

    private func bestRoute(
        exit: Direction, entry: Direction, source: CellRect, target: CellRect, edge: DiagramEdge
    ) -> (points: [CellPoint], cost: Int, arrival: Direction, departure: Direction)? {
        let start = port(source, side: exit)
        let end = port(target, side: entry)
        let arrival = entry.opposite
        guard grid.contains(start), grid.contains(end) else { return nil }

        var best: ([CellPoint], Int)?
        for candidate in candidates(start: start, exit: exit, end: end, arrival: arrival, source: source, target: target) {
            guard let cost = cost(of: candidate, exit: exit, arrival: arrival, source: source, target: target, edge: edge) else { continue }
            if best == nil || cost < best!.1 { best = (candidate, cost) }
        }
        return best.map { ($0.0, $0.1, arrival, exit) }
    }

    private func candidates(
        start: CellPoint, exit: Direction, end: CellPoint, arrival: Direction, source: CellRect, target: CellRect
    ) -> [[CellPoint]] {
        var result: [[CellPoint]] = []
        if start == end { return [[start]] }
        if start.x == end.x || start.y == end.y { result.append([start, end]) }
        result.append([start, CellPoint(x: end.x, y: start.y), end])
        result.append([start, CellPoint(x: start.x, y: end.y), end])

        let low = min(source.x, target.x) - 3
        let high = max(source.maxX, target.maxX) + 3
        let middleX = (start.x + end.x) / 2
        var columns = Set([start.x, end.x, middleX, low, high, source.maxX + 2, target.x - 2, source.x - 2, target.maxX + 2])
        for offset in 1...6 {
            columns.insert(middleX + offset)
            columns.insert(middleX - offset)
        }
        for column in columns.sorted() where column >= 0 && column < grid.width {
            result.append([start, CellPoint(x: column, y: start.y), CellPoint(x: column, y: end.y), end])
        }

        let top = min(source.y, target.y) - 2
        let bottom = max(source.maxY, target.maxY) + 2
        let middleY = (start.y + end.y) / 2
        var rows = Set([start.y, end.y, middleY, top, bottom, top - 1, bottom + 1])
        for offset in 1...3 {
            rows.insert(middleY + offset)
            rows.insert(middleY - offset)
        }
        for row in rows.sorted() where row >= 0 && row < grid.height {
            result.append([start, CellPoint(x: start.x, y: row), CellPoint(x: end.x, y: row), end])
        }

        // Lines that leave and enter in directions facing away from each other go around.
        let leave = start.moved(exit, by: 1)
        let enter = end.moved(arrival.opposite, by: 1)
        if exit.isHorizontal {
            for row in [top, bottom, top - 1, bottom + 1] where row >= 0 && row < grid.height {
                result.append([start, leave, CellPoint(x: leave.x, y: row), CellPoint(x: enter.x, y: row), enter, end])
            }
        } else {
            for column in [low, high, low - 1, high + 1] where column >= 0 && column < grid.width {
                result.append([start, leave, CellPoint(x: column, y: leave.y), CellPoint(x: column, y: enter.y), enter, end])
            }
        }
        return result.map(simplified)
    }

    /// Drops repeated points and points in the middle of a straight run.
    private func simplified(_ points: [CellPoint]) -> [CellPoint] {
        var result: [CellPoint] = []
        for point in points {
            if let last = result.last, last == point { continue }
            if result.count >= 2 {
                let previous = result[result.count - 2]
                let last = result[result.count - 1]
                if (previous.x == last.x && last.x == point.x) || (previous.y == last.y && last.y == point.y) {
                    result.removeLast()
                }
            }
            result.append(point)
        }
        return result
    }

    private func cost(
        of points: [CellPoint], exit: Direction, arrival: Direction, source: CellRect, target: CellRect,
        edge: DiagramEdge
    ) -> Int? {
        var total = (points.count - 2) * Self.bendCost
        if points.count >= 2 {
            guard let first = Direction.between(points[0], points[1]), first != exit.opposite else { return nil }
            guard let last = Direction.between(points[points.count - 2], points[points.count - 1]),
                last != arrival.opposite
            else { return nil }
            if first != exit { total += 12 }
            if last != arrival { total += 25 }
        }

        var visited = Set<CellPoint>()
        for cell in RoutedEdge(edgeIndex: 0, points: points, arrival: arrival, departure: exit).cells {
            guard grid.contains(cell) else { return nil }
            if !visited.insert(cell).inserted { total += Self.boxCost / 2 }
            if source.contains(cell) || target.contains(cell) {
                total += Self.boxCost
                continue
            }
            let flags = grid.flags(at: cell)
            if flags.contains(.box) { total += Self.boxCost }
            if flags.contains(.border), edge.kind == .sequenceFlow { total += Self.borderCost }
            if flags.contains(.line) { total += Self.sharedCost }
            total += 1
        }
        return total
    }
}
