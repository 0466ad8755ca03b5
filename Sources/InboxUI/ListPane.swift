/// One row of a list pane: the id it selects and the text of each column.
struct PaneRow: Equatable {
    var id: String
    var cells: [String]

    init(id: String, cells: [String]) {
        self.id = id
        self.cells = cells.map(TextWidth.sanitized)
    }

    /// Returns whether any column contains `filter`, ignoring case.
    func matches(_ filter: String) -> Bool {
        filter.isEmpty || cells.contains { $0.localizedCaseInsensitiveContains(filter) }
    }
}

/// The rows of a list pane with its filter, selection and scroll position.
///
/// The selection follows the row id, so a refresh that adds or removes rows above it does
/// not move it to another row. When the selected row disappears, the row now at the same
/// position is selected.
struct ListPaneState: Equatable {
    private(set) var allRows: [PaneRow] = []
    private(set) var rows: [PaneRow] = []
    private(set) var filter = ""
    private(set) var selectedIndex = 0
    private(set) var scrollOffset = 0

    var selectedRow: PaneRow? { rows.indices.contains(selectedIndex) ? rows[selectedIndex] : nil }

    /// Replaces the rows, keeping the selected id when it is still there.
    mutating func setRows(_ newRows: [PaneRow]) {
        let selectedID = selectedRow?.id
        allRows = newRows
        applyFilter(keeping: selectedID)
    }

    mutating func setFilter(_ text: String) {
        let selectedID = selectedRow?.id
        filter = text
        applyFilter(keeping: selectedID)
    }

    private mutating func applyFilter(keeping selectedID: String?) {
        rows = allRows.filter { $0.matches(filter) }
        if let selectedID, let index = rows.firstIndex(where: { $0.id == selectedID }) {
            selectedIndex = index
        }
        selectedIndex = min(selectedIndex, max(0, rows.count - 1))
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    mutating func move(by delta: Int, visibleHeight: Int) {
        guard !rows.isEmpty else { return }
        selectedIndex = min(max(0, selectedIndex + delta), rows.count - 1)
        keepSelectionVisible(height: visibleHeight)
    }

    mutating func moveToTop(visibleHeight: Int) {
        selectedIndex = 0
        keepSelectionVisible(height: visibleHeight)
    }

    mutating func moveToBottom(visibleHeight: Int) {
        selectedIndex = max(0, rows.count - 1)
        keepSelectionVisible(height: visibleHeight)
    }

    /// Scrolls as little as possible so the selected row is inside a pane of `height` rows.
    mutating func keepSelectionVisible(height: Int) {
        guard height > 0 else { return }
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + height { scrollOffset = selectedIndex - height + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, rows.count - height)))
    }
}

/// One column of a list pane.
struct ColumnSpec {
    /// The narrowest width worth showing.
    var minimum: Int
    /// Share of the flexible width; 0 makes the column exactly as wide as its widest
    /// cell (at least `minimum`).
    var weight: Int
    /// Optional columns are dropped, last first, when the pane is too narrow.
    var isOptional = false
}

enum ColumnLayout {
    /// Fixed columns hold short values (status, dates); longer cells are truncated.
    static let maximumFixedWidth = 16

    /// Computes the width of each column for a pane `width` cells wide, with one space
    /// before the first column and between columns. A dropped column gets 0.
    static func widths(_ specs: [ColumnSpec], rows: [PaneRow], width: Int) -> [Int] {
        var included = Array(repeating: true, count: specs.count)
        let fixedWidths = specs.indices.map { index -> Int in
            guard specs[index].weight == 0 else { return specs[index].minimum }
            let widest = rows.map { TextWidth.width(of: $0.cells.indices.contains(index) ? $0.cells[index] : "") }.max() ?? 0
            return max(specs[index].minimum, min(widest, maximumFixedWidth))
        }

        func neededWidth() -> Int {
            let columns = specs.indices.filter { included[$0] }
            return columns.reduce(0) { $0 + fixedWidths[$1] } + columns.count
        }

        while neededWidth() > width, let drop = specs.indices.last(where: { included[$0] && specs[$0].isOptional }) {
            included[drop] = false
        }

        return distribute(specs, fixedWidths: fixedWidths, included: included, width: width)
    }

    private static func distribute(_ specs: [ColumnSpec], fixedWidths: [Int], included: [Bool], width: Int) -> [Int] {
        let columns = specs.indices.filter { included[$0] }
        let fixedTotal = columns.filter { specs[$0].weight == 0 }.reduce(0) { $0 + fixedWidths[$1] }
        let flexible = columns.filter { specs[$0].weight > 0 }
        let totalWeight = flexible.reduce(0) { $0 + specs[$1].weight }
        let free = width - columns.count - fixedTotal

        var result = Array(repeating: 0, count: specs.count)
        for index in columns where specs[index].weight == 0 {
            result[index] = fixedWidths[index]
        }
        guard totalWeight > 0 else { return result }

        let shares = flexible.map { max(1, max(0, free) * specs[$0].weight / totalWeight) }
        for (index, share) in zip(flexible, shares) {
            result[index] = share
        }

        // Rounding leaves a few cells over; the first flexible column takes them.
        let leftover = free - shares.reduce(0, +)
        if leftover > 0, let first = flexible.first {
            result[first] += leftover
        }
        return result
    }
}
