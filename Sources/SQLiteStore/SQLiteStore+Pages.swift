import WorkflowEngine

extension SQLiteStore {
    /// Finds one page of instances. Rows come in the order of `findInstances`; with a cursor,
    /// the page starts after the cursor's row. `summary` projection leaves the data out
    /// (`data` is JSON null).
    /// - Throws: as `findInstances`, and `InvalidCursorError` for a cursor of another query.
    public func findInstancePage(_ query: Query, options: FindOptions) throws -> FindPage<InstanceRecord> {
        let columns = options.projection == .summary
            ? Self.instanceColumns.replacingOccurrences(of: "instances.data", with: "'null'")
            : Self.instanceColumns
        let statement = try pageStatement(
            scope: .instances, query: query, options: options, columns: columns, from: "instances")
        return try readPage(statement, options: options, operation: "finding instances", decode: decodeInstance)
    }

    /// Finds one page of items, in the order of `findItems`. `summary` projection leaves out
    /// `vars` and `output` (JSON null).
    /// - Throws: as `findInstancePage`.
    public func findItemPage(_ query: Query, options: FindOptions) throws -> FindPage<ItemRecord> {
        var columns = Self.itemColumns
        if options.projection == .summary {
            columns = columns.replacingOccurrences(of: "items.vars", with: "'null'")
                .replacingOccurrences(of: "items.output", with: "'null'")
        }
        let statement = try pageStatement(
            scope: .items, query: query, options: options, columns: columns,
            from: "items JOIN instances ON instances.id = items.instance_id")
        return try readPage(statement, options: options, operation: "finding items", decode: decodeItem)
    }

    private struct PageStatement {
        var fragment: SQLFragment
        var recordColumns: Int32
        var keyCount: Int
        var fingerprint: String
    }

    private func pageStatement(
        scope: QueryTranslator.Scope, query: Query, options: FindOptions, columns: String, from table: String
    ) throws -> PageStatement {
        let translator = QueryTranslator(scope: scope)
        var condition = try translator.condition(for: query)
        let keys = try translator.orderKeys(for: options.sort)
        let order = SQLFragment.joined(try translator.orderTerms(for: options.sort), separator: ", ")
        let fingerprint = FindCursor.fingerprint(of: [condition, order])

        if let text = options.cursor {
            let cursor = try FindCursor(text: text)
            guard cursor.fingerprint == fingerprint, cursor.keys.count == keys.count else {
                throw InvalidCursorError(cursor: text, reason: "it belongs to another query or sort order")
            }
            condition = .and([condition, cursor.afterCondition(keys)])
        }

        let keyColumns = SQLFragment.joined(keys.map(\.expression), separator: ", ")
        let recordColumns = Int32(columns.split(separator: ",").count)
        let fragment: SQLFragment = """
            SELECT \(raw: columns), \(keyColumns) FROM \(raw: table) WHERE \(condition) \
            ORDER BY \(order)\(try Self.pageLimit(options))
            """
        return PageStatement(fragment: fragment, recordColumns: recordColumns, keyCount: keys.count, fingerprint: fingerprint)
    }

    private func readPage<Record>(
        _ statement: PageStatement, options: FindOptions, operation: String,
        decode: (SQLiteRow) throws -> Record
    ) throws -> FindPage<Record> {
        var lastKeys: [SQLiteValue] = []
        let records = try connection.query(statement.fragment, operation: operation) { row -> Record in
            lastKeys = FindCursor.keys(of: row, from: statement.recordColumns, count: statement.keyCount)
            return try decode(row)
        }

        guard let limit = options.limit, limit > 0, records.count == limit else {
            return FindPage(records: records, nextCursor: nil)
        }
        let cursor = FindCursor(fingerprint: statement.fingerprint, keys: lastKeys)
        return FindPage(records: records, nextCursor: cursor.text)
    }

    private static func pageLimit(_ options: FindOptions) throws -> SQLFragment {
        if let limit = options.limit, limit < 0 {
            throw SQLiteStoreError.invalidFindOptions(option: "limit", value: limit)
        }
        guard options.offset >= 0 else {
            throw SQLiteStoreError.invalidFindOptions(option: "offset", value: options.offset)
        }
        guard options.limit != nil || options.offset > 0 else { return "" }
        return " LIMIT \(bind: .integer(Int64(options.limit ?? -1))) OFFSET \(bind: .integer(Int64(options.offset)))"
    }
}
