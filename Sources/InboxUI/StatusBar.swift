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
        if state.isEditingFilter {
            return [
                Hint(key: "Enter", label: "keep filter", rank: 0), Hint(key: "Esc", label: "clear filter", rank: 1),
                Hint(key: "Up/Down", label: "move", rank: 2),
            ]
        }

        let source = state.focus == .detail ? state.detailSource : state.focus
        var hints = [Hint(key: "?", label: "help", rank: 1), Hint(key: "Tab", label: "pane", rank: 4)]
        switch source {
        case .models: hints.append(Hint(key: "Enter", label: "start", rank: 2))
        case .tasks: hints += [Hint(key: "Enter", label: "complete", rank: 2), Hint(key: "a", label: "assign", rank: 3)]
        case .instances: hints.append(Hint(key: "Enter", label: "details", rank: 2))
        case .detail: break
        }
        hints += [
            Hint(key: "/", label: "filter", rank: 5), Hint(key: "r", label: "refresh", rank: 6),
            Hint(key: "q", label: "quit", rank: 0),
        ]
        return hints
    }

    static func draw(_ state: InboxState, on screen: Screen) {
        let row = state.layout.statusRow
        let width = state.layout.size.columns
        screen.fill(CellPosition(row: row, column: 0), width: width, role: .statusBar)

        let user = " " + TextWidth.truncated(TextWidth.sanitized(state.userName), to: max(4, width / 8)) + " "
        let path = " " + TextWidth.truncatedFromStart(TextWidth.sanitized(state.databasePath), to: max(12, width / 5)) + " "
        var spans = [Span(user, .hintKey), Span(path, .statusBar), Span("│", .statusBar)]

        let room = width - TextWidth.width(of: user + path) - 1
        for hint in fittingHints(hints(state), width: room) {
            spans += [Span(" ", .statusBar), Span(hint.key, .hintKey), Span(" " + hint.label, .statusBar)]
        }
        screen.draw(StyledLine(spans), at: CellPosition(row: row, column: 0), width: width)
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
