import WorkflowEngine

/// A JSON value in the database: the JSON text `document` and the path expression to it.
struct JSONTarget {
    var document: SQLFragment
    var path: SQLFragment

    /// `json_type` of the value: NULL when the path is missing, else 'null', 'true',
    /// 'false', 'integer', 'real', 'text', 'array' or 'object'.
    var type: SQLFragment { "json_type(\(document), \(path))" }
    var value: SQLFragment { "json_extract(\(document), \(path))" }
    var scalar: JSONScalar { JSONScalar(type: type, value: value) }
}

/// A JSON type and SQL value pair: a whole value (`json_type`, `json_extract`) or one
/// array element (`json_each`'s `type` and `value`).
struct JSONScalar {
    var type: SQLFragment
    var value: SQLFragment
}

/// Translates predicates on JSON values with MongoDB's rules:
///
/// - Types never mix: `5` matches the number 5, not the string "5", and `true` matches only
///   true. Numbers compare by value, strings by UTF-8 bytes.
/// - When the value is an array, a test also matches if one element passes it
///   (`{"data.tags": "x"}` matches `["x", "y"]`).
/// - Arrays and objects compare equal when their canonical JSON text is equal (keys
///   sorted, as the store writes them), so key order does not matter.
/// - `null` matches a missing value, JSON null, or an array containing null.
/// - `$exists: true` holds for any present value, JSON null included.
/// - `$gt`, `$gte`, `$lt` and `$lte` take numbers, strings or booleans. With `null`,
///   `$gte`/`$lte` equal `null` and `$gt`/`$lt` match nothing.
///
/// Every condition evaluates to 0 or 1, never NULL, so that `$not`, `$ne` and `$nor` of a
/// test on a missing value are true, as in MongoDB.
struct JSONPredicates {
    let key: String
    let aliases: AliasGenerator

    func condition(_ predicate: FieldPredicate, on target: JSONTarget) throws -> SQLFragment {
        switch predicate {
        case .eq(let operand):
            return valueOrElement(of: target) { equals($0, operand) }
        case .ne(let operand):
            return .not(try condition(.eq(operand), on: target))
        case .gt(let operand):
            return try ordering(">", operand, on: target)
        case .gte(let operand):
            return try ordering(">=", operand, on: target)
        case .lt(let operand):
            return try ordering("<", operand, on: target)
        case .lte(let operand):
            return try ordering("<=", operand, on: target)
        case .isIn(let operands):
            return .or(try operands.map { try condition(.eq($0), on: target) })
        case .notIn(let operands):
            return .not(try condition(.isIn(operands), on: target))
        case .exists(let present):
            return present ? "(\(target.type) IS NOT NULL)" : "(\(target.type) IS NULL)"
        case let .regex(pattern, options):
            try QueryTranslator.validateRegex(pattern, options: options, key: key)
            return valueOrElement(of: target) { scalar in
                "(\(scalar.type) IS 'text' AND regexp(\(bind: pattern), \(scalar.value), \(bind: options)))"
            }
        case .not(let inner):
            return .not(try condition(inner, on: target))
        case .all(let predicates):
            return .and(try predicates.map { try condition($0, on: target) })
        case .elemMatch(let parts):
            return try elementMatch(parts, on: target)
        }
    }

    /// Applies `test` to the whole value, or to any element when the value is an array.
    private func valueOrElement(
        of target: JSONTarget, test: (JSONScalar) throws -> SQLFragment
    ) rethrows -> SQLFragment {
        let whole = try test(target.scalar)
        let alias = aliases.next()
        let element = JSONScalar(type: "\(raw: alias).type", value: "\(raw: alias).value")
        let anyElement: SQLFragment = """
            (\(target.type) IS 'array' AND EXISTS (SELECT 1 FROM json_each(\(target.document), \(target.path)) \
            AS \(raw: alias) WHERE \(try test(element))))
            """
        return .or([whole, anyElement])
    }

    private func equals(_ scalar: JSONScalar, _ operand: JSONValue) -> SQLFragment {
        switch operand {
        case .null:
            return "(\(scalar.type) IS NULL OR \(scalar.type) IS 'null')"
        case .bool(let flag):
            return "(\(scalar.type) IS \(raw: flag ? "'true'" : "'false'"))"
        case .number(let number):
            return "(\(Self.isNumber(scalar)) AND \(scalar.value) = \(bind: .number(number)))"
        case .string(let text):
            return "(\(scalar.type) IS 'text' AND \(scalar.value) = \(bind: text))"
        case .array, .object:
            let type = operand.arrayValue == nil ? "'object'" : "'array'"
            return "(\(scalar.type) IS \(raw: type) AND \(scalar.value) = json(\(bind: operand.jsonText)))"
        }
    }

    private func ordering(_ op: String, _ operand: JSONValue, on target: JSONTarget) throws -> SQLFragment {
        switch operand {
        case .null:
            return op.hasSuffix("=") ? try condition(.eq(.null), on: target) : .alwaysFalse
        case .array, .object:
            throw SQLiteStoreError.unsupportedQuery(
                key: key, operator: Self.operatorName(op),
                reason: "ordering against an array or object is not supported; compare a number, string or date")
        case .bool, .number, .string:
            return valueOrElement(of: target) { compare($0, op, operand) }
        }
    }

    private func compare(_ scalar: JSONScalar, _ op: String, _ operand: JSONValue) -> SQLFragment {
        switch operand {
        case .number(let number):
            return "(\(Self.isNumber(scalar)) AND \(scalar.value) \(raw: op) \(bind: .number(number)))"
        case .string(let text):
            return "(\(scalar.type) IS 'text' AND \(scalar.value) \(raw: op) \(bind: text))"
        case .bool(let flag):
            return """
                ((\(scalar.type) IS 'true' OR \(scalar.type) IS 'false') AND (\(scalar.type) IS 'true') \(raw: op) \
                \(bind: .integer(flag ? 1 : 0)))
                """
        case .null, .array, .object:
            return .alwaysFalse
        }
    }

    /// Translates `$elemMatch`: the value is an array and one element satisfies every part.
    /// A part with an empty path tests the element itself. Other parts test a path inside it.
    private func elementMatch(
        _ parts: [(path: String, predicate: FieldPredicate)], on target: JSONTarget
    ) throws -> SQLFragment {
        let alias = aliases.next()
        let elementPath: SQLFragment = "\(raw: alias).fullkey"

        let conditions = try parts.map { part -> SQLFragment in
            guard !part.path.isEmpty else {
                return try condition(part.predicate, on: JSONTarget(document: target.document, path: elementPath))
            }
            let partKey = key + "." + part.path
            let path = try JSONPath.expression(for: part.path, in: target.document, after: elementPath, key: partKey)
            return try JSONPredicates(key: partKey, aliases: aliases)
                .condition(part.predicate, on: JSONTarget(document: target.document, path: path))
        }
        return """
            (\(target.type) IS 'array' AND EXISTS (SELECT 1 FROM json_each(\(target.document), \(target.path)) \
            AS \(raw: alias) WHERE \(SQLFragment.and(conditions))))
            """
    }

    /// Tests whether the scalar is a number with `IS`, which is never NULL. A NULL (missing)
    /// type would otherwise make `NOT` of the whole condition NULL instead of true.
    private static func isNumber(_ scalar: JSONScalar) -> SQLFragment {
        "(\(scalar.type) IS 'integer' OR \(scalar.type) IS 'real')"
    }

    static func operatorName(_ op: String) -> String {
        switch op {
        case ">": return "$gt"
        case ">=": return "$gte"
        case "<": return "$lt"
        default: return "$lte"
        }
    }
}
