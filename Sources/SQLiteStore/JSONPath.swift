/// Builds SQLite JSON path expressions for MongoDB-style dotted paths (`order.lines.0.sku`).
///
/// Each key becomes a quoted label (`$."order"."lines"`) and is bound as a parameter, never
/// spliced into the SQL. A segment of decimal digits is an array index when the value before
/// it is an array and an object key otherwise, as in MongoDB. The choice is made per row
/// with `json_type`.
///
/// NOTE: unlike MongoDB, a path does not descend into every element of an array on its way,
/// so `data.lines.sku` does not look at `lines[*].sku`. Such queries need `$elemMatch`.
enum JSONPath {
    /// Builds the path expression for `dottedPath` after `base`, an SQL text expression
    /// that contains a JSON path, or after the root `$` when `base` is nil.
    /// - Throws: `SQLiteStoreError.unsupportedQuery` for a key containing a double quote,
    ///   which SQLite's JSON paths cannot express.
    static func expression(
        for dottedPath: String, in document: SQLFragment, after base: SQLFragment? = nil, key: String
    ) throws -> SQLFragment {
        var resolved = base
        var pendingLabels = base == nil ? "$" : ""

        for segment in dottedPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard !segment.contains("\"") else {
                throw SQLiteStoreError.unsupportedQuery(
                    key: key, operator: "path", reason: "the key '\(segment)' contains a double quote, "
                        + "which a JSON path in SQLite cannot express; rename the key")
            }
            guard segment.utf8.allSatisfy({ (48...57).contains($0) }), let index = Int(segment) else {
                pendingLabels += ".\"\(segment)\""
                continue
            }

            let prefix = append(pendingLabels, to: resolved)
            resolved = """
                (\(prefix) || CASE json_type(\(document), \(prefix)) WHEN 'array' THEN \(bind: "[\(index)]") \
                ELSE \(bind: ".\"\(segment)\"") END)
                """
            pendingLabels = ""
        }
        return append(pendingLabels, to: resolved)
    }

    private static func append(_ labels: String, to base: SQLFragment?) -> SQLFragment {
        guard let base else { return "\(bind: labels)" }
        return labels.isEmpty ? base : "(\(base) || \(bind: labels))"
    }
}
