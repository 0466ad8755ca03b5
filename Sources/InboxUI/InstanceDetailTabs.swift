import Foundation
import WorkflowEngine

/// The instance detail's tabs other than the overview: Data, Items, History and Waiting.
enum InstanceDetailTabs {
    static func page(_ detail: InstanceDetail, width: Int) -> DetailPage {
        var page = DetailPage()
        page.append(tabStrip(detail.tab))
        page.append(StyledLine("\(detail.instance.name) \(PaneRows.shortID(detail.instance.id)) · \(detail.instance.status.rawValue)", .dim))
        page.append(.blank)

        if let loadError = detail.loadError, detail.tab != .data {
            page.append(contentsOf: wrapped("Items could not be loaded: \(loadError)", width: width, role: .error))
            return page
        }
        switch detail.tab {
        case .overview: break
        case .data: appendData(detail, to: &page, width: width)
        case .items: appendItems(detail, to: &page, width: width)
        case .history: appendHistory(detail, to: &page, width: width)
        case .waiting: appendWaiting(detail, to: &page, width: width)
        }
        return page
    }

    /// Builds the tab titles with the current one marked, the first detail line of every tab.
    static func tabStrip(_ current: InstanceTab) -> StyledLine {
        var spans: [Span] = []
        for tab in InstanceTab.allCases {
            if !spans.isEmpty { spans.append(Span("│", .dim)) }
            spans.append(Span(tab.title, tab == current ? .tabActive : .tab))
        }
        return StyledLine(spans)
    }

    // MARK: Data

    /// Appends the instance data as a tree whose objects and arrays Enter folds and unfolds.
    private static func appendData(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        let data = detail.instance.data
        if data.objectValue?.isEmpty == true {
            page.append(StyledLine("The instance has no data.", .dim))
            return
        }
        appendNode(data, key: nil, path: "", depth: 0, collapsed: detail.collapsedPaths, to: &page)
        page.append(.blank)
        page.append(StyledLine("Enter folds or unfolds { } and [ ], and shows a value whole.", .dim))
    }

    private static func appendNode(
        _ value: JSONValue, key: String?, path: String, depth: Int, collapsed: Set<String>, to page: inout DetailPage
    ) {
        let indent = String(repeating: "  ", count: min(depth, 8))
        let label = key.map { $0 + ": " } ?? ""
        let children: [(String, String, JSONValue)]
        let open: String
        let close: String
        let summary: String
        switch value {
        case .object(let object):
            children = object.keys.sorted().map { ($0, path.isEmpty ? $0 : path + "." + $0, object[$0] ?? .null) }
            (open, close) = ("{", "}")
            summary = object.count == 1 ? "1 key" : "\(object.count) keys"
        case .array(let array):
            children = array.enumerated().map { ("[\($0.offset)]", path + "[\($0.offset)]", $0.element) }
            (open, close) = ("[", "]")
            summary = array.count == 1 ? "1 item" : "\(array.count) items"
        default:
            page.append(
                StyledLine([Span(indent + "  "), Span(label, .detailKey), Span(value.jsonText)]),
                target: .jsonValue(path: path, value: value))
            return
        }

        if collapsed.contains(path) {
            page.append(
                StyledLine([Span(indent + "▸ "), Span(label, .detailKey), Span("\(open)… \(summary)\(close)", .dim)]),
                target: .jsonNode(path))
            return
        }
        page.append(StyledLine([Span(indent + "▾ "), Span(label, .detailKey), Span(open)]), target: .jsonNode(path))
        for (childKey, childPath, child) in children {
            appendNode(child, key: childKey, path: childPath, depth: depth + 1, collapsed: collapsed, to: &page)
        }
        page.append(StyledLine(indent + "  " + close))
    }

    // MARK: Items

    /// Appends every flow-node item by scope: status, start and end times, and who acted.
    private static func appendItems(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        guard let execution = detail.execution else { return }
        let entries = ItemTree.entries(execution)
        page.append(StyledLine("Items (\(entries.count))", .detailHeading))
        for entry in entries {
            let item = entry.item
            let indent = String(repeating: "  ", count: min(entry.depth, InstanceDetailLines.maximumIndentLevels))
            let status = item.isCancelled ? "cancelled" : item.status.rawValue
            page.append(
                StyledLine([
                    Span(indent + ItemLabels.title(of: item, showingKey: entry.showsKey) + " "),
                    Span(status, role(of: item)),
                ]),
                target: item.status == .failed ? .failedItem(item) : nil)

            var facts: [String] = []
            if let started = item.startedAt { facts.append("started " + DisplayFormat.clockTime(started, now: detail.now)) }
            if let ended = item.endedAt { facts.append("ended " + DisplayFormat.clockTime(ended, now: detail.now)) }
            if let user = item.userName, !user.isEmpty { facts.append("by " + user) }
            if let assignee = item.assignee { facts.append("assignee " + assignee) }
            if !facts.isEmpty {
                page.append(contentsOf: wrapped(facts.joined(separator: " · "), width: width, indent: indent.count + 2, role: .dim))
            }
            if let failure = ItemLabels.failure(of: item), item.status == .failed {
                page.append(contentsOf: wrapped(failure, width: width, indent: indent.count + 2, role: .error), target: .failedItem(item))
            }
        }
    }

    private static func role(of item: ItemRecord) -> StyleRole {
        switch item.status {
        case .wait: return .success
        case .failed: return .error
        default: return item.isCancelled ? .dim : .normal
        }
    }

    // MARK: History

    /// Appends the history rows, newest last: time, action, element and user, then the message.
    private static func appendHistory(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        if let error = detail.historyError {
            page.append(contentsOf: wrapped("The history could not be loaded: \(error)", width: width, role: .error))
            return
        }
        page.append(StyledLine("History (\(detail.history.count))", .detailHeading))
        let titles = Dictionary(
            (detail.execution?.items ?? []).map { ($0.id, ItemLabels.title(of: $0)) }, uniquingKeysWith: { first, _ in first })
        for record in detail.history {
            var spans = [Span(DisplayFormat.clockTime(record.at, now: detail.now) + " ", .dim), Span(record.action, .detailKey)]
            if let item = record.itemId.flatMap({ titles[$0] }) ?? record.elementId {
                spans.append(Span(" " + item))
            }
            if let user = record.user, !user.isEmpty { spans.append(Span(" by " + user, .dim)) }
            page.append(StyledLine(spans))
            if let message = record.message, !message.isEmpty {
                let isError = record.action.contains("error") || record.action.contains("fail")
                page.append(contentsOf: wrapped(message, width: width, indent: 2, role: isError ? .error : .dim))
            }
        }
    }

    // MARK: Waiting

    /// Appends what the instance waits for and why: user tasks and their assignee or
    /// candidates, timers and their due time, messages and signals with the key a sender
    /// matches, and failed items with their error.
    private static func appendWaiting(_ detail: InstanceDetail, to page: inout DetailPage, width: Int) {
        let items = detail.execution?.items ?? []
        let tasks = items.filter { $0.status == .wait && $0.type == "bpmn:UserTask" }
        let timers = items.filter { $0.status == .wait && $0.timeDue != nil }
        let messages = items.filter { $0.status == .wait && $0.messageId != nil }
        let signals = items.filter { $0.status == .wait && $0.signalId != nil }
        let failed = detail.failedItems

        if tasks.isEmpty && timers.isEmpty && messages.isEmpty && signals.isEmpty && failed.isEmpty {
            let reason = detail.instance.status == .running
                ? "Nothing waits for a person or an event; the instance runs on its own (or waits at a gateway)."
                : "Nothing waits: the instance \(DisplayWords.phrase(detail.instance.status))."
            page.append(contentsOf: wrapped(reason, width: width, role: .dim))
            return
        }

        if !failed.isEmpty {
            page.append(StyledLine("Failed (\(failed.count)), R retries", .error))
            for item in failed {
                page.append(StyledLine("  ✗ " + ItemLabels.title(of: item), .error), target: .failedItem(item))
                let attempts = ItemLabels.attempts(of: item)
                let error = ItemLabels.failure(of: item) ?? "failed"
                let text = attempts > 0 ? "\(error) (after \(attempts) attempts)" : error
                page.append(contentsOf: wrapped(text, width: width, indent: 4, role: .error), target: .failedItem(item))
            }
            page.append(.blank)
        }
        if !tasks.isEmpty {
            page.append(StyledLine("User tasks (\(tasks.count))", .detailHeading))
            for item in tasks {
                page.append(StyledLine("  " + ItemLabels.title(of: item)))
                for line in whoLines(item, now: detail.now) {
                    page.append(contentsOf: wrapped(line, width: width, indent: 4, role: .dim))
                }
            }
            page.append(.blank)
        }
        if !timers.isEmpty {
            page.append(StyledLine("Timers (\(timers.count))", .detailHeading))
            for item in timers {
                page.append(StyledLine("  " + ItemLabels.title(of: item)), target: .waitingItem(item))
                let due = item.timeDue.map {
                    "due \(DisplayFormat.minute($0)) (\(DisplayFormat.relative($0, now: detail.now)))"
                } ?? ""
                page.append(contentsOf: wrapped(due, width: width, indent: 4, role: .success), target: .waitingItem(item))
            }
            page.append(.blank)
        }
        if !messages.isEmpty {
            page.append(StyledLine("Messages (\(messages.count))", .detailHeading))
            for item in messages {
                page.append(StyledLine("  " + ItemLabels.title(of: item)), target: .waitingItem(item))
                // The engine matches a sender's key as a query on the instance, so the id key
                // always reaches this receiver. A data key the model declares is easier to build.
                let key = (detail.messageKeys[item.id] ?? .object(["id": .string(detail.instance.id)])).jsonText
                page.append(
                    contentsOf: wrapped("message '\(item.messageId ?? "")'", width: width, indent: 4, role: .success),
                    target: .waitingItem(item))
                page.append(contentsOf: wrapped("key \(key)", width: width, indent: 4, role: .dim), target: .waitingItem(item))
                page.append(
                    contentsOf: wrapped("or any query that matches this instance", width: width, indent: 4, role: .dim),
                    target: .waitingItem(item))
            }
            page.append(.blank)
        }
        if !signals.isEmpty {
            page.append(StyledLine("Signals (\(signals.count))", .detailHeading))
            for item in signals {
                page.append(StyledLine("  " + ItemLabels.title(of: item)), target: .waitingItem(item))
                page.append(contentsOf: wrapped("signal '\(item.signalId ?? "")'", width: width, indent: 4, role: .success),
                            target: .waitingItem(item))
            }
        }
    }

    /// Returns who the task waits for, one fact a line: the assignee or the candidates, and the due date.
    static func whoLines(_ item: ItemRecord, now: Date) -> [String] {
        var lines: [String] = []
        if let assignee = item.assignee {
            lines.append("assigned to \(assignee)")
        } else if !item.candidateUsers.isEmpty || !item.candidateGroups.isEmpty {
            lines.append("unclaimed; a candidate may claim it")
            if !item.candidateUsers.isEmpty { lines.append("users: " + item.candidateUsers.joined(separator: ", ")) }
            if !item.candidateGroups.isEmpty { lines.append("groups: " + item.candidateGroups.joined(separator: ", ")) }
        } else {
            lines.append("unassigned; anyone who sees it may claim it")
        }
        if let due = item.dueDate {
            lines.append((due < now ? "overdue since " : "due ") + DisplayFormat.minute(due))
        }
        return lines
    }

    private static func wrapped(_ text: String, width: Int, indent: Int = 0, role: StyleRole) -> [StyledLine] {
        let prefix = String(repeating: " ", count: indent)
        return TextWidth.wrapped(text, to: max(1, width - indent)).map { StyledLine(prefix + $0, role) }
    }
}
