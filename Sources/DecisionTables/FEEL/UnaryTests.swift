/// A compiled input entry: the FEEL unary tests that decide whether a rule's input matches.
///
/// Matching uses FEEL's three-valued logic. A test whose operands cannot be compared (a
/// string against `< 5`, or null against a range) is null, not false, so `not(< 5)` does not
/// match a string either. A rule matches only where every input entry is true.
enum UnaryTests: Sendable, Equatable {
    /// `-` or an empty entry: every value matches, null included.
    case any
    /// Tests separated by commas: true when one of them is true.
    case anyOf([PositiveUnaryTest])
    /// `not(...)`: true when the tests inside are false.
    case not([PositiveUnaryTest])

    /// Returns true, false, or nil for FEEL's null, for the input value `input`.
    func evaluate(_ input: FEELValue, in context: [String: DMNValue]) -> Bool? {
        switch self {
        case .any:
            return true
        case .anyOf(let tests):
            return Self.disjunction(tests, input, context)
        case .not(let tests):
            return Self.disjunction(tests, input, context).map { !$0 }
        }
    }

    /// FEEL's `or`: true if any is true, else null if any is null, else false.
    private static func disjunction(
        _ tests: [PositiveUnaryTest], _ input: FEELValue, _ context: [String: DMNValue]
    ) -> Bool? {
        var sawNull = false
        for test in tests {
            switch test.evaluate(input, in: context) {
            case true?: return true
            case nil: sawNull = true
            case false?: break
            }
        }
        return sawNull ? nil : false
    }
}

/// One test of an input entry, such as `< 10`, `[1..5)` or `"gold"`.
enum PositiveUnaryTest: Sendable, Equatable {
    /// `< x`, `<= x`, `> x`, `>= x`, `= x` or `!= x`.
    case comparison(ComparisonOperator, FEELExpression)
    /// An interval. `[` and `]` include their endpoint; `(`, `)` and a reversed bracket
    /// exclude it.
    case interval(
        start: FEELExpression, includesStart: Bool, end: FEELExpression, includesEnd: Bool)
    /// A plain expression, such as `"gold"`, `42` or `null`: the input must equal its value.
    case equality(FEELExpression)

    enum ComparisonOperator: String, Sendable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "="
        case notEqual = "!="
    }

    func evaluate(_ input: FEELValue, in context: [String: DMNValue]) -> Bool? {
        switch self {
        case .comparison(let comparison, let operand):
            return Self.compare(input, comparison, operand.evaluate(in: context))
        case .interval(let start, let includesStart, let end, let includesEnd):
            let lower = Self.compare(
                input, includesStart ? .greaterOrEqual : .greater, start.evaluate(in: context))
            let upper = Self.compare(
                input, includesEnd ? .lessOrEqual : .less, end.evaluate(in: context))
            return Self.conjunction(lower, upper)
        case .equality(let expected):
            return FEELComparison.areEqual(input, expected.evaluate(in: context))
        }
    }

    private static func compare(
        _ input: FEELValue, _ comparison: ComparisonOperator, _ operand: FEELValue
    ) -> Bool? {
        switch comparison {
        case .equal:
            return FEELComparison.areEqual(input, operand)
        case .notEqual:
            return !FEELComparison.areEqual(input, operand)
        case .less:
            return FEELComparison.order(input, operand).map { $0 < 0 }
        case .lessOrEqual:
            return FEELComparison.order(input, operand).map { $0 <= 0 }
        case .greater:
            return FEELComparison.order(input, operand).map { $0 > 0 }
        case .greaterOrEqual:
            return FEELComparison.order(input, operand).map { $0 >= 0 }
        }
    }

    /// FEEL's `and`: false if either is false, else null if either is null, else true.
    private static func conjunction(_ lhs: Bool?, _ rhs: Bool?) -> Bool? {
        if lhs == false || rhs == false { return false }
        if lhs == nil || rhs == nil { return nil }
        return true
    }
}
