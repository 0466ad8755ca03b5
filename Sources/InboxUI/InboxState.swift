import BPMNModel
import Foundation
import WorkflowEngine

/// A one-line message for the message line.
struct StatusMessage: Equatable {
    enum Kind: Equatable { case info, success, error }

    var text: String
    var kind: Kind
}

/// A `:filter` on task data: the MongoDB-style query and, for a saved filter, its name.
struct DataFilter: Equatable {
    var name: String?
    var text: String
    var query: JSONValue
}

/// A box of text over the panes that Esc, Enter or q closes and j and k scroll.
struct Dialog: Equatable {
    var title: String
    var paragraphs: [String]
    /// The first wrapped line shown.
    var scroll = 0
}

/// The content of the detail pane, loaded when the selection changes.
enum DetailContent {
    case empty(String)
    case model(ModelSummary, Definitions?)
    case instance(InstanceDetail)
    case task(TaskSummary, FlowNode?)
}

/// Everything the inbox shows, kept apart from drawing so tests can drive keys and then
/// render into a `MemoryScreen`.
struct InboxState {
    var userName: String
    var databasePath: String
    var layout: Layout

    var models: [ModelSummary] = []
    var instances: [InstanceRecord] = []
    /// The number of instances in the database. `instances` contains only the newest.
    var instanceTotal = 0
    var tasks: [TaskSummary] = []
    var panes: [PaneKind: ListPaneState] = [.models: ListPaneState(), .instances: ListPaneState(), .tasks: ListPaneState()]

    var focus: PaneKind = .tasks
    /// The list pane whose selection the detail pane shows.
    var detailSource: PaneKind = .tasks
    var detail: DetailContent = .empty("Nothing selected.")
    var detailScroll = 0
    /// The detail line that Enter acts on while the detail pane has focus.
    var detailCursor = 0
    /// The pane and id the detail shows, to reset the scroll when it changes.
    var detailIdentity = ""

    var form: FormState?
    var dialog: Dialog?
    /// The open diagram view, drawn over the panes (key `d`).
    var diagram: DiagramViewState?
    var isShowingHelp = false
    var helpScroll = 0
    /// True while `/` filter text is being typed into the focused pane.
    var isEditingFilter = false
    var message: StatusMessage?
    /// Seconds the demo clock is ahead of the system clock; the status bar shows it when not 0.
    var clockOffset: TimeInterval = 0

    // Tasks pane
    var taskView: TaskView = .all
    var taskSort: TaskSort = .created
    /// The number of tasks in each view, shown on the tab titles.
    var taskCounts: [TaskView: Int] = [:]
    /// Ids of the tasks marked with Space for a bulk action.
    var marked: Set<String> = []
    /// The `:filter` query on task data, when one is active.
    var dataFilter: DataFilter?
    /// Saved filters by name, stored in the database.
    var savedFilters: [String: String] = [:]
    /// Tasks that arrived in the Mine view since the inbox opened or the user last opened Mine.
    var newTaskCount = 0

    // Instance detail
    var instanceTab: InstanceTab = .overview
    /// Paths of the JSON objects and arrays folded in the Data tab.
    var collapsedPaths: Set<String> = []

    var commandLine: CommandLineState?
    /// The recent messages of the message line, for `M` and `:messages`.
    var messageLog = MessageLog()
    /// True when the engine rejects every change, which the status bar shows.
    var isReadOnly = false
    /// The name of the theme in use, for `:theme` and the help.
    var themeName = "default"

    init(userName: String, databasePath: String, size: ScreenSize) {
        self.userName = userName
        self.databasePath = databasePath
        self.layout = Layout(size: size)
    }

    func pane(_ kind: PaneKind) -> ListPaneState {
        panes[kind] ?? ListPaneState()
    }

    /// Changes a list pane, giving `change` the pane's content height, then scrolls the
    /// pane so its selection stays visible.
    mutating func updatePane(_ kind: PaneKind, _ change: (inout ListPaneState, _ height: Int) -> Void) {
        let height = layout.contentHeight(kind)
        var pane = panes[kind] ?? ListPaneState()
        change(&pane, height)
        pane.keepSelectionVisible(height: height)
        panes[kind] = pane
    }

    /// The selected task, when the detail pane shows one.
    var selectedTask: TaskSummary? {
        guard let id = pane(.tasks).selectedRow?.id else { return nil }
        return tasks.first { $0.item.id == id }
    }

    var selectedModel: ModelSummary? {
        guard let name = pane(.models).selectedRow?.id else { return nil }
        return models.first { $0.name == name }
    }

    /// The instance the detail pane shows, when it shows one.
    var detailInstance: InstanceDetail? {
        if case .instance(let detail) = detail { return detail }
        return nil
    }

    var selectedInstance: InstanceRecord? {
        guard let id = pane(.instances).selectedRow?.id else { return nil }
        return instances.first { $0.id == id }
    }
}
