/// A single-line text buffer with a cursor, edited with the usual terminal keys.
struct LineEditor: Equatable {
    private(set) var characters: [Character]
    /// The cursor as an index into `characters` (0 = before the first character).
    private(set) var cursor: Int

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    /// Applies an editing key.
    /// - Returns: whether the key was an editing key (and was used).
    @discardableResult
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            insert(character)
        case .left:
            cursor = max(0, cursor - 1)
        case .right:
            cursor = min(characters.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeAll()
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// Inserts one character at the cursor; control characters are dropped.
    mutating func insert(_ character: Character) {
        guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    /// Moves the cursor to an index into the characters, clamped to the text.
    mutating func moveCursor(to index: Int) {
        cursor = max(0, min(index, characters.count))
    }

    /// Replaces the whole text and puts the cursor at its end.
    mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Returns the part of the text to show in a field `width` columns wide, scrolled so
    /// the cursor stays visible, and the cursor's column inside that part.
    func visibleWindow(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }

        // Start far enough right that the text before the cursor, plus one cell for the
        // cursor itself, fits.
        var start = 0
        var widthBeforeCursor = characters[0..<cursor].reduce(0) { $0 + TextWidth.width(of: $1) }
        while widthBeforeCursor > width - 1 && start < cursor {
            widthBeforeCursor -= TextWidth.width(of: characters[start])
            start += 1
        }

        let visible = TextWidth.prefix(of: String(characters[start...]), columns: width)
        return (visible, widthBeforeCursor)
    }
}
