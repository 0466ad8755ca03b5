import Foundation
import WorkflowEngine

extension SQLiteStore {
    /// Appends `records` in order. A record without an id gets the next free one. Ids grow
    /// with every append, so id order is append order.
    public func appendHistory(_ records: [HistoryRecord]) throws {
        try writeTransaction {
            for record in records {
                let id: SQLiteValue = record.id.map { .integer($0) } ?? .null
                try connection.run(
                    """
                    INSERT INTO history (id, instance_id, at, user, action, item_id, element_id, data, message)
                    VALUES (\(bind: id), \(bind: record.instanceId), \(bind: Self.date(record.at)), \
                    \(bind: .text(record.user)), \(bind: record.action), \(bind: .text(record.itemId)), \
                    \(bind: .text(record.elementId)), \(bind: record.data.jsonText), \(bind: .text(record.message)))
                    """,
                    operation: "appending '\(record.action)' to the history of instance '\(record.instanceId)'")
            }
        }
    }

    /// Loads the history of one instance in append order (oldest first), with ids.
    public func history(instanceId: String) throws -> [HistoryRecord] {
        try connection.query(
            """
            SELECT id, instance_id, at, user, action, item_id, element_id, data, message
            FROM history WHERE instance_id = \(bind: instanceId) ORDER BY id
            """,
            operation: "loading the history of instance '\(instanceId)'"
        ) { row in
            let dataText = row.text(7) ?? "null"
            guard let data = try? JSONValue.parse(dataText) else {
                throw SQLiteStoreError.invalidStoredValue(path: path, table: "history", column: "data", value: dataText)
            }
            return HistoryRecord(
                id: row.int64(0), instanceId: row.text(1) ?? instanceId,
                at: try storedDate(row.text(2), table: "history", column: "at"), user: row.text(3),
                action: row.text(4) ?? "", itemId: row.text(5), elementId: row.text(6), data: data,
                message: row.text(8))
        }
    }

    /// Returns the value of a key-value setting, or nil when the key is not set.
    public func setting(_ key: String) throws -> String? {
        try connection.query(
            "SELECT value FROM settings WHERE key = \(bind: key)", operation: "reading setting '\(key)'"
        ) { $0.text(0) }.first ?? nil
    }

    /// Sets a setting, or removes it when `value` is nil.
    public func setSetting(_ key: String, value: String?) throws {
        guard let value else {
            try connection.run("DELETE FROM settings WHERE key = \(bind: key)", operation: "removing setting '\(key)'")
            return
        }
        try connection.run(
            """
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
            operation: "writing setting '\(key)'")
    }
}
