/// Mouse input: a click selects the row under it and focuses its pane, the wheel scrolls the
/// pane under the pointer. Clicks inside forms, dialogs and the help are ignored.
extension InboxController {
    func handleClick(at position: CellPosition) {
        guard let (pane, rect) = pane(at: position) else { return }
        state.focus = pane
        let line = position.row - rect.row - 1

        if pane == .detail {
            guard line >= 0 else { return }
            state.detailCursor = state.detailScroll + line
            keepDetailCursorVisible()
            return
        }
        state.detailSource = pane
        if line >= 0 {
            state.updatePane(pane) { list, height in
                let index = list.scrollOffset + line
                guard list.rows.indices.contains(index) else { return }
                list.move(by: index - list.selectedIndex, visibleHeight: height)
            }
        } else if pane == .tasks, let view = TaskTabStrip.view(atColumn: position.column - rect.column, state: state, width: rect.width) {
            selectTaskView(view)
            return
        }
        loadDetail()
    }

    /// Scrolls the pane under the pointer by three rows, moving its selection with it.
    func handleWheel(at position: CellPosition, down: Bool) {
        guard let (pane, _) = pane(at: position) else { return }
        let step = down ? 3 : -3
        if pane == .detail {
            let height = state.layout.contentHeight(.detail)
            let lastStart = max(0, detailPage().lines.count - height)
            state.detailScroll = max(0, min(state.detailScroll + step, lastStart))
            state.detailCursor = max(state.detailScroll, min(state.detailCursor, state.detailScroll + height - 1))
            return
        }
        state.updatePane(pane) { list, height in list.move(by: step, visibleHeight: height) }
        if state.focus == pane || state.detailSource == pane {
            loadDetail()
        }
    }

    private func pane(at position: CellPosition) -> (PaneKind, Rect)? {
        for (kind, rect) in state.layout.panes
        where (rect.row..<rect.bottom).contains(position.row) && (rect.column..<rect.right).contains(position.column) {
            return (kind, rect)
        }
        return nil
    }
}
