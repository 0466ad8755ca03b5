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
        localFormatter("yyyy-MM-dd").string(from: date)
    }

    /// Formats the local month and day (`05-01`) for a date in the year of `now`, else the full
    /// date, for narrow columns.
    static func compactDay(_ date: Date, now: Date = Date()) -> String {
        let year = localFormatter("yyyy")
        return year.string(from: date) == year.string(from: now) ? localFormatter("MM-dd").string(from: date) : day(date)
    }

    /// Formats the local date and time in minutes (`2024-05-01 09:30`).
    static func minute(_ date: Date) -> String {
        localFormatter("yyyy-MM-dd HH:mm").string(from: date)
    }

    /// Formats the local month, day and time (`05-01 09:30`), for narrow columns.
    static func shortMinute(_ date: Date) -> String {
        localFormatter("MM-dd HH:mm").string(from: date)
    }

    private static func localFormatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = pattern
        return formatter
    }
}
