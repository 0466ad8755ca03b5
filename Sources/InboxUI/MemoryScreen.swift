/// An in-memory screen for tests: it keeps each cell's text and role the way a terminal
/// would show them, including wide characters that take two cells.
public final class MemoryScreen: Screen {
    /// One cell. A wide character fills two cells, and the second is a continuation.
    public struct Cell: Equatable, Sendable {
        /// The character drawn in the cell with any combining marks, or "" for the right
        /// half of a wide character.
        public var text: String
        public var role: StyleRole

        public var isContinuation: Bool { text.isEmpty }

        static let blank = Cell(text: " ", role: .normal)
    }

    public private(set) var size: ScreenSize
    public private(set) var cells: [[Cell]]
    public private(set) var cursor: CellPosition?
    /// How many times `present` was called.
    public private(set) var presentCount = 0

    public init(rows: Int, columns: Int) {
        size = ScreenSize(rows: rows, columns: columns)
        cells = Array(repeating: Array(repeating: .blank, count: columns), count: rows)
    }

    /// Changes the size and blanks the grid, as a terminal resize does.
    public func resize(rows: Int, columns: Int) {
        size = ScreenSize(rows: rows, columns: columns)
        clear()
    }

    public func clear() {
        cells = Array(repeating: Array(repeating: .blank, count: size.columns), count: size.rows)
        cursor = nil
    }

    public func write(_ text: String, at position: CellPosition, role: StyleRole) {
        guard (0..<size.rows).contains(position.row), position.column >= 0 else { return }
        var column = position.column

        // Scalar by scalar, as ncursesw places them: a scalar of width 0 joins the cell
        // before it, any other starts a new cell.
        for scalar in TextWidth.sanitized(text).unicodeScalars {
            let width = TextWidth.width(of: scalar)
            if width == 0 {
                appendCombining(scalar, row: position.row, before: column)
                continue
            }
            guard column + width <= size.columns else { break }
            place(scalar, width: width, row: position.row, column: column, role: role)
            column += width
        }
    }

    public func setCursor(_ position: CellPosition?) {
        cursor = position
    }

    public func present() {
        presentCount += 1
    }

    // MARK: Reading the grid

    /// Returns the text of one row as the terminal shows it, without trailing spaces.
    public func line(_ row: Int) -> String {
        guard cells.indices.contains(row) else { return "" }
        var text = cells[row].map(\.text).joined()
        while text.last == " " { text.removeLast() }
        return text
    }

    /// All rows, trailing spaces removed, joined by newlines.
    public var text: String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    /// Returns the role of one cell.
    public func role(row: Int, column: Int) -> StyleRole? {
        guard cells.indices.contains(row), cells[row].indices.contains(column) else { return nil }
        return cells[row][column].role
    }

    /// Finds the first cell position where `needle` appears, searching rows top to bottom.
    /// The column counts terminal cells, so it reflects wide characters before it.
    public func find(_ needle: String) -> CellPosition? {
        for row in 0..<size.rows {
            if let column = column(of: needle, inRow: row) {
                return CellPosition(row: row, column: column)
            }
        }
        return nil
    }

    /// Finds the cell column where `needle` starts in `row`, or nil.
    public func column(of needle: String, inRow row: Int) -> Int? {
        guard cells.indices.contains(row) else { return nil }
        let rowCells = cells[row]
        for start in rowCells.indices where !rowCells[start].isContinuation {
            var text = ""
            for cell in rowCells[start...] {
                text += cell.text
                if text.count >= needle.count { break }
            }
            if text.hasPrefix(needle) { return start }
        }
        return nil
    }

    // MARK: Writing cells

    private func place(_ scalar: Unicode.Scalar, width: Int, row: Int, column: Int, role: StyleRole) {
        breakWideCharacter(row: row, column: column)
        if width == 2 { breakWideCharacter(row: row, column: column + 1) }

        cells[row][column] = Cell(text: String(scalar), role: role)
        if width == 2 { cells[row][column + 1] = Cell(text: "", role: role) }
    }

    /// Blanks the other half of a wide character that a write into `column` would split,
    /// as terminals do.
    private func breakWideCharacter(row: Int, column: Int) {
        let cell = cells[row][column]
        if cell.isContinuation, column > 0 {
            cells[row][column - 1] = Cell(text: " ", role: cells[row][column - 1].role)
        } else if column + 1 < size.columns, cells[row][column + 1].isContinuation,
            TextWidth.width(of: cell.text) == 2
        {
            cells[row][column + 1] = Cell(text: " ", role: cell.role)
        }
    }

    private func appendCombining(_ scalar: Unicode.Scalar, row: Int, before column: Int) {
        var target = min(column, size.columns) - 1
        while target > 0 && cells[row][target].isContinuation { target -= 1 }
        guard target >= 0 else { return }
        cells[row][target].text.unicodeScalars.append(scalar)
    }
}
