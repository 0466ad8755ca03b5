/// One column of a list pane.
struct ColumnSpec {
    /// The narrowest width worth showing.
    var minimum: Int
    /// Share of the flexible width; 0 makes the column exactly as wide as its widest
    /// cell (at least `minimum`). A flexible column after the first never grows past its
    /// widest cell, and the first flexible column takes the width it leaves.
    var weight: Int
    /// Optional columns are dropped, last first, when the pane is too narrow.
    var isOptional = false
    /// The width this column should get before any optional column is shown. While it
    /// would get less, optional columns are dropped, last first. Nil for no such width.
    var preferredWidth: Int?
}

enum ColumnLayout {
    /// Fixed columns hold short values (status, dates); longer cells are truncated.
    static let maximumFixedWidth = 16

    /// Computes the width of each column for a pane `width` cells wide, with one space
    /// before the first column and between columns. A dropped column gets 0.
    static func widths(_ specs: [ColumnSpec], rows: [PaneRow], width: Int) -> [Int] {
        widths(specs, widestCells: widestCells(of: rows), width: width)
    }

    /// Returns the display width of the widest cell of each column; a row without a cell in a
    /// column counts as an empty cell there.
    static func widestCells(of rows: [PaneRow]) -> [Int] {
        var widest: [Int] = []
        for row in rows {
            if widest.count < row.cells.count {
                widest += Array(repeating: 0, count: row.cells.count - widest.count)
            }
            for (index, cell) in row.cells.enumerated() {
                widest[index] = max(widest[index], TextWidth.width(of: cell))
            }
        }
        return widest
    }

    /// Computes the column widths as `widths(_:rows:width:)` does, from the widest cell of each
    /// column (`widestCells(of:)`), which a pane computes once per row set instead of once
    /// per frame. A column missing from `widestCells` counts as empty.
    static func widths(_ specs: [ColumnSpec], widestCells: [Int], width: Int) -> [Int] {
        let widest = specs.indices.map { widestCells.indices.contains($0) ? widestCells[$0] : 0 }
        let fixedWidths = specs.indices.map { index -> Int in
            guard specs[index].weight == 0 else { return specs[index].minimum }
            return max(specs[index].minimum, min(widest[index], maximumFixedWidth))
        }
        var included = Array(repeating: true, count: specs.count)

        func neededWidth() -> Int {
            let columns = specs.indices.filter { included[$0] }
            return columns.reduce(0) { $0 + fixedWidths[$1] } + columns.count
        }

        func lastOptional() -> Int? {
            specs.indices.last { included[$0] && specs[$0].isOptional }
        }

        while neededWidth() > width, let drop = lastOptional() {
            included[drop] = false
        }

        var result = distribute(specs, fixedWidths: fixedWidths, widest: widest, included: included, width: width)
        while isShort(specs, result), let drop = lastOptional() {
            included[drop] = false
            result = distribute(specs, fixedWidths: fixedWidths, widest: widest, included: included, width: width)
        }
        return result
    }

    /// Returns true when a shown column is narrower than its preferred width.
    private static func isShort(_ specs: [ColumnSpec], _ widths: [Int]) -> Bool {
        specs.indices.contains { index in
            guard let preferred = specs[index].preferredWidth, widths[index] > 0 else { return false }
            return widths[index] < preferred
        }
    }

    /// Gives fixed columns their width and each flexible column its minimum, then shares
    /// the rest by weight. Flexible columns after the first are cut back to their widest
    /// cell, and the first flexible column takes all that is left.
    private static func distribute(
        _ specs: [ColumnSpec], fixedWidths: [Int], widest: [Int], included: [Bool], width: Int
    ) -> [Int] {
        let columns = specs.indices.filter { included[$0] }
        let flexible = columns.filter { specs[$0].weight > 0 }
        let fixedTotal = columns.filter { specs[$0].weight == 0 }.reduce(0) { $0 + fixedWidths[$1] }
        let minimumTotal = flexible.reduce(0) { $0 + specs[$1].minimum }
        let totalWeight = flexible.reduce(0) { $0 + specs[$1].weight }
        let spare = max(0, width - columns.count - fixedTotal - minimumTotal)

        var result = Array(repeating: 0, count: specs.count)
        for index in columns where specs[index].weight == 0 {
            result[index] = fixedWidths[index]
        }
        guard let first = flexible.first else { return result }

        for index in flexible {
            result[index] = specs[index].minimum + spare * specs[index].weight / totalWeight
        }
        for index in flexible.dropFirst() {
            result[index] = min(result[index], max(specs[index].minimum, widest[index]))
        }

        // Rounding and the cuts leave cells over; the first flexible column takes them.
        let used = flexible.reduce(0) { $0 + result[$1] }
        result[first] += max(0, width - columns.count - fixedTotal - used)
        return result
    }
}
