/// Draws an open form as a box over the panes: documentation, one row per input with
/// its error on the row below, and the engine's error at the bottom.
enum FormRenderer {
    static let preferredWidth = 76
    /// Documentation lines shown above the inputs; the detail pane shows all of it.
    static let maximumDocumentationLines = 3
    static let maximumFailureLines = 5

    /// One row inside the form box.
    private enum FormRow {
        case text(StyledLine)
        case input(Int)
        /// A further line (1, 2, …) of a multi-line input.
        case inputLine(Int, Int)
        /// A hint below the focused input, such as the names Ctrl-N completes.
        case inputHint(Int, String)
        case inputError(Int, String)
    }

    static func draw(_ form: FormState, layout: Layout, on screen: Screen) {
        let boxWidth = min(preferredWidth, layout.size.columns - 2)
        let innerWidth = boxWidth - 4
        let labelWidth = labelColumnWidth(form, innerWidth: innerWidth)
        let rows = formRows(form, innerWidth: innerWidth, labelWidth: labelWidth)

        let box = Overlay.centeredBox(
            in: layout.size, width: boxWidth, height: rows.count + 2, maximumHeight: layout.size.rows - 2)
        Overlay.drawBox(box, title: form.title, on: screen)
        let inner = Overlay.inner(box)

        let scroll = scrollOffset(rows, focus: form.focus, height: inner.height)
        for line in 0..<inner.height {
            let index = scroll + line
            guard rows.indices.contains(index) else { break }
            let position = CellPosition(row: inner.row + line, column: inner.column)
            switch rows[index] {
            case .text(let styled):
                screen.draw(styled, at: position, width: inner.width)
            case .input(let inputIndex):
                drawInput(form, inputIndex, at: position, labelWidth: labelWidth, width: inner.width, on: screen)
            case let .inputLine(inputIndex, line):
                drawMultiLine(form, inputIndex, line: line, at: position, labelWidth: labelWidth, width: inner.width, on: screen)
            case let .inputHint(_, text):
                screen.draw(StyledLine(text, .dim),
                            at: CellPosition(row: position.row, column: position.column + labelWidth + 1),
                            width: inner.width - labelWidth - 1)
            case let .inputError(_, text):
                screen.draw(StyledLine(text, .formError),
                            at: CellPosition(row: position.row, column: position.column + labelWidth + 1),
                            width: inner.width - labelWidth - 1)
            }
        }
    }

    private static func labelColumnWidth(_ form: FormState, innerWidth: Int) -> Int {
        let widest = form.inputs.map { TextWidth.width(of: label(for: $0)) }.max() ?? 10
        return max(8, min(widest, innerWidth * 2 / 5))
    }

    /// Returns the label with its markers: ` *` for required, ` (read-only)`.
    static func label(for input: FormInput) -> String {
        var text = TextWidth.sanitized(input.label)
        if input.isRequired { text += " *" }
        if input.isReadOnly { text += " (read-only)" }
        return text
    }

    private static func formRows(_ form: FormState, innerWidth: Int, labelWidth: Int) -> [FormRow] {
        var rows: [FormRow] = []

        if let documentation = form.documentation, !documentation.isEmpty {
            let lines = TextWidth.wrapped(documentation, to: innerWidth)
            rows += lines.prefix(maximumDocumentationLines).map { .text(StyledLine($0)) }
            if lines.count > maximumDocumentationLines {
                rows.append(.text(StyledLine("(more in the detail pane)", .dim)))
            }
            rows.append(.text(.blank))
        }

        let errorWidth = max(1, innerWidth - labelWidth - 1)
        for (index, input) in form.inputs.enumerated() {
            rows.append(.input(index))
            if input.isMultiLine {
                rows += (1..<multiLineHeight(input)).map { .inputLine(index, $0) }
            }
            let suggestions = index == form.focus ? form.userNameSuggestions() : []
            if !suggestions.isEmpty {
                rows.append(.inputHint(index, "Ctrl-N: " + suggestions.prefix(6).joined(separator: ", ")))
            }
            if let error = input.error {
                rows += TextWidth.wrapped("! " + error, to: errorWidth).map { .inputError(index, $0) }
            }
        }

        if let failure = form.failure {
            rows.append(.text(.blank))
            let lines = TextWidth.wrapped(failure, to: innerWidth)
            rows += lines.prefix(maximumFailureLines).map { .text(StyledLine($0, .error)) }
        }
        return rows
    }

    /// Scrolls so the focused input and its error rows are visible; the engine error at
    /// the end shows when there is room.
    private static func scrollOffset(_ rows: [FormRow], focus: Int, height: Int) -> Int {
        guard rows.count > height, height > 0 else { return 0 }
        let focusRows = rows.indices.filter { index in
            switch rows[index] {
            case .input(let input), .inputLine(let input, _), .inputHint(let input, _), .inputError(let input, _): return input == focus
            case .text: return false
            }
        }
        guard let first = focusRows.first, let last = focusRows.last else { return 0 }
        let offsetShowingLast = max(0, last - height + 1)
        return min(first, offsetShowingLast, rows.count - height)
    }

    private static func drawInput(
        _ form: FormState, _ index: Int, at position: CellPosition, labelWidth: Int, width: Int, on screen: Screen
    ) {
        let input = form.inputs[index]
        let isFocused = index == form.focus
        screen.draw(StyledLine(label(for: input), isFocused ? .formTitle : .formLabel), at: position, width: labelWidth)

        let valuePosition = CellPosition(row: position.row, column: position.column + labelWidth + 1)
        let valueWidth = max(1, width - labelWidth - 1)

        if input.isReadOnly {
            screen.draw(StyledLine(input.displayValue, .dim), at: valuePosition, width: valueWidth)
            return
        }

        let role: StyleRole = isFocused ? .formValueFocused : .formValue
        guard input.kind.usesLineEditor else {
            let text = TextWidth.fitted(input.displayValue, to: min(valueWidth, TextWidth.width(of: input.displayValue)))
            screen.draw(StyledLine(text, role), at: valuePosition, width: valueWidth)
            return
        }

        if input.isMultiLine {
            drawMultiLine(form, index, line: 0, at: position, labelWidth: labelWidth, width: width, on: screen)
            return
        }

        screen.fill(valuePosition, width: valueWidth, role: role)
        if input.editor.text.isEmpty, !isFocused, let placeholder = input.placeholder {
            screen.draw(StyledLine(placeholder, .dim), at: valuePosition, width: valueWidth)
            return
        }

        let window = input.editor.visibleWindow(width: valueWidth)
        screen.write(window.text, at: valuePosition, role: role)
        if isFocused {
            screen.setCursor(CellPosition(row: valuePosition.row, column: valuePosition.column + window.cursorColumn))
        }
    }

    /// Rows the multi-line editor takes: its lines plus one to type into, from 3 to 6.
    static func multiLineHeight(_ input: FormInput) -> Int {
        max(3, min(6, input.area.lines.count + 1))
    }

    /// Draws line `line` of a multi-line input's visible window, with the line number of
    /// the text in the label column so a parse error's position is easy to find.
    private static func drawMultiLine(
        _ form: FormState, _ index: Int, line: Int, at position: CellPosition, labelWidth: Int, width: Int,
        on screen: Screen
    ) {
        let input = form.inputs[index]
        let isFocused = index == form.focus
        let height = multiLineHeight(input)
        let valuePosition = CellPosition(row: position.row, column: position.column + labelWidth + 1)
        let valueWidth = max(1, width - labelWidth - 1)
        let role: StyleRole = isFocused ? .formValueFocused : .formValue
        let window = input.area.visibleWindow(width: max(1, valueWidth - 4), height: height)
        let top = max(0, input.area.row - height + 1)

        if line > 0 {
            let number = top + line + 1
            if number <= input.area.lines.count {
                let label = String(repeating: " ", count: max(0, labelWidth - 4)) + String("\(number)".suffix(3))
                screen.draw(StyledLine(label, .dim), at: position, width: labelWidth)
            }
        }
        screen.fill(valuePosition, width: valueWidth, role: role)

        if input.area.isEmpty, !isFocused, line == 0, let placeholder = input.placeholder {
            screen.draw(StyledLine(placeholder, .dim), at: valuePosition, width: valueWidth)
            return
        }
        guard window.lines.indices.contains(line) else { return }
        screen.write(window.lines[line], at: valuePosition, role: role)
        if isFocused && window.cursor.row == line {
            screen.setCursor(CellPosition(row: valuePosition.row, column: valuePosition.column + window.cursor.column))
        }
    }
}
