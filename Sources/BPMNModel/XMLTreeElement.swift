import Foundation

/// An attribute of an element, with the namespace URI its prefix was bound to.
struct XMLTreeAttribute {
    /// Nil for an attribute without a prefix: such attributes are in no namespace, whatever the
    /// element's default namespace is.
    var namespace: String?
    var localName: String
    var value: String

    /// The key used in `FlowNode.otherAttributes`: `{uri}local`, or `local` without a namespace.
    var expandedName: String {
        Self.expandedName(localName, namespace: namespace)
    }

    /// `{uri}local`, or `local` when `namespace` is nil.
    static func expandedName(_ localName: String, namespace: String?) -> String {
        guard let namespace else { return localName }
        return "{\(namespace)}\(localName)"
    }
}

/// One element of the parsed XML document: the first pass of the parser builds a tree of these,
/// and the readers then map the tree onto the model types.
final class XMLTreeElement {
    let localName: String
    /// The qualified name as written, such as `bpmn:userTask`; used only in messages.
    let qualifiedName: String
    /// Nil when the element is in no namespace.
    let namespace: String?
    let attributes: [XMLTreeAttribute]
    /// The 1-based line where the start tag ends (a start tag may span several lines).
    let line: Int
    var children: [XMLTreeElement] = []
    /// Character data and CDATA sections directly inside this element, concatenated in document
    /// order. Text inside child elements is not included.
    var text = ""

    init(
        localName: String, qualifiedName: String, namespace: String?,
        attributes: [XMLTreeAttribute], line: Int
    ) {
        self.localName = localName
        self.qualifiedName = qualifiedName
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    /// Returns whether this element is `localName` in the BPMN model namespace.
    func isBPMN(_ localName: String) -> Bool {
        namespace == BPMNNamespace.model && self.localName == localName
    }

    /// Returns whether this element is `localName` in the Camunda extension namespace.
    func isCamunda(_ localName: String) -> Bool {
        namespace == BPMNNamespace.camunda && self.localName == localName
    }

    /// Returns the value of the attribute `localName` in `namespace`. A nil namespace selects
    /// the unprefixed attribute.
    func attribute(_ localName: String, namespace: String? = nil) -> String? {
        attributes.first { $0.localName == localName && $0.namespace == namespace }?.value
    }

    /// The `id` attribute, if present and not blank.
    var id: String? {
        guard let value = attribute("id")?.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// The direct text with leading and trailing whitespace removed; nil when nothing remains.
    var trimmedText: String? {
        let value = text.trimmed
        return value.isEmpty ? nil : value
    }

    /// The direct text as written; nil when it is empty or only whitespace.
    var rawText: String? {
        text.trimmed.isEmpty ? nil : text
    }

    /// Returns the child elements named `localName` in the BPMN model namespace, in document
    /// order.
    func bpmnChildren(_ localName: String) -> [XMLTreeElement] {
        children.filter { $0.isBPMN(localName) }
    }

    /// Returns the first child element named `localName` in the BPMN model namespace.
    func bpmnChild(_ localName: String) -> XMLTreeElement? {
        children.first { $0.isBPMN(localName) }
    }

    /// Returns the child elements named `localName` in the Camunda namespace, in document order.
    func camundaChildren(_ localName: String) -> [XMLTreeElement] {
        children.filter { $0.isCamunda(localName) }
    }

    /// Returns the first child element named `localName` in the Camunda namespace.
    func camundaChild(_ localName: String) -> XMLTreeElement? {
        children.first { $0.isCamunda(localName) }
    }

    /// Returns the Camunda elements named `localName` inside this element's `extensionElements`.
    func camundaExtensions(_ localName: String) -> [XMLTreeElement] {
        bpmnChildren("extensionElements").flatMap { $0.camundaChildren(localName) }
    }

    /// The element as it reads in a message, such as `userTask 'task_Buy' (line 12)`.
    var locationDescription: String {
        if let id {
            return "\(localName) '\(id)' (line \(line))"
        }
        return "\(localName) (line \(line))"
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmed: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
