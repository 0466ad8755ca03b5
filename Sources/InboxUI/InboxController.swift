import BPMNModel
import Foundation
import WorkflowEngine

/// Turns keys into changes of `InboxState` and engine calls. It never draws; the
/// renderer draws whatever state it leaves.
///
/// All engine errors are caught and shown in the message line or the open form, so no
/// key can end the inbox except quit.
final class InboxController {
    let engine: WorkflowEngine
    let user: UserContext
    var state: InboxState

    /// Seconds between automatic refreshes while no form is open, so work done by other
    /// processes on the same database shows up.
    var autoRefreshInterval: TimeInterval = 5
    var lastRefresh = Date.distantPast
    /// Parsed models by "name@version"; a stored version never changes.
    var definitionsCache: [String: Definitions] = [:]

    init(engine: WorkflowEngine, user: UserContext, databasePath: String, size: ScreenSize) {
        self.engine = engine
        self.user = user
        self.state = InboxState(userName: user.name, databasePath: databasePath, size: size)
    }

    /// Opens a dialog with one paragraph per entry of `paragraphs`.
    func showDialog(title: String, paragraphs: [String]) {
        state.dialog = Dialog(title: title, paragraphs: paragraphs)
    }

    /// Shows `text` in the message line.
    func show(_ text: String, kind: StatusMessage.Kind = .info) {
        state.message = StatusMessage(text: text, kind: kind)
    }

    // MARK: Keys

    /// Applies one key. Ctrl-C quits from anywhere, even from an open form.
    /// - Returns: false when the key is a quit key.
    @discardableResult
    func handle(_ key: Key) -> Bool {
        if key == .resize { return true }
        if key == .control("c") { return false }

        if state.layout.isTooSmall {
            return key != .character("q")
        }
        if state.dialog != nil {
            if [.escape, .enter, .character("q"), .character(" ")].contains(key) { state.dialog = nil }
            return true
        }
        if state.form != nil {
            handleFormKey(key)
            return true
        }
        if state.isShowingHelp {
            handleHelpKey(key)
            return true
        }
        if state.isEditingFilter {
            handleFilterKey(key)
            return true
        }

        guard let action = KeyMap.listAction(for: key) else { return true }
        return perform(action)
    }

    /// Applies a new screen size.
    func resize(to size: ScreenSize) {
        state.layout = Layout(size: size)
        for kind in PaneKind.lists {
            state.updatePane(kind) { _, _ in }
        }
    }

    private func perform(_ action: ListAction) -> Bool {
        switch action {
        case .quit:
            return false
        case .nextPane, .previousPane:
            cycleFocus(forward: action == .nextPane)
        case .moveUp, .moveDown, .moveTop, .moveBottom, .pageUp, .pageDown:
            if state.focus == .detail {
                scrollDetail(action)
            } else {
                moveSelection(action)
            }
        case .open:
            openSelection()
        case .assign:
            openAssignForm()
        case .refresh:
            refresh()
            if state.message?.kind != .error { show("Refreshed.") }
        case .filter:
            startFilter()
        case .clearFilter:
            clearFilter()
        case .help:
            state.isShowingHelp = true
            state.helpScroll = 0
        }
        return true
    }

    private func cycleFocus(forward: Bool) {
        let order = PaneKind.allCases
        let index = order.firstIndex(of: state.focus) ?? 0
        state.focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
        if state.focus != .detail {
            state.detailSource = state.focus
            loadDetail()
        }
    }

    private func moveSelection(_ action: ListAction) {
        state.updatePane(state.focus) { pane, height in
            switch action {
            case .moveUp: pane.move(by: -1, visibleHeight: height)
            case .moveDown: pane.move(by: 1, visibleHeight: height)
            case .moveTop: pane.moveToTop(visibleHeight: height)
            case .moveBottom: pane.moveToBottom(visibleHeight: height)
            case .pageUp: pane.move(by: -max(1, height - 1), visibleHeight: height)
            case .pageDown: pane.move(by: max(1, height - 1), visibleHeight: height)
            default: break
            }
        }
        loadDetail()
    }

    /// Scrolls the detail pane by a line, a page, or to either end.
    private func scrollDetail(_ action: ListAction) {
        let height = state.layout.contentHeight(.detail)
        let page = max(1, height - 1)
        let lastOffset = max(0, detailLineCount() - height)

        var offset = state.detailScroll
        switch action {
        case .moveUp: offset -= 1
        case .moveDown: offset += 1
        case .moveTop: offset = 0
        case .moveBottom: offset = lastOffset
        case .pageUp: offset -= page
        case .pageDown: offset += page
        default: break
        }
        state.detailScroll = max(0, min(offset, lastOffset))
    }

    private func detailLineCount() -> Int {
        guard let rect = state.layout.panes[.detail] else { return 0 }
        return DetailLines.build(state.detail, width: rect.width).count
    }

    // MARK: Opening forms

    private func openSelection() {
        switch state.focus == .detail ? state.detailSource : state.focus {
        case .models:
            guard let model = state.selectedModel else {
                show("No model to start; import one with 'bpmn-inbox model import FILE'.", kind: .error)
                return
            }
            state.form = FormFactory.startForm(modelName: model.name, definitions: definitions(model.name, model.version))
        case .instances:
            guard state.selectedInstance != nil else { return }
            state.focus = .detail
            state.detailSource = .instances
            state.detailScroll = 0
        case .tasks:
            guard let task = state.selectedTask else {
                show("No task is waiting.", kind: .info)
                return
            }
            state.form = FormFactory.completeForm(
                task: task, definitions: definitions(task.instanceName, task.modelVersion))
        case .detail:
            break
        }
    }

    private func openAssignForm() {
        let source = state.focus == .detail ? state.detailSource : state.focus
        guard source == .tasks, let task = state.selectedTask else {
            show("Select a task in the Tasks pane to assign it.", kind: .error)
            return
        }
        state.form = FormFactory.assignForm(task: task)
    }

    // MARK: Form, help and filter keys

    private func handleFormKey(_ key: Key) {
        guard var form = state.form else { return }
        let event = form.handle(key)
        state.form = form

        switch event {
        case .none:
            break
        case .cancel:
            state.form = nil
            show("Cancelled.")
        case .submit:
            submitForm()
        }
    }

    private func handleHelpKey(_ key: Key) {
        let page = max(1, state.layout.size.rows - 6)
        let lastLine = max(0, HelpLines.build().count - 1)
        var scroll = state.helpScroll

        switch key {
        case .character("j"), .down: scroll += 1
        case .character("k"), .up: scroll -= 1
        case .pageDown: scroll += page
        case .pageUp: scroll -= page
        case .escape, .enter, .character("q"), .character("?"), .function(1):
            state.isShowingHelp = false
        default:
            break
        }
        state.helpScroll = max(0, min(scroll, lastLine))
    }

    private func startFilter() {
        guard state.focus != .detail else {
            show("'/' filters the Models, Instances and Tasks panes; press Tab to focus one.", kind: .error)
            return
        }
        state.isEditingFilter = true
    }

    private func clearFilter() {
        guard state.focus != .detail, !state.pane(state.focus).filter.isEmpty else { return }
        setFilter("")
    }

    private func handleFilterKey(_ key: Key) {
        let current = state.pane(state.focus).filter
        switch key {
        case .enter:
            state.isEditingFilter = false
        case .escape:
            state.isEditingFilter = false
            setFilter("")
        case .backspace:
            setFilter(String(current.dropLast()))
        case .control("u"):
            setFilter("")
        case .character(let character):
            setFilter(current + String(character))
        case .up, .down, .pageUp, .pageDown:
            if let action = KeyMap.listAction(for: key) { _ = perform(action) }
        default:
            break
        }
    }

    private func setFilter(_ text: String) {
        state.updatePane(state.focus) { pane, _ in pane.setFilter(text) }
        loadDetail()
    }
}
