/// A value during FEEL evaluation: a `DMNValue` plus the temporal types that FEEL adds.
enum FEELValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(FEELDate)
    case dateTime(FEELDateTime)
    case list([FEELValue])
    case context([String: FEELValue])

    init(_ value: DMNValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .list(elements.map(FEELValue.init))
        case .object(let members): self = .context(members.mapValues(FEELValue.init))
        }
    }

    /// The value as a `DMNValue`; dates and date-times become ISO 8601 strings.
    var dmnValue: DMNValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .date(let date): return .string(date.isoText)
        case .dateTime(let dateTime): return .string(dateTime.isoText)
        case .list(let elements): return .array(elements.map(\.dmnValue))
        case .context(let members): return .object(members.mapValues(\.dmnValue))
        }
    }

    /// Parses ISO 8601 text as a date when it has no time part, else as a date and time.
    static func temporal(fromISO text: String) -> FEELValue? {
        let characters = Substring(text)
        if !characters.contains(where: { $0 == "T" || $0 == "t" }),
            let date = FEELDate(iso: characters)
        {
            return .date(date)
        }
        return FEELDateTime(iso: characters).map(FEELValue.dateTime)
    }

    var isTemporal: Bool {
        switch self {
        case .date, .dateTime: return true
        default: return false
        }
    }
}

/// FEEL's equality and ordering, shared by unary tests and aggregation.
///
/// One extension to FEEL: a string compared with a date or date-time is read as ISO 8601 text,
/// because decision inputs arrive as JSON, which has no date type.
enum FEELComparison {
    /// Returns whether two values are equal. Values of different kinds are unequal, and null
    /// equals only null. Numbers compare by value, so `5` equals `5.0`.
    static func areEqual(_ lhs: FEELValue, _ rhs: FEELValue) -> Bool {
        let (left, right) = readingStringsAsTemporal(lhs, rhs)

        switch (left, right) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.number(let a), .number(let b)):
            return a == b
        case (.string(let a), .string(let b)):
            return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { areEqual($0, $1) }
        case (.context(let a), .context(let b)):
            return a.count == b.count
                && a.allSatisfy { key, value in b[key].map { areEqual(value, $0) } ?? false }
        default:
            return left.isTemporal && right.isTemporal && order(left, right) == 0
        }
    }

    /// Returns -1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`. Returns nil
    /// when FEEL does not order the pair: null, booleans, lists, contexts, or different kinds.
    /// A date compared with a date-time stands for its midnight in UTC.
    static func order(_ lhs: FEELValue, _ rhs: FEELValue) -> Int? {
        let (left, right) = readingStringsAsTemporal(lhs, rhs)

        switch (left, right) {
        case (.number(let a), .number(let b)):
            return sign(a, b)
        case (.string(let a), .string(let b)):
            return sign(a, b)
        case (.date(let a), .date(let b)):
            return sign(a, b)
        case (.dateTime, .dateTime), (.date, .dateTime), (.dateTime, .date):
            guard let a = instant(left), let b = instant(right) else { return nil }
            return sign(a, b)
        default:
            return nil
        }
    }

    private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    private static func instant(_ value: FEELValue) -> Double? {
        switch value {
        case .date(let date): return Double(date.daysSinceEpoch) * 86_400
        case .dateTime(let dateTime): return dateTime.secondsSinceEpoch
        default: return nil
        }
    }

    /// Parses a string side as ISO 8601 when the other side is temporal. A string that is not
    /// a date stays a string, so the pair is then unequal and unordered.
    private static func readingStringsAsTemporal(
        _ lhs: FEELValue, _ rhs: FEELValue
    ) -> (FEELValue, FEELValue) {
        switch (lhs, rhs) {
        case (.string(let text), _) where rhs.isTemporal:
            return (FEELValue.temporal(fromISO: text) ?? lhs, rhs)
        case (_, .string(let text)) where lhs.isTemporal:
            return (lhs, FEELValue.temporal(fromISO: text) ?? rhs)
        default:
            return (lhs, rhs)
        }
    }
}
