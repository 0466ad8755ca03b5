import CNcursesw
import Foundation

/// An error opening the terminal.
public enum InboxError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case terminalUnavailable(term: String)
    case invalidNotification(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the inbox needs a terminal, but standard input or output is not one; "
                + "run it in an interactive shell, or use the JSON subcommands (such as 'bpmn-inbox tasks') in scripts"
        case .invalidNotification(let value):
            return "invalid --notify value '\(value)'; use one of: "
                + NotificationStyle.allCases.map(\.rawValue).joined(separator: ", ")
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
    private var pasteEnable: String?
    private var pasteDisable: String?
    private var mouseModeDisable: String?
    private var cursor: CellPosition?
    private var quickErrors = 0

    /// Opens the terminal: UTF-8 locale, raw keys (so Ctrl-S and Ctrl-C arrive as keys),
    /// no echo, keypad decoding, a short Esc delay and bracketed paste.
    /// - Throws: `InboxError` when standard input or output is not a terminal, or no
    ///   terminal description can be loaded.
    /// - Parameter mouse: whether to ask the terminal for clicks and wheel turns. Terminal
    ///   text selection then needs Shift held in most terminals.
    init(mouse: Bool = true) throws {
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
        if mouse {
            mousemask(bi_mouse_click_mask(), nil)
            mouseinterval(0)
            enableSGRMouse()
        }
    }

    /// Rings the terminal bell, or sends `sequence` (an OSC desktop notification) as is.
    func notify(bell: Bool, sequence: String?) {
        if bell { beep() }
        if let sequence {
            putp(sequence)
            fflush(stdout)
        }
    }

    deinit {
        close()
    }

    /// Restores the terminal. Safe to call more than once.
    func close() {
        guard let terminal else { return }
        if let mouseModeDisable { putp(mouseModeDisable) }
        if let pasteDisable { putp(pasteDisable) }
        fflush(stdout)
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
                let colors = ColorDepth.mapped(
                    foreground: paletteIndex(style.foreground), background: paletteIndex(style.background), colors: Int(COLORS))
                init_extended_pair(pair, Int32(colors.foreground ?? -1), Int32(colors.background ?? -1))
            }
            styles[role] = (attributes(style.attributes), pair)
        }

        // Blank cells take the `normal` style, so a theme with its own background (dark,
        // high-contrast) paints the whole screen rather than only the cells with text.
        let normal = styles[.normal] ?? (bi_attr_normal(), 0)
        bkgd(chtype(normal.attributes) | chtype(UInt32(bitPattern: COLOR_PAIR(normal.pair))))
    }

    /// Returns the palette index of a theme colour, or nil for the terminal's own colour.
    /// `ColorDepth.mapped` turns indexes beyond the terminal's range into the nearest it has.
    private func paletteIndex(_ color: ThemeColor) -> Int? {
        switch color {
        case .terminalDefault: return nil
        case .palette(let index): return index
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

    // MARK: Suspending

    /// Leaves curses mode and stops the process group with SIGTSTP, as a shell does for
    /// Ctrl-Z, so the shell prompt shows with the terminal restored. Returns once the shell
    /// continues the process (`fg`), after re-entering curses mode at the terminal's size
    /// then, and the caller redraws. Under a shell without job control the kernel discards the
    /// stop of the orphaned process group, and this returns at once.
    func suspendToShell() {
        if let mouseModeDisable { putp(mouseModeDisable) }
        if let pasteDisable { putp(pasteDisable) }
        curs_set(1)
        endwin()
        fflush(stdout)

        // The whole group stops, so a wrapper such as `sh -c` stops too and its shell
        // notices the job stopped.
        let handler = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        signal(SIGTSTP, handler)

        resumeCursesMode()
    }

    /// Restores the program's terminal modes and screen after `endwin`, takes the size the
    /// terminal has now, which may have changed while the process was stopped, and marks the
    /// whole screen for repainting.
    private func resumeCursesMode() {
        refresh()
        keypad(stdscr, true)
        if mouseModeDisable != nil { putp("\u{1B}[?1006h") }
        if let pasteEnable { putp(pasteEnable) }
        fflush(stdout)

        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0,
            Int(window.ws_row) != Int(getmaxy(stdscr)) || Int(window.ws_col) != Int(getmaxx(stdscr))
        {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        updateSize()
        clearok(curscr, true)
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
            if code == 27 { return readEscapeSequence() }
            return Key(characterCode: UInt32(code))
        case KEY_CODE_YES:
            quickErrors = 0
            return functionKey(Int32(code))
        default:
            quickErrors = Date().timeIntervalSince(started) < 0.01 ? quickErrors + 1 : 0
            return nil
        }
    }

    /// Reads what follows an Esc that ncurses did not decode. A lone Esc (nothing follows at
    /// once) is the Esc key; a CSI or SS3 sequence is read whole and decoded, or dropped when
    /// the inbox does not use it (nil); any other key after Esc is put back to be read next.
    private func readEscapeSequence() -> Key? {
        defer { wtimeout(stdscr, Self.keyTimeout) }
        var next: wint_t = 0
        // ncurses returns an undecoded sequence's Esc only after it has read the bytes that
        // follow, so they are waiting now, while after a lone Esc nothing is.
        wtimeout(stdscr, 0)
        let result = get_wch(&next)
        if result == KEY_CODE_YES {
            ungetch(Int32(next))
            return .escape
        }
        guard result == OK, let introducer = Unicode.Scalar(UInt32(next)).map(Character.init) else { return .escape }
        guard introducer == "[" || introducer == "O" else {
            unget_wch(wchar_t(next))
            return .escape
        }

        var body = String(introducer)
        wtimeout(stdscr, Self.escapeDelay)
        while !EscapeSequence.isComplete(body) && body.count < EscapeSequence.maximumLength {
            guard get_wch(&next) == OK, let scalar = Unicode.Scalar(UInt32(next)) else { break }
            body.append(Character(scalar))
        }
        return EscapeSequence.decode(body)
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
        case KEY_MOUSE: return mouseKey()
        case Self.pasteBeginCode: return .pasteBegin
        case Self.pasteEndCode: return .pasteEnd
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// Reads the mouse event behind a `KEY_MOUSE` code: a left press or click, or a wheel turn.
    private func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let position = CellPosition(row: Int(event.y), column: Int(event.x))
        if bi_mouse_is_wheel_up(event.bstate) != 0 { return .wheelUp(position) }
        if bi_mouse_is_wheel_down(event.bstate) != 0 { return .wheelDown(position) }
        if bi_mouse_is_click(event.bstate) != 0 { return .click(position) }
        return nil
    }

    /// Asks the terminal for SGR mouse reports (xterm mode 1006), which carry columns and
    /// rows beyond 223. ncurses decodes them itself when the terminal description lists
    /// them (`xterm-256color`); otherwise `EscapeSequence` does. Terminals without the
    /// mode ignore the request.
    private func enableSGRMouse() {
        mouseModeDisable = "\u{1B}[?1006l"
        putp("\u{1B}[?1006h")
        fflush(stdout)
    }

    /// Asks the terminal to mark pasted text, so a pasted line break does not submit a
    /// form. Uses the terminfo `BE`/`BD`/`PS`/`PE` strings when present, else the xterm
    /// sequences, which terminals without the feature ignore.
    private func enableBracketedPaste() {
        let enable = terminfoString("BE") ?? "\u{1B}[?2004h"
        pasteEnable = enable
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
