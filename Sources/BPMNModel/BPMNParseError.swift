/// Why a file could not be loaded as a BPMN model.
public enum BPMNParseError: Error, Equatable, CustomStringConvertible {
    /// The XML is not well-formed; line and column are 1-based.
    case malformedXML(line: Int, column: Int, reason: String)
    /// Well-formed XML whose root is not `definitions` in the BPMN 2.0 model namespace.
    case notBPMN(rootElement: String, namespace: String?)
    /// A required attribute is missing, such as a sequence flow without `targetRef`.
    case invalidElement(elementId: String?, element: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedXML(line, column, reason):
            return "invalid XML at line \(line), column \(column): \(reason)"
        case let .notBPMN(root, namespace):
            let uri = namespace.map { " in namespace \($0)" } ?? " without a namespace"
            return "not a BPMN 2.0 file: the root element is '\(root)'\(uri); expected "
                + "'definitions' in http://www.omg.org/spec/BPMN/20100524/MODEL"
        case let .invalidElement(elementId, element, reason):
            let where_ = elementId.map { "\(element) '\($0)'" } ?? element
            return "invalid \(where_): \(reason)"
        }
    }
}
