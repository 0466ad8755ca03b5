import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of a parsed DMN document: the reader maps a tree of these onto the model.
final class DMNXMLElement {
    let localName: String
    /// The qualified name as written, such as `dmn:decision`, for messages.
    let qualifiedName: String
    let namespace: String?
    /// Attributes without a prefix. DMN's own attributes have none; prefixed ones belong to
    /// vendor extensions such as `camunda:` and are not kept.
    let attributes: [String: String]
    /// The 1-based line of the start tag.
    let line: Int
    var children: [DMNXMLElement] = []
    /// Character data and CDATA directly inside the element, in document order.
    var text = ""

    init(
        localName: String, qualifiedName: String, namespace: String?,
        attributes: [String: String], line: Int
    ) {
        self.localName = localName
        self.qualifiedName = qualifiedName
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    /// Returns the attribute `name` with surrounding whitespace removed; nil when missing or
    /// blank.
    func attribute(_ name: String) -> String? {
        guard let value = attributes[name]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Returns the child elements `localName` in the namespace `namespace`, in document order.
    func children(_ localName: String, in namespace: String?) -> [DMNXMLElement] {
        children.filter { $0.localName == localName && $0.namespace == namespace }
    }

    func child(_ localName: String, in namespace: String?) -> DMNXMLElement? {
        children.first { $0.localName == localName && $0.namespace == namespace }
    }

    /// Returns the trimmed text of the child element `text`, where DMN stores expressions, or
    /// an empty string when there is none.
    func expressionText(in namespace: String?) -> String {
        child("text", in: namespace)?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}

/// Builds a `DMNXMLElement` tree with `XMLParser`, with namespaces resolved to URIs.
final class DMNXMLTreeBuilder: NSObject, XMLParserDelegate {
    /// The deepest nesting accepted, which bounds the stack use of the reader. DMN decision
    /// tables nest six levels deep (definitions, decision, decisionTable, rule, inputEntry,
    /// text), so 100 leaves room for extension elements.
    static let maximumDepth = 100

    private var root: DMNXMLElement?
    private var openElements: [DMNXMLElement] = []
    private var firstError: DMNParseError?

    /// Parses `data`, in the encoding its XML declaration or byte-order mark names (UTF-8
    /// without either), without loading external entities.
    ///
    /// - Throws: `DMNParseError.malformedXML` with the 1-based line and column where the XML
    ///   stopped being well-formed, when there is no root element, or when elements nest
    ///   deeper than `maximumDepth`, and for the oversized files and document type
    ///   declarations that `DMNInputLimits` rejects.
    static func buildTree(from data: Data) throws -> DMNXMLElement {
        let builder = DMNXMLTreeBuilder()
        let parser = XMLParser(data: try DMNInputLimits.prepare(data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder

        let succeeded = parser.parse()

        if let error = builder.firstError {
            throw error
        }
        if !succeeded {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw DMNParseError.malformedXML(
                line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                reason: XMLErrorReason.describe(code: code))
        }
        guard let root = builder.root else {
            throw DMNParseError.malformedXML(
                line: 1, column: 1, reason: "the document has no root element; expected DMN XML")
        }
        return root
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard openElements.count < Self.maximumDepth else {
            fail(
                parser,
                reason: "elements nest more than \(Self.maximumDepth) levels deep; DMN files "
                    + "nest far less, so check the tool that wrote the file")
            return
        }

        let element = DMNXMLElement(
            localName: elementName,
            qualifiedName: qName ?? elementName,
            namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 },
            attributes: attributeDict.filter { !$0.key.contains(":") && $0.key != "xmlns" },
            line: parser.lineNumber)

        if let parent = openElements.last {
            parent.children.append(element)
        } else if root == nil {
            root = element
        }
        openElements.append(element)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        _ = openElements.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        openElements.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        openElements.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        let code = (parseError as NSError).code
        guard XMLErrorReason.isFatal(code: code) else { return }
        fail(parser, reason: XMLErrorReason.describe(code: code))
    }

    private func fail(_ parser: XMLParser, reason: String) {
        guard firstError == nil else { return }
        firstError = .malformedXML(
            line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1), reason: reason)
        parser.abortParsing()
    }
}
