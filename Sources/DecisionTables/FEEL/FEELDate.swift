/// A calendar date in the proleptic Gregorian calendar, years 1 to 9999: the value of FEEL's
/// `date("2024-01-31")`.
struct FEELDate: Sendable, Hashable, Comparable {
    let year: Int
    let month: Int
    let day: Int

    /// Creates a date, or returns nil when the day does not exist (such as February 30).
    init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        guard (1...Self.daysInMonth(month, year: year)).contains(day) else { return nil }

        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; returns nil for any other text.
    init?(iso text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = TemporalText.digits(parts[0]),
            let month = TemporalText.digits(parts[1]),
            let day = TemporalText.digits(parts[2])
        else { return nil }

        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before it).
    var daysSinceEpoch: Int {
        // Count from 1 March of year 0, so that the leap day is the last day of a counted
        // year: each 400-year era then has the same 146097 days.
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let daysFromYearZeroToEpoch = 719_468
        return era * 146_097 + dayOfEra - daysFromYearZeroToEpoch
    }

    /// The date as `YYYY-MM-DD`.
    var isoText: String {
        "\(TemporalText.pad(year, width: 4))-\(TemporalText.pad(month))-\(TemporalText.pad(day))"
    }

    static func < (lhs: FEELDate, rhs: FEELDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeapYear = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeapYear ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

/// A date and a time of day with an optional UTC offset: the value of FEEL's
/// `date and time("2024-01-31T09:30:00+01:00")`.
///
/// A value without an offset is compared as if it were in UTC. FEEL leaves that comparison
/// undefined, and the local zone of the machine that runs a decision is unrelated to its
/// data.
struct FEELDateTime: Sendable, Hashable {
    let date: FEELDate
    let hour: Int
    let minute: Int
    /// Seconds with their fraction, 0 up to but excluding 60.
    let second: Double
    /// Seconds east of UTC; nil when the text gave no offset.
    let utcOffset: Int?

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]`, or a plain date as its
    /// midnight. Returns nil for any other text, including zone names such as `@Europe/Paris`.
    init?(iso text: Substring) {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else {
            guard let date = FEELDate(iso: text) else { return nil }
            self.init(date: date, hour: 0, minute: 0, second: 0, utcOffset: nil)
            return
        }

        guard let date = FEELDate(iso: text[..<separator]),
            let clock = TemporalText.clock(text[text.index(after: separator)...])
        else { return nil }

        self.init(
            date: date, hour: clock.hour, minute: clock.minute, second: clock.second,
            utcOffset: clock.utcOffset)
    }

    init(date: FEELDate, hour: Int, minute: Int, second: Double, utcOffset: Int?) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffset = utcOffset
    }

    /// Seconds since 1970-01-01T00:00:00Z, reading a value without an offset as UTC.
    var secondsSinceEpoch: Double {
        let dayStart = Double(date.daysSinceEpoch) * 86_400
        let timeOfDay = Double(hour * 3_600 + minute * 60) + second
        return dayStart + timeOfDay - Double(utcOffset ?? 0)
    }

    /// The value as ISO 8601 text, such as `2024-01-31T09:30:00+01:00`.
    var isoText: String {
        let wholeSeconds = Int(second)
        var text = "\(date.isoText)T\(TemporalText.pad(hour)):\(TemporalText.pad(minute)):"
        text += TemporalText.pad(wholeSeconds)

        let nanoseconds = min(Int(((second - Double(wholeSeconds)) * 1e9).rounded()), 999_999_999)
        if nanoseconds > 0 {
            var fraction = TemporalText.pad(nanoseconds, width: 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }

        guard let utcOffset else { return text }
        if utcOffset == 0 { return text + "Z" }
        let sign = utcOffset < 0 ? "-" : "+"
        let minutes = abs(utcOffset) / 60
        return text + "\(sign)\(TemporalText.pad(minutes / 60)):\(TemporalText.pad(minutes % 60))"
    }

    static func == (lhs: FEELDateTime, rhs: FEELDateTime) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSinceEpoch)
    }
}

/// Pieces of ISO 8601 text shared by the date and date-time parsers.
enum TemporalText {
    /// Parses ASCII digits only, so that signs, spaces and other numerals are rejected.
    static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func pad(_ value: Int, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Parses `HH:MM[:SS[.fraction]]` followed by an optional `Z`, `+HH:MM` or `-HH:MM`.
    static func clock(_ text: Substring) -> (
        hour: Int, minute: Int, second: Double, utcOffset: Int?
    )? {
        var time = text
        var utcOffset: Int?
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            time = time.dropLast()
            utcOffset = 0
        } else if let signIndex = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let offset = offsetSeconds(time[signIndex...]) else { return nil }
            utcOffset = offset
            time = time[..<signIndex]
        }

        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].count == 2, fields[1].count == 2,
            let hour = digits(fields[0]), let minute = digits(fields[1]),
            hour < 24, minute < 60
        else { return nil }

        var second = 0.0
        if fields.count == 3 {
            guard let parsed = seconds(fields[2]) else { return nil }
            second = parsed
        }
        return (hour, minute, second, utcOffset)
    }

    /// Parses `SS` or `SS.fraction`, below 60.
    private static func seconds(_ text: Substring) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 2, let whole = digits(parts[0]), whole < 60
        else { return nil }

        guard parts.count == 2 else { return Double(whole) }
        guard digits(parts[1]) != nil, let value = Double(text) else { return nil }
        return value
    }

    /// Parses `+HH:MM` or `-HH:MM`, at most 18 hours, into seconds east of UTC.
    private static func offsetSeconds(_ text: Substring) -> Int? {
        let sign = text.first == "-" ? -1 : 1
        let fields = text.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].count == 2, fields[1].count == 2,
            let hours = digits(fields[0]), let minutes = digits(fields[1]),
            minutes < 60, hours * 60 + minutes <= 18 * 60
        else { return nil }

        return sign * (hours * 3_600 + minutes * 60)
    }
}
