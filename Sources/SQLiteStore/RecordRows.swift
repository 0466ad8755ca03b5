import Foundation
import WorkflowEngine

/// Column lists and row decoders for the record types. Each `select` list matches the
/// column indexes its decoder reads.
extension SQLiteStore {
    static let instanceColumns = """
        instances.id, instances.name, instances.model_version, instances.status, instances.data, \
        instances.started_at, instances.ended_at, instances.parent_item_id, instances.tenant_id, \
        instances.next_seq, instances.revision
        """

    static let itemColumns = """
        items.id, items.instance_id, items.seq, items.element_id, items.name, items.type, \
        items.status, items.token_id, items.item_key, items.user_name, items.started_at, \
        items.ended_at, items.assignee, items.candidate_users, items.candidate_groups, \
        items.due_date, items.follow_up_date, items.priority, items.message_id, items.signal_id, \
        items.time_due, items.vars, items.output, items.status_details
        """

    static let tokenColumns = """
        tokens.instance_id, tokens.id, tokens.kind, tokens.status, tokens.data_path, \
        tokens.parent_token_id, tokens.origin_item_id, tokens.start_node_id, \
        tokens.current_node_id, tokens.current_item_id, tokens.item_key
        """

    func decodeInstance(_ row: SQLiteRow) throws -> InstanceRecord {
        let reader = RowReader(row: row, table: "instances", path: path)
        return InstanceRecord(
            id: try reader.text(0, "id"),
            name: try reader.text(1, "name"),
            modelVersion: row.int(2),
            status: try reader.enumeration(3, "status"),
            data: try reader.json(4, "data"),
            startedAt: try reader.date(5, "started_at"),
            endedAt: try reader.optionalDate(6, "ended_at"),
            parentItemId: row.text(7),
            tenantId: row.text(8),
            nextSeq: row.int(9),
            revision: row.int(10))
    }

    func decodeItem(_ row: SQLiteRow) throws -> ItemRecord {
        let reader = RowReader(row: row, table: "items", path: path)
        var item = ItemRecord(
            id: try reader.text(0, "id"),
            instanceId: try reader.text(1, "instance_id"),
            seq: row.int(2),
            elementId: try reader.text(3, "element_id"),
            name: row.text(4),
            type: try reader.text(5, "type"),
            status: try reader.enumeration(6, "status"),
            tokenId: row.int(7),
            itemKey: row.text(8),
            userName: row.text(9),
            startedAt: try reader.optionalDate(10, "started_at"),
            endedAt: try reader.optionalDate(11, "ended_at"))
        item.assignee = row.text(12)
        item.candidateUsers = try reader.stringArray(13, "candidate_users")
        item.candidateGroups = try reader.stringArray(14, "candidate_groups")
        item.dueDate = try reader.optionalDate(15, "due_date")
        item.followUpDate = try reader.optionalDate(16, "follow_up_date")
        item.priority = try reader.json(17, "priority")
        item.messageId = row.text(18)
        item.signalId = row.text(19)
        item.timeDue = try reader.optionalDate(20, "time_due")
        item.vars = try reader.json(21, "vars")
        item.output = try reader.json(22, "output")
        item.statusDetails = try reader.json(23, "status_details")
        return item
    }

    func decodeToken(_ row: SQLiteRow) throws -> TokenRecord {
        let reader = RowReader(row: row, table: "tokens", path: path)
        return TokenRecord(
            instanceId: try reader.text(0, "instance_id"),
            id: row.int(1),
            kind: try reader.enumeration(2, "kind"),
            status: try reader.enumeration(3, "status"),
            dataPath: try reader.text(4, "data_path"),
            parentTokenId: row.isNull(5) ? nil : row.int(5),
            originItemId: row.text(6),
            startNodeId: try reader.text(7, "start_node_id"),
            currentNodeId: try reader.text(8, "current_node_id"),
            currentItemId: row.text(9),
            itemKey: row.text(10))
    }

    /// Returns the values of the `items` columns in `itemColumns` order, for inserts.
    static func itemValues(_ item: ItemRecord, instanceId: String) -> [SQLiteValue] {
        [
            .text(item.id), .text(instanceId), .integer(Int64(item.seq)), .text(item.elementId),
            .text(item.name), .text(item.type), .text(item.status.rawValue), .integer(Int64(item.tokenId)),
            .text(item.itemKey), .text(item.userName), date(item.startedAt), date(item.endedAt),
            .text(item.assignee), .text(JSONValue.array(item.candidateUsers.map(JSONValue.string)).jsonText),
            .text(JSONValue.array(item.candidateGroups.map(JSONValue.string)).jsonText),
            date(item.dueDate), date(item.followUpDate), .text(item.priority.jsonText), .text(item.messageId),
            .text(item.signalId), date(item.timeDue), .text(item.vars.jsonText), .text(item.output.jsonText),
            .text(item.statusDetails.jsonText),
        ]
    }

    static func date(_ value: Date?) -> SQLiteValue {
        value.map { .text(StoredDate.text(from: $0)) } ?? .null
    }
}

/// Reads typed values from a row and reports a stored value it cannot decode with the
/// table and column, instead of trapping.
private struct RowReader {
    let row: SQLiteRow
    let table: String
    let path: String

    func text(_ column: Int32, _ name: String) throws -> String {
        guard let value = row.text(column) else { throw invalid(name, "NULL") }
        return value
    }

    func date(_ column: Int32, _ name: String) throws -> Date {
        let value = try text(column, name)
        guard let date = StoredDate.date(from: value) else { throw invalid(name, value) }
        return date
    }

    func optionalDate(_ column: Int32, _ name: String) throws -> Date? {
        row.isNull(column) ? nil : try date(column, name)
    }

    func json(_ column: Int32, _ name: String) throws -> JSONValue {
        let value = try text(column, name)
        do {
            return try JSONValue.parse(value)
        } catch {
            throw invalid(name, value)
        }
    }

    func stringArray(_ column: Int32, _ name: String) throws -> [String] {
        let value = try json(column, name)
        guard let array = value.arrayValue else { throw invalid(name, value.jsonText) }
        return try array.map { element in
            guard let string = element.stringValue else { throw invalid(name, value.jsonText) }
            return string
        }
    }

    func enumeration<Value: RawRepresentable>(_ column: Int32, _ name: String) throws -> Value
    where Value.RawValue == String {
        let value = try text(column, name)
        guard let decoded = Value(rawValue: value) else { throw invalid(name, value) }
        return decoded
    }

    private func invalid(_ column: String, _ value: String) -> SQLiteStoreError {
        .invalidStoredValue(path: path, table: table, column: column, value: String(value.prefix(200)))
    }
}
