import Foundation

/// The result of `upgrade`: the instances moved to the newest version, and the others with
/// the reason they stayed.
public struct UpgradeReport: Sendable, Equatable {
    public struct Moved: Sendable, Equatable {
        public var instanceId: String
        public var fromVersion: Int
    }

    public struct Skipped: Sendable, Equatable {
        public var instanceId: String
        public var version: Int
        public var reason: String
    }

    public var model: String
    public var toVersion: Int
    public var moved: [Moved]
    public var skipped: [Skipped]
}

extension WorkflowEngine {
    /// Moves the running instances of `model` that run an older version to its newest
    /// version (bpmn-server's `upgrade`). An instance moves when every element it is at (its
    /// active and waiting items and live tokens) exists in the newest version, and none of
    /// its items has reached an element of `afterNodes`. The others are listed with the
    /// reason and left unchanged. Items and tokens stay as they are; only the version the
    /// instance runs changes. Each instance moves in its own transaction. Admins only.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.unknownNodes` for an id of
    ///   `afterNodes` that no version of the model has, an access error.
    public func upgrade(model: String, afterNodes: [String] = [], user: UserContext? = nil) throws -> UpgradeReport {
        try requireAdministrator(user, action: "upgrade", target: "the instances of model '\(model)'")
        let newest = try store.readTransaction { try models.definitions(name: model, version: nil) }
        let graph = newest.graph
        try checkNodesExist(afterNodes, model: model, newest: graph)

        let candidates = try store.readTransaction {
            try store.findInstancePage(
                .and([
                    .field(.instance(.name), .eq(.string(model))),
                    .field(.instance(.status), .eq(.string(InstanceStatus.running.rawValue))),
                    .field(.instance(.modelVersion), .lt(.number(Double(newest.record.version)))),
                ]),
                options: FindOptions(projection: .summary)
            ).records
        }

        var report = UpgradeReport(model: model, toVersion: newest.record.version, moved: [], skipped: [])
        for candidate in candidates {
            try store.writeTransaction {
                guard var state = try store.loadInstance(id: candidate.id), state.instance.status == .running else { return }
                let from = state.instance.modelVersion
                if let reason = Self.upgradeObstacle(state, newest: graph, afterNodes: afterNodes) {
                    report.skipped.append(.init(instanceId: candidate.id, version: from, reason: reason))
                    return
                }

                state.instance.modelVersion = newest.record.version
                state.instance.revision += 1
                try store.saveInstance(state, changedItemIds: [])
                try store.appendHistory([
                    HistoryRecord(
                        instanceId: candidate.id, at: clock.now(), user: user?.name, action: "upgrade",
                        data: .object(["from": .number(Double(from)), "to": .number(Double(newest.record.version))]),
                        message: "moved from version \(from) to version \(newest.record.version)")
                ])
                report.moved.append(.init(instanceId: candidate.id, fromVersion: from))
            }
        }
        return report
    }

    /// Returns why an instance cannot move to `newest`, or nil when it can.
    private static func upgradeObstacle(_ state: InstanceState, newest: ProcessGraph, afterNodes: [String]) -> String? {
        if let passed = state.items.first(where: { afterNodes.contains($0.elementId) }) {
            return "it already reached '\(passed.elementId)'"
        }

        let activeItems = state.items.filter { [.enter, .start, .wait, .failed].contains($0.status) }.map(\.elementId)
        let liveTokens = state.tokens.filter { $0.status == .running || $0.status == .wait }.map(\.currentNodeId)
        var missing: [String] = []
        for elementId in activeItems + liveTokens where newest.nodes[elementId] == nil && !missing.contains(elementId) {
            missing.append(elementId)
        }
        guard missing.isEmpty else {
            return "the newest version has no element \(missing.map { "'\($0)'" }.joined(separator: ", ")), where it is now"
        }
        return nil
    }

    private func checkNodesExist(_ ids: [String], model: String, newest: ProcessGraph) throws {
        guard !ids.isEmpty else { return }
        var known = Set(newest.nodes.keys)
        for version in try modelVersions(name: model) {
            let entry = try store.readTransaction { try models.definitions(name: model, version: version.version) }
            known.formUnion(entry.graph.nodes.keys)
        }
        let unknown = ids.filter { !known.contains($0) }
        if !unknown.isEmpty { throw AdministrationError.unknownNodes(model: model, ids: unknown) }
    }
}
