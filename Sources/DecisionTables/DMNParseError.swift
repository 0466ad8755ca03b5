/// An error that stops a DMN file from loading.
public enum DMNParseError: Error, Equatable, CustomStringConvertible {
    /// The XML is not well-formed; line and column are 1-based.
    case malformedXML(line: Int, column: Int, reason: String)
    /// The root element is not `definitions` in a DMN 1.1 to 1.5 model namespace.
    case notDMN(rootElement: String, namespace: String?)
    /// An element breaks a rule of DMN or of this reader, such as a rule with fewer entries
    /// than the table has columns, or an unknown hit policy.
    case invalidElement(decisionId: String?, element: String, line: Int, reason: String)
    /// An element that is valid DMN but that this module does not evaluate, such as a
    /// decision with a literal expression instead of a decision table.
    case unsupportedElement(decisionId: String?, element: String, line: Int, reason: String)
    /// An entry or expression that is not valid FEEL; `position` is the 1-based character in
    /// `text` where reading stopped.
    case invalidExpression(
        decisionId: String, location: DMNEntryLocation, text: String, line: Int, position: Int,
        reason: String)
    /// Valid FEEL that this module does not evaluate, such as the `?` placeholder.
    case unsupportedExpression(
        decisionId: String, location: DMNEntryLocation, text: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .malformedXML(let line, let column, let reason):
            return "invalid XML at line \(line), column \(column): \(reason)"
        case .notDMN(let rootElement, let namespace):
            let uri = namespace.map { "in namespace \($0)" } ?? "without a namespace"
            return "not a DMN file: the root element is '\(rootElement)' \(uri); expected "
                + "'definitions' in a DMN 1.1 to 1.5 namespace, such as "
                + "https://www.omg.org/spec/DMN/20191111/MODEL/"
        case .invalidElement(let decisionId, let element, let line, let reason):
            return "invalid \(element)\(Self.scope(decisionId)) at line \(line): \(reason)"
        case .unsupportedElement(let decisionId, let element, let line, let reason):
            return "unsupported \(element)\(Self.scope(decisionId)) at line \(line): \(reason)"
        case .invalidExpression(
            let decisionId, let location, let text, let line, let position, let reason):
            return "invalid FEEL in decision '\(decisionId)', \(location) at line \(line): "
                + "'\(text)' at character \(position): \(reason)"
        case .unsupportedExpression(let decisionId, let location, let text, let line, let reason):
            return "unsupported FEEL in decision '\(decisionId)', \(location) at line \(line): "
                + "'\(text)' uses \(reason)"
        }
    }

    private static func scope(_ decisionId: String?) -> String {
        decisionId.map { " in decision '\($0)'" } ?? ""
    }
}

/// The place of a FEEL text in a decision table, for messages. Rule, input and output numbers
/// count from 1, as modelling tools number rows and columns.
public enum DMNEntryLocation: Sendable, Equatable, CustomStringConvertible {
    case inputExpression(input: Int, name: String)
    case inputEntry(rule: Int, input: Int, name: String)
    case outputEntry(rule: Int, output: Int, name: String)
    /// The `outputValues` list of an output.
    case outputValues(output: Int, name: String)

    public var description: String {
        switch self {
        case .inputExpression(let input, let name):
            return "expression of input \(input) '\(name)'"
        case .inputEntry(let rule, let input, let name):
            return "rule \(rule), input \(input) '\(name)'"
        case .outputEntry(let rule, let output, let name):
            return "rule \(rule), output \(output) '\(name)'"
        case .outputValues(let output, let name):
            return "output values of output \(output) '\(name)'"
        }
    }
}
