import Foundation
import WorkflowEngine

extension SQLiteStore {
    // MARK: Models

    /// Lists every version of the model `name`, oldest first, with the instances started
    /// from each version.
    public func modelVersions(name: String) throws -> [ModelVersionSummary] {
        try modelVersions(name: name, reaching: .unrestricted)
    }

    /// Lists every version of the model `name`, or of every model when `name` is nil, sorted
    /// by name and version. The counts include only the instances of the tenants `scope`
    /// reaches, by the same rule as `listModels(reaching:)`. One grouped statement, which
    /// finds each version's instances through the `instances_by_name_status` index.
    public func modelVersions(name: String?, reaching scope: AccessScope) throws -> [ModelVersionSummary] {
        let tenant: SQLFragment = scope.seesAllTenants
            ? .alwaysTrue : "instances.tenant_id IS \(bind: .text(scope.tenantId))"
        let model: SQLFragment = name.map { "models.name = \(bind: $0)" } ?? .alwaysTrue
        return try connection.query(
            """
            SELECT models.name, models.version, models.saved_at,
                   COALESCE(SUM(instances.status = 'running'), 0), COUNT(instances.id)
            FROM models
            LEFT JOIN instances ON instances.name = models.name AND instances.model_version = models.version
                AND \(tenant)
            WHERE \(model)
            GROUP BY models.name, models.version
            ORDER BY models.name, models.version
            """,
            operation: name.map { "listing the versions of model '\($0)'" } ?? "listing the versions of the models"
        ) { row in
            ModelVersionSummary(
                name: row.text(0) ?? "", version: row.int(1),
                savedAt: try storedDate(row.text(2), table: "models", column: "saved_at"),
                runningInstances: row.int(3), totalInstances: row.int(4))
        }
    }

    /// Returns the start events of the newest version of every model, by model name and
    /// position in the model.
    public func latestStartEvents() throws -> [(model: String, version: Int, event: StartEventRecord)] {
        try connection.query(
            """
            SELECT model_events.model_name, model_events.model_version, element_id, name, process_id,
                   sub_type, message_name, signal_name
            FROM model_events
            WHERE model_version = (SELECT MAX(version) FROM models WHERE models.name = model_events.model_name)
            ORDER BY model_events.model_name, position
            """,
            operation: "listing the start events of the models"
        ) { row in
            let event = StartEventRecord(
                elementId: row.text(2) ?? "", name: row.text(3), processId: row.text(4) ?? "",
                subType: row.text(5) ?? "none", messageName: row.text(6), signalName: row.text(7))
            return (model: row.text(0) ?? "", version: row.int(1), event: event)
        }
    }

    /// Removes every version of a model with its start events. Instances are kept.
    public func deleteModel(name: String) throws -> Int {
        try writeTransaction {
            let count = try connection.queryInteger(
                "SELECT COUNT(*) FROM models WHERE name = \(bind: name)", operation: "counting model '\(name)'") ?? 0
            try connection.run("DELETE FROM models WHERE name = \(bind: name)", operation: "deleting model '\(name)'")
            return Int(count)
        }
    }

    /// Renames every version of a model, its start events and the instances started from it.
    /// The caller checks that `newName` is free.
    public func renameModel(name: String, to newName: String) throws {
        try writeTransaction {
            let operation = "renaming model '\(name)' to '\(newName)'"
            try connection.run(
                """
                INSERT INTO models (name, version, source, saved_at, processes)
                SELECT \(bind: newName), version, source, saved_at, processes FROM models WHERE name = \(bind: name)
                """,
                operation: operation)
            try connection.run(
                "UPDATE model_events SET model_name = \(bind: newName) WHERE model_name = \(bind: name)",
                operation: operation)
            try connection.run("DELETE FROM models WHERE name = \(bind: name)", operation: operation)
            try connection.run(
                "UPDATE instances SET name = \(bind: newName) WHERE name = \(bind: name)", operation: operation)
        }
    }

    // MARK: Instances

    /// Removes instances. Items, candidates, tokens, history and save points go with them
    /// through `ON DELETE CASCADE`.
    public func deleteInstances(ids: [String]) throws -> Int {
        try writeTransaction {
            var removed = 0
            for id in ids {
                removed += Int(
                    try connection.queryInteger(
                        "SELECT COUNT(*) FROM instances WHERE id = \(bind: id)", operation: "finding instance '\(id)'") ?? 0)
                try connection.run("DELETE FROM history WHERE instance_id = \(bind: id)", operation: "deleting the history of '\(id)'")
                try connection.run("DELETE FROM instances WHERE id = \(bind: id)", operation: "deleting instance '\(id)'")
            }
            return removed
        }
    }

    /// Returns up to `limit` instance ids that start with `prefix`, sorted.
    public func instanceIds(withPrefix prefix: String, limit: Int) throws -> [String] {
        try connection.query(
            """
            SELECT id FROM instances WHERE substr(id, 1, \(bind: .integer(Int64(prefix.count)))) = \(bind: prefix)
            ORDER BY id LIMIT \(bind: .integer(Int64(limit)))
            """,
            operation: "finding instances whose id starts with '\(prefix)'"
        ) { $0.text(0) ?? "" }
    }

    /// Removes items of one instance with their candidate rows.
    public func removeItems(ids: [String], instanceId: String) throws {
        try writeTransaction {
            for id in ids {
                try connection.run(
                    "DELETE FROM items WHERE id = \(bind: id) AND instance_id = \(bind: instanceId)",
                    operation: "removing item '\(id)' of instance '\(instanceId)'")
            }
        }
    }

    // MARK: Save points

    /// Loads the earliest save point of the instance that contains `itemId`: its items and
    /// tokens as they were then, and the instance row as it is now.
    public func savePoint(instanceId: String, containing itemId: String) throws -> InstanceState? {
        try readTransaction {
            guard
                let revision = try connection.queryInteger(
                    """
                    SELECT MIN(revision) FROM save_point_items
                    WHERE instance_id = \(bind: instanceId) AND id = \(bind: itemId) HAVING COUNT(*) > 0
                    """,
                    operation: "finding the save point of item '\(itemId)'"),
                let current = try loadInstance(id: instanceId)
            else { return nil }

            let items = try connection.query(
                """
                SELECT \(raw: Self.itemColumns) FROM save_point_items AS items
                WHERE items.instance_id = \(bind: instanceId) AND items.revision = \(bind: .integer(revision))
                ORDER BY items.seq
                """,
                operation: "loading the save point items of instance '\(instanceId)'", decode: decodeItem)
            let tokens = try connection.query(
                """
                SELECT \(raw: Self.tokenColumns) FROM save_point_tokens AS tokens
                WHERE tokens.instance_id = \(bind: instanceId) AND tokens.revision = \(bind: .integer(revision))
                ORDER BY tokens.id
                """,
                operation: "loading the save point tokens of instance '\(instanceId)'", decode: decodeToken)
            return InstanceState(instance: current.instance, items: items, tokens: tokens)
        }
    }

    // MARK: Change feed

    /// Returns history rows of every instance with an id above `afterId`, oldest first.
    public func historyRows(after afterId: Int64, limit: Int) throws -> [HistoryRecord] {
        try connection.query(
            """
            SELECT id, instance_id, at, user, action, item_id, element_id, data, message
            FROM history WHERE id > \(bind: .integer(afterId)) ORDER BY id LIMIT \(bind: .integer(Int64(limit)))
            """,
            operation: "reading the history after row \(afterId)"
        ) { row in
            let dataText = row.text(7) ?? "null"
            guard let data = try? JSONValue.parse(dataText) else {
                throw SQLiteStoreError.invalidStoredValue(path: path, table: "history", column: "data", value: dataText)
            }
            return HistoryRecord(
                id: row.int64(0), instanceId: row.text(1) ?? "",
                at: try storedDate(row.text(2), table: "history", column: "at"), user: row.text(3),
                action: row.text(4) ?? "", itemId: row.text(5), elementId: row.text(6), data: data,
                message: row.text(8))
        }
    }

    public func lastHistoryId() throws -> Int64 {
        try connection.queryInteger("SELECT COALESCE(MAX(id), 0) FROM history", operation: "reading the last history id") ?? 0
    }

    public func changeCounter() throws -> Int {
        try dataVersion()
    }

    public func instancesWithDeferredWork(limit: Int) throws -> [String] {
        try connection.query(
            """
            SELECT instances.id FROM instances
            WHERE instances.status = 'running'
              AND EXISTS (SELECT 1 FROM tokens WHERE tokens.instance_id = instances.id AND tokens.status = 'running')
            ORDER BY instances.started_at, instances.id LIMIT \(bind: .integer(Int64(limit)))
            """,
            operation: "finding instances with deferred work"
        ) { $0.text(0) ?? "" }
    }
}
