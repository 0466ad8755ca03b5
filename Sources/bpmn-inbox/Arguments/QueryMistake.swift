import SQLiteStore

/// Errors the store raises for a query or cursor that the user typed wrong. The parser cannot
/// find them because they show only when the query is translated to SQL, but they are
/// command-line mistakes all the same, so they exit with status 2 and the usage line.
enum QueryMistake {
    /// Returns the usage error for `error` when it comes from a mistyped query, cursor or
    /// paging value of `command`; nil for every other error.
    static func usageError(for error: Error, command: CommandSpec) -> UsageError? {
        if let cursorError = error as? InvalidCursorError {
            return UsageError(cursorError.description, command: command)
        }

        guard let storeError = error as? SQLiteStoreError else { return nil }
        switch storeError {
        case .invalidRegex, .invalidDateOperand:
            return UsageError(storeError.description, command: command)
        default:
            return nil
        }
    }
}
