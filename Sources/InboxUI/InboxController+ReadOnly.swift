import Foundation

/// Rejecting changes up front in a `--read-only` inbox: the keys and commands that would
/// change data show one message instead of opening a form the engine would reject on submit.
extension InboxController {
    /// Returns false, after showing why, when the inbox is read-only.
    /// - Parameter change: the change as a gerund phrase, such as "claiming tasks".
    func allowsChange(_ change: String) -> Bool {
        guard state.isReadOnly else { return true }
        show(Self.readOnlyMessage(change), kind: .error)
        return false
    }

    /// "The inbox is read-only (--read-only), so claiming tasks is not possible; restart it
    /// without --read-only to make changes."
    static func readOnlyMessage(_ change: String) -> String {
        "The inbox is read-only (--read-only), so \(change) is not possible; "
            + "restart it without --read-only to make changes."
    }
}
