/// A strict RFC 8259 JSON reader over UTF-8 bytes. Written by hand because Foundation's
/// `JSONSerialization` on Linux returns booleans as numbers and gives no error position.
struct JSONReader {
    private let bytes: [UInt8]
    private let text: String
    private var offset = 0
    private var depth = 0

    /// Nesting deeper than this is rejected, so hostile input cannot exhaust the stack.
    static let maximumDepth = 512

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func readDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        if offset < bytes.count { throw failure("unexpected text after the JSON value") }
        return value
    }

    /// Builds the error for a problem at the reader's offset, or at `position` when given.
    /// The reason ends with " at character N" (1-based UTF-8 byte), which the inbox strips
    /// to show a line and column instead.
    private func failure(_ reason: String, at position: Int? = nil) -> JSONSyntaxError {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        let errorOffset = position ?? offset
        return JSONSyntaxError(text: shown, reason: "\(reason) at character \(errorOffset + 1)", byteOffset: errorOffset)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private mutating func readValue() throws -> JSONValue {
        guard offset < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("expected a value")
        }
    }

    private mutating func readLiteral(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        let matches = offset + count <= bytes.count && word.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[offset + $0] == expected[$0] }
        }
        guard matches else { throw failure("expected '\(word)'") }
        offset += count
        return value
    }

    private mutating func enterContainer() throws {
        depth += 1
        if depth > Self.maximumDepth { throw failure("nesting deeper than \(Self.maximumDepth)") }
    }

    private mutating func readObject() throws -> JSONValue {
        try enterContainer()
        offset += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("expected a quoted key")
            }
            let key = try readString()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw failure("expected ':' after key \"\(key)\"")
            }
            offset += 1
            skipWhitespace()
            object[key] = try readValue()
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unexpected end inside an object") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                depth -= 1
                return .object(object)
            }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func readArray() throws -> JSONValue {
        try enterContainer()
        offset += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try readValue())
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unexpected end inside an array") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                depth -= 1
                return .array(array)
            }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func readNumber() throws -> JSONValue {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let digitsStart = offset
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
            offset += 1
        }
        if offset == digitsStart { throw failure("expected digits") }
        if bytes[digitsStart] == UInt8(ascii: "0"), offset - digitsStart > 1 {
            throw failure("leading zeros are not allowed")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            let fractionStart = offset
            while offset < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset])
            {
                offset += 1
            }
            if offset == fractionStart { throw failure("expected digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            let exponentStart = offset
            while offset < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset])
            {
                offset += 1
            }
            if offset == exponentStart { throw failure("expected digits in the exponent") }
        }
        if let integer = Self.smallInteger(bytes[start..<offset]) { return .number(integer) }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let number = Double(literal) else { throw failure("invalid number '\(literal)'") }

        // Double() turns a literal beyond the largest finite double into an infinity. JSON has
        // no infinity, so the value would be written back as null and lost.
        guard number.isFinite else {
            throw failure(
                "the number is outside the range of a double, so write a number within "
                    + "±1.7976931348623157e308, or a string, in place of \(literal)", at: start)
        }
        return .number(number)
    }

    /// Returns the value of an optionally negative literal of at most 15 decimal digits and no
    /// fraction or exponent, which a `Double` represents exactly; nil for any other literal.
    private static func smallInteger(_ literal: ArraySlice<UInt8>) -> Double? {
        let negative = literal.first == UInt8(ascii: "-")
        let digits = negative ? literal.dropFirst() : literal
        guard digits.count <= 15 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        // "-0" is negative zero, as Double("-0") gives.
        if negative { return value == 0 ? -0.0 : -Double(value) }
        return Double(value)
    }

    private mutating func readString() throws -> String {
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        var result = ""
        while true {
            guard offset < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                result += String(decoding: bytes[runStart..<offset], as: UTF8.self)
                offset += 1
                result.unicodeScalars.append(contentsOf: scalars)
                return result
            }
            if byte < 0x20 { throw failure("control character inside a string") }
            if byte != UInt8(ascii: "\\") {
                offset += 1
                continue
            }
            result += String(decoding: bytes[runStart..<offset], as: UTF8.self)
            result.unicodeScalars.append(contentsOf: scalars)
            scalars = String.UnicodeScalarView()
            offset += 1
            guard offset < bytes.count else { throw failure("unterminated escape") }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""): result += "\""
            case UInt8(ascii: "\\"): result += "\\"
            case UInt8(ascii: "/"): result += "/"
            case UInt8(ascii: "b"): result += "\u{08}"
            case UInt8(ascii: "f"): result += "\u{0C}"
            case UInt8(ascii: "n"): result += "\n"
            case UInt8(ascii: "r"): result += "\r"
            case UInt8(ascii: "t"): result += "\t"
            case UInt8(ascii: "u"): result.unicodeScalars.append(try readUnicodeEscape())
            default: throw failure("invalid escape '\\\(Character(UnicodeScalar(escape)))'")
            }
            runStart = offset
        }
    }

    private mutating func readHexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw failure("expected four hex digits after \\u") }
        offset += 4
        return value
    }

    private mutating func readUnicodeEscape() throws -> Unicode.Scalar {
        let first = try readHexQuad()
        if (0xD800...0xDBFF).contains(first) {
            guard offset + 2 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                bytes[offset + 1] == UInt8(ascii: "u")
            else { throw failure("unpaired surrogate") }
            offset += 2
            let second = try readHexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate") }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(combined)!
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("unpaired surrogate") }
        return scalar
    }
}
