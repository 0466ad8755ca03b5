import Foundation

/// Reads a `decisionTable` element: hit policy, columns and rules, with every FEEL text
/// compiled.
struct DecisionTableReader {
    let element: DMNXMLElement
    let decisionId: String
    let decisionName: String?
    /// The DMN namespace of the file; elements in other namespaces are ignored.
    let namespace: String?
    /// The `expressionLanguage` of `definitions`, which applies where an element sets none.
    let defaultExpressionLanguage: String?

    func read() throws -> DecisionTable {
        let hitPolicy = try readHitPolicy()

        let inputElements = element.children("input", in: namespace)
        let inputs = try inputElements.enumerated().map { offset, input in
            try readInput(input, number: offset + 1)
        }

        let outputElements = element.children("output", in: namespace)
        guard !outputElements.isEmpty else {
            throw invalid("the decision table has no output; add an output column")
        }
        let outputs = try outputElements.enumerated().map { offset, output in
            try readOutput(output, number: offset + 1, outputCount: outputElements.count)
        }
        try checkOutputs(outputs, elements: outputElements, hitPolicy: hitPolicy)

        let rules = try element.children("rule", in: namespace).enumerated().map { offset, rule in
            try readRule(rule, index: offset + 1, inputs: inputs, outputs: outputs)
        }

        return DecisionTable(
            id: element.attribute("id"), hitPolicy: hitPolicy, inputs: inputs, outputs: outputs,
            rules: rules)
    }

    // MARK: - Hit policy

    private func readHitPolicy() throws -> HitPolicy {
        let name = element.attribute("hitPolicy")?.uppercased() ?? "UNIQUE"
        let aggregationName = element.attribute("aggregation")?.uppercased()

        var aggregation: Aggregation?
        if let aggregationName {
            guard let known = Aggregation(rawValue: aggregationName) else {
                throw invalid(
                    "the aggregation '\(element.attribute("aggregation") ?? "")' is unknown; "
                        + "use SUM, MIN, MAX or COUNT")
            }
            guard name == "COLLECT" else {
                throw invalid(
                    "the aggregation \(known.rawValue) needs hit policy COLLECT, but the "
                        + "table has \(name); remove the aggregation or change the hit policy")
            }
            aggregation = known
        }

        switch name {
        case "UNIQUE": return .unique
        case "FIRST": return .first
        case "ANY": return .any
        case "PRIORITY": return .priority
        case "COLLECT": return .collect(aggregation)
        case "RULE ORDER": return .ruleOrder
        case "OUTPUT ORDER": return .outputOrder
        default:
            throw invalid(
                "the hit policy '\(element.attribute("hitPolicy") ?? "")' is unknown; use "
                    + "UNIQUE, FIRST, ANY, PRIORITY, COLLECT, RULE ORDER or OUTPUT ORDER")
        }
    }

    // MARK: - Columns

    private func readInput(_ input: DMNXMLElement, number: Int) throws -> InputClause {
        let expressionElement = input.child("inputExpression", in: namespace)
        let text = expressionElement?.expressionText(in: namespace) ?? ""
        let label = input.attribute("label")
        // NOTE: `camunda:inputVariable` (the name of the input value inside entries, such as
        // `cellInput`) is not read, so such a name in an entry reads a missing variable.

        guard !text.isEmpty || label != nil else {
            throw DMNParseError.invalidElement(
                decisionId: decisionId, element: "input", line: input.line,
                reason: "input \(number) has neither an input expression nor a label; add an "
                    + "input expression such as 'amount'")
        }

        var expression: FEELExpression?
        if !text.isEmpty {
            let location = DMNEntryLocation.inputExpression(input: number, name: label ?? text)
            expression = try compile(text, at: location, in: expressionElement ?? input) {
                try FEELParser.parseExpression($0)
            }
        }

        return InputClause(
            id: input.attribute("id"), label: label, expressionText: text,
            typeRef: expressionElement?.attribute("typeRef"), expression: expression)
    }

    private func readOutput(
        _ output: DMNXMLElement, number: Int, outputCount: Int
    ) throws -> OutputClause {
        let label = output.attribute("label")
        let fallbackName = outputCount == 1 ? (decisionName ?? decisionId) : nil

        guard let name = output.attribute("name") ?? label ?? fallbackName else {
            throw DMNParseError.invalidElement(
                decisionId: decisionId, element: "output", line: output.line,
                reason: "output \(number) has no name; a table with several outputs needs a "
                    + "name on each, which is its key in the result")
        }

        var priorityOrder: [FEELValue] = []
        if let valuesElement = output.child("outputValues", in: namespace) {
            let text = valuesElement.expressionText(in: namespace)
            if !text.isEmpty {
                let location = DMNEntryLocation.outputValues(output: number, name: name)
                priorityOrder = try compile(text, at: location, in: valuesElement) {
                    try FEELParser.parseLiterals($0)
                }
            }
        }

        return OutputClause(
            id: output.attribute("id"), name: name, label: label,
            typeRef: output.attribute("typeRef"),
            allowedValues: priorityOrder.map(\.dmnValue), priorityOrder: priorityOrder)
    }

    private func checkOutputs(
        _ outputs: [OutputClause], elements: [DMNXMLElement], hitPolicy: HitPolicy
    ) throws {
        for (offset, output) in outputs.enumerated() {
            if let earlier = outputs[..<offset].firstIndex(where: { $0.name == output.name }) {
                throw DMNParseError.invalidElement(
                    decisionId: decisionId, element: "output", line: elements[offset].line,
                    reason: "outputs \(earlier + 1) and \(offset + 1) are both named "
                        + "'\(output.name)'; give each output its own name")
            }
        }

        switch hitPolicy {
        case .collect(let aggregation?) where outputs.count != 1:
            throw invalid(
                "hit policy COLLECT \(aggregation.rawValue) aggregates one output, but the "
                    + "table has \(outputs.count); remove the aggregation or keep one output")
        case .priority, .outputOrder:
            guard outputs.contains(where: { !$0.priorityOrder.isEmpty }) else {
                throw invalid(
                    "hit policy \(hitPolicy) ranks rules by the outputs' lists of allowed "
                        + "values, but no output has one; add output values such as "
                        + "\"high\",\"low\", highest priority first")
            }
        default:
            break
        }
    }

    // MARK: - Rules

    private func readRule(
        _ rule: DMNXMLElement, index: Int, inputs: [InputClause], outputs: [OutputClause]
    ) throws -> Rule {
        let inputEntries = rule.children("inputEntry", in: namespace)
        let outputEntries = rule.children("outputEntry", in: namespace)

        guard inputEntries.count == inputs.count else {
            throw entryCountError(
                rule, index: index, kind: "input", found: inputEntries.count,
                expected: inputs.count, hint: " (write - for any value)")
        }
        guard outputEntries.count == outputs.count else {
            throw entryCountError(
                rule, index: index, kind: "output", found: outputEntries.count,
                expected: outputs.count, hint: "")
        }

        let inputTexts = inputEntries.map { $0.expressionText(in: namespace) }
        let tests = try zip(inputEntries, inputTexts).enumerated().map { offset, entry in
            let location = DMNEntryLocation.inputEntry(
                rule: index, input: offset + 1, name: inputs[offset].displayName)
            return try compile(entry.1, at: location, in: entry.0) {
                try FEELParser.parseUnaryTests($0)
            }
        }

        let outputTexts = outputEntries.map { $0.expressionText(in: namespace) }
        let expressions = try zip(outputEntries, outputTexts).enumerated().map { offset, entry in
            guard !entry.1.isEmpty else { return FEELExpression.literal(.null) }
            let location = DMNEntryLocation.outputEntry(
                rule: index, output: offset + 1, name: outputs[offset].name)
            return try compile(entry.1, at: location, in: entry.0) {
                try FEELParser.parseExpression($0)
            }
        }

        let description = rule.child("description", in: namespace)?.text
            .trimmingCharacters(in: .whitespacesAndNewlines)

        return Rule(
            index: index, id: rule.attribute("id"),
            description: description?.isEmpty == false ? description : nil,
            inputEntries: inputTexts, outputEntries: outputTexts, tests: tests,
            outputExpressions: expressions)
    }

    private func entryCountError(
        _ rule: DMNXMLElement, index: Int, kind: String, found: Int, expected: Int, hint: String
    ) -> DMNParseError {
        .invalidElement(
            decisionId: decisionId, element: "rule", line: rule.line,
            reason: "rule \(index) has \(found) \(kind) entries, but the table has \(expected) "
                + "\(kind) columns; give the rule one entry per column\(hint)")
    }

    // MARK: - Helpers

    /// Runs `compiler` on `text`, the expression of `element`, and wraps a `FEELError` with
    /// the decision and the location.
    ///
    /// - Throws: `DMNParseError.unsupportedExpression` also when the element or the file names
    ///   an expression language other than FEEL, such as Camunda 7's `javascript` or `juel`.
    private func compile<Result>(
        _ text: String, at location: DMNEntryLocation, in element: DMNXMLElement,
        _ compiler: (String) throws -> Result
    ) throws -> Result {
        let language = element.attribute("expressionLanguage") ?? defaultExpressionLanguage
        if let language, !language.lowercased().contains("feel") {
            throw DMNParseError.unsupportedExpression(
                decisionId: decisionId, location: location, text: text, line: element.line,
                reason: "the expression language '\(language)'; only FEEL is evaluated, so "
                    + "rewrite the entry in FEEL and remove expressionLanguage")
        }

        do {
            return try compiler(text)
        } catch FEELError.syntax(let position, let reason) {
            throw DMNParseError.invalidExpression(
                decisionId: decisionId, location: location, text: text, line: element.line,
                position: position, reason: reason)
        } catch FEELError.unsupported(let feature) {
            throw DMNParseError.unsupportedExpression(
                decisionId: decisionId, location: location, text: text, line: element.line,
                reason: feature)
        }
    }

    private func invalid(_ reason: String) -> DMNParseError {
        .invalidElement(
            decisionId: decisionId, element: "decisionTable", line: element.line, reason: reason)
    }
}
