import Foundation

/// ISO 8601 dates and durations as models and queries write them.
public enum ISO8601 {
    /// Formats a date as UTC with milliseconds: `2024-05-01T12:00:00.000Z`. Text order of
    /// these strings is time order, which the store relies on.
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        let fraction = Int(milliseconds - Double(seconds) * 1000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min),
            Int(parts.tm_sec), fraction)
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
