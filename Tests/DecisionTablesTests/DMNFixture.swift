import DecisionTables
import Foundation
import XCTest

/// Inline DMN documents for the tests.
enum DMNFixture {
    static let dmn11 = "http://www.omg.org/spec/DMN/20151101/dmn.xsd"
    static let dmn12 = "http://www.omg.org/spec/DMN/20180521/MODEL/"
    static let dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"

    /// An input column: the label, the input expression text and its `typeRef`.
    struct Input {
        var label: String?
        var expression: String
        var typeRef: String?
    }

    /// An output column: `name`, `typeRef` and the text of `outputValues`.
    struct Output {
        var name: String?
        var typeRef: String?
        var allowedValues: String?
    }

    /// Builds a `definitions` document with `namespace` as the default namespace.
    static func definitions(_ body: String, namespace: String = dmn13) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="\(namespace)" \
        xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" \
        xmlns:camunda="http://camunda.org/schema/1.0/dmn" \
        id="Definitions_1" name="Fixture" namespace="http://camunda.org/schema/1.0/dmn">
        \(body)
        </definitions>
        """
    }

    /// Builds a decision element whose table has the given columns and rules. Each rule lists
    /// its input entries, then its output entries; the texts are escaped for XML here.
    static func decision(
        id: String = "decision", name: String? = "Decision", tableAttributes: String = "",
        inputs: [Input], outputs: [Output], rules: [[String]], extra: String = ""
    ) -> String {
        let nameAttribute = name.map { " name=\"\(escape($0))\"" } ?? ""
        var xml = "<decision id=\"\(id)\"\(nameAttribute)>\n\(extra)\n"
        xml += "<decisionTable id=\"\(id)_table\" \(tableAttributes)>\n"

        for (offset, input) in inputs.enumerated() {
            let label = input.label.map { " label=\"\(escape($0))\"" } ?? ""
            let typeRef = input.typeRef.map { " typeRef=\"\($0)\"" } ?? ""
            xml += """
                <input id="\(id)_input\(offset + 1)"\(label)>
                  <inputExpression id="\(id)_expression\(offset + 1)"\(typeRef)>
                    <text>\(escape(input.expression))</text>
                  </inputExpression>
                </input>\n
                """
        }

        for (offset, output) in outputs.enumerated() {
            let name = output.name.map { " name=\"\(escape($0))\"" } ?? ""
            let typeRef = output.typeRef.map { " typeRef=\"\($0)\"" } ?? ""
            xml += "<output id=\"\(id)_output\(offset + 1)\"\(name)\(typeRef)>"
            if let allowedValues = output.allowedValues {
                xml += "<outputValues><text>\(escape(allowedValues))</text></outputValues>"
            }
            xml += "</output>\n"
        }

        for (offset, entries) in rules.enumerated() {
            xml += "<rule id=\"\(id)_rule\(offset + 1)\">\n"
            for (column, entry) in entries.enumerated() {
                let element = column < inputs.count ? "inputEntry" : "outputEntry"
                xml += "  <\(element)><text>\(escape(entry))</text></\(element)>\n"
            }
            xml += "</rule>\n"
        }

        return xml + "</decisionTable>\n</decision>"
    }

    /// Parses a one-decision document and returns the decision `decision`.
    static func parseDecision(
        tableAttributes: String = "", inputs: [Input], outputs: [Output], rules: [[String]],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Decision {
        let xml = definitions(
            decision(
                tableAttributes: tableAttributes, inputs: inputs, outputs: outputs, rules: rules))
        let model = try DecisionModel.parse(string: xml)
        return try XCTUnwrap(model.decision(id: "decision"), file: file, line: line)
    }

    /// Returns the error that parsing `xml` throws, or nil when it parses.
    static func parseError(_ xml: String) -> DMNParseError? {
        do {
            _ = try DecisionModel.parse(string: xml)
            return nil
        } catch let error as DMNParseError {
            return error
        } catch {
            XCTFail("expected a DMNParseError, got \(error)")
            return nil
        }
    }

    /// Returns the error that evaluating `decision` with `context` throws, or nil.
    static func evaluationError(
        _ decision: Decision, _ context: [String: DMNValue]
    ) -> DecisionEvaluationError? {
        do {
            _ = try decision.evaluate(context)
            return nil
        } catch let error as DecisionEvaluationError {
            return error
        } catch {
            XCTFail("expected a DecisionEvaluationError, got \(error)")
            return nil
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
