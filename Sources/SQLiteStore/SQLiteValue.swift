/// A value bound to a `?` parameter of a statement.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// Wraps an optional string as text, or NULL when it is nil.
    static func text(_ value: String?) -> SQLiteValue {
        value.map { .text($0) } ?? .null
    }

    /// Wraps a JSON number as an integer when it is integral and fits in 64 bits, else as a real.
    /// SQLite compares integers and reals by value, so either form matches stored numbers.
    static func number(_ value: Double) -> SQLiteValue {
        if value == value.rounded(), abs(value) < 9.0e18 { return .integer(Int64(value)) }
        return .real(value)
    }
}

/// A piece of SQL with the values of its `?` parameters, in order.
///
/// Interpolation appends another fragment with its values, a bound value (`\(bind: x)`) or
/// trusted SQL text such as a column name (`\(raw: "items.seq")`). A plain `String` cannot be
/// interpolated, so a user value cannot end up in the SQL text by accident.
struct SQLFragment: Equatable, ExpressibleByStringInterpolation {
    var sql: String
    var bindings: [SQLiteValue]

    init(sql: String, bindings: [SQLiteValue] = []) {
        self.sql = sql
        self.bindings = bindings
    }

    init(stringLiteral value: String) {
        self.init(sql: value)
    }

    init(stringInterpolation: StringInterpolation) {
        self.init(sql: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var bindings: [SQLiteValue] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        mutating func appendInterpolation(_ fragment: SQLFragment) {
            sql += fragment.sql
            bindings += fragment.bindings
        }

        mutating func appendInterpolation(bind value: SQLiteValue) {
            sql += "?"
            bindings.append(value)
        }

        mutating func appendInterpolation(bind text: String) {
            appendInterpolation(bind: .text(text))
        }

        mutating func appendInterpolation(raw text: String) {
            sql += text
        }
    }

    static let alwaysTrue: SQLFragment = "1"
    static let alwaysFalse: SQLFragment = "0"

    /// Joins `parts` with AND. Returns true when there are none.
    static func and(_ parts: [SQLFragment]) -> SQLFragment {
        combine(parts, with: " AND ", empty: alwaysTrue)
    }

    /// Joins `parts` with OR. Returns false when there are none.
    static func or(_ parts: [SQLFragment]) -> SQLFragment {
        combine(parts, with: " OR ", empty: alwaysFalse)
    }

    static func not(_ part: SQLFragment) -> SQLFragment {
        "(NOT \(part))"
    }

    /// Joins `parts` with `separator` and keeps their values in the same order.
    static func joined(_ parts: [SQLFragment], separator: String) -> SQLFragment {
        var result = SQLFragment(sql: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.sql += separator }
            result.sql += part.sql
            result.bindings += part.bindings
        }
        return result
    }

    private static func combine(_ parts: [SQLFragment], with separator: String, empty: SQLFragment) -> SQLFragment {
        if parts.isEmpty { return empty }
        if parts.count == 1 { return parts[0] }
        return "(\(joined(parts, separator: separator)))"
    }
}
