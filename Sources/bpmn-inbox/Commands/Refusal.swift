import WorkflowEngine

/// Errors that exit with status 4 (`ExitStatus.refused`): the access rules or `--read-only`
/// rejected the operation, so retrying as the same user cannot succeed.
enum Refusal {
    static func isRefusal(_ error: EngineError) -> Bool {
        switch error {
        case .accessDenied, .readOnly: return true
        default: return false
        }
    }
}
