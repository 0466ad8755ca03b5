/// The size of a screen in character cells.
public struct ScreenSize: Equatable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}

/// A cell position: row 0 is the top line, column 0 the left edge.
public struct CellPosition: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A grid of character cells that the renderer draws one frame into. The ncurses
/// terminal and the in-memory grid used by tests both implement it.
public protocol Screen: AnyObject {
    var size: ScreenSize { get }

    /// Blanks every cell to a space in the `normal` role.
    func clear()

    /// Writes `text` from `position` onwards in `role`. The text is sanitized and clipped
    /// at the right edge; a wide character that does not fit whole is left out. Writes
    /// outside the screen are ignored.
    func write(_ text: String, at position: CellPosition, role: StyleRole)

    /// Places the visible cursor (for text fields), or hides it with nil.
    func setCursor(_ position: CellPosition?)

    /// Shows the frame drawn since the last `clear`.
    func present()
}

extension Screen {
    /// Fills `width` cells from `position` with spaces in `role`.
    func fill(_ position: CellPosition, width: Int, role: StyleRole) {
        guard width > 0 else { return }
        write(String(repeating: " ", count: width), at: position, role: role)
    }
}
