/// A JSON-like value: the type of decision inputs and outputs.
///
/// Numbers are binary floating point (`Double`), as in the engine's JSON, so a sum such as
/// `0.1 + 0.2` carries the usual rounding. Dates leave a decision as ISO 8601 strings.
public enum DMNValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([DMNValue])
    case object([String: DMNValue])
}

extension DMNValue: CustomStringConvertible {
    /// The value as compact JSON-like text with object keys sorted, as it appears in messages.
    public var description: String {
        switch self {
        case .null:
            return "null"
        case .bool(let value):
            return value ? "true" : "false"
        case .number(let value):
            return Self.formatNumber(value)
        case .string(let value):
            return Self.quote(value)
        case .array(let elements):
            return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            let entries = members.keys.sorted().map { key in
                "\(Self.quote(key)): \(members[key]?.description ?? "null")"
            }
            return "{" + entries.joined(separator: ", ") + "}"
        }
    }

    /// Formats a number without a trailing `.0` when it is whole, such as `22` or `2.5`.
    static func formatNumber(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    private static func quote(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}

extension DMNValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: DMNValue...) { self = .array(elements) }

    public init(dictionaryLiteral elements: (String, DMNValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
