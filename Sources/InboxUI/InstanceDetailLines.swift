import Foundation
import WorkflowEngine

/// The instance detail: the instance row, its incidents, what it waits for, its items by
/// scope with links to called instances, and its data.
enum InstanceDetailLines {
    /// Columns of the status after an item's name.
    static let statusWidth = 9
    /// Nesting levels that get their own indent; deeper items share the last indent.
    static let maximumIndentLevels = 6

    static func page(_ detail: InstanceDetail, width: Int) -> DetailPage {
        if detail.tab != .overview { return InstanceDetailTabs.page(detail, width: width) }
        var page = DetailPage()
        let instance = detail.instance
        page.append(StyledLine(instance.name, .detailHeading))
        page.append(contentsOf: DetailLines.field("Id", instance.id, width: width))
        page.append(contentsOf: DetailLines.field(
            "Status", instance.status.rawValue, width: width, role: instance.status == .failed ? .error : .normal))
        page.append(contentsOf: DetailLines.field("Version", "\(instance.modelVersion)", width: width))
        page.append(contentsOf: DetailLines.field("Started", DisplayFormat.minute(instance.startedAt), width: width))
        if let endedAt = instance.endedAt {
            page.append(contentsOf: DetailLines.field("Ended", DisplayFormat.minute(endedAt), width: width))
        }
        if let parent = detail.parent {
            page.append(contentsOf: DetailLines.field("Called by", linkText(parent), width: width), target: .instance(parent.instanceId))
        }

        if let loadError = detail.loadError {
            page.append(.blank)
            page.append(contentsOf: wrapped("Items could not be loaded: \(loadError)", width: width, role: .error))
        } else if let execution = detail.execution {
            appendIncidents(detail, to: &page, width: width)
            appendWaitingEvents(detail, to: &page, width: width)
            appendItems(execution, children: detail.children, to: &page, width: width)
        }

        page.append(.blank)
        page.append(StyledLine("Data", .detailHeading))
        page.append(contentsOf: DetailLines.jsonLines(instance.data))
        return page
    }

    // MARK: Sections

    /// Failed items with their errors, and the BPMN error that ended a failed instance.
    private static func appendIncidents(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        let failed = detail.failedItems
        let bpmnErrors = detail.instance.status == .failed
            ? (detail.execution?.items.filter { $0.statusDetails["bpmnError"] != nil } ?? []) : []
        guard !failed.isEmpty || !bpmnErrors.isEmpty else { return }

        page.append(.blank)
        page.append(StyledLine("Incidents (\(failed.count))", .error))
        for item in failed {
            let text = "✗ \(ItemLabels.title(of: item)): \(ItemLabels.failure(of: item) ?? "failed")"
            page.append(contentsOf: wrapped(text, width: width, indent: 2, role: .error), target: .failedItem(item))
        }
        if !failed.isEmpty {
            page.append(StyledLine("  Enter or R retries, with a data fix", .dim))
        }
        for item in bpmnErrors {
            let code = item.statusDetails["bpmnError"]?.plainText ?? ""
            page.append(contentsOf: wrapped(
                "Ended by BPMN error '\(code)' at \(ItemLabels.title(of: item)), which no event caught",
                width: width, indent: 2, role: .error))
        }
    }

    /// Items that wait for a message, a signal or a timer, with what they wait for.
    private static func appendWaitingEvents(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        let waiting = detail.waitingEvents
        guard !waiting.isEmpty else { return }

        page.append(.blank)
        page.append(StyledLine("Waiting for", .detailHeading))
        let rows = waiting.map { item in
            (item: item, title: ItemLabels.title(of: item), event: ItemLabels.awaitedEvent(of: item, now: detail.now) ?? "")
        }
        // All rows share one layout: the events in one column after the widest name when every
        // row fits, else each event below its name, so no row is cut and none looks different.
        let titleWidth = rows.map { TextWidth.width(of: $0.title) }.max() ?? 0
        let eventWidth = rows.map { TextWidth.width(of: $0.event) }.max() ?? 0
        let fitsOneLine = 2 + titleWidth + 1 + eventWidth <= width
        for row in rows {
            let item = row.item
            if fitsOneLine {
                let padding = String(repeating: " ", count: titleWidth - TextWidth.width(of: row.title))
                page.append(StyledLine([Span("  \(row.title)\(padding) "), Span(row.event, .success)]), target: .waitingItem(item))
            } else {
                page.append(StyledLine("  " + row.title), target: .waitingItem(item))
                page.append(StyledLine("    " + row.event, .success), target: .waitingItem(item))
            }
            if let error = ItemLabels.failure(of: item) {
                let attempts = ItemLabels.attempts(of: item)
                page.append(contentsOf: wrapped(
                    "attempt \(attempts) of \(WorkflowEngine.timerRetryDelays.count + 1) failed: \(error)",
                    width: width, indent: 4, role: .error))
            }
        }
    }

    /// Flow-node items by scope with their status; under a call activity, its child instances.
    private static func appendItems(
        _ execution: Execution, children: [String: [InstanceLink]], to page: inout DetailPage, width: Int
    ) {
        page.append(.blank)
        page.append(StyledLine("Items", .detailHeading))

        for entry in ItemTree.entries(execution) {
            let indent = "  " + String(repeating: "  ", count: min(entry.depth, maximumIndentLevels))
            page.append(itemLine(entry, indent: indent, width: width))
            for child in children[entry.item.id] ?? [] {
                page.append(
                    StyledLine([
                        Span(indent + "  → ", .dim), Span(linkText(child)),
                        Span(" " + child.status.rawValue, statusRole(child.status)),
                    ]),
                    target: .instance(child.instanceId))
            }
        }

        let flows = execution.items.filter { $0.type == "bpmn:SequenceFlow" }.count
        if flows > 0 { page.append(StyledLine("  and \(flows) sequence flows taken", .dim)) }
    }

    private static func itemLine(_ entry: ItemTree.Entry, indent: String, width: Int) -> StyledLine {
        let item = entry.item
        var title = ItemLabels.title(of: item, showingKey: entry.showsKey)
        if item.type == "bpmn:MultiInstanceBody" {
            let count = item.statusDetails["loop"]?["collection"]?.arrayValue?.count
            title += count.map { " ×\($0)" } ?? " (loop)"
        }

        let status = item.isCancelled ? "cancelled" : item.status.rawValue
        var role = StyleRole.normal
        switch item.status {
        case .wait: role = .success
        case .failed: role = .error
        default: role = item.isCancelled ? .dim : .normal
        }
        let nameWidth = max(1, width - statusWidth - 1 - TextWidth.width(of: indent))
        return StyledLine([Span(indent + TextWidth.fitted(title, to: nameWidth) + " "), Span(status, role)])
    }

    // MARK: Pieces

    /// "Billing 7f8e9a", with the call activity's title when known.
    private static func linkText(_ link: InstanceLink) -> String {
        var text = "\(link.name) \(PaneRows.shortID(link.instanceId))"
        if let call = link.callTitle { text += " (\(call))" }
        return text
    }

    private static func statusRole(_ status: InstanceStatus) -> StyleRole {
        switch status {
        case .running: return .success
        case .failed: return .error
        case .end, .terminated: return .dim
        }
    }

    private static func wrapped(_ text: String, width: Int, indent: Int = 0, role: StyleRole) -> [StyledLine] {
        let prefix = String(repeating: " ", count: indent)
        return TextWidth.wrapped(text, to: max(1, width - indent)).map { StyledLine(prefix + $0, role) }
    }
}
