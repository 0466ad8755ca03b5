/// A DMN decision whose logic is a decision table.
public struct Decision: Sendable {
    public let id: String
    public let name: String?
    public let table: DecisionTable
    /// The decisions this one requires (`informationRequirement` with `requiredDecision`), in
    /// document order. They are evaluated first, and their outputs become input variables.
    public let requiredDecisions: [Decision]

    /// Evaluates the decision for the input variables `context`.
    ///
    /// First each required decision is evaluated with `context`, and its outputs are added
    /// to the variables by output name (see `bindOutputs`). Then each input expression is
    /// evaluated and converted to its `typeRef`, the rules whose input entries all match are
    /// selected, and the hit policy shapes the result.
    ///
    /// - Parameter context: Input variables by name. An input expression `customer.age`
    ///   reads the member `age` of the object `customer`; a name that is missing is null.
    /// - Returns: The result for the table's hit policy; an empty result when no rule matches.
    /// - Throws: `DecisionEvaluationError` for more than one match in a `UNIQUE` table,
    ///   different outputs in an `ANY` table, a value that does not fit its `typeRef`, or a
    ///   value that cannot be aggregated. An error in a required decision is thrown as is.
    public func evaluate(_ context: [String: DMNValue]) throws -> DecisionResult {
        // NOTE: Each required decision reads only `context`, not the outputs of its siblings,
        // and one required by two others runs twice. Camunda 7 runs each once, in one shared
        // variable map, so sibling outputs are visible there.
        var variables = context
        for required in requiredDecisions {
            let result = try required.evaluate(context)
            required.bindOutputs(of: result, into: &variables)
        }

        let inputValues = try table.inputs.map { try inputValue($0, in: variables) }

        let matchingRules = table.rules.filter { rule in
            zip(rule.tests, inputValues).allSatisfy { test, value in
                test.evaluate(value, in: variables) == true
            }
        }

        let outputs = try matchingRules.map { try ruleOutput($0, in: variables) }
        return try HitPolicyResolver(decision: self).result(for: outputs)
    }

    /// Evaluates an input expression and converts the value to the input's `typeRef`.
    ///
    /// A variable whose name is the whole expression text wins over evaluating the text, so
    /// that keys such as `tax-rate` or `customer.age` written as one key can be read.
    private func inputValue(
        _ input: InputClause, in variables: [String: DMNValue]
    ) throws -> FEELValue {
        let value: FEELValue
        if let expression = input.expression, variables[input.expressionText] == nil {
            value = expression.evaluate(in: variables)
        } else {
            let key = input.expressionText.isEmpty ? input.displayName : input.expressionText
            value = variables[key].map(FEELValue.init) ?? .null
        }

        guard let converted = TypeRef(input.typeRef).convert(value) else {
            throw DecisionEvaluationError.invalidInputValue(
                decisionId: id, input: input.displayName, value: value.dmnValue,
                typeRef: input.typeRef ?? "")
        }
        return converted
    }

    private func ruleOutput(_ rule: Rule, in variables: [String: DMNValue]) throws -> RuleOutput {
        var outputs: [String: DMNValue] = [:]

        for (output, expression) in zip(table.outputs, rule.outputExpressions) {
            let value = expression.evaluate(in: variables)
            guard let converted = TypeRef(output.typeRef).convert(value) else {
                throw DecisionEvaluationError.invalidOutputValue(
                    decisionId: id, rule: rule.index, output: output.name,
                    value: value.dmnValue, typeRef: output.typeRef ?? "")
            }
            outputs[output.name] = converted.dmnValue
        }

        return RuleOutput(ruleIndex: rule.index, ruleId: rule.id, outputs: outputs)
    }

    /// Adds this decision's outputs in `result` to `variables`, by output name, as Camunda 7's
    /// DMN engine does for required decisions.
    ///
    /// No match leaves `variables` unchanged. One selected rule adds its outputs. A list
    /// result (`COLLECT`, `RULE ORDER`, `OUTPUT ORDER`) adds an array per output, even for one
    /// rule. An aggregation adds the aggregated value.
    private func bindOutputs(of result: DecisionResult, into variables: inout [String: DMNValue]) {
        switch result {
        case .single(nil):
            return
        case .single(let rule?):
            variables.merge(rule.outputs) { _, new in new }
        case .list(let rules):
            guard !rules.isEmpty else { return }
            for output in table.outputs {
                variables[output.name] = .array(rules.map { $0.outputs[output.name] ?? .null })
            }
        case .aggregated(_, let output, let value, _):
            variables[output] = value
        }
    }
}
