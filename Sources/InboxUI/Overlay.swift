/// Boxes drawn over the panes (forms, help).
enum Overlay {
    /// Returns a box of the requested size centred on the screen, shrunk to leave a margin.
    static func centeredBox(in size: ScreenSize, width: Int, height: Int, maximumHeight: Int) -> Rect {
        let boxWidth = max(10, min(width, size.columns - 2))
        let boxHeight = max(3, min(height, maximumHeight, size.rows))
        return Rect(
            row: max(0, (size.rows - boxHeight) / 2), column: max(0, (size.columns - boxWidth) / 2),
            height: boxHeight, width: boxWidth)
    }

    /// Returns the area inside the border, with one column of padding left and right.
    static func inner(_ box: Rect) -> Rect {
        Rect(row: box.row + 1, column: box.column + 2, height: max(0, box.height - 2), width: max(0, box.width - 4))
    }

    /// Blanks the box and draws its border with the title in the top edge.
    static func drawBox(_ box: Rect, title: String, on screen: Screen) {
        let horizontal = String(repeating: "─", count: max(0, box.width - 2))
        screen.write("┌" + horizontal + "┐", at: CellPosition(row: box.row, column: box.column), role: .formBorder)
        for row in (box.row + 1)..<(box.bottom - 1) {
            screen.write("│", at: CellPosition(row: row, column: box.column), role: .formBorder)
            screen.fill(CellPosition(row: row, column: box.column + 1), width: box.width - 2, role: .normal)
            screen.write("│", at: CellPosition(row: row, column: box.right - 1), role: .formBorder)
        }
        screen.write("└" + horizontal + "┘", at: CellPosition(row: box.bottom - 1, column: box.column), role: .formBorder)

        let shownTitle = TextWidth.truncated(" " + TextWidth.sanitized(title) + " ", to: max(0, box.width - 4))
        screen.write(shownTitle, at: CellPosition(row: box.row, column: box.column + 2), role: .formTitle)
    }
}
