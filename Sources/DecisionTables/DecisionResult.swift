/// The result of a decision table, shaped by its hit policy.
public enum DecisionResult: Sendable, Equatable {
    /// `UNIQUE`, `FIRST`, `ANY` and `PRIORITY`: the selected rule, or nil when no rule
    /// matched.
    case single(RuleOutput?)
    /// `COLLECT` without aggregation, `RULE ORDER` and `OUTPUT ORDER`: the matching rules in
    /// result order; empty when none matched.
    case list([RuleOutput])
    /// `COLLECT` with an aggregation: the aggregated value of the one output `output`, and
    /// the rules it was computed from. The value is null when no rule gave a value, except
    /// that `COUNT` gives 0.
    case aggregated(Aggregation, output: String, value: DMNValue, rules: [RuleOutput])

    /// The result as one value: an object of outputs for `single` (empty when nothing
    /// matched), an array of such objects for `list`, and the aggregated value itself.
    public var value: DMNValue {
        switch self {
        case .single(let rule):
            return .object(rule?.outputs ?? [:])
        case .list(let rules):
            return .array(rules.map { .object($0.outputs) })
        case .aggregated(_, _, let value, _):
            return value
        }
    }

    /// The rules the result was made from, in result order.
    public var matchedRules: [RuleOutput] {
        switch self {
        case .single(let rule): return rule.map { [$0] } ?? []
        case .list(let rules): return rules
        case .aggregated(_, _, _, let rules): return rules
        }
    }
}

/// The outputs of one matching rule.
public struct RuleOutput: Sendable, Equatable {
    /// The 1-based position of the rule in its table.
    public let ruleIndex: Int
    public let ruleId: String?
    /// Output values by output name (`OutputClause.name`).
    public let outputs: [String: DMNValue]

    public init(ruleIndex: Int, ruleId: String?, outputs: [String: DMNValue]) {
        self.ruleIndex = ruleIndex
        self.ruleId = ruleId
        self.outputs = outputs
    }
}
