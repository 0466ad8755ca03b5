import Foundation

/// Draws an `InboxState` onto a screen. Drawing never changes the state.
struct InboxRenderer {
    func render(_ state: InboxState, on screen: Screen) {
        screen.clear()
        screen.setCursor(nil)

        let layout = state.layout
        if layout.isTooSmall {
            drawTooSmall(layout.size, on: screen)
            screen.present()
            return
        }
        if var diagram = state.diagram {
            diagram.resize(to: layout.size)
            DiagramScreen.draw(diagram, on: screen)
            screen.present()
            return
        }

        for kind in PaneKind.lists {
            drawList(kind, state: state, on: screen)
        }
        drawSeparator(layout, on: screen)
        drawDetail(state, on: screen)
        StatusBar.draw(state, on: screen)
        if let commandLine = state.commandLine {
            drawCommandLine(commandLine, layout: layout, on: screen)
        } else {
            drawMessage(state, on: screen)
        }

        if let form = state.form {
            FormRenderer.draw(form, layout: layout, on: screen)
        } else if state.isShowingHelp {
            drawHelp(state, on: screen)
        }
        if let dialog = state.dialog {
            drawDialog(dialog, layout: layout, on: screen)
        }
        screen.present()
    }

    // MARK: Too small

    /// Returns the lines shown instead of the panes when the screen is below `Layout.minimum`.
    static func tooSmallLines(_ size: ScreenSize) -> [String] {
        [
            "Terminal too small: \(size.columns)x\(size.rows).",
            "bpmn-inbox needs at least \(Layout.minimum.columns)x\(Layout.minimum.rows).",
            "Enlarge the window, or press q to quit.",
        ]
    }

    private func drawTooSmall(_ size: ScreenSize, on screen: Screen) {
        let lines = Self.tooSmallLines(size).flatMap { TextWidth.wrapped($0, to: size.columns) }
        let top = max(0, (size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < size.rows {
            let column = max(0, (size.columns - TextWidth.width(of: line)) / 2)
            screen.write(line, at: CellPosition(row: top + offset, column: column), role: offset == 0 ? .error : .normal)
        }
    }

    // MARK: Panes

    /// Builds the title of a list pane: name, row count (filtered / all) and active filter.
    static func listTitle(_ kind: PaneKind, state: InboxState) -> String {
        let pane = state.pane(kind)
        var count = pane.filter.isEmpty ? "\(pane.rows.count)" : "\(pane.rows.count)/\(pane.allRows.count)"
        if kind == .instances && state.instanceTotal > state.instances.count {
            count += " of \(state.instanceTotal)"
        }
        var title = " \(kind.title) (\(count))"
        if !pane.filter.isEmpty || (state.isEditingFilter && state.focus == kind) {
            title += " /" + pane.filter
        }
        return title
    }

    private func drawList(_ kind: PaneKind, state: InboxState, on screen: Screen) {
        guard let rect = state.layout.panes[kind] else { return }
        let pane = state.pane(kind)
        let isFocused = state.focus == kind

        let title = Self.listTitle(kind, state: state)
        let titleRole: StyleRole = isFocused ? .paneTitleFocused : .paneTitle
        screen.draw(StyledLine(title, titleRole),
                    at: CellPosition(row: rect.row, column: rect.column), width: rect.width, fill: titleRole)
        if kind == .tasks {
            drawTaskTabs(state, rect: rect, on: screen)
        }
        if isFocused && state.isEditingFilter {
            let column = min(rect.right - 1, rect.column + TextWidth.width(of: title))
            screen.setCursor(CellPosition(row: rect.row, column: column))
        }

        let height = rect.height - 1
        guard !pane.rows.isEmpty else {
            let text = pane.filter.isEmpty ? " (none)" : " no row contains '\(pane.filter)'"
            screen.draw(StyledLine(text, .dim), at: CellPosition(row: rect.row + 1, column: rect.column), width: rect.width)
            return
        }

        let widths = ColumnLayout.widths(PaneRows.columns(for: kind), widestCells: pane.widestCells, width: rect.width)
        for line in 0..<height {
            let index = pane.scrollOffset + line
            guard pane.rows.indices.contains(index) else { break }
            let isSelected = index == pane.selectedIndex
            let isMarked = kind == .tasks && state.marked.contains(pane.rows[index].id)
            var role = isMarked ? StyleRole.marked : .normal
            if isSelected { role = isFocused ? .selection : .selectionInactive }
            var text = Self.rowText(pane.rows[index], widths: widths)
            if isMarked { text = "*" + text.dropFirst() }
            screen.draw(StyledLine(text, role), at: CellPosition(row: rect.row + 1 + line, column: rect.column),
                        width: rect.width, fill: isSelected ? role : nil)
        }
    }

    /// Draws the task view tabs after the Tasks pane's title, the current one highlighted.
    private func drawTaskTabs(_ state: InboxState, rect: Rect, on screen: Screen) {
        let start = TaskTabStrip.titleWidth(state)
        let room = rect.width - start
        guard room > 3 else { return }
        screen.fill(CellPosition(row: rect.row, column: rect.column + start - 1), width: room + 1, role: .normal)
        for segment in TaskTabStrip.segments(state, width: room) {
            let role: StyleRole = segment.view == state.taskView ? .tabActive : .tab
            screen.draw(StyledLine(segment.text, role), at: CellPosition(row: rect.row, column: rect.column + start + segment.column),
                        width: min(TextWidth.width(of: segment.text), rect.width - start - segment.column))
        }
    }

    /// Joins a row's cells, each cut or padded to its column width, after a leading space.
    static func rowText(_ row: PaneRow, widths: [Int]) -> String {
        var text = ""
        for (index, width) in widths.enumerated() where width > 0 {
            let cell = row.cells.indices.contains(index) ? row.cells[index] : ""
            text += " " + TextWidth.fitted(cell, to: width)
        }
        return text
    }

    private func drawSeparator(_ layout: Layout, on screen: Screen) {
        for row in 0..<layout.messageRow {
            screen.write("│", at: CellPosition(row: row, column: layout.separatorColumn), role: .separator)
        }
    }

    static func detailTitle(_ content: DetailContent) -> String {
        switch content {
        case .empty: return " Detail"
        case .model: return " Model"
        case .instance(let detail): return " Instance · \(detail.tab.title)"
        case .task: return " Task"
        }
    }

    private func drawDetail(_ state: InboxState, on screen: Screen) {
        guard let rect = state.layout.panes[.detail] else { return }
        let isFocused = state.focus == .detail
        let lines = DetailLines.build(state.detail, width: rect.width)
        let height = rect.height - 1

        var title = Self.detailTitle(state.detail)
        if lines.count > height {
            let last = min(lines.count, state.detailScroll + height)
            title += " (lines \(state.detailScroll + 1)-\(last) of \(lines.count))"
        }
        let titleRole: StyleRole = isFocused ? .paneTitleFocused : .paneTitle
        screen.draw(StyledLine(title, titleRole), at: CellPosition(row: rect.row, column: rect.column),
                    width: rect.width, fill: titleRole)

        for line in 0..<height {
            let index = state.detailScroll + line
            guard lines.indices.contains(index) else { break }
            let position = CellPosition(row: rect.row + 1 + line, column: rect.column)
            if isFocused && index == state.detailCursor {
                screen.draw(StyledLine(lines[index].text, .selection), at: position, width: rect.width, fill: .selection)
            } else {
                screen.draw(lines[index], at: position, width: rect.width)
            }
        }
    }

    // MARK: Message line and help

    private func drawMessage(_ state: InboxState, on screen: Screen) {
        guard let message = state.message else { return }
        let role: StyleRole
        switch message.kind {
        case .info: role = .message
        case .success: role = .success
        case .error: role = .error
        }
        let rows = Self.messageRows(message.text, width: state.layout.size.columns, hasRowAbove: state.layout.messageRow > 0)
        let firstRow = state.layout.messageRow - (rows.count - 1)
        for (offset, text) in rows.enumerated() {
            screen.draw(StyledLine(" " + text, role), at: CellPosition(row: firstRow + offset, column: 0),
                        width: state.layout.size.columns, fill: .normal)
        }
    }

    /// Returns the rows of the message line: one when the text fits, else two, the first over
    /// the last pane row. Text beyond two rows is cut with a pointer to `M`, which shows it
    /// whole.
    static func messageRows(_ text: String, width: Int, hasRowAbove: Bool) -> [String] {
        let room = max(1, width - 1)
        let lines = TextWidth.wrapped(text, to: room)
        guard lines.count > 1 else { return lines }
        guard hasRowAbove else { return [TextWidth.truncated(text, to: room)] }
        guard lines.count > 2 else { return lines }

        let rest = lines.dropFirst().joined(separator: " ")
        let pointer = " (M: whole message)"
        return [lines[0], TextWidth.truncated(rest, to: max(1, room - TextWidth.width(of: pointer))) + pointer]
    }

    /// Draws the `:` command line over the message line, with the completions of the last Tab.
    private func drawCommandLine(_ line: CommandLineState, layout: Layout, on screen: Screen) {
        let row = layout.messageRow
        let width = layout.size.columns
        screen.fill(CellPosition(row: row, column: 0), width: width, role: .formValueFocused)
        screen.write(":", at: CellPosition(row: row, column: 0), role: .formValueFocused)
        let window = line.editor.visibleWindow(width: max(1, width - 2))
        screen.write(window.text, at: CellPosition(row: row, column: 1), role: .formValueFocused)
        screen.setCursor(CellPosition(row: row, column: 1 + window.cursorColumn))

        guard line.completions.count > 1, row > 0 else { return }
        var spans: [Span] = [Span(" ")]
        for (index, completion) in line.completions.enumerated() {
            let word = CommandLineParsing.split(completion).argument.isEmpty ? completion : CommandLineParsing.split(completion).argument
            spans.append(Span(word.trimmingCharacters(in: .whitespaces), index == line.completionIndex ? .tabActive : .tab))
            spans.append(Span(" "))
        }
        screen.draw(StyledLine(spans), at: CellPosition(row: row - 1, column: 0), width: width, fill: .statusBar)
    }

    private func drawDialog(_ dialog: Dialog, layout: Layout, on screen: Screen) {
        let lines = Self.dialogLines(dialog, size: layout.size)
        let box = Self.dialogBox(lineCount: lines.count, size: layout.size)
        let inner = Overlay.inner(box)
        let scroll = min(dialog.scroll, max(0, lines.count - inner.height))
        let title = lines.count > inner.height ? "\(dialog.title) (j/k scroll)" : dialog.title
        Overlay.drawBox(box, title: title, on: screen)
        for (offset, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            screen.draw(line, at: CellPosition(row: inner.row + offset, column: inner.column), width: inner.width)
        }
    }

    /// Returns a dialog's paragraphs wrapped to the dialog's width on a screen of `size`,
    /// with the closing hint last.
    static func dialogLines(_ dialog: Dialog, size: ScreenSize) -> [StyledLine] {
        let width = min(72, size.columns - 2)
        var lines: [StyledLine] = []
        for paragraph in dialog.paragraphs {
            if !lines.isEmpty { lines.append(.blank) }
            lines += TextWidth.wrapped(paragraph, to: width - 4).map { StyledLine($0) }
        }
        return lines + [.blank, StyledLine("Press Esc or Enter to close.", .dim)]
    }

    static func dialogBox(lineCount: Int, size: ScreenSize) -> Rect {
        Overlay.centeredBox(in: size, width: min(72, size.columns - 2), height: lineCount + 2, maximumHeight: size.rows - 2)
    }

    /// Returns the largest scroll offset of a dialog: the one that shows its last line.
    static func maximumDialogScroll(_ dialog: Dialog, size: ScreenSize) -> Int {
        let lineCount = dialogLines(dialog, size: size).count
        return max(0, lineCount - Overlay.inner(dialogBox(lineCount: lineCount, size: size)).height)
    }

    private func drawHelp(_ state: InboxState, on screen: Screen) {
        let lines = HelpLines.build(readOnly: state.isReadOnly, width: HelpLines.innerWidth(in: state.layout.size))
        let box = HelpLines.box(in: state.layout.size, lineCount: lines.count)
        let inner = Overlay.inner(box)
        Overlay.drawBox(box, title: lines.count > inner.height ? "Keys (j/k scroll)" : "Keys", on: screen)

        let scroll = min(state.helpScroll, HelpLines.maximumScroll(in: state.layout.size))
        for line in 0..<inner.height {
            let index = scroll + line
            guard lines.indices.contains(index) else { break }
            screen.draw(lines[index], at: CellPosition(row: inner.row + line, column: inner.column), width: inner.width)
        }
    }
}
