/// One lexical unit of a FEEL text.
struct FEELToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        /// A word of a name. FEEL names may contain spaces, so the parser joins adjacent words.
        case word(String)
        /// `true`, `false` or `null`.
        case keyword(String)
        /// Punctuation or an operator, such as `(`, `..`, `<=` or `!=`.
        case symbol(String)
        case end
    }

    let kind: Kind
    /// The 1-based character position where the token starts.
    let position: Int
}

/// Splits FEEL text into tokens.
enum FEELLexer {
    private static let keywords: Set<String> = ["true", "false", "null"]
    /// Longer symbols come first, so that `<=` is read before `<`.
    private static let symbols = [
        "..", "<=", ">=", "!=", "**", "(", ")", "[", "]", ",", ".", "<", ">", "=", "+", "-",
        "*", "/", "@",
    ]

    /// Returns the tokens of `text`, ending with an `.end` token.
    ///
    /// - Throws: `FEELError.syntax` for an unterminated string, an invalid escape or a
    ///   character that FEEL does not use. `.unsupported` for the `?` placeholder and for
    ///   context literals.
    static func tokenize(_ text: String) throws -> [FEELToken] {
        let characters = Array(text)
        var tokens: [FEELToken] = []
        var index = 0

        while index < characters.count {
            let character = characters[index]
            let position = index + 1

            if character.isWhitespace {
                index += 1
            } else if character == "\"" {
                let (value, next) = try readString(characters, from: index)
                tokens.append(FEELToken(kind: .string(value), position: position))
                index = next
            } else if isDigit(character) || startsFraction(characters, at: index) {
                let (value, next) = readNumber(characters, from: index)
                tokens.append(FEELToken(kind: .number(value), position: position))
                index = next
            } else if isNameStart(character) {
                var next = index
                while next < characters.count, isNamePart(characters[next]) { next += 1 }
                let word = String(characters[index..<next])
                let kind: FEELToken.Kind = keywords.contains(word) ? .keyword(word) : .word(word)
                tokens.append(FEELToken(kind: kind, position: position))
                index = next
            } else if character == "?" {
                throw FEELError.unsupported(
                    feature: "the '?' placeholder for the input value; write the test without "
                        + "it, such as '> 5' or '[1..10]'")
            } else if character == "{" {
                throw FEELError.unsupported(feature: "context literals such as {a: 1}")
            } else if let symbol = symbol(in: characters, at: index) {
                tokens.append(FEELToken(kind: .symbol(symbol), position: position))
                index += symbol.count
            } else {
                throw FEELError.syntax(
                    position: position, reason: "unexpected character '\(character)'")
            }
        }

        tokens.append(FEELToken(kind: .end, position: characters.count + 1))
        return tokens
    }

    /// Reads a string literal that starts at the quote at `start`. Returns its value and the
    /// index after the closing quote.
    private static func readString(
        _ characters: [Character], from start: Int
    ) throws -> (String, Int) {
        var value = ""
        var index = start + 1

        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                return (value, index + 1)
            }
            if character == "\\" {
                let (escaped, next) = try readEscape(characters, at: index)
                value.append(escaped)
                index = next
                continue
            }
            value.append(character)
            index += 1
        }

        throw FEELError.syntax(
            position: start + 1, reason: "the string is not closed; add a '\"' at its end")
    }

    /// Reads the escape sequence at the backslash at `index`: `\"`, `\'`, `\\`, `\n`, `\r`,
    /// `\t` or `\uXXXX`.
    private static func readEscape(
        _ characters: [Character], at index: Int
    ) throws -> (Character, Int) {
        guard index + 1 < characters.count else {
            throw FEELError.syntax(
                position: index + 1, reason: "the string ends inside an escape sequence")
        }

        switch characters[index + 1] {
        case "\"": return ("\"", index + 2)
        case "'": return ("'", index + 2)
        case "\\": return ("\\", index + 2)
        case "n": return ("\n", index + 2)
        case "r": return ("\r", index + 2)
        case "t": return ("\t", index + 2)
        case "u":
            let end = index + 6
            guard end <= characters.count,
                let code = UInt32(String(characters[(index + 2)..<end]), radix: 16),
                let scalar = Unicode.Scalar(code)
            else {
                throw FEELError.syntax(
                    position: index + 1,
                    reason: "'\\u' must be followed by four hexadecimal digits")
            }
            return (Character(scalar), end)
        default:
            throw FEELError.syntax(
                position: index + 1,
                reason: "unknown escape '\\\(characters[index + 1])'; use \\\" \\\\ \\n \\r "
                    + "\\t or \\uXXXX")
        }
    }

    /// Reads `digits[.digits]` or `.digits`. A `..` after the digits is a range, not a
    /// fraction, so `1..10` reads as 1, `..`, 10.
    private static func readNumber(_ characters: [Character], from start: Int) -> (Double, Int) {
        var index = start
        while index < characters.count, isDigit(characters[index]) { index += 1 }

        if startsFraction(characters, at: index) {
            index += 1
            while index < characters.count, isDigit(characters[index]) { index += 1 }
        }

        // The text is ASCII digits with at most one dot, which Double always accepts.
        let text = String(characters[start..<index])
        return (Double(text.hasPrefix(".") ? "0" + text : text) ?? 0, index)
    }

    private static func startsFraction(_ characters: [Character], at index: Int) -> Bool {
        index + 1 < characters.count && characters[index] == "."
            && isDigit(characters[index + 1])
            && (index == 0 || characters[index - 1] != ".")
    }

    private static func symbol(in characters: [Character], at index: Int) -> String? {
        symbols.first { symbol in
            let end = index + symbol.count
            return end <= characters.count && String(characters[index..<end]) == symbol
        }
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    private static func isNameStart(_ character: Character) -> Bool {
        character.isLetter || character == "_" || character == "$"
    }

    private static func isNamePart(_ character: Character) -> Bool {
        isNameStart(character) || character.isNumber
    }
}
