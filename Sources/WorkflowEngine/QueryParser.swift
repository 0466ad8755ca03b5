extension Query {
    /// Parses a MongoDB-style query object.
    /// - Throws: `QueryError` naming the key or operator that cannot be used.
    public static func parse(_ json: JSONValue) throws -> Query {
        guard let object = json.objectValue else { throw QueryError.notAnObject(json) }
        var clauses: [Query] = []
        for key in object.keys.sorted() {
            clauses.append(try parseClause(key: key, value: object[key]!))
        }
        return clauses.count == 1 ? clauses[0] : .and(clauses)
    }

    private static func parseClause(key: String, value: JSONValue) throws -> Query {
        switch key {
        case "$and", "$or", "$nor":
            guard let list = value.arrayValue, !list.isEmpty else {
                throw QueryError.invalidOperand(key: key, op: key, expected: "a non-empty array of queries")
            }
            let parts = try list.map { try parse($0) }
            if key == "$and" { return .and(parts) }
            return key == "$or" ? .or(parts) : .nor(parts)
        default:
            let field = try parseField(key)
            let predicate = try parsePredicate(key: key, value: value)
            try checkStatusValues(field: field, key: key, predicate: predicate)
            return .field(field, predicate)
        }
    }

    /// Rejects a status value no instance or item can have, such as `{"status": "bogus"}`,
    /// which would otherwise match nothing without a hint.
    private static func checkStatusValues(field: QueryField, key: String, predicate: FieldPredicate) throws {
        let valid: [String]
        switch field {
        case .instance(.status): valid = InstanceStatus.allCases.map(\.rawValue)
        case .item(.status): valid = ItemStatus.allCases.map(\.rawValue)
        default: return
        }

        for value in statusOperands(predicate) {
            guard let text = value.stringValue, valid.contains(text) else {
                throw QueryError.invalidStatus(key: key, value: value.jsonText, valid: valid)
            }
        }
    }

    private static func statusOperands(_ predicate: FieldPredicate) -> [JSONValue] {
        switch predicate {
        case .eq(let value), .ne(let value): return value.isNull ? [] : [value]
        case .isIn(let values), .notIn(let values): return values.filter { !$0.isNull }
        case .not(let inner): return statusOperands(inner)
        case .all(let predicates): return predicates.flatMap(statusOperands)
        default: return []
        }
    }

    /// Maps a query key to a field. `id` and `instanceId` name the instance id.
    public static func parseField(_ key: String) throws -> QueryField {
        if key == "instanceId" || key == "items.instanceId" { return .instance(.id) }
        if key.hasPrefix("data.") {
            let path = String(key.dropFirst(5))
            guard !path.isEmpty, !path.split(separator: ".", omittingEmptySubsequences: false).contains("")
            else { throw QueryError.unknownField(key) }
            return .data(path)
        }
        if key.hasPrefix("items.") {
            guard let field = QueryField.ItemField(rawValue: String(key.dropFirst(6))) else {
                throw QueryError.unknownField(key)
            }
            return .item(field)
        }
        guard let field = QueryField.InstanceField(rawValue: key) else {
            throw QueryError.unknownField(key)
        }
        return .instance(field)
    }

    /// Parses the condition on one key: a value (equality) or an operator object.
    /// - Throws: `QueryError` naming `key` and the operator.
    public static func parsePredicate(key: String, value: JSONValue) throws -> FieldPredicate {
        guard let object = value.objectValue, let first = object.keys.first, first.hasPrefix("$")
        else { return .eq(value) }
        var predicates: [FieldPredicate] = []
        for op in object.keys.sorted() where op != "$options" {
            predicates.append(try parseOperator(key: key, op: op, operand: object[op]!, object: object))
        }
        if object.keys.contains("$options"), object["$regex"] == nil {
            throw QueryError.invalidOperand(key: key, op: "$options", expected: "a $regex beside it")
        }
        return predicates.count == 1 ? predicates[0] : .all(predicates)
    }

    private static func parseOperator(
        key: String, op: String, operand: JSONValue, object: [String: JSONValue]
    ) throws -> FieldPredicate {
        switch op {
        case "$eq": return .eq(operand)
        case "$ne": return .ne(operand)
        case "$gt": return .gt(operand)
        case "$gte": return .gte(operand)
        case "$lt": return .lt(operand)
        case "$lte": return .lte(operand)
        case "$in", "$nin":
            guard let list = operand.arrayValue else {
                throw QueryError.invalidOperand(key: key, op: op, expected: "an array")
            }
            return op == "$in" ? .isIn(list) : .notIn(list)
        case "$exists":
            guard let flag = operand.boolValue ?? operand.numberValue.map({ $0 != 0 }) else {
                throw QueryError.invalidOperand(key: key, op: op, expected: "true or false")
            }
            return .exists(flag)
        case "$regex":
            guard let pattern = operand.stringValue else {
                throw QueryError.invalidOperand(key: key, op: op, expected: "a pattern string")
            }
            let options = object["$options"]?.stringValue ?? ""
            if let bad = options.first(where: { !"imsx".contains($0) }) {
                throw QueryError.invalidOperand(
                    key: key, op: "$options", expected: "letters from 'imsx', not '\(bad)'")
            }
            return .regex(pattern: pattern, options: options)
        case "$not":
            guard operand.objectValue?.keys.first?.hasPrefix("$") == true else {
                throw QueryError.invalidOperand(key: key, op: op, expected: "an operator object such as {\"$gt\": 5}")
            }
            return .not(try parsePredicate(key: key, value: operand))
        case "$elemMatch":
            guard let inner = operand.objectValue, !inner.isEmpty else {
                throw QueryError.invalidOperand(key: key, op: op, expected: "a non-empty object")
            }
            if inner.keys.allSatisfy({ $0.hasPrefix("$") }) {
                return .elemMatch([(path: "", predicate: try parsePredicate(key: key, value: operand))])
            }
            let parts = try inner.keys.sorted().map { path -> (path: String, predicate: FieldPredicate) in
                if path.hasPrefix("$") { throw QueryError.unknownOperator(key: key, op: path) }
                return (path: path, predicate: try parsePredicate(key: key + "." + path, value: inner[path]!))
            }
            return .elemMatch(parts)
        default:
            throw QueryError.unknownOperator(key: key, op: op)
        }
    }
}
