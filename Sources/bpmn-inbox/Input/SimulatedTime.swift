import Foundation
import WorkflowEngine

/// Reads the value of `--now`: the time a simulated clock shows when the command starts.
enum SimulatedTime {
    /// Parses an ISO 8601 date-time such as `2030-01-01T09:00:00Z`, taken as UTC when it has
    /// no zone. Otherwise parses a signed duration from `realNow` (`+PT2H`, `-P1D`), where a
    /// duration without a sign counts forward.
    /// - Throws: `UsageError` that quotes the text and shows both forms.
    static func parse(_ text: String, realNow: Date = Date()) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)

        if let date = ISO8601.parseDate(trimmed) {
            return date
        }

        var duration = Substring(trimmed)
        var sign: Double = 1
        if duration.hasPrefix("+") {
            duration = duration.dropFirst()
        } else if duration.hasPrefix("-") {
            duration = duration.dropFirst()
            sign = -1
        }
        guard let shifted = ISO8601.add(duration: String(duration), to: realNow) else {
            throw UsageError(
                "invalid time '\(text)' for '\(Options.now.name)'; give an ISO 8601 date-time such as "
                    + "2030-01-01T09:00:00Z, or a duration from now such as +PT2H or -P1D")
        }
        return realNow.addingTimeInterval(sign * shifted.timeIntervalSince(realNow))
    }
}
