import CSQLite
import Foundation

/// The SQL function `regexp(pattern, value, options)` behind `$regex`.
///
/// It returns 1 when `value` is text that contains a match of `pattern`, and 0 otherwise
/// (NULL, numbers and blobs never match). `options` contains MongoDB's letters: `i` ignores
/// case, `m` makes `^` and `$` match at line breaks, `s` lets `.` match line breaks and `x`
/// ignores whitespace and `#` comments in the pattern. Patterns use ICU syntax
/// (NSRegularExpression), which agrees with MongoDB's PCRE for common patterns.
enum SQLiteRegexFunction {
    static func options(from letters: String) -> NSRegularExpression.Options {
        var options: NSRegularExpression.Options = []
        if letters.contains("i") { options.insert(.caseInsensitive) }
        if letters.contains("m") { options.insert(.anchorsMatchLines) }
        if letters.contains("s") { options.insert(.dotMatchesLineSeparators) }
        if letters.contains("x") { options.insert(.allowCommentsAndWhitespace) }
        return options
    }

    /// Compiles `pattern`, so a query can reject an invalid pattern before running.
    static func compile(pattern: String, options letters: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: options(from: letters))
    }

    /// Registers `regexp` on the connection and returns SQLite's result code.
    static func register(on handle: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            handle, "regexp", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, evaluateRegexp, nil, nil, nil)
    }
}

/// A compiled pattern kept as SQLite auxiliary data, so that one statement compiles each
/// bound pattern once instead of once per row.
private final class CompiledPattern {
    let pattern: String
    let options: String
    let regex: NSRegularExpression

    init(pattern: String, options: String, regex: NSRegularExpression) {
        self.pattern = pattern
        self.options = options
        self.regex = regex
    }
}

private func evaluateRegexp(
    context: OpaquePointer?, argumentCount: Int32, arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let context, let arguments, argumentCount == 3 else { return }
    guard sqlite3_value_type(arguments[1]) == SQLITE_TEXT, let value = sqliteText(arguments[1]) else {
        sqlite3_result_int(context, 0)
        return
    }
    let pattern = sqliteText(arguments[0]) ?? ""
    let options = sqliteText(arguments[2]) ?? ""

    let compiled: CompiledPattern
    let cached = sqlite3_get_auxdata(context, 0).map {
        Unmanaged<CompiledPattern>.fromOpaque($0).takeUnretainedValue()
    }
    if let cached, cached.pattern == pattern, cached.options == options {
        compiled = cached
    } else {
        guard let regex = try? SQLiteRegexFunction.compile(pattern: pattern, options: options) else {
            sqlite3_result_error(context, "invalid regular expression '\(pattern)'", -1)
            return
        }
        compiled = CompiledPattern(pattern: pattern, options: options, regex: regex)
        sqlite3_set_auxdata(context, 0, Unmanaged.passRetained(compiled).toOpaque(), releaseCompiledPattern)
    }

    let range = NSRange(value.startIndex..., in: value)
    let isMatch = compiled.regex.firstMatch(in: value, options: [], range: range) != nil
    sqlite3_result_int(context, isMatch ? 1 : 0)
}

private func releaseCompiledPattern(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<CompiledPattern>.fromOpaque(pointer).release()
}

private func sqliteText(_ value: OpaquePointer?) -> String? {
    guard let bytes = sqlite3_value_text(value) else { return nil }
    let count = Int(sqlite3_value_bytes(value))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
}
