import Foundation

/// Date formats of the panes and forms.
enum DisplayFormat {
    /// Formats ISO 8601 in UTC with seconds (`2024-05-01T09:30:00Z`), as forms prefill and send it.
    static func isoTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Formats the local calendar date (`2024-05-01`).
    static func day(_ date: Date) -> String {
        localString("yyyy-MM-dd", date)
    }

    /// Formats the local month and day (`05-01`) for a date in the year of `now`, else the full
    /// date, for narrow columns.
    static func compactDay(_ date: Date, now: Date = Date()) -> String {
        localString("yyyy", date) == localString("yyyy", now) ? localString("MM-dd", date) : day(date)
    }

    /// Formats the local date and time in minutes (`2024-05-01 09:30`).
    static func minute(_ date: Date) -> String {
        localString("yyyy-MM-dd HH:mm", date)
    }

    /// Formats the local month, day and time (`05-01 09:30`), for narrow columns.
    static func shortMinute(_ date: Date) -> String {
        localString("MM-dd HH:mm", date)
    }

    /// Formats the local time of day with seconds (`14:05:10`) for a date on the local day of
    /// `now`, else the month, day and time (`05-02 14:05`).
    static func clockTime(_ date: Date, now: Date) -> String {
        localString("yyyy-MM-dd", date) == localString("yyyy-MM-dd", now)
            ? localString("HH:mm:ss", date) : shortMinute(date)
    }

    /// Formats how far `date` lies from `now`: `in 3m`, `in 1h05m`, `in 2d04h`, `in 12s`;
    /// `now` within a second; `3m ago` in the past.
    static func relative(_ date: Date, now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        if abs(seconds) < 1 { return "now" }
        let span = duration(abs(seconds))
        return seconds > 0 ? "in " + span : span + " ago"
    }

    /// Formats a clock offset with its sign: `+1h05m`, `-3m20s`, `+2d01h`, `+0s`.
    static func offset(_ seconds: TimeInterval) -> String {
        (seconds < 0 ? "-" : "+") + duration(abs(seconds))
    }

    /// Formats a non-negative number of seconds in its two largest units (`1h05m`, `3m20s`,
    /// `2d04h`), or in seconds below a minute (`45s`). Fractions of a second are dropped.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.down))
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        let rest = total % 60

        if days > 0 { return "\(days)d" + twoDigits(hours) + "h" }
        if hours > 0 { return "\(hours)h" + twoDigits(minutes) + "m" }
        if minutes > 0 { return rest == 0 ? "\(minutes)m" : "\(minutes)m" + twoDigits(rest) + "s" }
        return "\(rest)s"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Formats `date` in the local time zone with a fixed `pattern`. Creating an ICU date
    /// formatter costs far more than using one, and the Tasks pane makes up to three
    /// formatting calls for each of up to 1,000 rows, so the formatters are kept per pattern
    /// and time zone.
    private static func localString(_ pattern: String, _ date: Date) -> String {
        formatterLock.lock()
        defer { formatterLock.unlock() }

        let zone = TimeZone.current
        let key = pattern + "\u{0}" + zone.identifier
        if let formatter = formatters[key] { return formatter.string(from: date) }

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        formatters[key] = formatter
        return formatter.string(from: date)
    }

    /// The formatters of `localString` by pattern and time zone identifier, guarded by
    /// `formatterLock`.
    nonisolated(unsafe) private static var formatters: [String: DateFormatter] = [:]
    private static let formatterLock = NSLock()
}
