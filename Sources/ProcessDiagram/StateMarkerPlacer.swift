/// Reserves room for the state marks (`●`, `●3`, `✓`, `✗`) of events and gateways.
///
/// An activity box has its mark in its top edge, but an event or gateway is one row of
/// symbols with lines on both sides. Its mark goes in free cells next to the symbol (above
/// or below its right end, else its left end) that no box, line or label uses. The
/// reservation does not depend on an instance, so the drawing keeps its shape whether or
/// not states are shown.
struct StateMarkerPlacer {
    /// Columns reserved per mark: enough for `●` and a one-digit count.
    static let columns = 2

    /// Returns the reserved cells by element id; the mark is written right-aligned in them.
    /// An element without free room gets no entry, and the renderer then puts the mark
    /// inside the symbol instead.
    static func reserve(scene: DiagramScene, rects: [String: CellRect], grid: inout OccupancyGrid) -> [String: CellRect] {
        var reserved: [String: CellRect] = [:]
        for element in scene.elements where element.shape == .event || element.shape == .gateway {
            guard let rect = rects[element.id] else { continue }
            let right = rect.maxX - columns + 1
            let candidates = [
                CellPoint(x: right, y: rect.y - 1), CellPoint(x: right, y: rect.y + 1),
                CellPoint(x: rect.x, y: rect.y - 1), CellPoint(x: rect.x, y: rect.y + 1),
            ]
            for width in [columns, 1] {
                let offset = columns - width
                guard let point = candidates.map({ CellPoint(x: $0.x + offset, y: $0.y) }).first(where: { grid.isFree($0, columns: width) })
                else { continue }
                for column in 0..<width {
                    grid.mark(CellPoint(x: point.x + column, y: point.y), .label)
                }
                reserved[element.id] = CellRect(x: point.x, y: point.y, width: width, height: 1)
                break
            }
        }
        return reserved
    }
}
