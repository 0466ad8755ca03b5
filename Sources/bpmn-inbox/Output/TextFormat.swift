import Foundation
import WorkflowEngine

/// Cell texts for the readable (non-JSON) output.
enum TextFormat {
    private static let localFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    /// Formats a date in the local time zone to the minute, or `-` when absent.
    static func date(_ date: Date?) -> String {
        date.map { localFormatter.string(from: $0) } ?? "-"
    }

    static func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value
    }

    static func list(_ values: [String]) -> String {
        values.isEmpty ? "-" : values.joined(separator: ",")
    }

    /// Formats a JSON value as compact text, and a string without quotes.
    static func json(_ value: JSONValue) -> String {
        if case .null = value { return "-" }
        if let string = value.stringValue { return string }
        return value.jsonText
    }

    /// Returns the count and the noun, singular for a count of 1 and plural otherwise:
    /// `1 receiver`, `0 receivers`, `2 receivers`.
    /// - Parameter plural: the plural form; default the singular with `s` appended.
    static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        let noun = count == 1 ? singular : plural ?? singular + "s"
        return "\(count) \(noun)"
    }

    /// Returns the item's name, or its element id when the model gives no name.
    static func itemName(_ item: ItemRecord) -> String {
        guard let name = item.name, !name.isEmpty else { return item.elementId }
        return name
    }

    /// `end` for completed items, `cancelled` for items ended without completing.
    static func status(_ item: ItemRecord) -> String {
        item.isCancelled ? "cancelled" : item.status.rawValue
    }

    /// Returns the item type without the `bpmn:` prefix.
    static func type(_ item: ItemRecord) -> String {
        item.type.hasPrefix("bpmn:") ? String(item.type.dropFirst(5)) : item.type
    }
}
