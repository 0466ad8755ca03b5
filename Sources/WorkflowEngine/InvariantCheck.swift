import Foundation

/// Consistency rules that every committed state of a store must satisfy, checked on one
/// snapshot. Stress, crash and fault tests run it after each phase; an operator can run it on
/// a database that misbehaves.
///
/// The rules, per instance:
/// - every waiting item is the current item of exactly one live token (running or waiting),
///   so no timer, message or signal subscription is left without a token to continue;
/// - every live token's current item exists in the instance and has not ended;
/// - an ended or terminated instance has no live token and no waiting item;
/// - a running instance has at least one live token or waiting item;
/// - no item was completed twice: its history has at most one `invoke`, `timer` or `event` row.
public struct InvariantCheck {
    /// The outcome of a check: counts and broken rules.
    public struct Report: Sendable, Equatable {
        public var instances = 0
        public var items = 0
        public var historyRows = 0
        /// One line per broken rule, naming the instance, the item or token and the rule.
        public var violations: [String] = []

        public var isConsistent: Bool { violations.isEmpty }
    }

    /// History actions that complete a waiting item.
    static let completingActions: Set<String> = ["invoke", "timer", "event"]

    let store: WorkflowStore

    public init(store: WorkflowStore) {
        self.store = store
    }

    /// Checks every instance in one read transaction.
    /// - Throws: the store's errors; broken rules are returned, not thrown.
    public func run() throws -> Report {
        try store.readTransaction {
            var report = Report()
            let instances = try store.findInstances(.all, options: FindOptions())
            for instance in instances {
                guard let state = try store.loadInstance(id: instance.id) else {
                    report.violations.append("instance \(instance.id) is listed but cannot be loaded")
                    continue
                }
                let history = try store.history(instanceId: instance.id)
                report.instances += 1
                report.items += state.items.count
                report.historyRows += history.count
                report.violations += Self.violations(in: state) + Self.violations(in: history)
            }
            return report
        }
    }

    /// Checks the token and item rules of one instance.
    static func violations(in state: InstanceState) -> [String] {
        let instance = state.instance
        let live = state.tokens.filter { $0.status == .running || $0.status == .wait }
        let itemsById = Dictionary(state.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String] = []

        for item in state.items where item.status == .wait {
            let holders = live.filter { $0.currentItemId == item.id }.count
            if holders != 1 {
                found.append(
                    "instance \(instance.id): waiting item \(item.id) ('\(item.elementId)') is the current item "
                        + "of \(holders) live tokens, expected 1")
            }
        }

        for token in live {
            guard let itemId = token.currentItemId, let item = itemsById[itemId] else {
                found.append(
                    "instance \(instance.id): live token \(token.id) at '\(token.currentNodeId)' has no current item")
                continue
            }
            if item.status == .end {
                found.append(
                    "instance \(instance.id): live token \(token.id) stands on ended item \(item.id) ('\(item.elementId)')")
            }
        }

        let waiting = state.items.filter { $0.status == .wait }
        switch instance.status {
        case .end, .terminated:
            if !live.isEmpty || !waiting.isEmpty {
                found.append(
                    "instance \(instance.id) has status \(instance.status.rawValue) but \(live.count) live tokens "
                        + "and \(waiting.count) waiting items")
            }
        case .running:
            if live.isEmpty, waiting.isEmpty {
                found.append("instance \(instance.id) is running but has no live token and no waiting item")
            }
        case .failed:
            break
        }
        return found
    }

    /// Checks that no item of one instance's history was completed more than once.
    static func violations(in history: [HistoryRecord]) -> [String] {
        var completions: [String: Int] = [:]
        for record in history where completingActions.contains(record.action) {
            guard let itemId = record.itemId else { continue }
            completions[itemId, default: 0] += 1
        }
        return completions.filter { $0.value > 1 }.keys.sorted().map { itemId in
            "item \(itemId) was completed \(completions[itemId] ?? 0) times (history actions invoke, timer, event)"
        }
    }
}
