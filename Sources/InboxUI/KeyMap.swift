/// An action of a key in the pane view.
enum ListAction: Equatable {
    case nextPane, previousPane
    case moveUp, moveDown, moveTop, moveBottom, pageUp, pageDown
    case open, assign, refresh, filter, clearFilter, help, quit
    case sendMessage, sendSignal, triggerElement, retry, advanceClock
    case mark, markAll, claim, unclaim, cycleSort, nextTab, previousTab, selectTab, commandLine
    case openDiagram, suspend, showMessages
}

extension ListAction {
    /// Whether the action requests a change from the engine, which `--read-only` rejects. The
    /// help then shows such keys dimmed.
    var changesData: Bool {
        switch self {
        case .assign, .claim, .unclaim, .sendMessage, .sendSignal, .triggerElement, .retry, .advanceClock: return true
        default: return false
        }
    }
}

/// An action of a key while a form is open. Keys not listed here edit the focused field.
enum FormAction: Equatable {
    case submit, cancel, nextField, previousField
}

/// One documented key binding.
struct KeyBinding<Action> {
    var keys: [Key]
    var action: Action
    var summary: String

    /// The keys as the help overlay shows them (`j / Down`).
    var keyLabels: String { keys.map(\.label).joined(separator: " / ") }
}

/// The key bindings. The dispatcher and the help overlay both read these tables, so the
/// help always lists exactly the keys that work.
enum KeyMap {
    static let list: [KeyBinding<ListAction>] = [
        KeyBinding(keys: [.tab], action: .nextPane, summary: "next pane"),
        KeyBinding(keys: [.backTab], action: .previousPane, summary: "previous pane"),
        KeyBinding(keys: [.character("j"), .down], action: .moveDown, summary: "move down"),
        KeyBinding(keys: [.character("k"), .up], action: .moveUp, summary: "move up"),
        KeyBinding(keys: [.character("g"), .home], action: .moveTop, summary: "first row"),
        KeyBinding(keys: [.character("G"), .end], action: .moveBottom, summary: "last row"),
        KeyBinding(keys: [.pageUp, .control("b")], action: .pageUp, summary: "page up"),
        KeyBinding(keys: [.pageDown, .control("f")], action: .pageDown, summary: "page down"),
        KeyBinding(
            keys: [.enter], action: .open,
            summary: "open the selection: start, complete, details, link"),
        KeyBinding(keys: [.character("a")], action: .assign, summary: "assign; set due date, follow-up date, priority"),
        KeyBinding(keys: [.character("c")], action: .claim, summary: "claim the selected or marked tasks"),
        KeyBinding(keys: [.character("u")], action: .unclaim, summary: "unclaim: give the selected or marked tasks back"),
        KeyBinding(keys: [.character(" ")], action: .mark, summary: "mark or unmark the task for a bulk action"),
        KeyBinding(keys: [.character("V")], action: .markAll, summary: "mark every task shown, or clear all marks"),
        KeyBinding(keys: [.character("o")], action: .cycleSort, summary: "sort tasks: newest, priority, due date, model"),
        KeyBinding(
            keys: [.character("]"), .character("[")], action: .nextTab,
            summary: "next / previous tab (task views, instance tabs)"),
        KeyBinding(
            keys: (1...5).map { .character(Character("\($0)")) }, action: .selectTab,
            summary: "select tab 1-5 (task view or instance tab)"),
        KeyBinding(keys: [.character(":")], action: .commandLine, summary: "command line with Tab completion (see below)"),
        KeyBinding(keys: [.character("m")], action: .sendMessage, summary: "send a message"),
        KeyBinding(keys: [.character("s")], action: .sendSignal, summary: "broadcast a signal"),
        KeyBinding(
            keys: [.character("e")], action: .triggerElement,
            summary: "trigger an element of the selected instance"),
        KeyBinding(keys: [.character("R")], action: .retry, summary: "retry a failed item of the selected instance"),
        KeyBinding(
            keys: [.character("d")], action: .openDiagram,
            summary: "diagram of the selected model, instance or task (live, with the instance state)"),
        KeyBinding(
            keys: [.character("+")], action: .advanceClock,
            summary: "demo clock: jump to the next timer (or 1 hour)"),
        KeyBinding(keys: [.character("r")], action: .refresh, summary: "refresh all panes"),
        KeyBinding(keys: [.character("M")], action: .showMessages, summary: "recent messages, errors in full"),
        KeyBinding(
            keys: [.character("/")], action: .filter,
            summary: "filter the pane as you type (Enter keeps it)"),
        KeyBinding(keys: [.escape], action: .clearFilter, summary: "clear the filter (then the marks)"),
        KeyBinding(keys: [.character("?"), .function(1)], action: .help, summary: "show this help"),
        KeyBinding(keys: [.character("q"), .control("c")], action: .quit, summary: "quit (Ctrl-C first closes an open form, command line or view)"),
        KeyBinding(keys: [.control("z")], action: .suspend, summary: "suspend to the shell, also in a form ('fg' resumes)"),
    ]

    static let form: [KeyBinding<FormAction>] = [
        KeyBinding(keys: [.control("s")], action: .submit, summary: "submit the form from any field"),
        KeyBinding(keys: [.escape, .control("c")], action: .cancel, summary: "cancel the form (the inbox stays open)"),
        KeyBinding(keys: [.tab, .down], action: .nextField, summary: "next field"),
        KeyBinding(keys: [.backTab, .up], action: .previousField, summary: "previous field"),
    ]

    /// Field editing keys, handled by the field editor; listed for the help overlay.
    static let fieldEditing: [(keys: String, summary: String)] = [
        ("Enter", "next field; submits on the last field (a new line in JSON)"),
        ("Space", "toggle a yes/no field, next choice of a choice field"),
        ("Left / Right", "move the cursor; previous / next choice of a choice field"),
        ("Home / End, Ctrl-A / Ctrl-E", "start / end of the field"),
        ("Backspace / Delete, Ctrl-D", "delete before / at the cursor"),
        ("Ctrl-U", "clear the field"),
        ("Ctrl-N", "complete a user name (assignee, candidate users)"),
    ]

    /// Keys while typing a `:` command, handled by the controller; listed for the help.
    static let commandEditing: [(keys: String, summary: String)] = [
        ("Tab / Shift-Tab", "complete the command or its argument; again for the next match"),
        ("Enter", "run the command"),
        ("Esc", "close the command line"),
        ("Up / Down (command)", "earlier commands"),
    ]

    /// Keys while typing a `/` filter, handled by the controller; listed for the help.
    static let filterEditing: [(keys: String, summary: String)] = [
        ("any text", "narrows the pane to rows containing it (any column, any case)"),
        ("Enter", "keep the filter and return to the list"),
        ("Esc", "clear the filter"),
        ("Backspace / Ctrl-U", "delete a character / the whole filter"),
        ("Up / Down", "move the selection while typing"),
    ]

    static func listAction(for key: Key) -> ListAction? {
        if key == .character("[") { return .previousTab }
        return list.first { $0.keys.contains(key) }?.action
    }

    static func formAction(for key: Key) -> FormAction? {
        form.first { $0.keys.contains(key) }?.action
    }
}
