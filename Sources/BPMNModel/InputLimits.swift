import Foundation

/// Checks that run on the raw bytes of a model before the XML parser reads them.
///
/// - Size: files over `maximumModelBytes` are rejected, because the parser keeps the whole
///   element tree in memory. The largest model in the BPMN MIWG test suite (an ADONIS export
///   of B.2.0) is 907 KB, so the limit leaves room for models 18 times that size.
/// - Encodings: only the encodings in `acceptedEncodings` may be declared, and every file is
///   converted to UTF-8 before it is parsed (see `prepare`).
/// - Document type declarations: BPMN and DMN are defined by XML Schema, and no modelling tool
///   writes a `<!DOCTYPE`. A DTD is the only way to declare entities, so rejecting it rules out
///   external entities (reads of local files or URLs) and entity-expansion bombs ("billion
///   laughs") whatever the XML library would do with them.
public enum InputLimits {
    /// 16 MiB.
    public static let maximumModelBytes = 16 * 1024 * 1024

    /// How far into the file the prolog is searched for a document type declaration. The
    /// search ends after this many bytes (pages of comments), and the parser then reports a
    /// later `<!DOCTYPE` as malformed XML.
    static let prologSearchBytes = 65_536

    /// Checks a model's bytes and returns them as UTF-8, the only encoding the XML parser is
    /// given. libxml2 2.9.14 (Debian 12) reads invalid memory on some truncated input in the
    /// encodings it converts with iconv; `make fuzz` found UTF-7 and windows-1252 cases. So
    /// every other accepted encoding is converted here, and the declaration rewritten to UTF-8.
    /// - Parameter kind: the format named in messages, such as "BPMN".
    /// - Throws: `BPMNParseError.malformedXML` at line 1, column 1 for an oversized file, an
    ///   encoding outside `acceptedEncodings` or bytes invalid in the declared encoding, and at
    ///   the declaration's position for a `<!DOCTYPE`.
    public static func prepare(_ data: Data, kind: String = "BPMN") throws -> Data {
        if data.count > maximumModelBytes {
            throw BPMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the \(kind) file is \(data.count) bytes, more than the limit of \(maximumModelBytes) "
                    + "bytes (16 MiB); remove embedded documents or split the model into called processes")
        }
        let utf8 = try convertToUTF8(data)
        if let position = documentTypePosition(in: utf8) {
            throw BPMNParseError.malformedXML(
                line: position.line, column: position.column,
                reason: "the file declares a document type (<!DOCTYPE …>), which \(kind) files never need; "
                    + "DTDs and entities are rejected so that a model cannot read other files or expand "
                    + "entities without bound. Remove the declaration")
        }
        return utf8
    }

    /// Returns UTF-8 bytes for a file in any accepted encoding, with the XML declaration's
    /// encoding rewritten to UTF-8 when it named another.
    static func convertToUTF8(_ data: Data) throws -> Data {
        let head = [UInt8](data.prefix(4))
        let declared = declaredEncoding(in: data)?.lowercased()
        if let declared, !acceptedEncodings.contains(declared) {
            throw BPMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the XML declaration names the encoding '\(declaredEncoding(in: data) ?? declared)', which is "
                    + "not accepted; save the file as UTF-8 (for example with iconv -f \(declared) -t UTF-8)")
        }

        let source: String.Encoding
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            source = .utf16BigEndian
        } else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
            source = .utf16LittleEndian
        } else if declared == "windows-1252" || declared == "cp1252" {
            source = .windowsCP1252
        } else if let declared, declared.contains("8859") || declared.hasPrefix("latin") {
            source = .isoLatin1
        } else {
            return data
        }

        var body = data
        if source == .utf16BigEndian || source == .utf16LittleEndian {
            if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { body = data.dropFirst(2) }
            body = body.prefix(body.count & ~1)
        }
        guard let text = String(data: body, encoding: source) else {
            throw BPMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the bytes are not valid \(declared ?? "UTF-16"), the encoding the file declares; save it as UTF-8")
        }
        return Data(rewritingDeclaredEncoding(of: text).utf8)
    }

    /// Replaces the value of the XML declaration's `encoding` pseudo-attribute with UTF-8.
    private static func rewritingDeclaredEncoding(of text: String) -> String {
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        let declaration = String(text[..<end.lowerBound])
        let rewritten = declaration.replacingOccurrences(
            of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"UTF-8\"", options: .regularExpression)
        return rewritten + text[end.lowerBound...]
    }

    /// The encodings a model may declare: the ones the BPMN MIWG test-suite files use (UTF-8,
    /// ISO-8859-1, windows-1252), UTF-16 and US-ASCII.
    static let acceptedEncodings: Set<String> = [
        "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "iso_8859-1", "latin1",
        "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252",
    ]

    /// Returns the `encoding` pseudo-attribute of the XML declaration, also of a declaration
    /// cut short, or nil when there is none.
    static func declaredEncoding(in data: Data) -> String? {
        var text = decodePrologText(data.prefix(512))
        if text.first == "\u{FEFF}" { text.removeFirst() }
        guard text.hasPrefix("<?xml") else { return nil }
        let declaration = text.range(of: "?>").map { text[..<$0.lowerBound] } ?? Substring(text)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Returns the 1-based line and column of a `<!DOCTYPE` in the prolog, or nil when the
    /// prolog (XML declaration, processing instructions, comments, white space) has none.
    static func documentTypePosition(in data: Data) -> (line: Int, column: Int)? {
        let text = decodePrologText(data.prefix(prologSearchBytes))
        var index = text.startIndex
        if text.first == "\u{FEFF}" { index = text.index(after: index) }

        while index < text.endIndex {
            let rest = text[index...]
            if let first = rest.first, first.isWhitespace {
                index = text.index(after: index)
            } else if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                index = end.upperBound
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                index = end.upperBound
            } else if rest.hasPrefix("<!DOCTYPE") {
                return position(of: index, in: text)
            } else {
                return nil
            }
        }
        return nil
    }

    /// Decodes the start of the file as UTF-16 when it begins with a UTF-16 byte-order mark or
    /// `<?` in UTF-16. Otherwise it decodes UTF-8 with invalid bytes replaced, which keeps
    /// every ASCII character in place for the single-byte encodings as well.
    private static func decodePrologText(_ bytes: Data) -> String {
        let head = [UInt8](bytes.prefix(4))
        let bigEndian = head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C, 0x00, 0x3F])
        let littleEndian = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00, 0x3F, 0x00])
        let even = bytes.prefix(bytes.count & ~1)
        if bigEndian, let text = String(data: even, encoding: .utf16BigEndian) { return text }
        if littleEndian, let text = String(data: even, encoding: .utf16LittleEndian) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func position(of index: String.Index, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text[..<index] {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
