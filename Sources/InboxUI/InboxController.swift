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

    /// The clock that `+` moves forward; nil when the engine runs on another clock.
    let demoClock: AdjustableClock?
    /// The demo clock's offset as the database stores it; nil when this inbox keeps its clock
    /// to itself, as under `--now`.
    var sharedClockOffset: SharedClockOffset?
    /// Whether `+` or `:clock` moved the demo clock in this run.
    var didMoveDemoClock = false
    /// Returns a number that changes when another process commits to the database, or nil
    /// when it cannot be read. Without it, outside changes show at the next periodic refresh.
    var dataVersion: (() -> Int?)?
    var lastDataVersion: Int?
    /// Wall-clock times of the last check for due item timers and of the last call that also
    /// fires due timer start events of models.
    var lastTimerCheck = Date.distantPast
    var lastTimerStartCheck = Date.distantPast

    /// Whether the terminal shows colours; `:theme` loads `mono` when it does not.
    var terminalHasColors = true
    /// A theme `:theme` loaded, for the run loop to apply to the terminal.
    var requestedTheme: Theme?
    /// The text announcing new tasks, for the run loop to ring or notify.
    var pendingNotification: String?
    /// Set by Ctrl-Z in any mode, for the run loop to suspend the inbox to the shell. The run
    /// loop clears it.
    var isSuspendRequested = false
    /// The data stamp the task counts were read at; nil before the first count, or when the
    /// stamp cannot be read.
    var taskCountsStamp: DataStamp?
    /// Ids of the tasks in the Mine view at the last refresh; nil before the first one.
    var knownMineTaskIds: Set<String>?
    /// True while the scheduler refreshes for a change the user did not make here (another
    /// process, a timer), the only refreshes whose new tasks are announced.
    var isRefreshingForOutsideChange = false
    /// Known user names for completing assignees, loaded once per form.
    var knownUserNames: [String] = []
    /// Commands run on the command line, oldest first.
    var commandHistory: [String] = []

    init(
        engine: WorkflowEngine, user: UserContext, databasePath: String, size: ScreenSize,
        demoClock: AdjustableClock? = nil
    ) {
        self.engine = engine
        self.user = user
        self.demoClock = demoClock
        self.state = InboxState(userName: user.name, databasePath: databasePath, size: size)
        self.state.clockOffset = demoClock?.currentOffset ?? 0
        loadSavedFilters()
    }

    /// Opens a dialog with one paragraph per entry of `paragraphs`.
    func showDialog(title: String, paragraphs: [String]) {
        state.dialog = Dialog(title: title, paragraphs: paragraphs)
    }

    /// Shows `text` in the message line, with ids cut to the prefix the panes show, and
    /// keeps it in the message log. The renderer wraps a long text over two rows.
    func show(_ text: String, kind: StatusMessage.Kind = .info) {
        let message = StatusMessage(text: MessageText.shortenedIDs(text), kind: kind)
        state.message = message
        state.messageLog.append(message, at: Date())
    }

    /// Opens a dialog with the recent messages, newest first.
    func showMessageLog() {
        let paragraphs = state.messageLog.paragraphs()
        showDialog(title: "Recent messages", paragraphs: paragraphs.isEmpty ? ["No messages yet."] : paragraphs)
    }

    // MARK: Keys

    /// Applies one key. Ctrl-C closes an open form, command line or diagram view like Esc;
    /// with none open it quits. Ctrl-Z requests a suspend from the run
    /// loop, in every mode, and leaves the state as it is.
    /// - Returns: false when the key is a quit key.
    @discardableResult
    func handle(_ key: Key) -> Bool {
        if key == .resize { return true }
        if key == .control("z") {
            isSuspendRequested = true
            return true
        }
        if key == .control("c") {
            return cancelOverlay()
        }

        if state.diagram != nil, !state.layout.isTooSmall {
            handleDiagramKey(key)
            return true
        }
        if state.layout.isTooSmall {
            return key != .character("q")
        }
        if state.dialog != nil {
            handleDialogKey(key)
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
        if state.commandLine != nil {
            return handleCommandLineKey(key)
        }
        if case .click(let position) = key {
            handleClick(at: position)
            return true
        }
        if case .wheelUp(let position) = key {
            handleWheel(at: position, down: false)
            return true
        }
        if case .wheelDown(let position) = key {
            handleWheel(at: position, down: true)
            return true
        }

        guard let action = KeyMap.listAction(for: key) else { return true }
        return perform(action, key: key)
    }

    /// Closes what Ctrl-C closes: an open form (and any dialog over it), the command line or
    /// the diagram view.
    /// - Returns: false when none was open, so Ctrl-C quits (also from the help or a dialog).
    private func cancelOverlay() -> Bool {
        if state.form != nil {
            state.dialog = nil
            cancelForm()
        } else if state.commandLine != nil {
            state.commandLine = nil
        } else if state.diagram != nil {
            state.diagram = nil
        } else {
            return false
        }
        return true
    }

    /// Applies a new screen size.
    func resize(to size: ScreenSize) {
        state.layout = Layout(size: size)
        for kind in PaneKind.lists {
            state.updatePane(kind) { _, _ in }
        }
        state.helpScroll = min(state.helpScroll, HelpLines.maximumScroll(in: size))
    }

    func perform(_ action: ListAction, key: Key? = nil) -> Bool {
        switch action {
        case .quit:
            return false
        case .nextPane, .previousPane:
            cycleFocus(forward: action == .nextPane)
        case .moveUp, .moveDown, .moveTop, .moveBottom, .pageUp, .pageDown:
            if state.focus == .detail {
                moveDetailCursor(action)
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
        case .sendMessage:
            openMessageForm()
        case .sendSignal:
            openSignalForm()
        case .triggerElement:
            openStartEventForm()
        case .retry:
            openRetryForm()
        case .advanceClock:
            advanceDemoClock()
        case .mark:
            toggleMark()
        case .markAll:
            toggleMarkAll()
        case .claim:
            claimTargets()
        case .unclaim:
            unclaimTargets()
        case .cycleSort:
            setTaskSort(state.taskSort.next)
        case .nextTab, .previousTab:
            cycleTab(forward: action == .nextTab)
        case .selectTab:
            if case .character(let character) = key, let number = character.wholeNumberValue {
                selectTab(number: number)
            }
        case .commandLine:
            state.commandLine = CommandLineState(history: commandHistory)
        case .openDiagram:
            openDiagram()
        case .suspend:
            isSuspendRequested = true
        case .showMessages:
            showMessageLog()
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

    /// Moves the detail cursor by a line, a page, or to either end, scrolling the pane so
    /// the cursor stays visible.
    private func moveDetailCursor(_ action: ListAction) {
        let page = max(1, state.layout.contentHeight(.detail) - 1)
        let lastLine = max(0, detailLineCount() - 1)

        var cursor = state.detailCursor
        switch action {
        case .moveUp: cursor -= 1
        case .moveDown: cursor += 1
        case .moveTop: cursor = 0
        case .moveBottom: cursor = lastLine
        case .pageUp: cursor -= page
        case .pageDown: cursor += page
        default: break
        }
        state.detailCursor = max(0, min(cursor, lastLine))
        keepDetailCursorVisible()
    }

    /// Scrolls the detail pane as little as possible so the cursor line is visible.
    func keepDetailCursorVisible() {
        let height = state.layout.contentHeight(.detail)
        let lineCount = detailLineCount()
        state.detailCursor = max(0, min(state.detailCursor, lineCount - 1))
        var offset = state.detailScroll
        if state.detailCursor < offset { offset = state.detailCursor }
        if state.detailCursor >= offset + height { offset = state.detailCursor - height + 1 }
        state.detailScroll = max(0, min(offset, lineCount - height))
    }

    private func detailLineCount() -> Int {
        detailPage().lines.count
    }

    /// Builds the detail pane's lines at its current width.
    func detailPage() -> DetailPage {
        guard let rect = state.layout.panes[.detail] else { return DetailPage() }
        return DetailLines.page(state.detail, width: rect.width)
    }

    // MARK: Opening forms

    private func openSelection() {
        if state.focus == .detail, let target = detailPage().targets[state.detailCursor] {
            follow(target)
            return
        }
        switch state.focus == .detail ? state.detailSource : state.focus {
        case .models:
            guard let model = state.selectedModel else {
                show("No model to start; import one with 'bpmn-inbox model import FILE'.", kind: .error)
                return
            }
            guard allowsChange("starting an instance") else { return }
            state.form = FormFactory.startForm(modelName: model.name, definitions: definitions(model.name, model.version))
        case .instances:
            guard state.selectedInstance != nil, state.focus != .detail else { return }
            state.focus = .detail
            state.detailSource = .instances
            state.detailScroll = 0
            state.detailCursor = 0
        case .tasks:
            openCompleteForm()
        case .detail:
            break
        }
    }

    // MARK: Form, help and filter keys

    private func handleFormKey(_ key: Key) {
        guard var form = state.form else { return }
        let previousMessage = form.purpose == .message ? form.fieldText(EventFormFactory.Key.name) : nil
        let event = form.handle(key)
        if let previousMessage {
            followChosenMessage(in: &form, previous: previousMessage)
        }
        state.form = form

        switch event {
        case .none:
            break
        case .cancel:
            cancelForm()
        case .submit:
            submitForm()
        }
    }

    private func cancelForm() {
        state.form = nil
        show("Cancelled.")
    }

    /// Closes the dialog, or scrolls it by a line or a page.
    private func handleDialogKey(_ key: Key) {
        guard var dialog = state.dialog else { return }
        let page = max(1, state.layout.size.rows - 6)
        switch key {
        case .escape, .enter, .character("q"), .character(" "):
            state.dialog = nil
            return
        case .character("j"), .down: dialog.scroll += 1
        case .character("k"), .up: dialog.scroll -= 1
        case .pageDown: dialog.scroll += page
        case .pageUp: dialog.scroll -= page
        default: return
        }
        dialog.scroll = max(0, min(dialog.scroll, InboxRenderer.maximumDialogScroll(dialog, size: state.layout.size)))
        state.dialog = dialog
    }

    /// Scrolls or closes the help overlay. The scroll stops at the last page, so the
    /// first key back up always moves the text.
    private func handleHelpKey(_ key: Key) {
        let page = HelpLines.pageHeight(in: state.layout.size)
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
        state.helpScroll = max(0, min(scroll, HelpLines.maximumScroll(in: state.layout.size)))
    }

    private func startFilter() {
        guard state.focus != .detail else {
            show("'/' filters the Models, Instances and Tasks panes; press Tab to focus one.", kind: .error)
            return
        }
        state.isEditingFilter = true
    }

    /// Clears the focused pane's filter; with no filter, Esc in the Tasks pane clears the marks.
    private func clearFilter() {
        guard state.focus != .detail else { return }
        if !state.pane(state.focus).filter.isEmpty {
            setFilter("")
        } else if state.focus == .tasks && !state.marked.isEmpty {
            state.marked = []
            show("Marks cleared.")
        }
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
