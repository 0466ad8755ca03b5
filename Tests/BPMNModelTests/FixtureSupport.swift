import BPMNModel
import Foundation
import XCTest

/// Inline BPMN documents for the unit tests.
enum Fixture {
    static let modelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let camundaNamespace = "http://camunda.org/schema/1.0/bpmn"

    /// The namespace declarations every fixture needs besides the model namespace.
    static let otherNamespaces = """
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
        xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:di="http://www.omg.org/spec/DD/20100524/DI" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        """

    /// Builds a `definitions` document around `body`, written with the prefix `bpmn:`.
    static func definitions(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="\(modelNamespace)" \(otherNamespaces) id="Definitions_1">
        \(body)
        </bpmn:definitions>
        """
    }

    /// Builds a document with one executable process `Process_1` around `body`.
    static func process(_ body: String) -> String {
        definitions(
            """
            <bpmn:process id="Process_1" isExecutable="true">
            \(body)
            </bpmn:process>
            """)
    }

    /// Rewrites a fixture written with `bpmn:` to bind the model namespace to `prefix`
    /// instead, or to make it the default namespace when `prefix` is empty.
    static func rebind(_ xml: String, toPrefix prefix: String) -> String {
        let declaration = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        let elementPrefix = prefix.isEmpty ? "" : "\(prefix):"
        var rebound = xml.replacingOccurrences(of: "xmlns:bpmn=", with: "\(declaration)=")
        rebound = rebound.replacingOccurrences(of: "<bpmn:", with: "<\(elementPrefix)")
        rebound = rebound.replacingOccurrences(of: "</bpmn:", with: "</\(elementPrefix)")
        return rebound.replacingOccurrences(
            of: "\"bpmn:tFormalExpression\"", with: "\"\(elementPrefix)tFormalExpression\"")
    }

    /// Parses `xml`, failing the test with the error's description when it throws.
    static func parse(
        _ xml: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Definitions {
        do {
            return try BPMNParser.parse(string: xml)
        } catch {
            XCTFail("parse failed: \(error)", file: file, line: line)
            throw error
        }
    }

    /// Parses `xml` and returns the `BPMNParseError` it throws. Returns nil and fails the test
    /// when the model loads or another error is thrown.
    static func parseError(
        _ xml: String, file: StaticString = #filePath, line: UInt = #line
    ) -> BPMNParseError? {
        do {
            _ = try BPMNParser.parse(string: xml)
            XCTFail("expected a BPMNParseError, but the model loaded", file: file, line: line)
        } catch let error as BPMNParseError {
            return error
        } catch {
            XCTFail("expected a BPMNParseError, got \(error)", file: file, line: line)
        }
        return nil
    }
}

/// Describes any value with its dictionary and set entries sorted, so that equal values built
/// in different orders give the same text. The tests compare model types that are not
/// `Equatable` this way.
func canonicalDescription(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)

    switch mirror.displayStyle {
    case .dictionary?, .set?:
        let entries = mirror.children.map { canonicalDescription($0.value) }.sorted()
        return "[" + entries.joined(separator: ", ") + "]"
    case .optional?:
        guard let wrapped = mirror.children.first else { return "nil" }
        return canonicalDescription(wrapped.value)
    case .collection?:
        let items = mirror.children.map { canonicalDescription($0.value) }
        return "[" + items.joined(separator: ", ") + "]"
    case .struct?, .class?, .tuple?, .enum?:
        guard !mirror.children.isEmpty else { return String(describing: value) }
        let fields = mirror.children.map { child in
            (child.label ?? "_") + ": " + canonicalDescription(child.value)
        }
        return "\(mirror.subjectType)(" + fields.joined(separator: ", ") + ")"
    default:
        return String(reflecting: value)
    }
}
