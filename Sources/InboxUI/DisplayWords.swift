import WorkflowEngine

/// Counted nouns and status phrases for messages, so a message reads "1 task" and "the
/// instance has ended" instead of "1 tasks" and "the instance is end".
enum DisplayWords {
    /// Returns "1 task", "0 tasks" or "3 tasks"; `plural` defaults to `singular` plus "s".
    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    /// Returns what an instance in `status` does, as a verb phrase: "is running",
    /// "has ended", "has failed" or "was terminated".
    static func phrase(_ status: InstanceStatus) -> String {
        switch status {
        case .running: return "is running"
        case .end: return "has ended"
        case .failed: return "has failed"
        case .terminated: return "was terminated"
        }
    }

    /// Returns the state of an item as a word: "waiting", "ended", "cancelled", "failed".
    static func itemState(_ item: ItemRecord) -> String {
        if item.isCancelled { return "cancelled" }
        switch item.status {
        case .enter: return "entered"
        case .start: return "started"
        case .wait: return "waiting"
        case .end: return "ended"
        case .failed: return "failed"
        }
    }
}
