import WorkflowEngine

extension SQLiteStore {
    /// Finds the instances matching `query`. Item conditions of one AND level must hold for
    /// one item. Without sort keys, the order is by start time, and ties are broken by id.
    /// - Throws: `SQLiteStoreError.unsupportedQuery`, `.invalidDateOperand`,
    ///   `.invalidRegex` or `.invalidFindOptions`, naming the key or option.
    public func findInstances(_ query: Query, options: FindOptions) throws -> [InstanceRecord] {
        let translator = QueryTranslator(scope: .instances)
        let condition = try translator.condition(for: query)
        let order = SQLFragment.joined(try translator.orderTerms(for: options.sort), separator: ", ")
        let paging = try Self.pagingClause(options)

        return try connection.query(
            "SELECT \(raw: Self.instanceColumns) FROM instances WHERE \(condition) ORDER BY \(order)\(paging)",
            operation: "finding instances", decode: decodeInstance)
    }

    /// Finds the items matching `query`. Instance and data conditions test the item's
    /// instance. Without sort keys, the order is by instance start time, then by `seq`.
    /// - Throws: as `findInstances`.
    public func findItems(_ query: Query, options: FindOptions) throws -> [ItemRecord] {
        let translator = QueryTranslator(scope: .items)
        let condition = try translator.condition(for: query)
        let order = SQLFragment.joined(try translator.orderTerms(for: options.sort), separator: ", ")
        let paging = try Self.pagingClause(options)

        return try connection.query(
            """
            SELECT \(raw: Self.itemColumns) FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(condition) ORDER BY \(order)\(paging)
            """,
            operation: "finding items", decode: decodeItem)
    }

    /// Counts the instances matching `query`.
    public func countInstances(_ query: Query) throws -> Int {
        let condition = try QueryTranslator(scope: .instances).condition(for: query)
        let count = try connection.queryInteger(
            "SELECT COUNT(*) FROM instances WHERE \(condition)", operation: "counting instances")
        return Int(count ?? 0)
    }

    private static func pagingClause(_ options: FindOptions) throws -> SQLFragment {
        if let limit = options.limit, limit < 0 {
            throw SQLiteStoreError.invalidFindOptions(option: "limit", value: limit)
        }
        guard options.offset >= 0 else {
            throw SQLiteStoreError.invalidFindOptions(option: "offset", value: options.offset)
        }

        guard options.limit != nil || options.offset > 0 else { return "" }
        // SQLite accepts OFFSET only after LIMIT, and a negative limit means no limit.
        let limit = Int64(options.limit ?? -1)
        return " LIMIT \(bind: .integer(limit)) OFFSET \(bind: .integer(Int64(options.offset)))"
    }
}
