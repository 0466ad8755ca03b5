import WorkflowEngine

/// The task view tabs on the Tasks pane's title row: "Mine 2  My groups 1  All 7 …", with
/// short titles or letters, or only the current tab, when the pane is narrow.
enum TaskTabStrip {
    /// How much of each view's title a tab shows.
    enum TitleLength: CaseIterable {
        /// "My groups 1"
        case full
        /// "Grp 1"
        case short
        /// "G 1", which keeps all five tabs with counts of up to three digits in the 44
        /// columns the Tasks pane has at 80 columns.
        case letter
    }

    /// One tab's text and its first column, relative to the strip's start.
    struct Segment: Equatable {
        var view: TaskView
        var text: String
        var column: Int
    }

    /// Returns the tab segments that fit in `width` columns: full titles, else short titles,
    /// else letters, else the current tab alone with its position ("Mine 2 (1/5)"), and
    /// without the position when that does not fit either.
    static func segments(_ state: InboxState, width: Int) -> [Segment] {
        for length in TitleLength.allCases {
            let segments = layout(TaskView.tabs, state: state, length: length)
            if let last = segments.last, last.column + TextWidth.width(of: last.text) <= width {
                return segments
            }
        }

        let index = (TaskView.tabs.firstIndex(of: state.taskView) ?? 0) + 1
        let current = label(state.taskView, state: state, length: .short)
        let withPosition = current + " (\(index)/\(TaskView.tabs.count))"
        let text = TextWidth.width(of: withPosition) <= width ? withPosition : current
        return [Segment(view: state.taskView, text: TextWidth.truncated(text, to: max(1, width)), column: 0)]
    }

    private static func layout(_ views: [TaskView], state: InboxState, length: TitleLength) -> [Segment] {
        var column = 0
        var segments: [Segment] = []
        for view in views {
            let text = label(view, state: state, length: length)
            segments.append(Segment(view: view, text: text, column: column))
            column += TextWidth.width(of: text) + 1
        }
        return segments
    }

    /// "Mine 2", or "Mine" before the counts are known.
    static func label(_ view: TaskView, state: InboxState, length: TitleLength) -> String {
        let title: String
        switch length {
        case .full: title = view.title
        case .short: title = view.shortTitle
        case .letter: title = String(view.shortTitle.prefix(1))
        }
        guard let count = state.taskCounts[view] else { return title }
        return "\(title) \(count)"
    }

    /// Returns the columns of the pane title before the strip (" Tasks (3)", with the filter
    /// count and text) plus one space.
    static func titleWidth(_ state: InboxState) -> Int {
        TextWidth.width(of: InboxRenderer.listTitle(.tasks, state: state)) + 1
    }

    /// Returns the view whose tab is at `column` of the Tasks pane's title row, or nil.
    static func view(atColumn column: Int, state: InboxState, width: Int) -> TaskView? {
        let start = titleWidth(state)
        for segment in segments(state, width: width - start) {
            let first = start + segment.column
            if column >= first && column < first + TextWidth.width(of: segment.text) { return segment.view }
        }
        return nil
    }
}
