/// The last screen row: the user, the database file and the keys that work right now.
enum StatusBar {
    /// A key hint; hints with a lower `rank` are kept first when the bar is too narrow.
    struct Hint: Equatable {
        var key: String
        var label: String
        var rank: Int
    }

    /// Key hints for the current state, in display order.
    static func hints(_ state: InboxState) -> [Hint] {
        if state.dialog != nil {
            return [Hint(key: "Esc", label: "close", rank: 0)]
        }
        if state.form != nil {
            return [
                Hint(key: "Ctrl-S", label: "submit", rank: 0), Hint(key: "Esc", label: "cancel", rank: 1),
                Hint(key: "Tab", label: "next field", rank: 2), Hint(key: "Space", label: "toggle", rank: 3),
                Hint(key: "Ctrl-U", label: "clear field", rank: 4),
            ]
        }
        if state.isShowingHelp {
            return [Hint(key: "Esc", label: "close", rank: 0), Hint(key: "j/k", label: "scroll", rank: 1)]
        }
        if state.commandLine != nil {
            return [
                Hint(key: "Tab", label: "complete", rank: 0), Hint(key: "Enter", label: "run", rank: 1),
                Hint(key: "Esc", label: "close", rank: 2),
            ]
        }
        if state.isEditingFilter {
            return [
                Hint(key: "Enter", label: "keep filter", rank: 0), Hint(key: "Esc", label: "clear filter", rank: 1),
                Hint(key: "Up/Down", label: "move", rank: 2),
            ]
        }

        let source = state.focus == .detail ? state.detailSource : state.focus
        var hints = [Hint(key: "?", label: "help", rank: 1), Hint(key: "Tab", label: "pane", rank: 4)]
        if let target = cursorTarget(state) {
            if !state.isReadOnly || !target.changesData {
                hints.append(Hint(key: "Enter", label: label(of: target), rank: 2))
            }
            return hints + trailingHints(state)
        }
        if state.isReadOnly {
            // Keys that change data are rejected, so only the ones that look around are offered.
            if source == .tasks { hints.append(Hint(key: "[ ]", label: "view", rank: 4)) }
            if source == .instances { hints.append(Hint(key: "Enter", label: "details", rank: 2)) }
            return hints + trailingHints(state)
        }
        switch source {
        case .models: hints.append(Hint(key: "Enter", label: "start", rank: 2))
        case .tasks:
            hints += [
                Hint(key: "Enter", label: "complete", rank: 2), Hint(key: "c", label: "claim", rank: 3),
                Hint(key: "a", label: "assign", rank: 5), Hint(key: "Space", label: "mark", rank: 6),
                Hint(key: "[ ]", label: "view", rank: 4), Hint(key: "o", label: state.taskSort.title, rank: 7),
            ]
        case .instances:
            hints += [Hint(key: "Enter", label: "details", rank: 2), Hint(key: "e", label: "trigger", rank: 5)]
            if state.detailInstance?.failedItems.isEmpty == false {
                hints.append(Hint(key: "R", label: "retry", rank: 2))
            }
        case .detail: break
        }
        return hints + trailingHints(state)
    }

    private static func trailingHints(_ state: InboxState) -> [Hint] {
        var hints: [Hint] = []
        if state.clockOffset != 0 && !state.isReadOnly {
            hints.append(Hint(key: "+", label: "clock", rank: 7))
        }
        hints += [
            Hint(key: "/", label: "filter", rank: 5), Hint(key: ":", label: "cmd", rank: 6),
            Hint(key: "r", label: "refresh", rank: 8), Hint(key: "q", label: "quit", rank: 0),
        ]
        return hints
    }

    /// Returns the target of the detail line under the cursor while the detail pane has focus.
    private static func cursorTarget(_ state: InboxState) -> DetailTarget? {
        guard state.focus == .detail, let rect = state.layout.panes[.detail] else { return nil }
        return DetailLines.page(state.detail, width: rect.width).targets[state.detailCursor]
    }

    static func label(of target: DetailTarget) -> String {
        switch target {
        case .instance: return "go to instance"
        case .failedItem: return "retry"
        case .jsonNode: return "fold/unfold"
        case .jsonValue: return "whole value"
        case .waitingItem(let item):
            if item.messageId != nil { return "send message" }
            if item.signalId != nil { return "send signal" }
            return "trigger"
        }
    }

    static func draw(_ state: InboxState, on screen: Screen) {
        let row = state.layout.statusRow
        let width = state.layout.size.columns
        screen.fill(CellPosition(row: row, column: 0), width: width, role: .statusBar)

        let user = " " + TextWidth.truncated(TextWidth.sanitized(state.userName), to: max(4, width / 8)) + " "
        let path = " " + TextWidth.truncatedFromStart(TextWidth.sanitized(state.databasePath), to: max(12, width / 5)) + " "
        var spans = [Span(user, .hintKey)]
        if state.isReadOnly {
            spans += [Span(" ", .statusBar), Span(" READ-ONLY ", .error)]
        }
        if state.newTaskCount > 0 {
            spans += [Span(" ", .statusBar), Span(" +\(state.newTaskCount) new ", .tabActive)]
        }
        if let filter = state.dataFilter {
            let name = TextWidth.truncated(filter.name ?? filter.text, to: max(8, width / 6))
            spans += [Span(" ", .statusBar), Span(" filter \(name) ", .tab)]
        }
        if !state.marked.isEmpty {
            spans += [Span(" ", .statusBar), Span(" \(state.marked.count) marked ", .marked)]
        }
        if let clock = clockText(state) {
            spans += [Span(" ", .statusBar), Span(clock, .hintKey)]
        }
        spans += [Span(path, .statusBar), Span("│", .statusBar)]

        let room = width - spans.reduce(0) { $0 + TextWidth.width(of: $1.text) }
        for hint in fittingHints(hints(state), width: room) {
            spans += [Span(" ", .statusBar), Span(hint.key, .hintKey), Span(" " + hint.label, .statusBar)]
        }
        screen.draw(StyledLine(spans), at: CellPosition(row: row, column: 0), width: width)
    }

    /// Returns the demo clock's offset (` clock +1h05m `), or nil while the clock shows the
    /// system time.
    static func clockText(_ state: InboxState) -> String? {
        guard state.clockOffset != 0 else { return nil }
        return " clock \(DisplayFormat.offset(state.clockOffset)) "
    }

    /// Chooses the hints that fit in `width` columns by rank and returns them in display order.
    static func fittingHints(_ hints: [Hint], width: Int) -> [Hint] {
        var used = 0
        var chosen: [Hint] = []
        for hint in hints.sorted(by: { $0.rank < $1.rank }) {
            let hintWidth = TextWidth.width(of: " \(hint.key) \(hint.label)")
            guard used + hintWidth <= width else { continue }
            used += hintWidth
            chosen.append(hint)
        }
        return hints.filter { chosen.contains($0) }
    }
}
