import Foundation
import WorkflowEngine

/// A tab of the instance detail.
enum InstanceTab: Int, CaseIterable, Equatable {
    case overview, data, items, history, waiting

    var title: String {
        switch self {
        case .overview: return "Overview"
        case .data: return "Data"
        case .items: return "Items"
        case .history: return "History"
        case .waiting: return "Waiting"
        }
    }

    var next: InstanceTab { InstanceTab(rawValue: (rawValue + 1) % Self.allCases.count) ?? .overview }
    var previous: InstanceTab {
        InstanceTab(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count) ?? .overview
    }
}

/// A link from an instance's detail to a related instance: the child that a call activity
/// started, or the parent whose call activity started this one.
struct InstanceLink: Equatable {
    var instanceId: String
    var name: String
    var status: InstanceStatus
    /// The title of the call activity item that links the two, when it is known.
    var callTitle: String?
}

/// The content of the instance detail, loaded when the selection changes or the panes refresh.
struct InstanceDetail {
    var instance: InstanceRecord
    var execution: Execution?
    /// The reason the items could not be loaded. The detail then shows the instance row only.
    var loadError: String?
    var parent: InstanceLink?
    /// The instances each call activity started, by the call activity's item id.
    var children: [String: [InstanceLink]] = [:]
    /// The engine clock's time when the detail was loaded; timers show how far they lie from it.
    var now: Date
    /// The tab the detail shows, and the folded paths of its Data tab.
    var tab: InstanceTab = .overview
    var collapsedPaths: Set<String> = []
    /// The instance's history, oldest first; empty when it could not be loaded.
    var history: [HistoryRecord] = []
    var historyError: String?
    /// The key a sender gives to reach each waiting message receiver, by item id (see
    /// `MessageKeys`). A receiver without an entry shows the instance id key.
    var messageKeys: [String: JSONValue] = [:]

    /// The failed items (incidents), in `seq` order.
    var failedItems: [ItemRecord] {
        execution?.items.filter { $0.status == .failed } ?? []
    }

    /// Waiting items that wait for a message, a signal or a timer, soonest timer first.
    var waitingEvents: [ItemRecord] {
        let waiting = execution?.items.filter { item in
            item.status == .wait && (item.messageId != nil || item.signalId != nil || item.timeDue != nil)
        } ?? []
        return waiting.sorted { ($0.timeDue ?? .distantFuture, $0.seq) < ($1.timeDue ?? .distantFuture, $1.seq) }
    }
}

/// The items of an instance arranged by scope: the items inside a sub-process follow it one
/// level deeper, and the iterations of a multi-instance activity follow its owner item.
enum ItemTree {
    /// One flow-node item with its nesting depth (0 at process level).
    struct Entry: Equatable {
        var item: ItemRecord
        var depth: Int
        /// False when the enclosing scope item has the same iteration key, so the key would
        /// only repeat.
        var showsKey: Bool
    }

    /// Token kinds whose `originItemId` is the scope item their items run in.
    private static let scopeTokenKinds: Set<TokenRecord.Kind> = [.subProcess, .instance, .adHoc]

    /// Returns the flow-node items (sequence flows left out) depth first, each scope's items
    /// in `seq` order.
    static func entries(_ execution: Execution) -> [Entry] {
        let nodes = execution.items.filter { $0.type != "bpmn:SequenceFlow" }
        let itemsById = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let tokensById = Dictionary(execution.tokens.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var children: [String: [ItemRecord]] = [:]
        var roots: [ItemRecord] = []
        for item in nodes {
            if let scope = scopeItemId(of: item, tokens: tokensById), itemsById[scope] != nil {
                children[scope, default: []].append(item)
            } else {
                roots.append(item)
            }
        }

        var result: [Entry] = []
        func visit(_ item: ItemRecord, depth: Int, scope: ItemRecord?) {
            let showsKey = item.itemKey != nil && item.itemKey != scope?.itemKey
            result.append(Entry(item: item, depth: depth, showsKey: showsKey))
            for child in children[item.id] ?? [] {
                visit(child, depth: depth + 1, scope: item)
            }
        }
        for root in roots {
            visit(root, depth: 0, scope: nil)
        }
        return result
    }

    /// Returns the id of the item whose scope contains `item`: the sub-process, ad-hoc
    /// sub-process or multi-instance owner item that created one of the tokens on the way
    /// from the item's token to the root. Nil at process level.
    static func scopeItemId(of item: ItemRecord, tokens: [Int: TokenRecord]) -> String? {
        var current = tokens[item.tokenId]
        var visited: Set<Int> = []
        while let token = current, visited.insert(token.id).inserted {
            if scopeTokenKinds.contains(token.kind), let origin = token.originItemId, origin != item.id {
                return origin
            }
            current = token.parentTokenId.flatMap { tokens[$0] }
        }
        return nil
    }
}
