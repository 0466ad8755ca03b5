/// Reads the attributes of one element and remembers which were read, so the rest can be kept
/// in `FlowNode.otherAttributes`.
struct AttributeReader {
    private let element: XMLTreeElement
    private var readNames: Set<String> = []

    init(_ element: XMLTreeElement) {
        self.element = element
    }

    /// Returns the attribute's value and marks it as read. An empty value counts as absent.
    mutating func take(_ localName: String, namespace: String? = nil) -> String? {
        guard let value = element.attribute(localName, namespace: namespace) else { return nil }

        readNames.insert(XMLTreeAttribute.expandedName(localName, namespace: namespace))
        return value.isEmpty ? nil : value
    }

    /// Returns the attribute's value without marking it as read. An empty value counts as absent.
    func peek(_ localName: String, namespace: String? = nil) -> String? {
        guard let value = element.attribute(localName, namespace: namespace) else { return nil }
        return value.isEmpty ? nil : value
    }

    /// Returns a Camunda extension attribute and marks it as read.
    mutating func takeCamunda(_ localName: String) -> String? {
        take(localName, namespace: BPMNNamespace.camunda)
    }

    /// Returns the value of the first attribute in `candidates` that is present and not empty,
    /// and marks only that one as read.
    mutating func takeFirst(_ candidates: [(localName: String, namespace: String?)]) -> String? {
        for candidate in candidates {
            let value = element.attribute(candidate.localName, namespace: candidate.namespace)
            if let value, !value.isEmpty {
                return take(candidate.localName, namespace: candidate.namespace)
            }
        }
        return nil
    }

    /// Reads an `xsd:boolean` attribute, marking it as read.
    ///
    /// - Returns: `defaultValue` when the attribute is absent or empty.
    /// - Throws: `BPMNParseError.invalidElement` when the value is not `true`, `false`, `1`
    ///   or `0`.
    mutating func takeBoolean(_ localName: String, default defaultValue: Bool) throws -> Bool {
        guard let value = take(localName)?.trimmed else { return defaultValue }

        switch value {
        case "true", "1":
            return true
        case "false", "0":
            return false
        default:
            throw BPMNParseError.invalidElement(
                elementId: element.id, element: element.localName,
                reason: "\(localName)='\(value)' at line \(element.line) is not a boolean; "
                    + "use \"true\" or \"false\"")
        }
    }

    /// Reads an `xsd:integer` attribute, marking it as read.
    ///
    /// - Throws: `BPMNParseError.invalidElement` when the value is not a whole number.
    mutating func takeInteger(_ localName: String) throws -> Int? {
        guard let value = take(localName)?.trimmed else { return nil }
        guard let number = Int(value) else {
            throw BPMNParseError.invalidElement(
                elementId: element.id, element: element.localName,
                reason: "\(localName)='\(value)' at line \(element.line) is not a whole number")
        }
        return number
    }

    /// The attributes not read so far, keyed by `{uri}local` or `local`.
    var unread: [String: String] {
        var result: [String: String] = [:]
        for attribute in element.attributes where !readNames.contains(attribute.expandedName) {
            result[attribute.expandedName] = attribute.value
        }
        return result
    }
}
