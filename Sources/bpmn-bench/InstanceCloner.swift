import Foundation

/// Copies instances the engine created (with their items, candidates, tokens and history) many
/// times with SQL, so a benchmark database of 100,000 instances takes seconds instead of
/// minutes of engine calls.
///
/// Copy `n` of template instance `T` gets the id `<first 8 hex digits of n>-<T's id after them>`,
/// item ids `<item id>-<n>`, dates moved `n` minutes into the past and `data.copy = n`. Columns
/// that later migrations add are copied unchanged, because the column lists come from the file.
struct InstanceCloner {
    let database: RawDatabase

    /// Copies instance `templateId` into copies `range` (each copy number must be unique over
    /// all calls for one template). Runs in the caller's transaction.
    /// - Parameter users: when given, copy n's items and history rows name the user
    ///   `user<n mod users>` instead of the template's user, so no one user appears to have
    ///   done everything.
    func copy(instance templateId: String, copies range: ClosedRange<Int>, users: Int? = nil) throws {
        let userName = users.map { "'user' || (n % \($0))" }
        let sequence = "WITH RECURSIVE copy(n) AS (SELECT \(range.lowerBound) UNION ALL SELECT n + 1 FROM copy WHERE n < \(range.upperBound))"
        let newInstance = "printf('%08x', n) || substr(\(quoted(templateId)), 9)"

        try copyRows(
            table: "instances", sequence: sequence, source: "instances", filter: "instances.id = \(quoted(templateId))",
            replacing: [
                "id": newInstance,
                "data": "json_set(data, '$.copy', n)",
                "started_at": shifted("started_at"),
                "ended_at": shifted("ended_at"),
            ])
        try copyRows(
            table: "items", sequence: sequence, source: "items", filter: "items.instance_id = \(quoted(templateId))",
            replacing: [
                "id": "id || '-' || n",
                "instance_id": newInstance,
                "started_at": shifted("started_at"),
                "ended_at": shifted("ended_at"),
                "user_name": userName.map { "CASE WHEN user_name IS NULL THEN NULL ELSE \($0) END" } ?? "user_name",
            ])
        try copyRows(
            table: "item_candidates", sequence: sequence, source: "item_candidates",
            filter: "item_candidates.item_id IN (SELECT id FROM items WHERE instance_id = \(quoted(templateId)))",
            replacing: ["item_id": "item_id || '-' || n"])
        try copyRows(
            table: "tokens", sequence: sequence, source: "tokens", filter: "tokens.instance_id = \(quoted(templateId))",
            replacing: [
                "instance_id": newInstance,
                "current_item_id": "current_item_id || '-' || n",
                "origin_item_id": "origin_item_id || '-' || n",
            ])
        try copyRows(
            table: "history", sequence: sequence, source: "history", filter: "history.instance_id = \(quoted(templateId))",
            replacing: [
                "id": "NULL",
                "instance_id": newInstance,
                "item_id": "item_id || '-' || n",
                "at": shifted("at"),
                "user": userName.map { "CASE WHEN user IS NULL THEN NULL ELSE \($0) END" } ?? "user",
            ])
    }

    private func copyRows(table: String, sequence: String, source: String, filter: String, replacing: [String: String]) throws {
        let columns = try database.columns(of: table)
        let selected = columns.map { column in replacing[column] ?? "\(source).\(column)" }
        try database.execute(
            """
            \(sequence)
            INSERT INTO \(table) (\(columns.joined(separator: ", ")))
            SELECT \(selected.joined(separator: ", ")) FROM \(source), copy WHERE \(filter)
            """)
    }

    /// Returns SQL for a stored date moved `n` minutes into the past, in the store's format
    /// (`2026-12-04T21:56:46.123Z`). NULL stays NULL.
    private func shifted(_ column: String) -> String {
        "CASE WHEN \(column) IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', \(column), '-' || n || ' minutes') END"
    }

    private func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
