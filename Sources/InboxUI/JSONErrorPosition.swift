import WorkflowEngine

/// The line and column of a JSON syntax error, for the form's JSON editor.
struct JSONErrorPosition: Equatable {
    /// 1-based line and column; the column counts characters, not bytes.
    var line: Int
    var column: Int

    /// Finds the position of `error` in `text`, the input the error came from.
    static func locate(_ error: JSONSyntaxError, in text: String) -> JSONErrorPosition? {
        position(ofByteOffset: error.byteOffset, in: text)
    }

    /// Converts a 0-based UTF-8 byte offset into a 1-based line and column.
    static func position(ofByteOffset offset: Int, in text: String) -> JSONErrorPosition {
        var line = 1
        var column = 1
        var consumed = 0
        for character in text {
            let size = String(character).utf8.count
            if consumed + size > offset { break }
            consumed += size
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return JSONErrorPosition(line: line, column: column)
    }

    /// The reason without the byte offset the engine appends.
    static func reasonWithoutOffset(_ error: JSONSyntaxError) -> String {
        guard let range = error.reason.range(of: " at character ", options: .backwards) else { return error.reason }
        return String(error.reason[..<range.lowerBound])
    }
}
