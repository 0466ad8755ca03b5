import Foundation

/// A JSON document: the currency between the store, the engine, JavaScript and the UI.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static let emptyObject = JSONValue.object([:])

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Returns the value at a dot-separated path (`a.b.c`); array elements by decimal index.
    public func value(atPath path: String) -> JSONValue? {
        if path.isEmpty { return self }
        var current: JSONValue = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let object):
                guard let next = object[String(part)] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(part), array.indices.contains(index) else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at a dot-separated path, creating objects on the way.
    public mutating func setValue(_ newValue: JSONValue, atPath path: String) {
        if path.isEmpty {
            self = newValue
            return
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self = Self.setting(newValue, in: self, parts: parts[...])
    }

    private static func setting(
        _ newValue: JSONValue, in container: JSONValue, parts: ArraySlice<String>
    ) -> JSONValue {
        guard let head = parts.first else { return newValue }
        var object = container.objectValue ?? [:]
        object[head] = setting(newValue, in: object[head] ?? .null, parts: parts.dropFirst())
        return .object(object)
    }

    /// Shallow merge: each top-level key of `other` replaces the key in this object.
    /// A non-object receiver becomes `other`'s object; a non-object `other` is ignored.
    public func merging(_ other: JSONValue) -> JSONValue {
        guard let incoming = other.objectValue else { return self }
        var object = objectValue ?? [:]
        for (key, value) in incoming { object[key] = value }
        return .object(object)
    }
}

// MARK: - Text form

/// A JSON text that could not be parsed; `text` is a prefix of the input for the message.
public struct JSONSyntaxError: Error, CustomStringConvertible, Equatable {
    public var text: String
    public var reason: String
    /// Where the reader stopped: a 0-based UTF-8 byte offset into the whole input.
    public var byteOffset: Int = 0

    public var description: String {
        "invalid JSON '\(text)': \(reason). Write an object such as {\"amount\": 100}"
    }
}

extension JSONValue {
    /// Parses JSON text (any top-level value).
    /// - Throws: `JSONSyntaxError` naming the text, the offset and what was expected.
    public static func parse(_ text: String) throws -> JSONValue {
        var reader = JSONReader(text: text)
        return try reader.readDocument()
    }

    /// Compact JSON text with sorted keys, so equal values give equal text.
    public var jsonText: String { render(pretty: false) }

    /// Indented JSON text with sorted keys, for display.
    public var prettyText: String { render(pretty: true) }

    private func render(pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return writer.text
    }

    /// Integers print without a fraction; non-finite numbers print as null, as JSON has none.
    static func format(number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
