import Foundation

/// The `:` command line: the text being typed, and the completions Tab cycles through.
struct CommandLineState: Equatable {
    var editor = LineEditor()
    /// Completions of the word before the cursor, from the last Tab.
    var completions: [String] = []
    /// The completion Tab inserted last, as an index into `completions`.
    var completionIndex: Int?
    /// The text before the first Tab of a completion cycle, so Tab can replace its guess.
    var textBeforeCompletion: String?
    /// Earlier commands, newest last, for Up and Down.
    var history: [String] = []
    var historyIndex: Int?
    /// True between the start and end of a bracketed paste, when Enter must not run the line.
    var isPasting = false
}

/// One command of the command line, with the kinds of its arguments for completion.
struct InboxCommandSpec: Equatable {
    enum Argument: Equatable {
        case none, model, message, signal, theme, user, taskTab, taskSort, savedFilter, filterQuery, freeText
        case instanceTab, optionalText
        /// An element id of the selected instance that `:trigger` can trigger; optional.
        case element
    }

    var name: String
    var argument: Argument
    var usage: String
    var summary: String
}

/// The commands of the `:` command line. The help overlay lists this table.
enum InboxCommands {
    static let all: [InboxCommandSpec] = [
        InboxCommandSpec(name: "start", argument: .model, usage: ":start MODEL", summary: "open the start form of a model"),
        InboxCommandSpec(name: "message", argument: .message, usage: ":message NAME", summary: "open the message form for NAME"),
        InboxCommandSpec(name: "signal", argument: .signal, usage: ":signal NAME", summary: "open the signal form for NAME"),
        InboxCommandSpec(name: "claim", argument: .none, usage: ":claim", summary: "claim the selected or marked tasks"),
        InboxCommandSpec(name: "unclaim", argument: .none, usage: ":unclaim", summary: "give the selected or marked tasks back"),
        InboxCommandSpec(name: "assign", argument: .user, usage: ":assign USER", summary: "assign the selected or marked tasks to USER"),
        InboxCommandSpec(name: "complete", argument: .none, usage: ":complete", summary: "open the task form (for every marked task)"),
        InboxCommandSpec(name: "trigger", argument: .element, usage: ":trigger [ELEMENT]", summary: "trigger an element of the selected instance"),
        InboxCommandSpec(name: "retry", argument: .none, usage: ":retry", summary: "retry a failed item of the selected instance"),
        InboxCommandSpec(name: "clock", argument: .optionalText, usage: ":clock [DURATION]", summary: "demo clock: move by an ISO 8601 duration (PT1H), or jump to the next timer"),
        InboxCommandSpec(name: "tab", argument: .instanceTab, usage: ":tab overview, data, items, history or waiting", summary: "show a tab of the instance detail"),
        InboxCommandSpec(name: "view", argument: .taskTab, usage: ":view mine, groups, all, overdue or completed", summary: "show a task view"),
        InboxCommandSpec(name: "sort", argument: .taskSort, usage: ":sort newest, priority, due or model", summary: "order the task list"),
        InboxCommandSpec(name: "filter", argument: .filterQuery, usage: ":filter {QUERY}, NAME or off", summary: "filter tasks by a query on their data, or by a saved filter"),
        InboxCommandSpec(name: "save-filter", argument: .freeText, usage: ":save-filter NAME", summary: "save the current data filter under NAME"),
        InboxCommandSpec(name: "delete-filter", argument: .savedFilter, usage: ":delete-filter NAME", summary: "delete a saved filter"),
        InboxCommandSpec(name: "theme", argument: .theme, usage: ":theme NAME or PATH", summary: "switch the colour theme"),
        InboxCommandSpec(name: "mark-all", argument: .none, usage: ":mark-all", summary: "mark every task the list shows"),
        InboxCommandSpec(name: "unmark", argument: .none, usage: ":unmark", summary: "clear all marks"),
        InboxCommandSpec(name: "refresh", argument: .none, usage: ":refresh", summary: "reload every pane"),
        InboxCommandSpec(name: "messages", argument: .none, usage: ":messages", summary: "show the recent messages in full"),
        InboxCommandSpec(name: "help", argument: .none, usage: ":help", summary: "show the keys"),
        InboxCommandSpec(name: "quit", argument: .none, usage: ":quit", summary: "leave the inbox"),
    ]

    static func spec(named name: String) -> InboxCommandSpec? {
        all.first { $0.name == name }
    }
}

/// Splits and completes command lines.
enum CommandLineParsing {
    /// Splits a command line into its command word and the rest, trimmed.
    static func split(_ line: String) -> (command: String, argument: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return (trimmed, "") }
        return (String(trimmed[..<space]), String(trimmed[space...]).trimmingCharacters(in: .whitespaces))
    }

    /// Returns the completions of `line`: command names while the first word is typed, then
    /// the candidates of the command's argument that start with the typed text (ignoring
    /// case and accents). Each completion is the whole new line.
    static func completions(of line: String, candidates: (InboxCommandSpec.Argument) -> [String]) -> [String] {
        guard let space = line.firstIndex(of: " ") else {
            return InboxCommands.all.map(\.name).filter { $0.hasPrefix(line.lowercased()) }.map { $0 + " " }
        }
        let command = String(line[..<space])
        let typed = String(line[line.index(after: space)...])
        guard let spec = InboxCommands.spec(named: command) else { return [] }
        let folded = PaneRow.folded(typed)
        return candidates(spec.argument)
            .filter { PaneRow.folded($0).hasPrefix(folded) }
            .map { "\(command) \($0)" }
    }
}
