import Foundation
import WorkflowEngine

/// The reads and writes of one engine call: the part of an instance a run can change, the
/// ended items a behaviour requests, and a save that writes only what the run changed. Their
/// cost grows with the live part of the instance, not with its history.
extension SQLiteStore {
    /// Loads the instance row, the live part of its tokens and items, and returns nil when
    /// there is no such instance. Tokens: every running or waiting token, token 0 and the
    /// token with the highest id (so the next id is known). Items: every item
    /// that has not ended, and the ended items that a live token names as its current or
    /// origin item. Items are in `seq` order, tokens in id order.
    public func loadRunState(id: String) throws -> InstanceState? {
        try readTransaction {
            guard let instance = try instanceRow(id: id) else { return nil }

            var items = try connection.query(
                """
                SELECT \(raw: Self.itemColumns) FROM items
                WHERE items.instance_id = \(bind: id) AND items.status IN (\(raw: Self.liveItemStatuses))
                ORDER BY items.seq
                """,
                operation: "loading the live items of instance '\(id)'", decode: decodeItem)
            let tokens = try liveTokens(instanceId: id)

            let loaded = Set(items.map(\.id))
            let named = tokens.filter { $0.status == .running || $0.status == .wait }
                .flatMap { [$0.currentItemId, $0.originItemId] }
                .compactMap { $0 }
                .filter { !loaded.contains($0) }
            if !named.isEmpty {
                items += try self.items(ids: Array(Set(named)), instanceId: id)
                items.sort { $0.seq < $1.seq }
            }
            return InstanceState(instance: instance, items: items, tokens: tokens)
        }
    }

    /// The item statuses other than `end`, as SQL text, so a query names every live status and
    /// SQLite reads them through `items_by_instance_status`.
    static let liveItemStatuses = ItemStatus.allCases.filter { $0 != .end }.map { "'\($0.rawValue)'" }
        .joined(separator: ", ")

    /// Reads the running and waiting tokens of an instance, token 0 and the token with the
    /// highest id, in id order.
    private func liveTokens(instanceId: String) throws -> [TokenRecord] {
        let tokens = try connection.query(
            Self.liveTokensQuery(instanceId: instanceId),
            operation: "loading the live tokens of instance '\(instanceId)'", decode: decodeToken)
        return tokens.sorted { $0.id < $1.id }
    }

    /// Returns the query of `liveTokens`. Without `INDEXED BY` SQLite prefers the primary key,
    /// which scans the ended tokens too, because it has no statistics on how many are live.
    static func liveTokensQuery(instanceId: String) -> SQLFragment {
        """
        SELECT \(raw: tokenColumns) FROM tokens INDEXED BY tokens_live_by_instance
        WHERE tokens.instance_id = \(bind: instanceId) AND tokens.status IN ('running', 'wait')
        UNION
        SELECT \(raw: tokenColumns) FROM tokens
        WHERE tokens.instance_id = \(bind: instanceId) AND tokens.id = 0
        UNION
        SELECT * FROM (
            SELECT \(raw: tokenColumns) FROM tokens
            WHERE tokens.instance_id = \(bind: instanceId) ORDER BY tokens.id DESC LIMIT 1)
        """
    }

    /// Reads the tokens of one instance with the given ids, in id order. Ids that name no
    /// token of the instance are left out.
    public func tokens(ids: [Int], instanceId: String) throws -> [TokenRecord] {
        var found: [TokenRecord] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let list = SQLFragment.joined(chunk.map { "\(bind: .integer(Int64($0)))" }, separator: ", ")
            found += try connection.query(
                """
                SELECT \(raw: Self.tokenColumns) FROM tokens
                WHERE tokens.instance_id = \(bind: instanceId) AND tokens.id IN (\(list))
                """,
                operation: "loading \(chunk.count) tokens of instance '\(instanceId)'", decode: decodeToken)
        }
        return found.sorted { $0.id < $1.id }
    }

    /// Reads the tokens of one instance with an id below `id` whose ids are not in
    /// `excludedIds`, in id order.
    public func tokens(instanceId: String, below id: Int, excluding excludedIds: Set<Int>) throws -> [TokenRecord] {
        let tokens = try connection.query(
            """
            SELECT \(raw: Self.tokenColumns) FROM tokens
            WHERE tokens.instance_id = \(bind: instanceId) AND tokens.id < \(bind: .integer(Int64(id)))
            ORDER BY tokens.id
            """,
            operation: "loading the tokens of instance '\(instanceId)'", decode: decodeToken)
        return tokens.filter { !excludedIds.contains($0.id) }
    }

    /// Reads the items of one instance with the given ids, in `seq` order. Ids that name no
    /// item of the instance are left out.
    public func items(ids: [String], instanceId: String) throws -> [ItemRecord] {
        var found: [ItemRecord] = []
        // Chunks stay below SQLite's default limit of 999 parameters in old builds.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let list = SQLFragment.joined(chunk.map { "\(bind: $0)" }, separator: ", ")
            found += try connection.query(
                """
                SELECT \(raw: Self.itemColumns) FROM items
                WHERE items.id IN (\(list)) AND items.instance_id = \(bind: instanceId)
                """,
                operation: "loading \(chunk.count) items of instance '\(instanceId)'", decode: decodeItem)
        }
        return found.sorted { $0.seq < $1.seq }
    }

    /// Reads the items of one instance whose element id is one of `elementIds`, in `seq`
    /// order. SQLite walks the index entries of the instance's items and decodes only the
    /// matches: an index on (element_id, instance_id) would make this lookup short, but it
    /// cost about one more WAL page per commit than the index on element_id alone, because
    /// the random instance ids scatter its entries, and compensation is rare.
    public func items(elementIds: [String], instanceId: String) throws -> [ItemRecord] {
        guard !elementIds.isEmpty else { return [] }
        let list = SQLFragment.joined(elementIds.map { "\(bind: $0)" }, separator: ", ")
        return try connection.query(
            """
            SELECT \(raw: Self.itemColumns) FROM items INDEXED BY items_by_instance_status
            WHERE items.element_id IN (\(list)) AND items.instance_id = \(bind: instanceId)
            ORDER BY items.seq
            """,
            operation: "loading the items of \(elementIds.count) elements of instance '\(instanceId)'",
            decode: decodeItem)
    }

    /// Reads the ended item of type `type` with the highest `seq` below `seq` on token
    /// `tokenId`, or returns nil. The scan walks the instance's ended items backwards from
    /// `seq`, so it is short when the item is recent.
    public func lastEndedItem(ofType type: String, tokenId: Int, before seq: Int, instanceId: String) throws -> ItemRecord? {
        try connection.query(
            """
            SELECT \(raw: Self.itemColumns) FROM items
            WHERE items.instance_id = \(bind: instanceId) AND items.status = 'end'
              AND items.seq < \(bind: .integer(Int64(seq)))
              AND items.token_id = \(bind: .integer(Int64(tokenId))) AND items.type = \(bind: type)
            ORDER BY items.seq DESC LIMIT 1
            """,
            operation: "finding the last '\(type)' item of token \(tokenId) in instance '\(instanceId)'",
            decode: decodeItem
        ).first
    }

    /// Reads the items of one instance with a `seq` below `seq` whose ids are not in
    /// `excludedIds`, in `seq` order.
    public func items(instanceId: String, before seq: Int, excluding excludedIds: Set<String>) throws -> [ItemRecord] {
        let items = try connection.query(
            """
            SELECT \(raw: Self.itemColumns) FROM items
            WHERE items.instance_id = \(bind: instanceId) AND items.seq < \(bind: .integer(Int64(seq)))
            ORDER BY items.seq, items.rowid
            """,
            operation: "loading the items of instance '\(instanceId)'", decode: decodeItem)
        return items.filter { !excludedIds.contains($0.id) }
    }

    /// Writes the instance row, the items whose ids are in `changedItemIds` and the tokens
    /// whose ids are in `changedTokenIds`. Other items and tokens stay as stored, so `state`
    /// may hold only the part of the instance a run loaded. An existing item gets only the
    /// columns a run can change (status, dates, assignment, messages, variables, output and
    /// details), so the indexes on its other columns are not rewritten.
    /// - Throws: `SQLiteStoreError.invalidInstanceState` when a changed id is not among
    ///   `state`'s items or tokens, or an item or token names another instance.
    public func saveInstance(_ state: InstanceState, changedItemIds: Set<String>, changedTokenIds: Set<Int>) throws {
        let instanceId = state.instance.id
        let changedItems = try Self.itemsToSave(state, changedItemIds: changedItemIds)
        let changedTokens = try Self.tokensToSave(state, changedTokenIds: changedTokenIds)

        try writeTransaction {
            try saveInstanceRow(state.instance)
            for item in changedItems {
                try saveItem(item, instanceId: instanceId, sql: Self.itemRunUpsertSQL)
            }
            for token in changedTokens {
                try upsertToken(token)
            }
        }
    }

    private static func tokensToSave(_ state: InstanceState, changedTokenIds: Set<Int>) throws -> [TokenRecord] {
        let instanceId = state.instance.id
        let changed = state.tokens.filter { changedTokenIds.contains($0.id) }
        if let stranger = changed.first(where: { $0.instanceId != instanceId }) {
            throw SQLiteStoreError.invalidInstanceState(
                instanceId: instanceId, reason: "token \(stranger.id) belongs to instance '\(stranger.instanceId)'")
        }
        if changed.count != changedTokenIds.count {
            let known = Set(changed.map(\.id))
            let unknown = changedTokenIds.subtracting(known).sorted().first ?? -1
            throw SQLiteStoreError.invalidInstanceState(
                instanceId: instanceId,
                reason: "changed token \(unknown) is not among the instance's tokens; list only ids of state.tokens")
        }
        return changed
    }

    /// Inserts a new instance row, or updates the columns an engine call can change: status,
    /// data, end time, next sequence number and revision. Name, model version, start time,
    /// parent and tenant keep their stored values, so their indexes are not rewritten.
    private func saveInstanceRow(_ instance: InstanceRecord) throws {
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
                status = excluded.status, data = excluded.data, ended_at = excluded.ended_at,
                next_seq = excluded.next_seq, revision = excluded.revision
            """,
            operation: "saving instance '\(instance.id)'")
    }

    /// The item upsert of an engine call: a new item gets every column, an existing one only
    /// the columns a run changes. Id, instance, seq, element, name, type, token, key, user and
    /// start time are fixed when the item is created.
    static let itemRunUpsertSQL = itemUpsert(keeping: [
        "id", "instance_id", "seq", "element_id", "name", "type", "token_id", "item_key", "user_name", "started_at",
    ])

    /// Inserts the token, or replaces every column of the stored token with the same id.
    func upsertToken(_ token: TokenRecord) throws {
        let parent: SQLiteValue = token.parentTokenId.map { .integer(Int64($0)) } ?? .null
        try connection.run(
            """
            INSERT INTO tokens (instance_id, id, kind, status, data_path, parent_token_id,
                origin_item_id, start_node_id, current_node_id, current_item_id, item_key)
            VALUES (\(bind: token.instanceId), \(bind: .integer(Int64(token.id))), \(bind: token.kind.rawValue), \
            \(bind: token.status.rawValue), \(bind: token.dataPath), \(bind: parent), \
            \(bind: .text(token.originItemId)), \(bind: token.startNodeId), \(bind: token.currentNodeId), \
            \(bind: .text(token.currentItemId)), \(bind: .text(token.itemKey)))
            ON CONFLICT (instance_id, id) DO UPDATE SET
                kind = excluded.kind, status = excluded.status, data_path = excluded.data_path,
                parent_token_id = excluded.parent_token_id, origin_item_id = excluded.origin_item_id,
                start_node_id = excluded.start_node_id, current_node_id = excluded.current_node_id,
                current_item_id = excluded.current_item_id, item_key = excluded.item_key
            """,
            operation: "saving token \(token.id) of instance '\(token.instanceId)'")
    }
}
