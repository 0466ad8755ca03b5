/// The help overlay's text, generated from the key map tables.
enum HelpLines {
    /// Width of the key column.
    static let keyWidth = 22

    static func build() -> [StyledLine] {
        var lines: [StyledLine] = []

        lines.append(StyledLine("Panes", .detailHeading))
        lines += KeyMap.list.map { row($0.keyLabels, $0.summary) }

        lines += [.blank, StyledLine("Forms", .detailHeading)]
        lines += KeyMap.form.map { row($0.keyLabels, $0.summary) }
        lines += KeyMap.fieldEditing.map { row($0.keys, $0.summary) }
        lines.append(StyledLine("  Extra data (JSON) takes other keys; set form fields in their own rows.", .dim))

        lines += [.blank, StyledLine("Filter (after /)", .detailHeading)]
        lines += KeyMap.filterEditing.map { row($0.keys, $0.summary) }

        lines += [.blank, StyledLine("Esc, q or ? closes this help; j / k scroll.", .dim)]
        return lines
    }

    /// Returns the help overlay's box on a screen of `size`, as tall as the lines need
    /// but leaving a row free above and below.
    static func box(in size: ScreenSize, lineCount: Int) -> Rect {
        Overlay.centeredBox(in: size, width: 84, height: lineCount + 2, maximumHeight: size.rows - 2)
    }

    /// Returns the largest scroll offset (in lines) on a screen of `size`: the one that
    /// shows the last line at the bottom of the box.
    static func maximumScroll(in size: ScreenSize) -> Int {
        let lineCount = build().count
        let visible = Overlay.inner(box(in: size, lineCount: lineCount)).height
        return max(0, lineCount - visible)
    }

    /// Returns the lines one PgUp or PgDn scrolls on a screen of `size`: one less than
    /// the box shows, so a line of the previous page stays in view.
    static func pageHeight(in size: ScreenSize) -> Int {
        let visible = Overlay.inner(box(in: size, lineCount: build().count)).height
        return max(1, visible - 1)
    }

    private static func row(_ keys: String, _ summary: String) -> StyledLine {
        StyledLine([Span("  " + TextWidth.fitted(keys, to: keyWidth - 2), .helpKey), Span(" " + summary)])
    }
}
