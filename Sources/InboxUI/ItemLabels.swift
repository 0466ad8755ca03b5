import Foundation
import WorkflowEngine

/// Item names and states as the screen shows them.
enum ItemLabels {
    /// Returns the item's name, else its element id, with the iteration key of a multi-instance
    /// iteration in brackets (`Vote [HR]`).
    static func title(of item: ItemRecord, showingKey: Bool = true) -> String {
        let name = item.name.flatMap { $0.isEmpty ? nil : $0 } ?? item.elementId
        guard showingKey, let key = item.itemKey, !key.isEmpty else { return name }
        return "\(name) [\(key)]"
    }

    /// Returns the error of a failed item, or of a timer whose firing failed and waits for a retry.
    static func failure(of item: ItemRecord) -> String? {
        item.statusDetails["error"]?.stringValue
    }

    /// Returns the number of failed timer firings recorded on the item, 0 when none.
    static func attempts(of item: ItemRecord) -> Int {
        Int(item.statusDetails["attempts"]?.numberValue ?? 0)
    }

    /// Describes the event a waiting item waits for (a message, a signal or a timer), or
    /// returns nil for any other item. Timers read `timer 14:05:10 (in 3m)`, relative to `now`.
    static func awaitedEvent(of item: ItemRecord, now: Date) -> String? {
        if let message = item.messageId { return "message '\(message)'" }
        if let signal = item.signalId { return "signal '\(signal)'" }
        if let due = item.timeDue {
            return "timer \(DisplayFormat.clockTime(due, now: now)) (\(DisplayFormat.relative(due, now: now)))"
        }
        return nil
    }
}
