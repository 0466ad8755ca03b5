import Foundation
import WorkflowEngine

extension SQLiteStore {
    /// Loads the instance with its items in `seq` order and its tokens in id order, or
    /// returns nil when there is no such instance.
    public func loadInstance(id: String) throws -> InstanceState? {
        try readTransaction {
            guard let instance = try instanceRow(id: id) else { return nil }

            let items = try connection.query(
                """
                SELECT \(raw: Self.itemColumns) FROM items
                WHERE items.instance_id = \(bind: id) ORDER BY items.seq, items.rowid
                """,
                operation: "loading the items of instance '\(id)'", decode: decodeItem)
            let tokens = try connection.query(
                """
                SELECT \(raw: Self.tokenColumns) FROM tokens
                WHERE tokens.instance_id = \(bind: id) ORDER BY tokens.id
                """,
                operation: "loading the tokens of instance '\(id)'", decode: decodeToken)
            return InstanceState(instance: instance, items: items, tokens: tokens)
        }
    }

    /// Reads the instance row alone, or returns nil when there is no such instance.
    func instanceRow(id: String) throws -> InstanceRecord? {
        try connection.query(
            "SELECT \(raw: Self.instanceColumns) FROM instances WHERE instances.id = \(bind: id)",
            operation: "loading instance '\(id)'", decode: decodeInstance
        ).first
    }

    /// Inserts or updates the instance row, the items whose ids are in `changedItemIds` (all
    /// items when nil) with their candidate users and groups, and replaces the instance's
    /// tokens. Items missing from `state` are kept. `revision` and `nextSeq` are stored as
    /// given: the caller increments them.
    /// - Throws: `SQLiteStoreError.invalidInstanceState` when a changed id is not among the
    ///   items, or an item or token names another instance.
    public func saveInstance(_ state: InstanceState, changedItemIds: Set<String>?) throws {
        let instanceId = state.instance.id
        let changedItems = try Self.itemsToSave(state, changedItemIds: changedItemIds)
        if let token = state.tokens.first(where: { $0.instanceId != instanceId }) {
            throw SQLiteStoreError.invalidInstanceState(
                instanceId: instanceId,
                reason: "token \(token.id) belongs to instance '\(token.instanceId)'")
        }

        try writeTransaction {
            try upsertInstance(state.instance)

            for item in changedItems {
                try saveItem(item, instanceId: instanceId, sql: Self.itemUpsertSQL)
            }

            try connection.run(
                "DELETE FROM tokens WHERE instance_id = \(bind: instanceId)",
                operation: "removing the old tokens of instance '\(instanceId)'")
            for token in state.tokens {
                try upsertToken(token)
            }
        }
    }

    static func itemsToSave(_ state: InstanceState, changedItemIds: Set<String>?) throws -> [ItemRecord] {
        let instanceId = state.instance.id
        if let stranger = state.items.first(where: { $0.instanceId != instanceId }) {
            throw SQLiteStoreError.invalidInstanceState(
                instanceId: instanceId,
                reason: "item '\(stranger.id)' belongs to instance '\(stranger.instanceId)'")
        }
        guard let changedItemIds else { return state.items }

        let known = Set(state.items.map(\.id))
        if let unknown = changedItemIds.subtracting(known).sorted().first {
            throw SQLiteStoreError.invalidInstanceState(
                instanceId: instanceId,
                reason: "changed item '\(unknown)' is not among the instance's items; list only ids of state.items")
        }
        return state.items.filter { changedItemIds.contains($0.id) }
    }

    private func upsertInstance(_ instance: InstanceRecord) throws {
        try connection.run(
            """
            INSERT INTO instances (id, name, model_version, status, data, started_at, ended_at,
                parent_item_id, tenant_id, next_seq, revision)
            VALUES (\(bind: instance.id), \(bind: instance.name), \(bind: .integer(Int64(instance.modelVersion))), \
            \(bind: instance.status.rawValue), \(bind: instance.data.jsonText), \
            \(bind: Self.date(instance.startedAt)), \
            \(bind: Self.date(instance.endedAt)), \(bind: .text(instance.parentItemId)), \
            \(bind: .text(instance.tenantId)), \(bind: .integer(Int64(instance.nextSeq))), \
            \(bind: .integer(Int64(instance.revision))))
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, model_version = excluded.model_version, status = excluded.status,
                data = excluded.data, started_at = excluded.started_at, ended_at = excluded.ended_at,
                parent_item_id = excluded.parent_item_id, tenant_id = excluded.tenant_id,
                next_seq = excluded.next_seq, revision = excluded.revision
            """,
            operation: "saving instance '\(instance.id)'")
    }

    /// Writes one item with `sql` (an upsert with one parameter per column of `itemColumns`)
    /// and replaces its candidate users and groups.
    func saveItem(_ item: ItemRecord, instanceId: String, sql: String) throws {
        let values = Self.itemValues(item, instanceId: instanceId)
        try connection.run(
            SQLFragment(sql: sql, bindings: values),
            operation: "saving item '\(item.id)' ('\(item.elementId)') of instance '\(instanceId)'")

        try connection.run(
            "DELETE FROM item_candidates WHERE item_id = \(bind: item.id)",
            operation: "removing the old candidates of item '\(item.id)'")
        let candidates = item.candidateUsers.map { ("user", $0) } + item.candidateGroups.map { ("group", $0) }
        for (kind, name) in candidates {
            try connection.run(
                """
                INSERT OR IGNORE INTO item_candidates (item_id, kind, name)
                VALUES (\(bind: item.id), \(bind: kind), \(bind: name))
                """,
                operation: "saving candidate \(kind) '\(name)' of item '\(item.id)'")
        }
    }

    /// The item upsert, one parameter per column of `itemColumns`, that replaces every column
    /// of an existing item. It is built once, since building the text for every saved item cost
    /// more CPU than SQLite's insert itself.
    static let itemUpsertSQL = itemUpsert(keeping: ["id"])

    /// Returns an item upsert that leaves the `fixed` columns of an existing item as they are.
    static func itemUpsert(keeping fixed: Set<String>) -> String {
        let columns = itemColumns.replacingOccurrences(of: "items.", with: "")
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let updates = names.filter { !fixed.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO items (\(columns)) VALUES (\(placeholders))
            ON CONFLICT (id) DO UPDATE SET \(updates)
            """
    }
}
