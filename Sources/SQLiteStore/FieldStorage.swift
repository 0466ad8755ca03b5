import WorkflowEngine

/// The column or JSON value that stores a query field.
enum FieldStorage {
    /// A plain column. Its `kind` decides which operands can match it.
    case column(String, ColumnKind)
    /// A JSON value: `document` is a JSON text column and `path` the JSON path in it.
    case json(document: String, path: String)
    /// A data path inside `instances.data` (dot-separated, as written after `data.`).
    case dataPath(String)
    /// A candidate user or group list: the JSON array column for exact tests, the
    /// `item_candidates` rows of `kind` for indexed membership tests.
    case candidates(kind: String, document: String)

    enum ColumnKind {
        case text, integer, date
    }
}

extension QueryField {
    var storage: FieldStorage {
        switch self {
        case .instance(let field): return Self.storage(of: field)
        case .data(let path): return .dataPath(path)
        case .item(let field): return Self.storage(of: field)
        }
    }

    private static func storage(of field: InstanceField) -> FieldStorage {
        switch field {
        case .id: return .column("instances.id", .text)
        case .name: return .column("instances.name", .text)
        case .status: return .column("instances.status", .text)
        case .startedAt: return .column("instances.started_at", .date)
        case .endedAt: return .column("instances.ended_at", .date)
        case .modelVersion: return .column("instances.model_version", .integer)
        case .parentItemId: return .column("instances.parent_item_id", .text)
        case .tenantId: return .column("instances.tenant_id", .text)
        }
    }

    private static func storage(of field: ItemField) -> FieldStorage {
        switch field {
        case .id: return .column("items.id", .text)
        case .elementId: return .column("items.element_id", .text)
        case .name: return .column("items.name", .text)
        case .type: return .column("items.type", .text)
        case .status: return .column("items.status", .text)
        case .itemKey: return .column("items.item_key", .text)
        case .assignee: return .column("items.assignee", .text)
        case .userName: return .column("items.user_name", .text)
        case .messageId: return .column("items.message_id", .text)
        case .signalId: return .column("items.signal_id", .text)
        case .dueDate: return .column("items.due_date", .date)
        case .followUpDate: return .column("items.follow_up_date", .date)
        case .startedAt: return .column("items.started_at", .date)
        case .endedAt: return .column("items.ended_at", .date)
        case .timeDue: return .column("items.time_due", .date)
        case .seq: return .column("items.seq", .integer)
        case .tokenId: return .column("items.token_id", .integer)
        case .priority: return .json(document: "items.priority", path: "$")
        case .candidateUsers: return .candidates(kind: "user", document: "items.candidate_users")
        case .candidateGroups: return .candidates(kind: "group", document: "items.candidate_groups")
        }
    }
}
