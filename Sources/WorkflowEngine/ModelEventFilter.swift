import Foundation

/// A filter on model start events (`findEvents`). Model events are a short list per model,
/// so the filter runs on the loaded list. Every field is a string or absent.
struct ModelEventFilter {
    static let fields = ["elementId", "name", "processId", "subType", "messageId", "signalId", "modelName"]

    private var conditions: [(field: String, predicate: FieldPredicate)] = []

    /// - Throws: `EngineError.invalidQuery` for a key that is not an event field, an
    ///   unknown operator, or `$elemMatch` (no event field is an array).
    init(_ query: JSONValue) throws {
        guard let object = query.objectValue else { throw EngineError.invalidQuery(.notAnObject(query)) }
        for key in object.keys.sorted() {
            let field = key.hasPrefix("events.") ? String(key.dropFirst(7)) : key
            guard Self.fields.contains(field) else {
                throw EngineError.invalidQuery(.unknownField(key))
            }
            do {
                conditions.append((field, try Query.parsePredicate(key: key, value: object[key]!)))
            } catch let error as QueryError {
                throw EngineError.invalidQuery(error)
            }
        }
    }

    func matches(_ entry: ModelEvent) -> Bool {
        conditions.allSatisfy { Self.test($0.predicate, value: Self.value(of: $0.field, in: entry)) }
    }

    private static func value(of field: String, in entry: ModelEvent) -> String? {
        switch field {
        case "elementId": return entry.event.elementId
        case "name": return entry.event.name
        case "processId": return entry.event.processId
        case "subType": return entry.event.subType
        case "messageId": return entry.event.messageName
        case "signalId": return entry.event.signalName
        default: return entry.model
        }
    }

    private static func test(_ predicate: FieldPredicate, value: String?) -> Bool {
        switch predicate {
        case .eq(let operand): return equals(operand, value)
        case .ne(let operand): return !equals(operand, value)
        case .isIn(let operands): return operands.contains { equals($0, value) }
        case .notIn(let operands): return !operands.contains { equals($0, value) }
        case .exists(let present): return (value != nil) == present
        case .gt(let operand): return compare(value, operand) { $0 > $1 }
        case .gte(let operand): return compare(value, operand) { $0 >= $1 }
        case .lt(let operand): return compare(value, operand) { $0 < $1 }
        case .lte(let operand): return compare(value, operand) { $0 <= $1 }
        case let .regex(pattern, options):
            guard let value else { return false }
            var regexOptions: NSRegularExpression.Options = []
            if options.contains("i") { regexOptions.insert(.caseInsensitive) }
            if options.contains("m") { regexOptions.insert(.anchorsMatchLines) }
            if options.contains("s") { regexOptions.insert(.dotMatchesLineSeparators) }
            if options.contains("x") { regexOptions.insert(.allowCommentsAndWhitespace) }
            guard let regex = try? NSRegularExpression(pattern: pattern, options: regexOptions) else { return false }
            return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        case .not(let inner): return !test(inner, value: value)
        case .all(let predicates): return predicates.allSatisfy { test($0, value: value) }
        case .elemMatch: return false
        }
    }

    private static func equals(_ operand: JSONValue, _ value: String?) -> Bool {
        if operand.isNull { return value == nil }
        return operand.stringValue == value && value != nil
    }

    private static func compare(_ value: String?, _ operand: JSONValue, _ order: (String, String) -> Bool) -> Bool {
        guard let value, let text = operand.stringValue else { return false }
        return order(value, text)
    }
}
