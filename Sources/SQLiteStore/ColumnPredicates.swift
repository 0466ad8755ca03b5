import WorkflowEngine

/// Translates predicates on a plain column with MongoDB's typed comparisons: a text column
/// matches only string operands, an integer column only numbers, and a date column takes ISO
/// 8601 strings, which are normalised to the stored form first. An operand of another type
/// matches nothing (so `$ne` and `$nin` match everything). `null` matches a NULL column,
/// and `$exists: true` means NOT NULL.
struct ColumnPredicates {
    let column: String
    let kind: FieldStorage.ColumnKind
    let key: String

    func condition(_ predicate: FieldPredicate) throws -> SQLFragment {
        switch predicate {
        case .eq(let operand):
            return try equals(operand)
        case .ne(let operand):
            return .not(try equals(operand))
        case .gt(let operand):
            return try ordering(">", operand)
        case .gte(let operand):
            return try ordering(">=", operand)
        case .lt(let operand):
            return try ordering("<", operand)
        case .lte(let operand):
            return try ordering("<=", operand)
        case .isIn(let operands):
            return .or(try operands.map(equals))
        case .notIn(let operands):
            return .not(.or(try operands.map(equals)))
        case .exists(let present):
            return present ? "(\(raw: column) IS NOT NULL)" : "(\(raw: column) IS NULL)"
        case let .regex(pattern, options):
            try QueryTranslator.validateRegex(pattern, options: options, key: key)
            guard kind != .integer else { return .alwaysFalse }
            return "regexp(\(bind: pattern), \(raw: column), \(bind: options))"
        case .not(let inner):
            return .not(try condition(inner))
        case .all(let predicates):
            return .and(try predicates.map(condition))
        case .elemMatch:
            // A scalar column is never an array, so no element can match.
            return .alwaysFalse
        }
    }

    private func equals(_ operand: JSONValue) throws -> SQLFragment {
        if operand.isNull { return "(\(raw: column) IS NULL)" }
        guard let value = try bindable(operand) else { return .alwaysFalse }
        return "(\(raw: column) IS \(bind: value))"
    }

    private func ordering(_ op: String, _ operand: JSONValue) throws -> SQLFragment {
        if operand.isNull { return op.hasSuffix("=") ? "(\(raw: column) IS NULL)" : .alwaysFalse }
        if operand.arrayValue != nil || operand.objectValue != nil {
            throw SQLiteStoreError.unsupportedQuery(
                key: key, operator: JSONPredicates.operatorName(op),
                reason: "ordering against an array or object is not supported; compare a number, string or date")
        }
        guard let value = try bindable(operand) else { return .alwaysFalse }
        return "(\(raw: column) IS NOT NULL AND \(raw: column) \(raw: op) \(bind: value))"
    }

    /// Converts the operand to a value of the column's type. Returns nil when its type
    /// cannot match.
    /// - Throws: `SQLiteStoreError.invalidDateOperand` for a date column and an operand that
    ///   is not an ISO 8601 string.
    private func bindable(_ operand: JSONValue) throws -> SQLiteValue? {
        switch (kind, operand) {
        case (.text, .string(let text)):
            return .text(text)
        case (.integer, .number(let number)):
            return .number(number)
        case (.date, .string(let text)):
            guard let stored = StoredDate.normalized(text) else {
                throw SQLiteStoreError.invalidDateOperand(key: key, value: operand.jsonText)
            }
            return .text(stored)
        case (.date, _):
            throw SQLiteStoreError.invalidDateOperand(key: key, value: operand.jsonText)
        default:
            return nil
        }
    }
}
