/// How the inbox announces new tasks for the user, besides the count in the status bar.
public enum NotificationStyle: String, CaseIterable, Sendable {
    /// The terminal bell (BEL), which many terminals turn into a sound or an urgent window.
    case bell
    /// OSC 9, a desktop notification in iTerm2, Windows Terminal, kitty, WezTerm and foot.
    case osc9
    /// OSC 777 `notify`, a desktop notification in VTE terminals (GNOME Terminal, Tilix) and
    /// urxvt with its notify extension.
    case osc777

    /// Returns the escape sequence that shows `text`, or nil for the bell. Control characters
    /// and semicolons are removed from the text so it cannot end the sequence early. Inside
    /// tmux (`$TMUX` set) the sequence is wrapped in a DCS passthrough.
    func sequence(for text: String, insideTmux: Bool = false) -> String? {
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != ";" }.map(Character.init))
        let sequence: String
        switch self {
        case .bell: return nil
        case .osc9: sequence = "\u{1B}]9;\(clean)\u{07}"
        case .osc777: sequence = "\u{1B}]777;notify;bpmn-inbox;\(clean)\u{07}"
        }
        guard insideTmux else { return sequence }
        return "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }

    /// Parses the value of `--notify`.
    /// - Throws: `InboxError.invalidNotification` naming the value and the accepted ones.
    public init(option value: String) throws {
        guard let style = NotificationStyle(rawValue: value.lowercased()) else {
            throw InboxError.invalidNotification(value)
        }
        self = style
    }
}
