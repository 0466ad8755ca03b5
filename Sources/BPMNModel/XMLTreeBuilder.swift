import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Builds an `XMLTreeElement` tree from XML bytes in one pass of `XMLParser`, resolving every
/// element and attribute prefix to its namespace URI.
///
/// `XMLParser` on Linux reports element namespaces but keys attributes by their qualified name
/// (`camunda:assignee`), so this builder tracks the prefix bindings itself and resolves
/// attribute prefixes against them.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    /// The deepest element nesting accepted. The readers recurse once per nested sub-process,
    /// so this bounds their stack use. Real models nest far less: the bpmn-web demo models and
    /// the MIWG test-suite files nest at most 15 levels.
    static let maximumDepth = 200

    private var root: XMLTreeElement?
    private var openElements: [XMLTreeElement] = []
    /// The namespace URIs bound to each prefix, innermost binding last.
    private var prefixBindings: [String: [String]] = [:]
    private var firstError: BPMNParseError?

    /// Parses `data` into an element tree.
    ///
    /// The encoding comes from the XML declaration or a byte-order mark (UTF-8 when neither is
    /// present). External entities are not loaded.
    ///
    /// - Throws: `BPMNParseError.malformedXML` with the 1-based line and column where the XML
    ///   stopped being well-formed, or when the data contains no root element.
    ///   `.invalidElement` when elements nest deeper than `maximumDepth`.
    static func buildTree(from data: Data) throws -> XMLTreeElement {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder

        let succeeded = parser.parse()

        if let error = builder.firstError {
            throw error
        }
        if !succeeded {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw BPMNParseError.malformedXML(
                line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                reason: XMLParserErrorReason.describe(code: code))
        }
        guard let root = builder.root else {
            throw BPMNParseError.malformedXML(
                line: 1, column: 1,
                reason: "the document is empty or has no root element; expected BPMN 2.0 XML")
        }
        return root
    }

    // MARK: - XMLParserDelegate

    func parser(
        _ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String
    ) {
        prefixBindings[prefix, default: []].append(namespaceURI)
    }

    func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
        _ = prefixBindings[prefix]?.popLast()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard openElements.count < Self.maximumDepth else {
            rejectNesting(of: qName ?? elementName, in: parser)
            return
        }

        let element = XMLTreeElement(
            localName: elementName,
            qualifiedName: qName ?? elementName,
            namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 },
            attributes: resolveAttributes(attributeDict),
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

    func parser(_ parser: XMLParser, foundCDATA cdata: Data) {
        openElements.last?.text += String(decoding: cdata, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        let code = (parseError as NSError).code
        guard XMLParserErrorReason.isFatal(code: code) else { return }

        guard firstError == nil else { return }
        firstError = .malformedXML(
            line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
            reason: XMLParserErrorReason.describe(code: code))
        parser.abortParsing()
    }

    private func rejectNesting(of elementName: String, in parser: XMLParser) {
        guard firstError == nil else { return }
        firstError = .invalidElement(
            elementId: nil, element: elementName,
            reason: "elements are nested more than \(Self.maximumDepth) levels deep at line "
                + "\(parser.lineNumber); real BPMN models nest far fewer, so check the tool "
                + "that wrote the file")
        parser.abortParsing()
    }

    // MARK: - Attribute namespaces

    /// Splits each qualified attribute name and resolves its prefix to a namespace URI.
    /// The result is sorted by name, because `XMLParser` delivers the attributes as a
    /// dictionary, which has no order.
    private func resolveAttributes(_ attributeDict: [String: String]) -> [XMLTreeAttribute] {
        attributeDict.keys.sorted().map { qualifiedName in
            let value = attributeDict[qualifiedName] ?? ""
            guard let colon = qualifiedName.firstIndex(of: ":") else {
                return XMLTreeAttribute(namespace: nil, localName: qualifiedName, value: value)
            }

            let prefix = String(qualifiedName[..<colon])
            let localName = String(qualifiedName[qualifiedName.index(after: colon)...])
            let namespace = prefix == "xml" ? BPMNNamespace.xml : prefixBindings[prefix]?.last

            // An undeclared prefix leaves the attribute under its full written name.
            guard let namespace else {
                return XMLTreeAttribute(namespace: nil, localName: qualifiedName, value: value)
            }
            return XMLTreeAttribute(namespace: namespace, localName: localName, value: value)
        }
    }
}
