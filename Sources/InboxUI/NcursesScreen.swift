import CNcursesw
import Foundation

/// An error opening the terminal.
public enum InboxError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case terminalUnavailable(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the inbox needs a terminal, but standard input or output is not one; "
                + "run it in an interactive shell, or use the JSON subcommands (such as 'bpmn-inbox tasks') in scripts"
        case .terminalUnavailable(let term):
            return "cannot open the terminal '\(term)' nor the fallback 'xterm-256color'; "
                + "set TERM to a type listed by 'toe -a' (for example TERM=xterm-256color)"
        }
    }
}

/// The real terminal, drawn and read through ncursesw. All calls must come from one
/// thread.
final class NcursesScreen: Screen {
    /// Key codes bound to the bracketed-paste start and end sequences.
    static let pasteBeginCode = KEY_MAX + 1
    static let pasteEndCode = KEY_MAX + 2

    /// Milliseconds `readKey` waits before returning nil, so the loop can tick.
    static let keyTimeout: Int32 = 250
    /// Milliseconds to tell a bare Esc from the start of an escape sequence.
    static let escapeDelay: Int32 = 50

    private var terminal: OpaquePointer?
    private(set) var size: ScreenSize
    /// The `TERM` value that was unknown, when the fallback terminal type is in use.
    private(set) var unknownTerminalType: String?
    let hasColors: Bool
    private var styles: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private var pasteDisable: String?
    private var cursor: CellPosition?
    private var quickErrors = 0

    /// Opens the terminal: UTF-8 locale, raw keys (so Ctrl-S and Ctrl-C arrive as keys),
    /// no echo, keypad decoding, a short Esc delay and bracketed paste.
    /// - Throws: `InboxError` when standard input or output is not a terminal, or no
    ///   terminal description can be loaded.
    init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw InboxError.notATerminal }

        TextWidth.prepareLocale()
        // Exported LINES/COLUMNS would pin the size and hide resizes.
        unsetenv("LINES")
        unsetenv("COLUMNS")

        terminal = newterm(nil, stdout, stdin)
        if terminal == nil {
            unknownTerminalType = ProcessInfo.processInfo.environment["TERM"] ?? ""
            terminal = newterm("xterm-256color", stdout, stdin)
        }
        guard terminal != nil else {
            throw InboxError.terminalUnavailable(term: unknownTerminalType ?? "")
        }

        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        set_escdelay(Self.escapeDelay)
        wtimeout(stdscr, Self.keyTimeout)
        curs_set(0)

        hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        size = ScreenSize(rows: Int(getmaxy(stdscr)), columns: Int(getmaxx(stdscr)))
        enableBracketedPaste()
    }

    deinit {
        close()
    }

    /// Restores the terminal. Safe to call more than once.
    func close() {
        guard let terminal else { return }
        if let pasteDisable {
            putp(pasteDisable)
            fflush(stdout)
        }
        curs_set(1)
        endwin()
        delscreen(terminal)
        self.terminal = nil
    }

    /// Turns the theme's styles into colour pairs and attributes. On a terminal without
    /// colours only the attributes apply.
    func apply(_ theme: Theme) {
        styles = [:]
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = theme.style(role)
            var pair: Int32 = 0
            if hasColors && (style.foreground != .terminalDefault || style.background != .terminalDefault) {
                pair = Int32(index + 1)
                init_extended_pair(pair, colorNumber(style.foreground), colorNumber(style.background))
            }
            styles[role] = (attributes(style.attributes), pair)
        }
    }

    /// Returns the ncurses colour number. A colour beyond the terminal's range becomes
    /// the terminal's default colour.
    /// NOTE: a 256-colour theme on an 8-colour terminal loses those colours (attributes stay).
    private func colorNumber(_ color: ThemeColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .palette(let index):
            return index < Int(COLORS) ? Int32(index) : -1
        }
    }

    private func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = bi_attr_normal()
        if attributes.contains(.bold) { result |= bi_attr_bold() }
        if attributes.contains(.reverse) { result |= bi_attr_reverse() }
        if attributes.contains(.underline) { result |= bi_attr_underline() }
        if attributes.contains(.dim) { result |= bi_attr_dim() }
        return result
    }

    // MARK: Screen

    func clear() {
        erase()
        cursor = nil
    }

    func write(_ text: String, at position: CellPosition, role: StyleRole) {
        guard (0..<size.rows).contains(position.row), (0..<size.columns).contains(position.column) else { return }
        let visible = TextWidth.prefix(of: TextWidth.sanitized(text), columns: size.columns - position.column)
        let style = styles[role] ?? (bi_attr_normal(), 0)
        bi_attr_set(style.attributes, style.pair)
        mvaddstr(Int32(position.row), Int32(position.column), visible)
        bi_attr_set(bi_attr_normal(), 0)
    }

    func setCursor(_ position: CellPosition?) {
        cursor = position
    }

    func present() {
        if let cursor {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// Re-reads the size after a resize.
    func updateSize() {
        size = ScreenSize(rows: Int(getmaxy(stdscr)), columns: Int(getmaxx(stdscr)))
    }

    // MARK: Input

    /// Waits up to `keyTimeout` milliseconds for a key.
    /// - Returns: the key, or nil when none arrived (or the read was interrupted).
    func readKey() -> Key? {
        var code: wint_t = 0
        let started = Date()
        let result = get_wch(&code)

        switch result {
        case OK:
            quickErrors = 0
            return Key(characterCode: UInt32(code))
        case KEY_CODE_YES:
            quickErrors = 0
            return functionKey(Int32(code))
        default:
            quickErrors = Date().timeIntervalSince(started) < 0.01 ? quickErrors + 1 : 0
            return nil
        }
    }

    /// True when reads keep failing at once instead of waiting, which means the terminal
    /// is gone (a dropped SSH connection) and the loop should stop instead of spinning.
    var isInputLost: Bool { quickErrors >= 100 }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case Self.pasteBeginCode: return .pasteBegin
        case Self.pasteEndCode: return .pasteEnd
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// Asks the terminal to mark pasted text, so a pasted line break does not submit a
    /// form. Uses the terminfo `BE`/`BD`/`PS`/`PE` strings when present, else the xterm
    /// sequences, which terminals without the feature ignore.
    private func enableBracketedPaste() {
        let enable = terminfoString("BE") ?? "\u{1B}[?2004h"
        pasteDisable = terminfoString("BD") ?? "\u{1B}[?2004l"
        define_key(terminfoString("PS") ?? "\u{1B}[200~", Self.pasteBeginCode)
        define_key(terminfoString("PE") ?? "\u{1B}[201~", Self.pasteEndCode)
        putp(enable)
        fflush(stdout)
    }

    private func terminfoString(_ name: String) -> String? {
        guard let value = tigetstr(name) else { return nil }
        // tigetstr returns (char *)-1 for a name that is not a string capability.
        if Int(bitPattern: value) == -1 { return nil }
        return String(cString: value)
    }
}
