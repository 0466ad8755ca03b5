import Foundation

/// Checks on the raw bytes of a DMN file before the XML parser reads them, matching the BPMN
/// parser's `InputLimits`. Files over `maximumBytes`, files that declare an encoding outside
/// `acceptedEncodings` and files that declare a document type are rejected. The rest are
/// converted to UTF-8. DMN is defined by XML Schema and needs no DTD, and a DTD is the only way to
/// declare entities, so rejecting it rules out external entities and entity-expansion bombs.
enum DMNInputLimits {
    /// 16 MiB, the same limit as for BPMN models.
    static let maximumBytes = 16 * 1024 * 1024

    /// Checks a DMN file's bytes and returns them as UTF-8, the only encoding the XML parser
    /// is given. libxml2 2.9.14 (Debian 12) reads invalid memory on some truncated input in
    /// the encodings it converts with iconv; `make fuzz` found UTF-7 and windows-1252 cases.
    /// - Throws: `DMNParseError.malformedXML` at line 1, column 1 for an oversized file, an
    ///   encoding that is not accepted or bytes invalid in the declared encoding, and at the
    ///   declaration's line for a `<!DOCTYPE` in the prolog.
    static func prepare(_ data: Data) throws -> Data {
        if data.count > maximumBytes {
            throw DMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the DMN file is \(data.count) bytes, more than the limit of \(maximumBytes) bytes "
                    + "(16 MiB); split the decisions over several files")
        }
        let utf8 = try convertToUTF8(data)
        if let line = documentTypeLine(in: utf8) {
            throw DMNParseError.malformedXML(
                line: line, column: 1,
                reason: "the file declares a document type (<!DOCTYPE …>), which DMN files never need; "
                    + "DTDs and entities are rejected so that a model cannot read other files or expand "
                    + "entities without bound. Remove the declaration")
        }
        return utf8
    }

    private static func convertToUTF8(_ data: Data) throws -> Data {
        let declared = declaredEncoding(in: data)?.lowercased()
        if let declared, !acceptedEncodings.contains(declared) {
            throw DMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the XML declaration names the encoding '\(declared)', which is not accepted; save the "
                    + "file as UTF-8 (for example with iconv -f \(declared) -t UTF-8)")
        }

        let head = [UInt8](data.prefix(4))
        var body = data
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
        if source == .utf16BigEndian || source == .utf16LittleEndian {
            if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { body = data.dropFirst(2) }
            body = body.prefix(body.count & ~1)
        }
        guard var text = String(data: body, encoding: source) else {
            throw DMNParseError.malformedXML(
                line: 1, column: 1, reason: "the bytes are not valid \(declared ?? "UTF-16"); save the file as UTF-8")
        }
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            let declaration = String(text[..<end.lowerBound]).replacingOccurrences(
                of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"UTF-8\"", options: .regularExpression)
            text = declaration + text[end.lowerBound...]
        }
        return Data(text.utf8)
    }

    /// The encodings a file may declare, as for BPMN models.
    static let acceptedEncodings: Set<String> = [
        "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "iso_8859-1", "latin1",
        "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252",
    ]

    /// Returns the `encoding` pseudo-attribute of the XML declaration, also of a declaration
    /// cut short, or nil when there is none.
    private static func declaredEncoding(in data: Data) -> String? {
        let text = (utf16Text(data.prefix(512)) ?? String(decoding: data.prefix(512), as: UTF8.self))
            .drop { $0 == "\u{FEFF}" }
        guard text.hasPrefix("<?xml") else { return nil }
        let declaration = text.range(of: "?>").map { text[..<$0.lowerBound] } ?? text
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Returns the line of a `<!DOCTYPE` that comes before the root element, or nil. Only the
    /// first 64 KiB are searched; a later declaration is malformed XML for the parser anyway.
    private static func documentTypeLine(in data: Data) -> Int? {
        var text = String(decoding: data.prefix(65_536), as: UTF8.self)
        if let utf16 = utf16Text(data) { text = utf16 }
        var rest = Substring(text).drop { $0 == "\u{FEFF}" }

        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("<?"), let end = rest.range(of: "?>") {
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!DOCTYPE") {
                return text[..<rest.startIndex].filter(\.isNewline).count + 1
            } else {
                return nil
            }
        }
        return nil
    }

    private static func utf16Text(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(4))
        let bytes = data.prefix(65_536 & ~1)
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            return String(data: bytes.prefix(bytes.count & ~1), encoding: .utf16BigEndian)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
            return String(data: bytes.prefix(bytes.count & ~1), encoding: .utf16LittleEndian)
        }
        return nil
    }
}
