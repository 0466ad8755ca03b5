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

        lines += [.blank, StyledLine("Filter (after /)", .detailHeading)]
        lines += KeyMap.filterEditing.map { row($0.keys, $0.summary) }

        lines += [.blank, StyledLine("Esc, q or ? closes this help; j / k scroll.", .dim)]
        return lines
    }

    private static func row(_ keys: String, _ summary: String) -> StyledLine {
        StyledLine([Span("  " + TextWidth.fitted(keys, to: keyWidth - 2), .helpKey), Span(" " + summary)])
    }
}
