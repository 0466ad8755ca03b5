/// Renders a `JSONValue` as UTF-8 bytes into one growing buffer, for `JSONValue.jsonText` and
/// `prettyText`. Object keys come out sorted by `String`'s `<`, so equal values give equal text.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool

    init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The rendered text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ value: JSONValue, depth: Int = 0) {
        switch value {
        case .null: append("null")
        case .bool(let flag): if flag { append("true") } else { append("false") }
        case .number(let number): writeNumber(number)
        case .string(let string): writeString(string)
        case .array(let values): writeArray(values, depth: depth)
        case .object(let object): writeObject(object, depth: depth)
        }
    }

    private mutating func writeArray(_ values: [JSONValue], depth: Int) {
        if values.isEmpty { return append("[]") }
        bytes.append(UInt8(ascii: "["))
        for (index, element) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            breakLine(depth: depth + 1)
            write(element, depth: depth + 1)
        }
        breakLine(depth: depth)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: [String: JSONValue], depth: Int) {
        if object.isEmpty { return append("{}") }
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            breakLine(depth: depth + 1)
            writeString(key)
            append(pretty ? ": " : ":")
            write(object[key]!, depth: depth + 1)
        }
        breakLine(depth: depth)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts a new line indented two spaces per level, in pretty mode only.
    private mutating func breakLine(depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Integers below 10^15 print without a fraction, other finite numbers as Swift's
    /// `description` prints them (shortest round-trip form), and non-finite numbers as null.
    private mutating func writeNumber(_ number: Double) {
        guard number.isFinite else { return append("null") }
        if number == number.rounded(), abs(number) < 1e15 {
            return writeInteger(Int64(number))
        }
        bytes.append(contentsOf: number.description.utf8)
    }

    private mutating func writeInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Writes a quoted string. `"`, `\` and control characters are escaped (`\n`, `\r`, `\t`
    /// by name, others as `\u00XX`); everything else is copied as UTF-8.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { source in
            var runStart = 0
            for (index, byte) in source.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                writeEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            let hex = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
