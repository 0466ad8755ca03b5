import Foundation
import WorkflowEngine

extension SQLiteStore {
    /// Stores `source` as the next version of the model `name` (1 for a new name), with its
    /// start events. `savedAt` is kept to the millisecond, and the returned record contains
    /// the stored value.
    public func saveModel(
        name: String, source: String, processes: [String], startEvents: [StartEventRecord],
        savedAt: Date
    ) throws -> ModelRecord {
        try writeTransaction {
            let latest = try connection.queryInteger(
                "SELECT COALESCE(MAX(version), 0) FROM models WHERE name = \(bind: name)",
                operation: "finding the latest version of model '\(name)'") ?? 0
            let savedAtText = StoredDate.text(from: savedAt)
            let record = ModelRecord(
                name: name, version: Int(latest) + 1, source: source,
                savedAt: StoredDate.date(from: savedAtText) ?? savedAt, processes: processes,
                startEvents: startEvents)

            let processesText = JSONValue.array(processes.map(JSONValue.string)).jsonText
            try connection.run(
                """
                INSERT INTO models (name, version, source, saved_at, processes)
                VALUES (\(bind: name), \(bind: .integer(Int64(record.version))), \(bind: source), \
                \(bind: savedAtText), \(bind: processesText))
                """,
                operation: "saving model '\(name)'")

            for (position, event) in startEvents.enumerated() {
                try insertStartEvent(event, position: position, model: record)
            }
            return record
        }
    }

    /// Loads the given version of a model, or its newest version when `version` is nil.
    /// Returns nil when there is no such model or version.
    public func model(name: String, version: Int?) throws -> ModelRecord? {
        try readTransaction {
            let versionCondition: SQLFragment = version.map { "version = \(bind: .integer(Int64($0)))" }
                ?? "version = (SELECT MAX(version) FROM models WHERE name = \(bind: name))"
            let found = try connection.query(
                """
                SELECT name, version, source, saved_at, processes FROM models
                WHERE name = \(bind: name) AND \(versionCondition)
                """,
                operation: "loading model '\(name)'"
            ) { row in
                ModelRecord(
                    name: row.text(0) ?? name, version: row.int(1), source: row.text(2) ?? "",
                    savedAt: try storedDate(row.text(3), table: "models", column: "saved_at"),
                    processes: try storedStrings(row.text(4), table: "models", column: "processes"))
            }
            guard var record = found.first else { return nil }

            record.startEvents = try startEvents(of: record)
            return record
        }
    }

    /// Lists the newest version of every model, sorted by name, with the number of running
    /// and of all instances started from any version of it.
    public func listModels() throws -> [ModelSummary] {
        try listModels(reaching: .unrestricted)
    }

    /// Lists the newest version of every model, sorted by name, counting only the instances
    /// of the tenants `scope` reaches: its own tenant's, those without a tenant for a scope
    /// without one, and all for an admin without a tenant. One grouped statement, which
    /// finds each model's instances through the `instances_by_name_status` index.
    public func listModels(reaching scope: AccessScope) throws -> [ModelSummary] {
        let tenant: SQLFragment = scope.seesAllTenants
            ? .alwaysTrue : "instances.tenant_id IS \(bind: .text(scope.tenantId))"
        return try connection.query(
            """
            SELECT models.name, models.version, models.saved_at, models.processes,
                   COALESCE(SUM(instances.status = 'running'), 0), COUNT(instances.id)
            FROM models
            LEFT JOIN instances ON instances.name = models.name AND \(tenant)
            WHERE models.version = (SELECT MAX(latest.version) FROM models AS latest WHERE latest.name = models.name)
            GROUP BY models.name, models.version
            ORDER BY models.name
            """,
            operation: "listing models"
        ) { row in
            ModelSummary(
                name: row.text(0) ?? "", version: row.int(1),
                savedAt: try storedDate(row.text(2), table: "models", column: "saved_at"),
                processes: try storedStrings(row.text(3), table: "models", column: "processes"),
                runningInstances: row.int(4), totalInstances: row.int(5))
        }
    }

    private func insertStartEvent(_ event: StartEventRecord, position: Int, model: ModelRecord) throws {
        try connection.run(
            """
            INSERT INTO model_events (model_name, model_version, position, element_id, name,
                process_id, sub_type, message_name, signal_name)
            VALUES (\(bind: model.name), \(bind: .integer(Int64(model.version))), \
            \(bind: .integer(Int64(position))), \(bind: event.elementId), \(bind: .text(event.name)), \
            \(bind: event.processId), \(bind: event.subType), \(bind: .text(event.messageName)), \
            \(bind: .text(event.signalName)))
            """,
            operation: "saving start event '\(event.elementId)' of model '\(model.name)'")
    }

    private func startEvents(of model: ModelRecord) throws -> [StartEventRecord] {
        try connection.query(
            """
            SELECT element_id, name, process_id, sub_type, message_name, signal_name
            FROM model_events
            WHERE model_name = \(bind: model.name) AND model_version = \(bind: .integer(Int64(model.version)))
            ORDER BY position
            """,
            operation: "loading the start events of model '\(model.name)'"
        ) { row in
            StartEventRecord(
                elementId: row.text(0) ?? "", name: row.text(1), processId: row.text(2) ?? "",
                subType: row.text(3) ?? "none", messageName: row.text(4), signalName: row.text(5))
        }
    }

    func storedDate(_ text: String?, table: String, column: String) throws -> Date {
        guard let text, let date = StoredDate.date(from: text) else {
            throw SQLiteStoreError.invalidStoredValue(path: path, table: table, column: column, value: text ?? "NULL")
        }
        return date
    }

    private func storedStrings(_ text: String?, table: String, column: String) throws -> [String] {
        let invalid = SQLiteStoreError.invalidStoredValue(
            path: path, table: table, column: column, value: text ?? "NULL")
        guard let text, let array = (try? JSONValue.parse(text))?.arrayValue else { throw invalid }
        return try array.map { element in
            guard let string = element.stringValue else { throw invalid }
            return string
        }
    }
}
