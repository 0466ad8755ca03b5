/// Plain-English reasons for the error codes that `XMLParser` reports.
///
/// On Linux, `XMLParser` passes on libxml2's `xmlParserErrors` numbers unchanged (they do not
/// match the cases of `XMLParser.ErrorCode`), and its errors carry no message of their own.
/// The numbers below are from libxml2's `xmlerror.h` (libxml2 2.9).
enum XMLParserErrorReason {
    private static let reasons: [Int: String] = [
        4: "no XML element was found (the file is empty or is not XML)",
        5: "the document ends before its root element is closed",
        6: "invalid hexadecimal character reference",
        7: "invalid decimal character reference",
        8: "invalid character reference",
        9: "invalid character: the bytes do not match the declared encoding, or XML does not "
            + "allow this character",
        23: "an entity reference is missing its ';'",
        26: "undeclared entity (only &amp; &lt; &gt; &quot; &apos; are predefined)",
        31: "unknown encoding in the XML declaration",
        32: "unsupported encoding in the XML declaration",
        38: "'<' is not allowed inside an attribute value",
        39: "an attribute value must start with a quote",
        40: "an attribute value is not closed",
        41: "an attribute has no value",
        42: "an attribute appears twice on the same element",
        45: "a comment is not closed",
        57: "the XML declaration is not closed",
        63: "a CDATA section is not closed",
        64: "the reserved name 'xml' is used as a processing-instruction target",
        65: "a space is required here",
        68: "an element or attribute name is required here",
        73: "'>' is required here",
        74: "'</' is required here",
        75: "'=' is required after the attribute name",
        76: "the closing tag does not match the open element",
        77: "an element is not closed before the document ends",
        81: "the bytes do not match the declared encoding",
        85: "the elements are not properly nested",
        86: "extra content after the root element",
        89: "entity references loop or expand too much",
        96: "the XML declaration has no version",
        111: "parsing was stopped",
    ]

    /// libxml2 warnings: the parser reports them and goes on. Examples are a namespace URI
    /// with a space in it and an unknown XML version.
    private static let warnings: Set<Int> = [27, 93, 97, 98, 99, 100, 102, 106, 107]

    /// Returns whether the libxml2 error `code` means that the document is not well-formed.
    ///
    /// Warnings and namespace errors (codes 200 to 299, such as an undeclared prefix) are not
    /// fatal, because libxml2 keeps parsing after them. An element with an undeclared prefix
    /// gets no namespace, so the readers skip it as foreign content.
    static func isFatal(code: Int) -> Bool {
        !warnings.contains(code) && !(200..<300).contains(code)
    }

    /// Returns the reason for the libxml2 error `code`, or a generic reason that names the code.
    static func describe(code: Int) -> String {
        if let reason = reasons[code] {
            return reason
        }
        return "the XML is not well-formed (libxml2 error \(code))"
    }
}
