import Foundation
import WorkflowEngine

/// Translates a `Query` and sort keys to SQL over `instances` (for `findInstances` and
/// `countInstances`) or over `items JOIN instances` (for `findItems`). Every user value,
/// JSON paths included, is bound as a parameter.
///
/// Over instances, the item conditions of one AND level (explicit `$and` included) go into
/// one subquery on `items`, so they must all hold for the same item. Each `$or` and `$nor`
/// branch groups its own item conditions. Over items, item conditions test the returned item and the other
/// conditions test its instance.
struct QueryTranslator {
    enum Scope {
        case instances, items
    }

    let scope: Scope
    let aliases = AliasGenerator()

    /// Translates `query` to an SQL condition.
    /// - Throws: `SQLiteStoreError.unsupportedQuery`, `.invalidDateOperand`, `.invalidRegex`,
    ///   each naming the query key.
    func condition(for query: Query) throws -> SQLFragment {
        switch scope {
        case .instances: return try instanceLevel([query])
        case .items: return try itemCondition(query)
        }
    }

    /// Returns the ORDER BY terms for `sort`, followed by terms that make the order total.
    /// - Throws: `SQLiteStoreError.unsupportedQuery` for array fields, and for item fields
    ///   when sorting instances.
    func orderTerms(for sort: [(key: QueryField, ascending: Bool)]) throws -> [SQLFragment] {
        try orderKeys(for: sort).map { key in
            key.ascending ? "\(key.expression) ASC" : "\(key.expression) DESC"
        }
    }

    /// Returns the sort expressions with their directions, in ORDER BY order, ending with the
    /// terms that make the order total (the row ids). Cursor paging compares these.
    func orderKeys(for sort: [(key: QueryField, ascending: Bool)]) throws -> [(expression: SQLFragment, ascending: Bool)] {
        var keys: [(expression: SQLFragment, ascending: Bool)] = []
        for (field, ascending) in sort {
            keys += try sortExpressions(for: field).map { (expression: $0, ascending: ascending) }
        }

        var tieBreakers: [SQLFragment] = []
        switch scope {
        case .instances:
            if sort.isEmpty { tieBreakers.append("instances.started_at") }
            tieBreakers.append("instances.id")
        case .items:
            if sort.isEmpty { tieBreakers.append("instances.started_at") }
            tieBreakers += ["items.instance_id", "items.seq", "items.id"]
        }
        return keys + tieBreakers.map { (expression: $0, ascending: true) }
    }

    /// Rejects a pattern NSRegularExpression cannot compile, before any SQL runs.
    static func validateRegex(_ pattern: String, options: String, key: String) throws {
        do {
            _ = try SQLiteRegexFunction.compile(pattern: pattern, options: options)
        } catch {
            throw SQLiteStoreError.invalidRegex(
                key: key, pattern: pattern, reason: "not a valid ICU regular expression")
        }
    }

    // MARK: Conditions

    /// Translates the conjunction of `parts` over instances and puts the item conditions of
    /// this level into one subquery.
    private func instanceLevel(_ parts: [Query]) throws -> SQLFragment {
        var conditions: [SQLFragment] = []
        var itemConditions: [SQLFragment] = []

        for part in Self.flattened(parts) {
            switch part {
            case .field(.item(let field), let predicate):
                itemConditions.append(try fieldCondition(.item(field), predicate))
            case .field(let field, let predicate):
                conditions.append(try fieldCondition(field, predicate))
            case .or(let branches):
                conditions.append(.or(try branches.map { try instanceLevel([$0]) }))
            case .nor(let branches):
                conditions.append(.not(.or(try branches.map { try instanceLevel([$0]) })))
            case .and(let inner):
                conditions.append(try instanceLevel(inner))
            }
        }

        // An uncorrelated IN runs the item search once. With a correlated EXISTS, SQLite
        // scanned every item with a matching element id once per instance.
        if !itemConditions.isEmpty {
            conditions.append(
                "instances.id IN (SELECT items.instance_id FROM items WHERE \(SQLFragment.and(itemConditions)))")
        }
        return .and(conditions)
    }

    private func itemCondition(_ query: Query) throws -> SQLFragment {
        switch query {
        case .and(let parts): return .and(try parts.map(itemCondition))
        case .or(let branches): return .or(try branches.map(itemCondition))
        case .nor(let branches): return .not(.or(try branches.map(itemCondition)))
        case let .field(field, predicate): return try fieldCondition(field, predicate)
        }
    }

    private func fieldCondition(_ field: QueryField, _ predicate: FieldPredicate) throws -> SQLFragment {
        let key = field.queryKey
        switch field.storage {
        case let .column(column, kind):
            return try ColumnPredicates(column: column, kind: kind, key: key).condition(predicate)
        case let .json(document, path):
            let target = JSONTarget(document: "\(raw: document)", path: "\(bind: path)")
            return try JSONPredicates(key: key, aliases: aliases).condition(predicate, on: target)
        case .dataPath(let path):
            let target = try dataTarget(path, key: key)
            return try JSONPredicates(key: key, aliases: aliases).condition(predicate, on: target)
        case let .candidates(kind, document):
            return try candidateCondition(predicate, kind: kind, document: document, key: key)
        }
    }

    /// Translates a test on candidate users or groups. Membership of strings (`"alice"`,
    /// `$in`) uses the indexed `item_candidates` rows. Other tests use the JSON array column.
    private func candidateCondition(
        _ predicate: FieldPredicate, kind: String, document: String, key: String
    ) throws -> SQLFragment {
        switch predicate {
        case .eq(.string(let name)):
            return """
                items.id IN (SELECT item_id FROM item_candidates WHERE kind = \(bind: kind) AND name = \(bind: name))
                """
        case .isIn(let operands) where !operands.isEmpty && operands.allSatisfy({ $0.stringValue != nil }):
            let names = SQLFragment.joined(operands.map { "\(bind: .text($0.stringValue))" }, separator: ", ")
            return "items.id IN (SELECT item_id FROM item_candidates WHERE kind = \(bind: kind) AND name IN (\(names)))"
        case .ne(let operand):
            return .not(try candidateCondition(.eq(operand), kind: kind, document: document, key: key))
        case .notIn(let operands):
            return .not(try candidateCondition(.isIn(operands), kind: kind, document: document, key: key))
        case .not(let inner):
            return .not(try candidateCondition(inner, kind: kind, document: document, key: key))
        case .all(let predicates):
            return .and(try predicates.map { try candidateCondition($0, kind: kind, document: document, key: key) })
        default:
            let target = JSONTarget(document: "\(raw: document)", path: "'$'")
            return try JSONPredicates(key: key, aliases: aliases).condition(predicate, on: target)
        }
    }

    private func dataTarget(_ path: String, key: String) throws -> JSONTarget {
        let document: SQLFragment = "instances.data"
        return JSONTarget(document: document, path: try JSONPath.expression(for: path, in: document, key: key))
    }

    // MARK: Sorting

    /// Returns the expressions to sort by `field`. A JSON value sorts by type first, in MongoDB's
    /// order (missing and null, numbers, strings, objects, arrays, booleans), then by value.
    private func sortExpressions(for field: QueryField) throws -> [SQLFragment] {
        let key = field.queryKey
        if case .item = field, scope == .instances {
            throw SQLiteStoreError.unsupportedQuery(
                key: key, operator: "sort",
                reason: "instances cannot be sorted by an item field; sort by an instance field or a data path")
        }

        switch field.storage {
        case .column(let column, _):
            return ["\(raw: column)"]
        case let .json(document, path):
            return Self.jsonSortExpressions(JSONTarget(document: "\(raw: document)", path: "\(bind: path)"))
        case .dataPath(let path):
            return Self.jsonSortExpressions(try dataTarget(path, key: key))
        case .candidates:
            throw SQLiteStoreError.unsupportedQuery(
                key: key, operator: "sort", reason: "an array field cannot be a sort key")
        }
    }

    private static func jsonSortExpressions(_ target: JSONTarget) -> [SQLFragment] {
        let typeRank: SQLFragment = """
            CASE \(target.type) WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 \
            WHEN 'object' THEN 3 WHEN 'array' THEN 4 WHEN 'false' THEN 5 WHEN 'true' THEN 5 ELSE 0 END
            """
        return [typeRank, target.value]
    }

    /// Returns the parts with nested `.and` queries inlined, since AND is associative.
    private static func flattened(_ parts: [Query]) -> [Query] {
        parts.flatMap { part -> [Query] in
            if case .and(let inner) = part { return flattened(inner) }
            return [part]
        }
    }
}

/// Unique table aliases (`e1`, `e2`, …) for the `json_each` subqueries of one statement.
final class AliasGenerator {
    private var count = 0

    func next() -> String {
        count += 1
        return "e\(count)"
    }
}
