import WorkflowEngine

extension SQLiteStore {
    /// Returns SQLite's `total_changes()` for this connection: the rows its INSERT, UPDATE and
    /// DELETE statements changed since it opened, including changes later rolled back. Unlike
    /// `dataVersion()`, it moves with this connection's own writes and ignores everyone else's.
    public func ownChangeCount() throws -> Int {
        Int(try connection.queryInteger("SELECT total_changes()", operation: "reading the count of own changes") ?? 0)
    }
}
