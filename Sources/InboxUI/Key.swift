/// One key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, any Unicode text).
    case character(Character)
    /// Ctrl plus a letter, stored lower case (`control("s")` is Ctrl-S).
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// The terminal changed size.
    case resize
    /// Start and end of a bracketed paste: keys in between are pasted text.
    case pasteBegin, pasteEnd
    /// A left click, and the mouse wheel turned up or down, at a screen cell.
    case click(CellPosition)
    case wheelUp(CellPosition)
    case wheelDown(CellPosition)

    /// Decodes a character code from `get_wch` that was not a function key.
    public init(characterCode code: UInt32) {
        switch code {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 1...26: self = .control(Character(Unicode.Scalar(code + 96)!))
        default:
            if let scalar = Unicode.Scalar(code) {
                self = .character(Character(scalar))
            } else {
                self = .character(Character(TextWidth.replacement))
            }
        }
    }

    /// The key's name in help and hints (`Ctrl-S`, `Shift-Tab`, `PgUp`).
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + letter.uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        case .pasteBegin: return "paste start"
        case .pasteEnd: return "paste end"
        case .click: return "click"
        case .wheelUp: return "wheel up"
        case .wheelDown: return "wheel down"
        }
    }
}
