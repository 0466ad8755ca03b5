import Foundation
import WorkflowEngine

/// A reason an input's value cannot be sent, shown beside the input.
struct FormInputError: Error, Equatable {
    var message: String
    /// Where a JSON syntax error lies in the input's text, so the editor can move there.
    var position: JSONErrorPosition?

    init(message: String, position: JSONErrorPosition? = nil) {
        self.message = message
        self.position = position
    }
}

extension FormInput {
    /// Checks the value and converts it to JSON.
    /// - Returns: the value to send, or nil when the input is empty (and not required).
    ///   Yes/no inputs always have a value.
    /// - Throws: `FormInputError` naming the value and what is expected.
    func validatedValue() throws -> JSONValue? {
        switch kind {
        case .boolean(let encoding):
            return flag ? encoding.yes : encoding.no
        case .choice(let choices):
            guard let index = choiceIndex, choices.indices.contains(index) else {
                return try emptyValue()
            }
            return .string(choices[index].id)
        default:
            let text = self.text
            guard !text.trimmed.isEmpty else { return try emptyValue() }
            return try convert(text)
        }
    }

    private func emptyValue() throws -> JSONValue? {
        if isRequired { throw FormInputError(message: "required: enter a value") }
        return nil
    }

    private func convert(_ text: String) throws -> JSONValue {
        switch kind {
        case .text:
            try checkLength(text)
            return .string(text)
        case .integer:
            return .number(Double(try checkedInteger(text.trimmed)))
        case .date:
            try checkDate(text.trimmed)
            return .string(text.trimmed)
        case .dateOrDateTime:
            try checkDateOrDateTime(text.trimmed)
            return .string(text.trimmed)
        case .nameList:
            let names = text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            return .array(names.map { .string($0) })
        case .number:
            let trimmed = text.trimmed
            guard let number = Double(trimmed), number.isFinite else {
                throw FormInputError(message: "'\(trimmed)' is not a number; enter one such as 50 (higher is more urgent)")
            }
            return .number(number)
        case .jsonObject:
            return try checkedObject(text)
        case .boolean, .choice:
            return .string(text)
        }
    }

    private func checkLength(_ text: String) throws {
        if let minimumLength, text.count < minimumLength {
            throw FormInputError(message: "needs at least \(DisplayWords.count(minimumLength, "character")), has \(text.count)")
        }
        if let maximumLength, text.count > maximumLength {
            throw FormInputError(message: "allows at most \(DisplayWords.count(maximumLength, "character")), has \(text.count)")
        }
    }

    private func checkedInteger(_ text: String) throws -> Int64 {
        guard let value = Int64(text) else {
            throw FormInputError(message: "'\(text)' is not a whole number")
        }
        if let minimum, Double(value) < minimum {
            throw FormInputError(message: "must be \(JSONValue.number(minimum).jsonText) or more")
        }
        if let maximum, Double(value) > maximum {
            throw FormInputError(message: "must be \(JSONValue.number(maximum).jsonText) or less")
        }
        return value
    }

    private func checkDate(_ text: String) throws {
        guard CalendarDate(text) != nil else {
            throw FormInputError(message: "'\(text)' is not a date; write YYYY-MM-DD")
        }
    }

    private func checkDateOrDateTime(_ text: String) throws {
        if CalendarDate(text) != nil { return }
        let formatter = ISO8601DateFormatter()
        if formatter.date(from: text) != nil { return }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if formatter.date(from: text) != nil { return }
        throw FormInputError(message: "'\(text)' is not a date; write YYYY-MM-DD or 2024-05-01T09:00:00Z")
    }

    private func checkedObject(_ text: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch let error as JSONSyntaxError {
            guard let position = JSONErrorPosition.locate(error, in: text) else {
                throw FormInputError(message: "not valid JSON: \(error.reason)")
            }
            throw FormInputError(
                message: "not valid JSON at line \(position.line), column \(position.column): "
                    + JSONErrorPosition.reasonWithoutOffset(error),
                position: position)
        } catch {
            throw FormInputError(message: "not valid JSON: \(error)")
        }
        guard value.objectValue != nil else {
            throw FormInputError(message: "must be a JSON object such as {\"amount\": 100}")
        }
        return value
    }
}

/// A calendar date written YYYY-MM-DD, checked against the Gregorian calendar.
struct CalendarDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }

        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
