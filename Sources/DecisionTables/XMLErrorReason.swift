/// Reasons for the libxml2 error numbers that `XMLParser` reports on Linux.
///
/// There `XMLParser` passes on libxml2's `xmlParserErrors` codes without a message. The codes
/// are from libxml2's `include/libxml/xmlerror.h`.
enum XMLErrorReason {
    private static let reasons: [Int: String] = [
        4: "the document is empty",
        5: "the document ends before its root element is closed",
        9: "a character is not allowed in XML or does not match the declared encoding",
        23: "an entity reference has no ';'",
        26: "the entity is not declared (XML predefines only &amp; &lt; &gt; &quot; &apos;)",
        31: "the XML declaration names an unknown encoding",
        38: "'<' is not allowed inside an attribute value",
        39: "an attribute value must be in quotes",
        40: "an attribute value has no closing quote",
        41: "an attribute has no value",
        42: "an attribute is repeated on the same element",
        45: "a comment is not closed",
        63: "a CDATA section is not closed",
        65: "a space is required here",
        68: "a name is required here",
        73: "'>' is required here",
        76: "the end tag does not match the start tag",
        77: "an element is not closed before the end of the document",
        85: "the elements are not nested properly",
        86: "there is content after the root element",
        89: "entity references expand too far",
    ]

    /// Warnings and namespace errors (200 to 299): libxml2 reports them and keeps parsing.
    private static let nonFatalCodes: Set<Int> = [27, 93, 97, 98, 99, 100, 102, 106, 107]

    static func isFatal(code: Int) -> Bool {
        !nonFatalCodes.contains(code) && !(200..<300).contains(code)
    }

    static func describe(code: Int) -> String {
        reasons[code] ?? "the XML is not well-formed (libxml2 error \(code))"
    }
}
