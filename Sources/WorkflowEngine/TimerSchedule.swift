import BPMNModel
import Foundation

extension TimerDefinition {
    /// The value that decides the schedule, with its element name (`timeDate`, `timeDuration`,
    /// `timeCycle`), checked in that order; nil when the definition has none.
    var scheduleValue: (kind: String, text: String)? {
        if let timeDate { return ("timeDate", timeDate) }
        if let timeDuration { return ("timeDuration", timeDuration) }
        if let timeCycle { return ("timeCycle", timeCycle) }
        return nil
    }
}

extension FlowNode {
    /// The node's timer event definition, if it has one.
    var timerDefinition: TimerDefinition? {
        for definition in eventDefinitions {
            if case .timer(let timer) = definition { return timer }
        }
        return nil
    }
}

/// When a timer fires: parsed from a `timeDate`, `timeDuration` or `timeCycle` value.
enum TimerSchedule: Equatable {
    /// Once, at a fixed time.
    case date(Date)
    /// Once, this long after the timer is armed.
    case duration(String)
    /// Every `interval`, `count` times (nil: without end), the first at `start` or one
    /// interval after arming.
    case cycle(count: Int?, start: Date?, interval: String)
    /// At every time the cron expression matches, without end.
    case cron(CronExpression)

    /// Parses a timer value. `kind` is `timeDate`, `timeDuration` or `timeCycle`; cron
    /// expressions (five or six fields) are accepted in each, as bpmn-server does.
    /// - Returns: nil when the value matches none of the accepted forms.
    static func parse(_ raw: String, kind: String) -> TimerSchedule? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let cron = CronExpression(text) { return .cron(cron) }
        if kind == "timeDate" { return ISO8601.parseDate(text).map(TimerSchedule.date) }
        if ISO8601.parseDuration(text) != nil, !text.uppercased().hasPrefix("R") { return .duration(text) }
        return parseCycle(text)
    }

    /// `R3/PT1S`, `R/PT1S`, `R2/2030-01-01T00:00:00Z/PT1H`, and the `R3P2D` form some
    /// bpmn-server models use.
    private static func parseCycle(_ text: String) -> TimerSchedule? {
        guard text.uppercased().hasPrefix("R") else { return nil }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, let p = text.firstIndex(where: { $0 == "P" || $0 == "p" }) {
            parts = [String(text[..<p]), String(text[p...])]
        }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let countText = parts[0].dropFirst()
        var count: Int?
        if !countText.isEmpty {
            guard let value = Int(countText), value > 0 else { return nil }
            count = value
        }
        let interval = parts[parts.count - 1]
        guard ISO8601.parseDuration(interval) != nil else { return nil }
        var start: Date?
        if parts.count == 3 {
            guard let date = ISO8601.parseDate(parts[1]) else { return nil }
            start = date
        }
        return .cycle(count: count, start: start, interval: interval)
    }

    /// Returns the first due time after arming at `now`.
    func firstDue(after now: Date) -> Date? {
        switch self {
        case .date(let date): return date
        case .duration(let text): return ISO8601.add(duration: text, to: now)
        case .cycle(_, let start, let interval): return start ?? ISO8601.add(duration: interval, to: now)
        case .cron(let cron): return cron.next(after: now)
        }
    }

    /// Returns the due time after a firing that was due at `previous`, or nil when the schedule is
    /// done. `firings` counts the firings so far, this one included.
    func nextDue(after previous: Date, firings: Int) -> Date? {
        switch self {
        case .date, .duration:
            return nil
        case .cycle(let count, _, let interval):
            if let count, firings >= count { return nil }
            return ISO8601.add(duration: interval, to: previous)
        case .cron(let cron):
            return cron.next(after: previous)
        }
    }

    var repeats: Bool {
        switch self {
        case .date, .duration: return false
        case .cycle, .cron: return true
        }
    }
}

/// A cron expression with five fields (minute hour day-of-month month day-of-week) or six
/// (second first). Fields accept `*`, numbers, lists `a,b`, ranges `a-b` and steps `*/n`,
/// `a-b/n`. Times are UTC. Day-of-week 0 and 7 are Sunday.
struct CronExpression: Equatable {
    let seconds: Set<Int>
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    init?(_ text: String) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 || fields.count == 6 else { return nil }
        let withSeconds = fields.count == 6 ? fields : ["0"] + fields
        guard let seconds = Self.field(withSeconds[0], 0...59), let minutes = Self.field(withSeconds[1], 0...59),
            let hours = Self.field(withSeconds[2], 0...23), let days = Self.field(withSeconds[3], 1...31),
            let months = Self.field(withSeconds[4], 1...12), var weekdays = Self.field(withSeconds[5], 0...7)
        else { return nil }
        if weekdays.contains(7) { weekdays.insert(0) }
        weekdays.remove(7)
        self.seconds = seconds
        self.minutes = minutes
        self.hours = hours
        self.days = days
        self.months = months
        self.weekdays = weekdays
        daysRestricted = withSeconds[3] != "*" && withSeconds[3] != "?"
        weekdaysRestricted = withSeconds[5] != "*" && withSeconds[5] != "?"
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>) -> Set<Int>? {
        var values: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return nil }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { return nil }
                step = value
            }
            let base = String(pieces[0])
            var low = range.lowerBound
            var high = range.upperBound
            if base != "*" && base != "?" {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, let first = Int(bounds[0]), range.contains(first) else { return nil }
                low = first
                high = pieces.count == 2 && bounds.count == 1 ? range.upperBound : first
                if bounds.count == 2 {
                    guard let last = Int(bounds[1]), range.contains(last), last >= first else { return nil }
                    high = last
                }
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values.isEmpty ? nil : values
    }

    /// Returns the first matching second strictly after `date`, searching at most four years ahead.
    func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 + 1).rounded(.down))
        let limit = date.addingTimeInterval(4 * 366 * 86_400)
        while candidate <= limit {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: candidate)
            guard let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
                let second = parts.second, let weekday = parts.weekday
            else { return nil }
            if !months.contains(month) {
                candidate = calendar.date(byAdding: .month, value: 1, to: startOfMonth(candidate, calendar))!
                continue
            }
            if !dayMatches(day: day, weekday: weekday - 1) {
                candidate = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: candidate))!
                continue
            }
            if !hours.contains(hour) {
                candidate = calendar.date(byAdding: .hour, value: 1, to: truncate(candidate, to: 3600))!
                continue
            }
            if !minutes.contains(minute) {
                candidate = calendar.date(byAdding: .minute, value: 1, to: truncate(candidate, to: 60))!
                continue
            }
            if !seconds.contains(second) {
                candidate = candidate.addingTimeInterval(1)
                continue
            }
            return candidate
        }
        return nil
    }

    /// Cron's rule: when both day fields are restricted, either one matching is enough.
    private func dayMatches(day: Int, weekday: Int) -> Bool {
        if daysRestricted && weekdaysRestricted { return days.contains(day) || weekdays.contains(weekday) }
        return days.contains(day) && weekdays.contains(weekday)
    }

    private func truncate(_ date: Date, to seconds: Double) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }

    private func startOfMonth(_ date: Date, _ calendar: Calendar) -> Date {
        calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
    }
}

/// Reads a timer value the way the engine does, for callers that show or check schedules.
public enum TimerScheduleProbe {
    /// Returns the first due time of `value` (a `timeDate`, `timeDuration` or `timeCycle` as given by
    /// `kind`) armed at `now`, or nil when the value cannot be read.
    public static func firstDue(_ value: String, kind: String, now: Date) -> Date? {
        TimerSchedule.parse(value, kind: kind)?.firstDue(after: now)
    }
}
