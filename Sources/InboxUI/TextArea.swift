/// A multi-line text buffer with a cursor, for the JSON editor of forms. Enter inserts a
/// line break; the arrow keys move across lines.
struct TextArea: Equatable {
    /// The lines, never empty: an empty text is one empty line.
    private(set) var lines: [[Character]] = [[]]
    /// The cursor's line (0-based) and its index into that line's characters.
    private(set) var row = 0
    private(set) var column = 0

    init(_ text: String = "") {
        setText(text)
    }

    var text: String { lines.map { String($0) }.joined(separator: "\n") }

    var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Replaces the whole text and puts the cursor at its end.
    mutating func setText(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    /// Returns whether Up (or Down, when `down`) would move the cursor inside the text rather than
    /// leave it. The form moves to the previous or next field otherwise.
    func canMove(down: Bool) -> Bool {
        down ? row < lines.count - 1 : row > 0
    }

    /// Applies an editing key.
    /// - Returns: whether the key was an editing key (and was used).
    @discardableResult
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert(character)
        case .enter: insertLineBreak()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveVertically(by: -1)
        case .down: moveVertically(by: 1)
        case .home, .control("a"): column = 0
        case .end, .control("e"): column = lines[row].count
        case .backspace: deleteBackward()
        case .delete, .control("d"): deleteForward()
        case .control("u"): setText("")
        case .control("k"): lines[row].removeSubrange(column...)
        default: return false
        }
        return true
    }

    /// Inserts pasted text: line breaks start new lines, tabs become two spaces, and other
    /// control characters are dropped.
    mutating func paste(_ character: Character) {
        if character.isNewline {
            insertLineBreak()
        } else if character == "\t" {
            insert(" ")
            insert(" ")
        } else {
            insert(character)
        }
    }

    /// Inserts one character at the cursor. Control characters are dropped.
    mutating func insert(_ character: Character) {
        guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return }
        lines[row].insert(character, at: column)
        column += 1
    }

    mutating func insertLineBreak() {
        let rest = Array(lines[row][column...])
        lines[row].removeSubrange(column...)
        lines.insert(rest, at: row + 1)
        row += 1
        column = 0
    }

    /// Moves the cursor to a 1-based line and column, clamped to the text.
    mutating func moveCursor(line: Int, column target: Int) {
        row = max(0, min(line - 1, lines.count - 1))
        column = max(0, min(target - 1, lines[row].count))
    }

    private mutating func moveLeft() {
        if column > 0 {
            column -= 1
        } else if row > 0 {
            row -= 1
            column = lines[row].count
        }
    }

    private mutating func moveRight() {
        if column < lines[row].count {
            column += 1
        } else if row < lines.count - 1 {
            row += 1
            column = 0
        }
    }

    private mutating func moveVertically(by delta: Int) {
        row = max(0, min(row + delta, lines.count - 1))
        column = min(column, lines[row].count)
    }

    private mutating func deleteBackward() {
        if column > 0 {
            lines[row].remove(at: column - 1)
            column -= 1
        } else if row > 0 {
            let joined = lines.remove(at: row)
            row -= 1
            column = lines[row].count
            lines[row] += joined
        }
    }

    private mutating func deleteForward() {
        if column < lines[row].count {
            lines[row].remove(at: column)
        } else if row < lines.count - 1 {
            lines[row] += lines.remove(at: row + 1)
        }
    }

    /// Returns `height` lines to show in a box `width` columns wide, scrolled so the cursor is
    /// visible, with the cursor's position inside the box.
    func visibleWindow(width: Int, height: Int) -> (lines: [String], cursor: CellPosition) {
        guard width > 0, height > 0 else { return ([], CellPosition(row: 0, column: 0)) }
        let top = max(0, row - height + 1)

        var shown: [String] = []
        var cursor = CellPosition(row: row - top, column: 0)
        for index in top..<min(lines.count, top + height) {
            var editor = LineEditor(String(lines[index]))
            if index == row {
                editor.moveCursor(to: column)
                let window = editor.visibleWindow(width: width)
                shown.append(window.text)
                cursor.column = window.cursorColumn
            } else {
                shown.append(TextWidth.prefix(of: String(lines[index]), columns: width))
            }
        }
        return (shown, cursor)
    }
}
