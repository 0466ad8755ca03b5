/// Decodes the CSI (`ESC [`) and SS3 (`ESC O`) sequences that ncurses passes through
/// undecoded because the terminal description does not list them, so that their bytes
/// never arrive as separate keys that run commands.
///
/// ECMA-48 defines a CSI sequence as parameter bytes (0x30-0x3F), intermediate bytes
/// (0x20-0x2F) and one final byte (0x40-0x7E); an SS3 sequence is one character.
enum EscapeSequence {
    /// The maximum sequence length read. A longer sequence is dropped as garbage.
    static let maximumLength = 32

    /// Returns whether `body` (the characters after ESC, starting with `[` or `O`) is a whole
    /// sequence, so reading stops.
    static func isComplete(_ body: String) -> Bool {
        guard let introducer = body.first, body.count >= 2, let last = body.unicodeScalars.last else { return false }
        if introducer == "O" { return true }
        if body.count == 2 && last == "<" { return false }
        return (0x40...0x7E).contains(last.value)
    }

    /// Returns the key a sequence encodes, or nil for a sequence the inbox does not use
    /// (which the caller drops). Modifiers of arrow and editing keys are ignored, so
    /// Ctrl-Up moves like Up. SGR mouse reports (`ESC [ < b ; x ; y M`, xterm mode 1006)
    /// become clicks and wheel turns; releases and motion are dropped.
    /// - Parameter body: the characters after ESC, starting with `[` or `O`.
    static func decode(_ body: String) -> Key? {
        guard isComplete(body), let introducer = body.first, let final = body.last else { return nil }
        if introducer == "O" { return ss3Key(final) }
        guard introducer == "[" else { return nil }

        let parameters = String(body.dropFirst().dropLast())
        if parameters.hasPrefix("<") { return sgrMouseKey(parameters: String(parameters.dropFirst()), final: final) }
        guard parameters.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") }) else { return nil }

        if final == "~" {
            let first = parameters.split(separator: ";").first.flatMap { Int($0) }
            return first.flatMap(tildeKey)
        }
        return letterKey(final)
    }

    private static func ss3Key(_ final: Character) -> Key? {
        switch final {
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "M": return .enter
        default: return letterKey(final)
        }
    }

    private static func letterKey(_ final: Character) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        default: return nil
        }
    }

    /// Keys of the form `ESC [ n ~`, as xterm and the VT220 send them.
    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home
        case 2: return nil
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23, 24: return .function(number - 12)
        case 200: return .pasteBegin
        case 201: return .pasteEnd
        default: return nil
        }
    }

    /// Decodes the parameters `b;x;y` of an SGR mouse report. Columns and rows count from 1
    /// in the report and from 0 on screen.
    private static func sgrMouseKey(parameters: String, final: Character) -> Key? {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3, final == "M", numbers[1] >= 1, numbers[2] >= 1 else { return nil }
        let (button, column, row) = (numbers[0], numbers[1] - 1, numbers[2] - 1)
        let position = CellPosition(row: row, column: column)

        // Bit 5 (32) marks motion, bits 2 to 4 are Shift, Meta and Ctrl, and bit 6 (64) marks the wheel.
        if button & 32 != 0 { return nil }
        if button & 64 != 0 {
            switch button & 3 {
            case 0: return .wheelUp(position)
            case 1: return .wheelDown(position)
            default: return nil
            }
        }
        return button & 3 == 0 ? .click(position) : nil
    }
}
