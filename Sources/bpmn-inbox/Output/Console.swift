import Foundation

/// Standard output for results and standard error for problems.
enum Console {
    /// Writes a line to standard output, with control characters from names and data shown
    /// as `\u001b`-style escapes (see `printable`).
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((printable(text) + "\n").utf8))
    }

    /// Writes a line whose escape sequences the tool made itself (the colours of `diagram`),
    /// unchanged. Names and data in it must already be printable.
    static func outputStyled(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `bpmn-inbox: error: <message>` to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("bpmn-inbox: error: \(printable(message))\n".utf8))
    }

    /// Writes a line without the error prefix to standard error, such as a usage hint.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
    }

    /// The text with every control character except newline and tab replaced by its
    /// `\uXXXX` escape, so a model name or data value cannot move the cursor, change colours
    /// or retitle the terminal. The escape is also valid inside a JSON string, so JSON output
    /// keeps its meaning.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
    }

    /// Whether standard input and output are both terminals, as the inbox needs.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }
}
