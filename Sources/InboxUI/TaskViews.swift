import Foundation
import WorkflowEngine

/// The Tasks pane's tabs are the engine's task views.
extension TaskView {
    /// The tabs in the order the Tasks pane shows them and `1`–`5` select them.
    static let tabs: [TaskView] = [.mine, .myGroups, .all, .overdue, .completedByMe]

    /// The tab's title in the Tasks pane and the help.
    var title: String {
        switch self {
        case .mine: return "Mine"
        case .myGroups: return "My groups"
        case .all: return "All"
        case .overdue: return "Overdue"
        case .completedByMe: return "Completed"
        }
    }

    /// The title when the pane is too narrow for `title`.
    var shortTitle: String {
        switch self {
        case .mine: return "Mine"
        case .myGroups: return "Grp"
        case .all: return "All"
        case .overdue: return "Late"
        case .completedByMe: return "Done"
        }
    }

    /// The word `:view` takes for the tab.
    var commandName: String {
        switch self {
        case .mine: return "mine"
        case .myGroups: return "groups"
        case .all: return "all"
        case .overdue: return "overdue"
        case .completedByMe: return "completed"
        }
    }

    /// Whether the tab lists tasks that still wait, so claim, assign and complete apply.
    var listsWaitingTasks: Bool { self != .completedByMe }
}

extension TaskSort {
    /// The orders in the sequence `o` cycles through.
    static let cycle: [TaskSort] = [.created, .priority, .dueDate, .model]

    var title: String {
        switch self {
        case .created: return "newest"
        case .priority: return "priority"
        case .dueDate: return "due"
        case .model: return "model"
        }
    }

    var next: TaskSort {
        let index = Self.cycle.firstIndex(of: self) ?? 0
        return Self.cycle[(index + 1) % Self.cycle.count]
    }

    /// Returns the order `:sort` names with `word` (`newest`, `priority`, `due`, `model`).
    init?(word: String) {
        guard let sort = Self.cycle.first(where: { $0.title == word.lowercased() }) else { return nil }
        self = sort
    }
}
