import ProcessDiagram

/// Draws a `DiagramViewState` onto a screen: title, drawing, legend and key hints, and the
/// details or help box on the right.
enum DiagramScreen {
    /// Returns the inbox style of a diagram role. The mono theme's attributes keep the states
    /// apart without colour: waiting is reversed, done and taken flows are bold, failed is
    /// bold and underlined.
    static func styleRole(_ role: DiagramRole) -> StyleRole {
        switch role {
        case .normal: return .normal
        case .label: return .dim
        case .lane: return .paneTitle
        case .waiting: return .formValueFocused
        case .done: return .success
        case .failed: return .error
        case .flowTaken: return .success
        case .selected: return .selection
        case .link: return .separator
        }
    }

    static func draw(_ view: DiagramViewState, on screen: Screen) {
        let size = screen.size
        drawTitle(view, width: size.columns, on: screen)

        let frame = view.viewport.frame(highlight: view.highlight, emphasized: view.changedIds)
        for y in 0..<frame.height {
            var column = 0
            for run in frame.runs(row: y) {
                screen.write(run.text, at: CellPosition(row: y + DiagramViewState.chromeRows.top, column: column), role: styleRole(run.role))
                column += TextWidth.width(of: run.text)
            }
        }

        drawLegend(view, row: size.rows - view.bottomRows, width: size.columns, on: screen)
        drawHints(view, row: size.rows - 1, width: size.columns, on: screen)
        if view.isShowingHelp {
            let lines = DiagramViewState.keyHelp.map { (key: $0.keys, value: $0.summary) }
            drawSideBox(title: "Diagram keys", lines: lines, fitsKeys: true, bottomRows: view.bottomRows, size: size, on: screen)
        } else if view.detailsId != nil {
            drawSideBox(title: "Element", lines: view.detailLines(), fitsKeys: false, bottomRows: view.bottomRows, size: size, on: screen)
        }
    }

    private static func drawTitle(_ view: DiagramViewState, width: Int, on screen: Screen) {
        screen.fill(CellPosition(row: 0, column: 0), width: width, role: .header)
        let layout = view.viewport.layout
        let origin = view.viewport.origin
        let position = "zoom \(view.viewport.options.zoom)  \(origin.x),\(origin.y) of \(layout.width)x\(layout.height)"
            + (layout.isAutomatic ? "  automatic layout" : "")
        let title = TextWidth.truncated(" " + TextWidth.sanitized(view.title), to: max(0, width - TextWidth.width(of: position) - 2))
        screen.write(title, at: CellPosition(row: 0, column: 0), role: .header)
        screen.write(position, at: CellPosition(row: 0, column: max(0, width - TextWidth.width(of: position) - 1)), role: .header)
    }

    /// Draws the legend, or the caption wrapped over the rows between the drawing and the
    /// key hints (one row in the inbox, `captionLines` in a tour or replay).
    private static func drawLegend(_ view: DiagramViewState, row: Int, width: Int, on screen: Screen) {
        let rows = max(1, view.bottomRows - 1)
        for offset in 0..<rows {
            screen.fill(CellPosition(row: row + offset, column: 0), width: width, role: .normal)
        }
        if let caption = view.caption {
            var lines = TextWidth.wrapped(TextWidth.sanitized(caption), to: max(1, width - 2))
            if lines.count > rows {
                lines = Array(lines.prefix(rows))
                lines[rows - 1] = TextWidth.truncated(lines[rows - 1] + " …", to: max(1, width - 2))
            }
            for (offset, line) in lines.enumerated() {
                screen.write(" " + line, at: CellPosition(row: row + offset, column: 0), role: .message)
            }
            return
        }
        var column = 1
        for run in DiagramLegend.runs(highlight: view.highlight) where column < width {
            let text = TextWidth.truncated(run.text, to: width - column)
            screen.write(text, at: CellPosition(row: row, column: column), role: styleRole(run.role))
            column += TextWidth.width(of: text)
        }
    }

    /// Returns the key hints of the last row, with the tour's or replay's own keys first.
    static func hints(extra: [(String, String)]) -> [(String, String)] {
        extra + [("←↑↓→", "scroll"), ("+/-", "zoom"), ("f", "fit"), ("Tab", "select"), ("Enter", "details"), ("?", "keys"), ("q", "close")]
    }

    private static func drawHints(_ view: DiagramViewState, row: Int, width: Int, on screen: Screen) {
        drawHintRow(hints(extra: []), row: row, width: width, on: screen)
    }

    static func drawHintRow(_ hints: [(String, String)], row: Int, width: Int, on screen: Screen) {
        screen.fill(CellPosition(row: row, column: 0), width: width, role: .statusBar)
        var column = 1
        for (key, summary) in hints {
            let needed = TextWidth.width(of: key) + TextWidth.width(of: summary) + 2
            guard column + needed <= width else { break }
            screen.write(key, at: CellPosition(row: row, column: column), role: .hintKey)
            column += TextWidth.width(of: key)
            screen.write(" " + summary + " ", at: CellPosition(row: row, column: column), role: .statusBar)
            column += TextWidth.width(of: summary) + 2
        }
    }

    /// Returns the width of the details and help box on a screen of `columns`.
    static func sideBoxWidth(columns: Int) -> Int {
        min(columns, min(56, max(30, columns / 2)))
    }

    /// The narrowest value column of the help box, in columns.
    static let minimumHelpValueWidth = 32

    /// Draws the details or help box on the right. With `fitsKeys` (the help box), the key
    /// column fits the longest key, and the box widens as far as the screen allows to keep
    /// `minimumHelpValueWidth` columns for the values. Details keep keys to 16 columns.
    private static func drawSideBox(
        title: String, lines: [(key: String, value: String)], fitsKeys: Bool, bottomRows: Int, size: ScreenSize, on screen: Screen
    ) {
        let longestKey = lines.map { TextWidth.width(of: $0.key) }.max() ?? 0
        var width = sideBoxWidth(columns: size.columns)
        if fitsKeys {
            let longestValue = lines.map { TextWidth.width(of: $0.value) }.max() ?? 0
            let needed = longestKey + 1 + min(longestValue, minimumHelpValueWidth) + 4
            width = min(size.columns, max(width, needed))
        }
        let top = DiagramViewState.chromeRows.top
        let height = max(3, size.rows - top - bottomRows)
        let box = Rect(row: top, column: max(0, size.columns - width), height: height, width: width)
        Overlay.drawBox(box, title: title, on: screen)
        let inner = Overlay.inner(box)
        let keyWidth = fitsKeys ? min(longestKey, max(1, inner.width / 2)) : min(16, longestKey)
        var row = inner.row
        for line in lines {
            let valueWidth = max(1, inner.width - keyWidth - 1)
            let wrapped = TextWidth.wrapped(line.value, to: valueWidth)
            for (index, part) in wrapped.enumerated() {
                guard row < inner.row + inner.height else { return }
                if index == 0, !line.key.isEmpty {
                    screen.write(TextWidth.truncated(line.key, to: keyWidth), at: CellPosition(row: row, column: inner.column), role: .detailKey)
                }
                screen.write(part, at: CellPosition(row: row, column: inner.column + keyWidth + 1), role: .normal)
                row += 1
            }
        }
    }
}
