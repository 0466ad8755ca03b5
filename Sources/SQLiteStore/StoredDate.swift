import Foundation

/// Dates as the store writes them: UTC ISO 8601 text with milliseconds
/// (`2024-05-01T12:00:00.000Z`), so that text order is time order.
///
/// Times are rounded to whole milliseconds. Only years 0000...9999 round-trip. Other years
/// break text order and cannot be read back.
enum StoredDate {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Formats `date` as stored text, rounded to the millisecond.
    static func text(from date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let timeOfDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = civilDate(fromDays: days)

        let hour = timeOfDay / 3_600_000
        let minute = timeOfDay / 60_000 % 60
        let second = timeOfDay / 1000 % 60
        let millisecond = timeOfDay % 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":"
            + pad(minute, 2) + ":" + pad(second, 2) + "." + pad(millisecond, 3) + "Z"
    }

    /// Parses ISO 8601 text: a date (`2024-05-01`, midnight UTC) or a date and time with
    /// optional seconds, fraction and zone (`Z`, `+02:00`, `+0200`, `+02`). A time without a
    /// zone is UTC. Returns nil for anything else, including impossible dates.
    static func date(from text: String) -> Date? {
        var scanner = DateScanner(bytes: Array(text.utf8))
        guard let milliseconds = scanner.scanTimestamp(), scanner.isAtEnd else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Converts any text `date(from:)` accepts to the stored form, or returns nil.
    static func normalized(_ text: String) -> String? {
        date(from: text).map(self.text(from:))
    }

    /// Converts a proleptic Gregorian date to days since 1970-01-01.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Converts days since 1970-01-01 to a proleptic Gregorian date. It is the inverse of
    /// `days(year:month:day:)`.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads the parts of an ISO 8601 timestamp from UTF-8 bytes.
private struct DateScanner {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    /// Scans a whole timestamp and returns milliseconds since 1970 in UTC, or nil when the
    /// text is not a valid timestamp.
    mutating func scanTimestamp() -> Int64? {
        guard let year = scanDigits(4), scan("-"), let month = scanDigits(2), scan("-"),
            let day = scanDigits(2), (1...12).contains(month),
            (1...StoredDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var milliseconds = StoredDate.days(year: year, month: month, day: day) * 86_400_000
        if isAtEnd { return milliseconds }

        guard scan("T") || scan("t") || scan(" "), let timeOfDay = scanTimeOfDay() else { return nil }
        milliseconds += timeOfDay
        if isAtEnd { return milliseconds }

        guard let offset = scanZoneOffset() else { return nil }
        return milliseconds - offset
    }

    /// Scans `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` (any number of fraction digits, rounded
    /// to ms) and returns milliseconds since midnight.
    private mutating func scanTimeOfDay() -> Int64? {
        guard let hour = scanDigits(2), scan(":"), let minute = scanDigits(2), hour < 24, minute < 60
        else { return nil }
        var milliseconds = (hour * 60 + minute) * 60_000
        guard scan(":") else { return milliseconds }

        guard let second = scanDigits(2), second < 60 else { return nil }
        milliseconds += second * 1000
        guard scan(".") || scan(",") else { return milliseconds }

        let fractionStart = index
        var fraction = 0.0
        var scale = 0.1
        while let digit = peekDigit() {
            fraction += Double(digit) * scale
            scale /= 10
            index += 1
        }
        guard index > fractionStart else { return nil }
        return milliseconds + Int64((fraction * 1000).rounded())
    }

    /// Scans the zone's offset from UTC in milliseconds (`Z`, `±HH:MM`, `±HHMM`, `±HH`).
    private mutating func scanZoneOffset() -> Int64? {
        if scan("Z") || scan("z") { return isAtEnd ? 0 : nil }
        let sign: Int64
        if scan("+") {
            sign = 1
        } else if scan("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = scanDigits(2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if scan(":") || !isAtEnd {
            guard let scanned = scanDigits(2), scanned < 60 else { return nil }
            minutes = scanned
        }
        guard isAtEnd else { return nil }
        return sign * (hours * 60 + minutes) * 60_000
    }

    private mutating func scan(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    private mutating func scanDigits(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = peekDigit() else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return value
    }

    private func peekDigit() -> Int64? {
        guard index < bytes.count, (48...57).contains(bytes[index]) else { return nil }
        return Int64(bytes[index] - 48)
    }
}
