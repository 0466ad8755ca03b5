import CSQLite
import Foundation

/// The opaque cursor of a paged find: the sort key values of the last row of a page and a
/// fingerprint of the query and sort order it belongs to.
///
/// The next page contains the rows that sort after those values, so rows inserted or deleted
/// between two pages neither repeat nor skip rows, unlike an offset.
struct FindCursor: Equatable {
    var fingerprint: String
    var keys: [SQLiteValue]

    /// Reads the sort key values of the current row, starting at column `firstColumn`.
    static func keys(of row: SQLiteRow, from firstColumn: Int32, count: Int) -> [SQLiteValue] {
        (0..<Int32(count)).map { offset in
            let column = firstColumn + offset
            switch sqlite3_column_type(row.statement, column) {
            case SQLITE_INTEGER: return .integer(row.int64(column))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(row.statement, column))
            case SQLITE_NULL: return .null
            default: return .text(row.text(column) ?? "")
            }
        }
    }

    /// Returns a fingerprint of a statement's SQL and bound values, so that a cursor of one
    /// query is not applied to another.
    static func fingerprint(of fragments: [SQLFragment]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for fragment in fragments {
            for byte in (fragment.sql + "\u{0}" + fragment.bindings.map(describe).joined(separator: "\u{1}")).utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    /// The cursor as URL-safe base64 text of a JSON array.
    var text: String {
        var parts: [String] = ["\"\(fingerprint)\""]
        for key in keys {
            switch key {
            case .null: parts.append("null")
            case .integer(let value): parts.append("{\"i\":\(value)}")
            case .real(let value): parts.append("{\"r\":\(value.bitPattern)}")
            case .text(let value): parts.append("{\"t\":\(Self.quoted(value))}")
            }
        }
        let data = Data("[\(parts.joined(separator: ","))]".utf8)
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses cursor text made by `text`.
    /// - Throws: `InvalidCursorError` when the text is not such a cursor.
    init(text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let array = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [Any],
            let fingerprint = array.first as? String
        else { throw InvalidCursorError(cursor: text, reason: "it is not a cursor this tool printed") }

        var keys: [SQLiteValue] = []
        for element in array.dropFirst() {
            keys.append(try Self.key(from: element, cursor: text))
        }
        self.fingerprint = fingerprint
        self.keys = keys
    }

    init(fingerprint: String, keys: [SQLiteValue]) {
        self.fingerprint = fingerprint
        self.keys = keys
    }

    /// Builds the condition "the row sorts after these key values" for `orderKeys`.
    ///
    /// SQLite sorts NULL before every value, so in ascending order the rows after NULL are
    /// the non-NULL ones, and in descending order NULL rows come last.
    func afterCondition(_ orderKeys: [(expression: SQLFragment, ascending: Bool)]) -> SQLFragment {
        var branches: [SQLFragment] = []
        for index in orderKeys.indices {
            var parts: [SQLFragment] = []
            for earlier in 0..<index {
                parts.append("(\(orderKeys[earlier].expression) IS \(bind: keys[earlier]))")
            }
            parts.append(Self.after(orderKeys[index], value: keys[index]))
            branches.append(.and(parts))
        }
        return .or(branches)
    }

    private static func after(_ key: (expression: SQLFragment, ascending: Bool), value: SQLiteValue) -> SQLFragment {
        switch (key.ascending, value) {
        case (true, .null): return "(\(key.expression) IS NOT NULL)"
        case (true, _): return "COALESCE(\(key.expression) > \(bind: value), 0)"
        case (false, .null): return .alwaysFalse
        case (false, _): return "(\(key.expression) IS NULL OR \(key.expression) < \(bind: value))"
        }
    }

    private static func key(from element: Any, cursor: String) throws -> SQLiteValue {
        if element is NSNull { return .null }
        guard let object = element as? [String: Any], let (kind, value) = object.first else {
            throw InvalidCursorError(cursor: cursor, reason: "a sort key in it is damaged")
        }
        switch (kind, value) {
        case ("i", let number as NSNumber): return .integer(number.int64Value)
        case ("r", let number as NSNumber): return .real(Double(bitPattern: number.uint64Value))
        case ("t", let text as String): return .text(text)
        default: throw InvalidCursorError(cursor: cursor, reason: "a sort key in it is damaged")
        }
    }

    private static func describe(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "n"
        case .integer(let number): return "i\(number)"
        case .real(let number): return "r\(number)"
        case .text(let text): return "t\(text)"
        }
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }
}

/// A cursor that is damaged or belongs to another query or sort order.
public struct InvalidCursorError: Error, Equatable, CustomStringConvertible {
    public var cursor: String
    public var reason: String

    public var description: String {
        "invalid cursor '\(cursor.prefix(40))': \(reason); repeat the first page's query and sort "
            + "order, and pass the cursor that page printed: the nextCursor of --json, or the TEXT "
            + "of 'next page: --cursor TEXT' under the table"
    }
}
