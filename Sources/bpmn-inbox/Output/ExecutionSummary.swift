import WorkflowEngine

/// The readable result of start, invoke and assign: the instance, its data and what waits now.
enum ExecutionSummary {
    static func render(_ execution: Execution, action: String) -> String {
        let instance = execution.instance
        var lines: [String] = []

        switch instance.status {
        case .running:
            lines.append("\(action) instance \(instance.id) of '\(instance.name)': running")
        case .end:
            lines.append("\(action) instance \(instance.id) of '\(instance.name)': ended \(TextFormat.date(instance.endedAt))")
        case .failed:
            lines.append("\(action) instance \(instance.id) of '\(instance.name)': failed \(TextFormat.date(instance.endedAt)) with an uncaught BPMN error")
        case .terminated:
            lines.append("\(action) instance \(instance.id) of '\(instance.name)': terminated \(TextFormat.date(instance.endedAt))")
        }
        lines += dataLines(instance)

        let waiting = execution.waitingItems
        if waiting.isEmpty {
            lines.append("No items wait.")
        } else {
            lines.append("")
            lines.append("Waiting items:")
            lines.append(waitingTable(waiting).render())
        }
        return lines.joined(separator: "\n")
    }

    /// Columns of the `Data:` line when standard output is no terminal and `$COLUMNS` is unset.
    static let defaultDataColumns = 200

    /// Returns the `Data:` line, cut with `…` to the terminal width (else `defaultDataColumns`)
    /// so a large instance does not flood the screen. A cut line is followed by the command
    /// that prints all of the data, which fits in 80 columns.
    static func dataLines(_ instance: InstanceRecord, columns: Int? = TerminalColumns.current()) -> [String] {
        let line = "Data: \(instance.data.jsonText)"
        let width = max(columns ?? defaultDataColumns, 20)
        guard DisplayWidth.of(line) > width else { return [line] }

        return [
            DisplayWidth.truncate(line, to: width),
            "All data: bpmn-inbox get \(instance.id) --json",
        ]
    }

    /// Builds the table of waiting items. Its DUE column shows a task's due date, or when a timer fires.
    static func waitingTable(_ items: [ItemRecord]) -> TextTable {
        var table = TextTable([
            .init("ITEM ID"), .init("ELEMENT", maximumWidth: 30), .init("NAME", maximumWidth: 30),
            .init("TYPE"), .init("ASSIGNEE", maximumWidth: 20), .init("CANDIDATES", maximumWidth: 30),
            .init("DUE"),
        ])
        for item in items {
            table.append([
                item.id, item.elementId, TextFormat.itemName(item), TextFormat.type(item),
                TextFormat.text(item.assignee), candidates(item), TextFormat.date(item.dueDate ?? item.timeDue),
            ])
        }
        return table
    }

    /// Candidate users and groups (marked with `@`) in one cell: `ana,bob,@sales`.
    static func candidates(_ item: ItemRecord) -> String {
        let users = item.candidateUsers
        let groups = item.candidateGroups.map { "@" + $0 }
        let all = users + groups
        return all.isEmpty ? "-" : all.joined(separator: ",")
    }
}
