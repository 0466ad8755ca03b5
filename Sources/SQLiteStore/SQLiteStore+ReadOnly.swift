import WorkflowEngine

extension SQLiteStore {
    /// Makes SQLite reject every write on this connection (`PRAGMA query_only`), behind the
    /// engine's own `EngineOptions.readOnly` check, so that no code path can change the file.
    /// A rejected write fails with `SQLiteStoreError.statementFailed` (SQLite code 8,
    /// SQLITE_READONLY). Other connections to the file are not affected.
    public func rejectWrites() throws {
        try connection.execute("PRAGMA query_only = ON", operation: "making the connection read-only")
    }
}
