import Foundation

/// The `typeRef` of an input or output, as far as evaluation converts values to it.
///
/// Strings, numbers and booleans are converted as the type transformers of Camunda 7's DMN
/// engine convert them, because forms and JSON often carry numbers and booleans as text.
/// So "42" becomes 42 for a number, and "TRUE" becomes true for a boolean. ISO 8601 text
/// becomes a date for `date` and `dateTime`. Null stays null. Other types (`time`,
/// durations, item definitions) leave values unchanged.
enum TypeRef: Equatable {
    case string
    case number
    /// Camunda's `integer` and `long`: numbers without a fraction.
    case wholeNumber
    case boolean
    /// `date` and `dateTime`. Camunda 7 uses `date` for a date and time, so both accept
    /// either; a date stays a date and a date-time stays a date-time.
    case temporal
    case unchecked

    /// Reads a `typeRef` such as `number`, `feel:number` or `Integer`.
    init(_ text: String?) {
        let name = text?.split(separator: ":").last.map { $0.lowercased() } ?? ""

        switch name {
        case "string": self = .string
        case "number", "double", "float", "decimal": self = .number
        case "integer", "long", "int", "short": self = .wholeNumber
        case "boolean": self = .boolean
        case "date", "datetime", "date and time": self = .temporal
        default: self = .unchecked
        }
    }

    /// The kind of value to pass instead of an invalid one, for messages.
    var expectation: String {
        switch self {
        case .string: return "text"
        case .number: return "a number, or text such as \"42.5\""
        case .wholeNumber: return "a whole number, or text such as \"42\""
        case .boolean: return "true or false"
        case .temporal: return "ISO 8601 text such as \"2024-01-31\" or \"2024-01-31T09:30:00Z\""
        case .unchecked: return "another value"
        }
    }

    /// Converts `value` to this type; returns nil when it cannot.
    func convert(_ value: FEELValue) -> FEELValue? {
        if value == .null { return .null }

        switch (self, value) {
        case (.unchecked, _):
            return value
        case (.string, .string):
            return value
        case (.string, .number(let number)):
            return .string(DMNValue.formatNumber(number))
        case (.string, .bool(let flag)):
            return .string(flag ? "true" : "false")
        case (.string, .date(let date)):
            return .string(date.isoText)
        case (.string, .dateTime(let dateTime)):
            return .string(dateTime.isoText)
        case (.number, .number):
            return value
        case (.wholeNumber, .number(let number)):
            return number == number.rounded() ? value : nil
        case (.number, .string(let text)), (.wholeNumber, .string(let text)):
            guard let number = Self.number(from: text) else { return nil }
            return convert(.number(number))
        case (.boolean, .bool):
            return value
        case (.boolean, .string(let text)):
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case (.temporal, .date), (.temporal, .dateTime):
            return value
        case (.temporal, .string(let text)):
            return FEELValue.temporal(fromISO: text)
        default:
            return nil
        }
    }

    /// Parses decimal text such as "42", "-3.5" or "1e3"; rejects hexadecimal, "nan" and
    /// "inf", which `Double` would accept.
    private static func number(from text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let allowed = "0123456789+-.eE"
        guard !trimmed.isEmpty, trimmed.allSatisfy({ allowed.contains($0) }),
            let number = Double(trimmed), number.isFinite
        else { return nil }
        return number
    }
}
