import ProcessDiagram
import WorkflowEngine

/// Converting the engine's items to the diagram's traces, for the inbox, `diagram`, the
/// tour and `replay`.
public enum DiagramTraces {
    /// Returns one trace per item. A waiting item whose last firing failed (a timer that the
    /// worker retries later, with the error in `statusDetails`) is traced as failed, so the
    /// drawing shows `✗` from the first failed attempt, not only once it is an incident.
    public static func traces(_ items: [ItemRecord]) -> [ItemTrace] {
        items.map { item in
            ItemTrace(elementId: item.elementId, type: item.type, status: hasFailedAttempt(item) ? "failed" : item.status.rawValue)
        }
    }

    /// Returns whether the item waits for a retry after a failed attempt.
    public static func hasFailedAttempt(_ item: ItemRecord) -> Bool {
        guard item.status == .wait, case .object(let details) = item.statusDetails, let error = details["error"] else { return false }
        return error != .null
    }
}
