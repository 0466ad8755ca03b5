import BPMNModel
import Foundation
import WorkflowEngine

/// The values a yes/no form field sends for "yes" and "no".
///
/// Camunda's boolean form fields send JSON `true`/`false`, but many bpmn-server models
/// test such fields against strings (`$(item.data.needsCleaning=="Yes")`,
/// `$(item.data.vote == "true")`), because bpmn-web posts every form value as text. A
/// field sends strings when the model's conditions compare it with one of the known
/// word pairs below; otherwise it sends JSON booleans. The form shows which.
struct BooleanEncoding: Equatable {
    var yes: JSONValue
    var no: JSONValue

    static let json = BooleanEncoding(yes: .bool(true), no: .bool(false))

    /// Word pairs recognised in conditions, compared without regard to case.
    private static let wordPairs: [(yes: String, no: String)] = [
        ("Yes", "No"), ("true", "false"), ("Y", "N"), ("on", "off"), ("1", "0"),
    ]

    /// Reads the encoding for the field `fieldId` from the sequence-flow conditions of
    /// the model.
    static func infer(fieldId: String, conditions: [String]) -> BooleanEncoding {
        for literal in comparedLiterals(fieldId: fieldId, conditions: conditions) {
            for pair in wordPairs {
                if literal == pair.yes || literal.lowercased() == pair.yes.lowercased() {
                    return BooleanEncoding(yes: .string(literal), no: .string(matchCase(pair.no, to: literal)))
                }
                if literal == pair.no || literal.lowercased() == pair.no.lowercased() {
                    return BooleanEncoding(yes: .string(matchCase(pair.yes, to: literal)), no: .string(literal))
                }
            }
        }
        return .json
    }

    /// String literals that a condition compares with `data.<fieldId>` (also reached as
    /// `item.data.`, `this.data.`) using `==`, `===`, `!=` or `!==`, in either order.
    static func comparedLiterals(fieldId: String, conditions: [String]) -> [String] {
        let field = NSRegularExpression.escapedPattern(for: fieldId)
        let reference = "(?:\\b(?:item|this|instance)\\.)?\\bdata\\.\(field)\\b"
        let literal = "([\"'])(.*?)\\1"
        let patterns = [
            "\(reference)\\s*[!=]==?\\s*\(literal)",
            "\(literal)\\s*[!=]==?\\s*\(reference)",
        ]

        var found: [String] = []
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            for condition in conditions {
                let range = NSRange(condition.startIndex..., in: condition)
                for match in expression.matches(in: condition, range: range) {
                    if let valueRange = Range(match.range(at: 2), in: condition) {
                        found.append(String(condition[valueRange]))
                    }
                }
            }
        }
        return found
    }

    /// `word` in the case style of `example`: all upper, all lower, or capitalised.
    private static func matchCase(_ word: String, to example: String) -> String {
        if example == example.uppercased() && example != example.lowercased() { return word.uppercased() }
        if example == example.lowercased() { return word.lowercased() }
        return word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }

    /// The shown description of the values, such as `"Yes"/"No"` or `true/false`.
    var summary: String { "\(yes.jsonText)/\(no.jsonText)" }
}

extension Definitions {
    /// The condition expressions of every sequence flow, in all processes and
    /// sub-processes.
    var allFlowConditions: [String] {
        processes.flatMap { $0.body.allFlowConditions }
    }
}

extension FlowContainer {
    var allFlowConditions: [String] {
        flows.compactMap(\.condition) + nodes.flatMap { $0.subProcess?.allFlowConditions ?? [] }
    }
}
