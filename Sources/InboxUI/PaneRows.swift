import Foundation
import WorkflowEngine

/// The rows and columns each list pane shows.
enum PaneRows {
    /// Models: name, newest version, running / all instances.
    static let modelColumns = [
        ColumnSpec(minimum: 6, weight: 1),
        ColumnSpec(minimum: 2, weight: 0),
        ColumnSpec(minimum: 3, weight: 0, isOptional: true),
    ]

    static func modelRows(_ models: [ModelSummary]) -> [PaneRow] {
        models.map { model in
            PaneRow(id: model.name, cells: [
                model.name, "v\(model.version)", "\(model.runningInstances)/\(model.totalInstances)",
            ])
        }
    }

    /// Instances: model name, status, start time, short id.
    static let instanceColumns = [
        ColumnSpec(minimum: 10, weight: 1),
        ColumnSpec(minimum: 3, weight: 0),
        ColumnSpec(minimum: 11, weight: 0, isOptional: true),
        ColumnSpec(minimum: shortIDLength, weight: 0, isOptional: true),
    ]

    static func instanceRows(_ instances: [InstanceRecord]) -> [PaneRow] {
        instances.map { instance in
            PaneRow(id: instance.id, cells: [
                instance.name, instance.status.rawValue, DisplayFormat.shortMinute(instance.startedAt),
                shortID(instance.id),
            ])
        }
    }

    /// Tasks: task name, instance (model) name, assignee, due date, short instance id.
    /// The task name gets the spare width. While it would get less than
    /// `taskNamePreferredWidth`, optional columns are dropped, the instance id first
    /// (the Instances pane lists it too).
    static let taskColumns = [
        ColumnSpec(minimum: 6, weight: 3, preferredWidth: taskNamePreferredWidth),
        ColumnSpec(minimum: 6, weight: 2),
        ColumnSpec(minimum: 5, weight: 1, isOptional: true),
        ColumnSpec(minimum: 5, weight: 0, isOptional: true),
        ColumnSpec(minimum: shortIDLength, weight: 0, isOptional: true),
    ]

    /// Cells the task name column should get before optional columns are shown. At 80
    /// columns this drops the instance id, which gives the name 18 cells beside a
    /// 12-character model name and a 5-character assignee.
    static let taskNamePreferredWidth = 16

    /// Builds the task rows. A due date before `now` gets a leading `!`. For completed tasks
    /// (`completed`) the date column shows when each ended instead.
    static func taskRows(_ tasks: [TaskSummary], now: Date = Date(), completed: Bool = false) -> [PaneRow] {
        tasks.map { task in
            PaneRow(id: task.item.id, cells: [
                task.taskTitle, task.instanceName, task.item.assignee ?? "-",
                dateCell(task.item, now: now, completed: completed),
                shortID(task.item.instanceId),
            ])
        }
    }

    private static func dateCell(_ item: ItemRecord, now: Date, completed: Bool) -> String {
        if completed { return item.endedAt.map { DisplayFormat.compactDay($0, now: now) } ?? "" }
        guard let due = item.dueDate else { return "" }
        return (due < now ? "!" : "") + DisplayFormat.compactDay(due, now: now)
    }

    static func columns(for pane: PaneKind) -> [ColumnSpec] {
        switch pane {
        case .models: return modelColumns
        case .instances: return instanceColumns
        case .tasks, .detail: return taskColumns
        }
    }

    static let shortIDLength = 6

    /// Returns the first characters of an id, enough to tell instances apart on screen; the
    /// Instances and Tasks panes show the same prefix.
    static func shortID(_ id: String) -> String {
        String(id.prefix(shortIDLength))
    }
}
