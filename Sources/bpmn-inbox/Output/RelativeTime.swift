import Foundation

/// Short descriptions of a time relative to now, such as `in 3m` or `overdue 2h 5m`.
enum RelativeTime {
    /// Describes `date` against `now` in the two largest units of days, hours, minutes and
    /// seconds: `in 45s`, `in 3m 20s`, `in 2d 4h`, `now` within a second, else `overdue 3m`.
    static func describe(_ date: Date, now: Date) -> String {
        let seconds = Int(date.timeIntervalSince(now).rounded())
        if seconds == 0 { return "now" }

        let span = span(abs(seconds))
        return seconds > 0 ? "in \(span)" : "overdue \(span)"
    }

    /// Formats a positive number of seconds as `2d 4h`, `3m 20s` or `45s`.
    private static func span(_ seconds: Int) -> String {
        let units = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var remaining = seconds
        var parts: [String] = []
        for (symbol, size) in units where remaining >= size || !parts.isEmpty {
            parts.append("\(remaining / size)\(symbol)")
            remaining %= size
            if parts.count == 2 { break }
        }
        return parts.filter { !$0.hasPrefix("0") }.joined(separator: " ")
    }
}
