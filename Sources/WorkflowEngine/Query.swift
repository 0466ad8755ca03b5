/// A parsed MongoDB-style query over instances and their items, as bpmn-server accepts it:
/// `{"id": "…", "items.elementId": "task_Buy", "data.caseId": 1003}`.
///
/// Conditions on item fields at one level of a query must all hold for the same item.
/// A query is translated to SQL by the store; it is never evaluated on loaded rows.
public indirect enum Query: Sendable, Equatable {
    case and([Query])
    case or([Query])
    case nor([Query])
    case field(QueryField, FieldPredicate)

    /// The query that matches everything.
    public static let all = Query.and([])
}

/// A field a query may test.
public enum QueryField: Sendable, Equatable, Hashable {
    case instance(InstanceField)
    /// A path inside the instance data (`data.order.total` gives `order.total`).
    case data(String)
    case item(ItemField)

    public enum InstanceField: String, Sendable, CaseIterable {
        case id, name, status, startedAt, endedAt, modelVersion, parentItemId, tenantId
    }

    public enum ItemField: String, Sendable, CaseIterable {
        case id, elementId, name, type, status, itemKey, assignee, candidateUsers
        case candidateGroups, dueDate, followUpDate, priority, startedAt, endedAt, userName
        case messageId, signalId, timeDue, seq, tokenId
    }

    /// The field as written in a query (`items.elementId`, `data.amount`, `status`).
    public var queryKey: String {
        switch self {
        case .instance(let field): return field.rawValue
        case .data(let path): return "data." + path
        case .item(let field): return "items." + field.rawValue
        }
    }

    /// Whether values of the field are dates, so ISO 8601 strings compare as dates.
    public var isDate: Bool {
        switch self {
        case .instance(let field): return field == .startedAt || field == .endedAt
        case .item(let field):
            return [.dueDate, .followUpDate, .startedAt, .endedAt, .timeDue].contains(field)
        case .data: return false
        }
    }
}

/// A test on one field's value.
public indirect enum FieldPredicate: Sendable, Equatable {
    case eq(JSONValue)
    case ne(JSONValue)
    case gt(JSONValue)
    case gte(JSONValue)
    case lt(JSONValue)
    case lte(JSONValue)
    case isIn([JSONValue])
    case notIn([JSONValue])
    case exists(Bool)
    case regex(pattern: String, options: String)
    case not(FieldPredicate)
    /// Several operators on one field (`{"$gt": 1, "$lt": 5}`), all of which must hold.
    case all([FieldPredicate])
    /// `$elemMatch` on an array-valued data path: some element satisfies the sub-query,
    /// whose keys are paths inside the element (or operators on the element itself).
    case elemMatch([(path: String, predicate: FieldPredicate)])

    public static func == (lhs: FieldPredicate, rhs: FieldPredicate) -> Bool {
        switch (lhs, rhs) {
        case let (.eq(a), .eq(b)), let (.ne(a), .ne(b)), let (.gt(a), .gt(b)),
            let (.gte(a), .gte(b)), let (.lt(a), .lt(b)), let (.lte(a), .lte(b)):
            return a == b
        case let (.isIn(a), .isIn(b)), let (.notIn(a), .notIn(b)): return a == b
        case let (.exists(a), .exists(b)): return a == b
        case let (.regex(p1, o1), .regex(p2, o2)): return p1 == p2 && o1 == o2
        case let (.not(a), .not(b)): return a == b
        case let (.all(a), .all(b)): return a == b
        case let (.elemMatch(a), .elemMatch(b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.path == $1.path && $0.predicate == $1.predicate }
        default: return false
        }
    }
}

/// A query that cannot be used, naming the offending key or operator.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case notAnObject(JSONValue)
    case unknownField(String)
    case unknownOperator(key: String, op: String)
    case invalidOperand(key: String, op: String, expected: String)
    case invalidStatus(key: String, value: String, valid: [String])

    static let supportedOperators =
        "$eq $ne $gt $gte $lt $lte $in $nin $exists $regex $options $not $elemMatch $and $or $nor"

    static var supportedFields: String {
        let instance = QueryField.InstanceField.allCases.map(\.rawValue)
        let items = QueryField.ItemField.allCases.map { "items." + $0.rawValue }
        return (instance + ["data.<path>"] + items).joined(separator: ", ")
    }

    public var description: String {
        switch self {
        case .notAnObject(let value):
            return "invalid query \(value.jsonText): a query is a JSON object such as "
                + "{\"items.elementId\": \"task_Buy\"}"
        case .unknownField(let key):
            return "unknown query field '\(key)'; supported fields: \(Self.supportedFields)"
        case let .unknownOperator(key, op):
            return "unknown operator '\(op)' on '\(key)'; supported operators: "
                + Self.supportedOperators
        case let .invalidOperand(key, op, expected):
            return "invalid operand of '\(op)' on '\(key)': expected \(expected)"
        case let .invalidStatus(key, value, valid):
            return "invalid status \(value) on '\(key)'; valid statuses: \(valid.joined(separator: ", "))"
        }
    }
}
