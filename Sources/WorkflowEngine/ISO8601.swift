import Foundation

/// ISO 8601 dates and durations as models and queries write them.
public enum ISO8601 {
    /// Formats a date as UTC with milliseconds: `2024-05-01T12:00:00.000Z`. Text order of
    /// these strings is time order, which the store relies on. The time is rounded to the
    /// nearest millisecond. Years before 1 or after 9999 print as `%04d` would (`-001`, `10000`).
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        let fraction = Int64(milliseconds - Double(seconds) * 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let civil = CivilDate(daysSince1970: days)

        var text = ""
        text.reserveCapacity(24)
        appendPadded(civil.year, width: 4, to: &text)
        text.append("-")
        appendPadded(civil.month, width: 2, to: &text)
        text.append("-")
        appendPadded(civil.day, width: 2, to: &text)
        text.append("T")
        appendPadded(secondOfDay / 3600, width: 2, to: &text)
        text.append(":")
        appendPadded(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(":")
        appendPadded(secondOfDay % 60, width: 2, to: &text)
        text.append(".")
        appendPadded(fraction, width: 3, to: &text)
        text.append("Z")
        return text
    }

    /// Returns the quotient rounded towards minus infinity and the non-negative remainder.
    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        if remainder < 0 { return (value / divisor - 1, remainder + divisor) }
        return (value / divisor, remainder)
    }

    /// Appends `value` in decimal, zero-padded to `width` characters with the sign counted,
    /// as `printf`'s `%0*d` does.
    private static func appendPadded(_ value: Int64, width: Int, to text: inout String) {
        let digits = String(value.magnitude)
        let padding = width - digits.utf8.count - (value < 0 ? 1 : 0)
        if value < 0 { text.append("-") }
        if padding > 0 { text.append(String(repeating: "0", count: padding)) }
        text.append(digits)
    }

    /// A proleptic Gregorian calendar date, computed from a day count with integer arithmetic.
    private struct CivilDate {
        var year: Int64
        var month: Int64
        var day: Int64

        /// Converts days since 1970-01-01 by counting 400-year eras of 146,097 days that start
        /// on 1 March, so that the leap day falls at the end of each era year.
        init(daysSince1970: Int64) {
            let shifted = daysSince1970 + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let marchMonth = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
            month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }
    }

    /// Parses `2024-05-01`, `2024-05-01T12:00`, `2024-05-01T12:00:00(.fff)(Z|±hh:mm)`.
    /// A date or time without a zone is taken as UTC. Returns nil for anything else.
    public static func parseDate(_ text: String) -> Date? {
        let scanner = DateScanner(text.trimmingCharacters(in: .whitespaces))
        return scanner.parse()
    }

    /// Parses a duration `PnYnMnWnDTnHnMnS` (fractions allowed on the last unit) and adds it
    /// to `date` in UTC calendar arithmetic (months and years by the calendar).
    /// Returns nil when `text` is not a duration.
    public static func add(duration text: String, to date: Date) -> Date? {
        guard let components = parseDuration(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var whole = DateComponents()
        whole.year = components.years
        whole.month = components.months
        whole.day = components.days + components.weeks * 7
        guard let shifted = calendar.date(byAdding: whole, to: date) else { return nil }
        return shifted.addingTimeInterval(components.seconds)
    }

    struct DurationParts {
        var years = 0, months = 0, weeks = 0, days = 0
        /// Hours, minutes and seconds together, in seconds.
        var seconds: Double = 0
    }

    static func parseDuration(_ raw: String) -> DurationParts? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces).uppercased())
        guard text.hasPrefix("P"), text.count > 1 else { return nil }
        text = text.dropFirst()
        var parts = DurationParts()
        var inTime = false
        var number = ""
        var sawUnit = false
        for character in text {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            sawUnit = true
            switch (character, inTime) {
            case ("Y", false): parts.years = Int(value)
            case ("M", false): parts.months = Int(value)
            case ("W", false): parts.weeks = Int(value)
            case ("D", false): parts.days = Int(value)
            case ("H", true): parts.seconds += value * 3600
            case ("M", true): parts.seconds += value * 60
            case ("S", true): parts.seconds += value
            default: return nil
            }
        }
        return number.isEmpty && sawUnit ? parts : nil
    }
}

/// A strict reader for the ISO 8601 forms `ISO8601.parseDate` accepts.
private struct DateScanner {
    let characters: [Character]

    init(_ text: String) {
        characters = Array(text)
    }

    func parse() -> Date? {
        var index = 0
        guard let year = digits(&index, 4), expect(&index, "-"), let month = digits(&index, 2),
            expect(&index, "-"), let day = digits(&index, 2), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if index < characters.count, characters[index] == "T" || characters[index] == " " {
            index += 1
            guard let h = digits(&index, 2), expect(&index, ":"), let m = digits(&index, 2) else { return nil }
            hour = h
            minute = m
            if index < characters.count, characters[index] == ":" {
                index += 1
                guard let s = digits(&index, 2) else { return nil }
                second = s
                if index < characters.count, characters[index] == "." {
                    index += 1
                    let start = index
                    while index < characters.count, characters[index].isNumber { index += 1 }
                    guard index > start, let value = Double("0." + String(characters[start..<index])) else {
                        return nil
                    }
                    fraction = value
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            if index < characters.count {
                if characters[index] == "Z" {
                    index += 1
                } else if characters[index] == "+" || characters[index] == "-" {
                    let sign = characters[index] == "-" ? -1 : 1
                    index += 1
                    guard let oh = digits(&index, 2) else { return nil }
                    _ = expect(&index, ":")
                    guard let om = digits(&index, 2) else { return nil }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                }
            }
        }
        guard index == characters.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let base = calendar.date(from: components),
            calendar.component(.day, from: base) == day
        else { return nil }
        return base.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    private func digits(_ index: inout Int, _ count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        let slice = characters[index..<index + count]
        guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else {
            return nil
        }
        index += count
        return value
    }

    private func expect(_ index: inout Int, _ character: Character) -> Bool {
        guard index < characters.count, characters[index] == character else { return false }
        index += 1
        return true
    }
}
