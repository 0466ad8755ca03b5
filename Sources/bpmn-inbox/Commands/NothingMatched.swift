import WorkflowEngine

extension ExitStatus {
    /// Nothing matched: no instance or item for the query (a message no one received also
    /// exits with 3).
    static let nothingMatched: Int32 = 3
}

extension EngineError {
    /// Whether the error reports that a query matched nothing, which exits with status 3.
    var meansNothingMatched: Bool {
        switch self {
        case .noMatchingItem, .instanceNotFound, .noFailedItem: return true
        default: return false
        }
    }
}
