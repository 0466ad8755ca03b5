/// The ids of every BPMN model element in a file, checked for uniqueness.
///
/// Only elements in the BPMN model namespace count, and nothing inside `extensionElements` or a
/// foreign element. Vendor extensions and diagram elements may reuse a model id without making
/// the model ambiguous: one ARIS export repeats a process id inside its extension data.
struct IdentifierIndex {
    private(set) var ids: Set<String> = []
    private var elementsById: [String: XMLTreeElement] = [:]

    /// Indexes the model elements under `root`.
    ///
    /// - Throws: `BPMNParseError.invalidElement` naming the second element that reuses an id.
    init(root: XMLTreeElement) throws {
        try index(root)
    }

    private mutating func index(_ element: XMLTreeElement) throws {
        guard element.namespace == BPMNNamespace.model else { return }
        guard !element.isBPMN("extensionElements") else { return }

        if let id = element.id {
            if let first = elementsById[id] {
                throw BPMNParseError.invalidElement(
                    elementId: id, element: element.localName,
                    reason: "the id is already used by the \(first.localName) at line "
                        + "\(first.line) (this one is at line \(element.line)); "
                        + "give each element a unique id")
            }
            elementsById[id] = element
            ids.insert(id)
        }

        for child in element.children {
            try index(child)
        }
    }
}
