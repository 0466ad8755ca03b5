import WorkflowEngine

extension SQLiteStore {
    /// The maximum number of ids one statement of `instances(ids:)` binds, well under SQLite's limit of
    /// 32,766 host parameters (3.32 and later).
    static let instanceIdsPerStatement = 500

    /// Reads the instance rows with the given ids, without their items and tokens, in chunks of
    /// `instanceIdsPerStatement` ids. Unknown ids are left out; a repeated id gives one record.
    /// - Throws: `SQLiteStoreError.invalidStoredValue` for a row that cannot be decoded.
    public func instances(ids: [String]) throws -> [InstanceRecord] {
        let unique = Array(Set(ids))
        var records: [InstanceRecord] = []
        records.reserveCapacity(unique.count)

        var start = unique.startIndex
        while start < unique.endIndex {
            let end = min(start + Self.instanceIdsPerStatement, unique.endIndex)
            let list = SQLFragment.joined(unique[start..<end].map { "\(bind: $0)" }, separator: ", ")
            records += try connection.query(
                "SELECT \(raw: Self.instanceColumns) FROM instances WHERE instances.id IN (\(list))",
                operation: "reading \(end - start) instances by id", decode: decodeInstance)
            start = end
        }
        return records
    }
}
