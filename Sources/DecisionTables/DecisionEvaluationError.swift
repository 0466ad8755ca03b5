/// An error that stops the evaluation of a decision. A table where no rule matches is not an
/// error, because its result is simply empty.
public enum DecisionEvaluationError: Error, Equatable, CustomStringConvertible {
    /// A `UNIQUE` table had more than one matching rule; `rules` are their 1-based indexes.
    case multipleMatches(decisionId: String, rules: [Int])
    /// An `ANY` table had matching rules with different outputs.
    case conflictingOutputs(decisionId: String, rules: [Int])
    /// An input value cannot be read as the input's `typeRef`, such as "abc" for a number.
    case invalidInputValue(decisionId: String, input: String, value: DMNValue, typeRef: String)
    /// A rule's output value cannot be read as the output's `typeRef`.
    case invalidOutputValue(
        decisionId: String, rule: Int, output: String, value: DMNValue, typeRef: String)
    /// A `COLLECT` aggregation met a value it cannot aggregate, such as a string to sum.
    case invalidAggregateValue(
        decisionId: String, aggregation: Aggregation, rule: Int, output: String, value: DMNValue)

    public var description: String {
        switch self {
        case .multipleMatches(let decisionId, let rules):
            return "decision '\(decisionId)' has hit policy UNIQUE, but \(Self.list(rules)) "
                + "match; change the input entries so that at most one rule matches, or use "
                + "hit policy FIRST or COLLECT"
        case .conflictingOutputs(let decisionId, let rules):
            return "decision '\(decisionId)' has hit policy ANY, but \(Self.list(rules)) match "
                + "with different outputs; give them equal outputs, or use hit policy FIRST "
                + "or PRIORITY"
        case .invalidInputValue(let decisionId, let input, let value, let typeRef):
            return "decision '\(decisionId)': input '\(input)' is \(value), which is not a "
                + "valid \(typeRef); pass \(TypeRef(typeRef).expectation)"
        case .invalidOutputValue(let decisionId, let rule, let output, let value, let typeRef):
            return "decision '\(decisionId)', rule \(rule): output '\(output)' is \(value), "
                + "which is not a valid \(typeRef); change the output entry to "
                + TypeRef(typeRef).expectation
        case .invalidAggregateValue(
            let decisionId, let aggregation, let rule, let output, let value):
            let needed = aggregation == .sum ? "numbers" : "numbers or strings, not both"
            return "decision '\(decisionId)' aggregates output '\(output)' with "
                + "\(aggregation.rawValue), but rule \(rule) gives \(value); "
                + "\(aggregation.rawValue) needs \(needed)"
        }
    }

    /// "rules 2 and 5" or "rules 1, 3 and 4".
    private static func list(_ rules: [Int]) -> String {
        let numbers = rules.map(String.init)
        guard let last = numbers.last, numbers.count > 1 else {
            return "rule \(numbers.first ?? "")"
        }
        return "rules \(numbers.dropLast().joined(separator: ", ")) and \(last)"
    }
}
