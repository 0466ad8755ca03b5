import Foundation

/// A 1-based line and column in a text, counted in characters.
struct SourcePosition: Equatable {
    var line: Int
    var column: Int

    /// Returns the position of `offset` (a character index) in `text`.
    static func at(_ offset: String.Index, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        for character in text[..<offset] {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourcePosition(line: line, column: column)
    }

    /// Returns the position of a 0-based UTF-8 byte offset in `text`, as JSON syntax errors
    /// give it. An offset past the end is the position after the last character.
    static func ofByteOffset(_ offset: Int, in text: String) -> SourcePosition {
        var consumed = 0
        var index = text.startIndex
        while index < text.endIndex {
            let size = text[index].utf8.count
            if consumed + size > offset { break }
            consumed += size
            index = text.index(after: index)
        }
        return at(index, in: text)
    }

    /// Returns the start of the first element: the first `<` that opens no declaration,
    /// processing instruction or comment. Without one, returns line 1, column 1.
    static func ofRootElement(in text: String) -> SourcePosition {
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            let next = text.index(after: open)
            guard next < text.endIndex else { break }
            if text[next] != "?" && text[next] != "!" { return at(open, in: text) }
            index = next
        }
        return SourcePosition(line: 1, column: 1)
    }

    /// Finds the first `name="value"` (or `name='value'`).
    static func ofAttribute(_ name: String, value: String, in text: String) -> SourcePosition? {
        for quote in ["\"", "'"] {
            if let range = text.range(of: " \(name)=\(quote)\(value)\(quote)") {
                return at(text.index(after: range.lowerBound), in: text)
            }
        }
        return nil
    }

    /// Finds the start of the first element with this local name, with or without a prefix.
    static func ofElement(named name: String, in text: String) -> SourcePosition? {
        let pattern = "<([A-Za-z_][\\w.-]*:)?" + NSRegularExpression.escapedPattern(for: name) + "[\\s/>]"
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return at(range.lowerBound, in: text)
    }
}
