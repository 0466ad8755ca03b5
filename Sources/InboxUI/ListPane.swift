import Foundation

/// One row of a list pane: the id it selects and the text of each column.
struct PaneRow: Equatable {
    var id: String
    var cells: [String]

    /// The cells folded for filtering, computed once per row.
    private var searchText: String

    init(id: String, cells: [String]) {
        self.id = id
        self.cells = cells.map(TextWidth.sanitized)
        self.searchText = Self.folded(self.cells.joined(separator: "\u{1F}"))
    }

    /// Returns whether any column contains `filter`, ignoring case and accents ("mull"
    /// finds "Müller", "ECOLE" finds "école").
    func matches(_ filter: String) -> Bool {
        filter.isEmpty || searchText.contains(Self.folded(filter))
    }

    /// Folds case, accents and full-width forms, as the filter compares text. ASCII has no
    /// accents or full-width forms, so lowercasing folds it alike at a fraction of the cost.
    static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
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
    /// The display width of the widest cell of each column of `rows`, for the column layout.
    private(set) var widestCells: [Int] = []

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
        rows = filter.isEmpty ? allRows : allRows.filter { $0.matches(filter) }
        widestCells = ColumnLayout.widestCells(of: rows)
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
