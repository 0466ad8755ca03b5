/// A DMN decision table: input columns, output columns and rules, with the hit policy that
/// turns the matching rules into the decision's result.
public struct DecisionTable: Sendable {
    /// The `id` attribute of the `decisionTable` element, if it has one.
    public let id: String?
    public let hitPolicy: HitPolicy
    public let inputs: [InputClause]
    public let outputs: [OutputClause]
    /// The rules in document order; `Rule.index` counts from 1.
    public let rules: [Rule]
}

/// The policy that combines the matching rules of a decision table into its result.
public enum HitPolicy: Sendable, Equatable, CustomStringConvertible {
    /// At most one rule may match; two or more is an error. The DMN default.
    case unique
    /// The first matching rule in rule order.
    case first
    /// Several rules may match if their outputs are equal; different outputs are an error.
    case any
    /// The matching rule whose outputs rank highest in the outputs' lists of allowed values.
    case priority
    /// All matching rules in rule order, or one value aggregated from their single output.
    case collect(Aggregation?)
    /// All matching rules in rule order.
    case ruleOrder
    /// All matching rules, highest priority first (as for `priority`), ties in rule order.
    case outputOrder

    /// The name as DMN writes it, such as `COLLECT SUM` or `RULE ORDER`.
    public var description: String {
        switch self {
        case .unique: return "UNIQUE"
        case .first: return "FIRST"
        case .any: return "ANY"
        case .priority: return "PRIORITY"
        case .collect(nil): return "COLLECT"
        case .collect(let aggregation?): return "COLLECT \(aggregation.rawValue)"
        case .ruleOrder: return "RULE ORDER"
        case .outputOrder: return "OUTPUT ORDER"
        }
    }
}

/// The aggregation of a `COLLECT` table over the values of its one output. Null outputs are
/// left out, and no match gives null (0 for `count`).
public enum Aggregation: String, Sendable, Equatable {
    case sum = "SUM"
    case min = "MIN"
    case max = "MAX"
    /// The number of non-null output values.
    case count = "COUNT"
}

/// An input column: where the value comes from and how it is typed.
public struct InputClause: Sendable {
    public let id: String?
    public let label: String?
    /// The FEEL text of `inputExpression`, such as `customer.age`; empty when the model has
    /// none, and then the input reads the variable named by `label`.
    public let expressionText: String
    /// The `typeRef` of the input expression, such as `number` or `feel:string`.
    public let typeRef: String?

    let expression: FEELExpression?

    /// The name used in messages: the label, else the expression text.
    public var displayName: String {
        label ?? expressionText
    }
}

/// An output column.
public struct OutputClause: Sendable {
    public let id: String?
    /// The key of this output's value in each rule's outputs: the `name` attribute, else the
    /// label, else (in a table with one output) the decision's name or id.
    public let name: String
    public let label: String?
    public let typeRef: String?
    /// The `outputValues` list, highest priority first. Empty when the model gives none.
    public let allowedValues: [DMNValue]

    let priorityOrder: [FEELValue]
}

/// One row of a decision table.
public struct Rule: Sendable {
    /// The 1-based position of the rule in its table, as modelling tools number rows.
    public let index: Int
    public let id: String?
    public let description: String?
    /// The FEEL unary tests as written, one per input; empty text matches every value.
    public let inputEntries: [String]
    /// The FEEL expressions as written, one per output; empty text gives null.
    public let outputEntries: [String]

    let tests: [UnaryTests]
    let outputExpressions: [FEELExpression]
}
