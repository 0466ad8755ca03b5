import BPMNModel
import Foundation
import WorkflowEngine

/// The action of Enter on a line of the detail pane.
enum DetailTarget: Equatable {
    /// Selects the instance with this id (a call activity's child, or the parent).
    case instance(String)
    /// Opens the retry form for this failed item.
    case failedItem(ItemRecord)
    /// Opens the form that delivers what this item waits for (a message, a signal, or the
    /// trigger of a timer).
    case waitingItem(ItemRecord)
    /// Folds or unfolds the JSON object or array at this path in the Data tab.
    case jsonNode(String)
    /// Shows the whole value at this path of the Data tab, which the pane may cut.
    case jsonValue(path: String, value: JSONValue)

    /// Whether following the target opens a form that changes data.
    var changesData: Bool {
        switch self {
        case .failedItem, .waitingItem: return true
        case .instance, .jsonNode, .jsonValue: return false
        }
    }
}

/// The lines of the detail pane and the lines Enter acts on, by line index.
struct DetailPage {
    var lines: [StyledLine] = []
    var targets: [Int: DetailTarget] = [:]

    mutating func append(_ line: StyledLine, target: DetailTarget? = nil) {
        if let target { targets[lines.count] = target }
        lines.append(line)
    }

    /// Appends `more`, giving each of them `target`, so Enter works on every line of a
    /// wrapped entry.
    mutating func append(contentsOf more: [StyledLine], target: DetailTarget? = nil) {
        for line in more {
            append(line, target: target)
        }
    }
}

/// The lines of the detail pane for the current selection, wrapped or cut to the width.
enum DetailLines {
    /// Width of the key column in "key  value" lines.
    static let keyWidth = 11

    static func build(_ content: DetailContent, width: Int) -> [StyledLine] {
        page(content, width: width).lines
    }

    /// Builds the lines with the targets of the lines that Enter acts on.
    static func page(_ content: DetailContent, width: Int) -> DetailPage {
        guard width > 0 else { return DetailPage() }
        switch content {
        case .empty(let text):
            return DetailPage(lines: TextWidth.wrapped(text, to: width).map { StyledLine($0, .dim) })
        case let .model(model, definitions):
            return DetailPage(lines: modelLines(model, definitions, width: width))
        case .instance(let detail):
            return InstanceDetailLines.page(detail, width: width)
        case let .task(task, node):
            return DetailPage(lines: taskLines(task, node, width: width))
        }
    }

    // MARK: Task

    private static func taskLines(_ task: TaskSummary, _ node: FlowNode?, width: Int) -> [StyledLine] {
        let item = task.item
        var lines = [StyledLine(task.taskTitle, .detailHeading)]
        if let documentation = node?.documentation, !documentation.isEmpty {
            lines += TextWidth.wrapped(documentation, to: width).map { StyledLine($0) }
        }
        lines.append(.blank)

        lines += field("Instance", "\(task.instanceName) \(PaneRows.shortID(item.instanceId))", width: width)
        lines += field("Element", item.elementId, width: width)
        lines += field("Assignee", item.assignee ?? "-", width: width)
        lines += field("Cand. users", item.candidateUsers.joined(separator: ", ").nonEmpty ?? "-", width: width)
        lines += field("Cand. groups", item.candidateGroups.joined(separator: ", ").nonEmpty ?? "-", width: width)
        lines += field("Due", item.dueDate.map(DisplayFormat.minute) ?? "-", width: width)
        lines += field("Follow-up", item.followUpDate.map(DisplayFormat.minute) ?? "-", width: width)
        lines += field("Priority", item.priority.plainText.nonEmpty ?? "-", width: width)
        lines += field("Since", item.startedAt.map(DisplayFormat.minute) ?? "-", width: width)

        if let fields = node?.formFields, !fields.isEmpty {
            lines += [.blank, StyledLine("Form fields", .detailHeading)]
            for formField in fields {
                let flags = formField.constraints.map(\.name).joined(separator: ", ")
                let text = "  \(formField.label ?? formField.id) (\(formField.type)\(flags.isEmpty ? "" : ", " + flags))"
                lines.append(StyledLine(text))
            }
        }

        lines += [.blank, StyledLine("Instance data", .detailHeading)]
        lines += jsonLines(task.instanceData)
        return lines
    }

    // MARK: Model

    private static func modelLines(_ model: ModelSummary, _ definitions: Definitions?, width: Int) -> [StyledLine] {
        var lines = [StyledLine(model.name, .detailHeading)]
        lines += field("Version", "\(model.version), saved \(DisplayFormat.minute(model.savedAt))", width: width)
        lines += field("Instances", "\(model.runningInstances) running of \(model.totalInstances)", width: width)
        lines += field("Processes", model.processes.joined(separator: ", ").nonEmpty ?? "-", width: width)

        guard let definitions else {
            lines.append(.blank)
            lines.append(StyledLine("The model could not be parsed.", .error))
            return lines
        }

        for process in definitions.processes {
            if let documentation = process.documentation, !documentation.isEmpty {
                lines.append(.blank)
                lines += TextWidth.wrapped(documentation, to: width).map { StyledLine($0) }
            }
        }

        let userTasks = definitions.processes.flatMap { userTaskNames(in: $0.body) }
        if !userTasks.isEmpty {
            lines += [.blank, StyledLine("User tasks", .detailHeading)]
            lines += TextWidth.wrapped(userTasks.joined(separator: ", "), to: width - 2).map { StyledLine("  " + $0) }
        }

        lines.append(.blank)
        lines.append(StyledLine("Press Enter to start an instance.", .dim))
        return lines
    }

    private static func userTaskNames(in container: FlowContainer) -> [String] {
        container.nodes.flatMap { node -> [String] in
            let own = node.kind == .userTask ? [node.name ?? node.id] : []
            return own + (node.subProcess.map(userTaskNames) ?? [])
        }
    }

    // MARK: Pieces

    /// "Key        value" lines; long values wrap under the value column.
    static func field(_ key: String, _ value: String, width: Int, role: StyleRole = .normal) -> [StyledLine] {
        let keyColumn = min(keyWidth + 2, max(1, width / 2))
        let valueWidth = max(1, width - keyColumn)
        let valueLines = TextWidth.wrapped(value, to: valueWidth)
        let indent = String(repeating: " ", count: keyColumn)

        return valueLines.enumerated().map { index, text in
            let label = index == 0 ? TextWidth.fitted(key, to: keyColumn - 1) + " " : indent
            return StyledLine([Span(label, .detailKey), Span(text, role)])
        }
    }

    /// Indented JSON, one line per JSON line; long lines are cut when drawn.
    static func jsonLines(_ value: JSONValue) -> [StyledLine] {
        value.prettyText.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) }
    }
}
