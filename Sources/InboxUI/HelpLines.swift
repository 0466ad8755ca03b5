/// The help overlay's text, generated from the key map tables.
enum HelpLines {
    /// The inner width the help is laid out for when no screen size is given, that of the
    /// 96-column box.
    static let defaultWidth = 92
    /// The largest share of the width the key column takes; longer keys wrap within it.
    static let maximumKeyShare = 0.4

    /// Builds the overlay's lines for an inner width of `width` columns. In each section the
    /// key column is as wide as the section's longest entry, up to `maximumKeyShare` of the
    /// width, and keys and summaries that do not fit wrap onto further rows. With `readOnly`,
    /// keys whose action changes data are dimmed and marked, because the inbox rejects them.
    static func build(readOnly: Bool = false, width: Int = defaultWidth) -> [StyledLine] {
        var lines: [StyledLine] = []

        lines.append(StyledLine(readOnly ? "Panes (read-only: dimmed keys are rejected)" : "Panes", .detailHeading))
        let panes = Table(entries: KeyMap.list.map { ($0.keyLabels, $0.summary) }, width: width)
        for binding in KeyMap.list {
            let dimmed = readOnly && binding.action.changesData
            lines += panes.rows(binding.keyLabels, binding.summary, dimmed: dimmed)
        }

        lines += [.blank, StyledLine("Forms", .detailHeading)]
        lines += Table.lines(KeyMap.form.map { ($0.keyLabels, $0.summary) } + KeyMap.fieldEditing, width: width)
        lines += TextWidth.wrapped("  Extra data (JSON) takes other keys; set form fields in their own rows.", to: width)
            .map { StyledLine($0, .dim) }

        lines += [.blank, StyledLine("Filter (after /)", .detailHeading)]
        lines += Table.lines(KeyMap.filterEditing, width: width)

        lines += [.blank, StyledLine("Command line (after :)", .detailHeading)]
        lines += Table.lines(KeyMap.commandEditing + InboxCommands.all.map { ($0.usage, $0.summary) }, width: width)

        lines += [.blank, StyledLine("Mouse", .detailHeading)]
        lines += Table.lines(mouseEntries, width: width)

        lines += [.blank, StyledLine("Esc, q or ? closes this help; j / k scroll.", .dim)]
        return lines
    }

    private static let mouseEntries: [(keys: String, summary: String)] = [
        ("click", "select a row and focus its pane"),
        ("wheel", "scroll the pane under the pointer (off with --no-mouse)"),
    ]

    /// The two columns of the overlay: keys after a two-space indent, then the summary.
    private struct Table {
        var keyWidth: Int
        var summaryWidth: Int

        /// Returns the rows of a section's entries in a table sized to them.
        static func lines(_ entries: [(keys: String, summary: String)], width: Int) -> [StyledLine] {
            let table = Table(entries: entries, width: width)
            return entries.flatMap { table.rows($0.keys, $0.summary) }
        }

        init(entries: [(keys: String, summary: String)], width: Int) {
            let longest = entries.map { TextWidth.width(of: $0.keys) }.max() ?? 0
            let cap = max(8, Int(Double(width) * HelpLines.maximumKeyShare))
            keyWidth = min(longest, cap)
            summaryWidth = max(8, width - 2 - keyWidth - 1)
        }

        /// Returns the rows of one entry: keys and summary side by side, each wrapped to
        /// its column.
        func rows(_ keys: String, _ summary: String, dimmed: Bool = false) -> [StyledLine] {
            let keyLines = TextWidth.wrapped(keys, to: keyWidth)
            let summaryLines = TextWidth.wrapped(summary, to: summaryWidth)
            return (0..<max(keyLines.count, summaryLines.count)).map { index in
                let key = index < keyLines.count ? keyLines[index] : ""
                let text = index < summaryLines.count ? summaryLines[index] : ""
                let keyCell = "  " + TextWidth.fitted(key, to: keyWidth)
                if dimmed { return StyledLine(keyCell + " " + text, .dim) }
                return StyledLine([Span(keyCell, .helpKey), Span(" " + text)])
            }
        }
    }

    /// Returns the help overlay's box on a screen of `size`, as tall as the lines need
    /// but leaving a row free above and below.
    static func box(in size: ScreenSize, lineCount: Int) -> Rect {
        Overlay.centeredBox(in: size, width: 96, height: lineCount + 2, maximumHeight: size.rows - 2)
    }

    /// Returns the largest scroll offset (in lines) on a screen of `size`: the one that
    /// shows the last line at the bottom of the box.
    static func maximumScroll(in size: ScreenSize) -> Int {
        let lineCount = build(width: innerWidth(in: size)).count
        let visible = Overlay.inner(box(in: size, lineCount: lineCount)).height
        return max(0, lineCount - visible)
    }

    /// Returns the lines one PgUp or PgDn scrolls on a screen of `size`: one less than
    /// the box shows, so a line of the previous page stays in view.
    static func pageHeight(in size: ScreenSize) -> Int {
        let visible = Overlay.inner(box(in: size, lineCount: build(width: innerWidth(in: size)).count)).height
        return max(1, visible - 1)
    }

    /// Returns the width inside the help box on a screen of `size`.
    static func innerWidth(in size: ScreenSize) -> Int {
        Overlay.inner(box(in: size, lineCount: 0)).width
    }

    /// Returns the README's key tables in Markdown, built from the same tables as the overlay,
    /// so a test can check that the README lists exactly the keys that work.
    static func markdown() -> String {
        func table(_ heading: String, _ rows: [(String, String)]) -> String {
            (["| keys | \(heading) |", "|---|---|"] + rows.map { "| \($0.0) | \($0.1) |" }).joined(separator: "\n")
        }
        let tables = [
            table("in the panes", KeyMap.list.map { ($0.keyLabels, $0.summary) }),
            table("in a form", KeyMap.form.map { ($0.keyLabels, $0.summary) } + KeyMap.fieldEditing.map { ($0.keys, $0.summary) }),
            table("in the filter (after /)", KeyMap.filterEditing.map { ($0.keys, $0.summary) }),
            table("on the command line (after :)", KeyMap.commandEditing.map { ($0.keys, $0.summary) }),
            table("command", InboxCommands.all.map { ("`\($0.usage)`", $0.summary) }),
        ]
        return tables.joined(separator: "\n\n")
    }
}
