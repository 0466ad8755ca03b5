/// Turns the outputs of the matching rules into a `DecisionResult` by the table's hit policy.
struct HitPolicyResolver {
    let decision: Decision

    /// - Parameter matches: The outputs of the matching rules, in rule order.
    /// - Throws: `DecisionEvaluationError.multipleMatches` (`UNIQUE`), `.conflictingOutputs`
    ///   (`ANY`) and `.invalidAggregateValue` (`COLLECT` with an aggregation).
    func result(for matches: [RuleOutput]) throws -> DecisionResult {
        switch decision.table.hitPolicy {
        case .unique:
            guard matches.count <= 1 else {
                throw DecisionEvaluationError.multipleMatches(
                    decisionId: decision.id, rules: matches.map(\.ruleIndex))
            }
            return .single(matches.first)
        case .first:
            return .single(matches.first)
        case .any:
            guard let first = matches.first else { return .single(nil) }
            guard matches.allSatisfy({ $0.outputs == first.outputs }) else {
                throw DecisionEvaluationError.conflictingOutputs(
                    decisionId: decision.id, rules: matches.map(\.ruleIndex))
            }
            return .single(first)
        case .priority:
            return .single(sortedByPriority(matches).first)
        case .collect(nil), .ruleOrder:
            return .list(matches)
        case .outputOrder:
            return .list(sortedByPriority(matches))
        case .collect(let aggregation?):
            return try aggregate(matches, with: aggregation)
        }
    }

    /// Sorts the matches highest priority first, keeping rule order among equals.
    ///
    /// A rule's priority is the position of each output value in that output's allowed
    /// values, compared output by output. A value missing from the list ranks below all
    /// listed values.
    private func sortedByPriority(_ matches: [RuleOutput]) -> [RuleOutput] {
        let ranked = matches.map { (rank: priorityRank(of: $0), match: $0) }
        let sorted = ranked.enumerated().sorted { left, right in
            if left.element.rank != right.element.rank {
                return left.element.rank.lexicographicallyPrecedes(right.element.rank)
            }
            return left.offset < right.offset
        }
        return sorted.map(\.element.match)
    }

    private func priorityRank(of match: RuleOutput) -> [Int] {
        decision.table.outputs.filter { !$0.priorityOrder.isEmpty }.map { output in
            let value = FEELValue(match.outputs[output.name] ?? .null)
            let position = output.priorityOrder.firstIndex { FEELComparison.areEqual(value, $0) }
            return position ?? output.priorityOrder.count
        }
    }

    /// Aggregates the one output of the matches, leaving out nulls.
    private func aggregate(
        _ matches: [RuleOutput], with aggregation: Aggregation
    ) throws -> DecisionResult {
        // The reader accepts aggregations only for tables with exactly one output.
        let output = decision.table.outputs[0].name
        let values = matches.compactMap { match -> (rule: Int, value: DMNValue)? in
            let value = match.outputs[output] ?? .null
            return value == .null ? nil : (match.ruleIndex, value)
        }

        let aggregated: DMNValue
        switch aggregation {
        case .count:
            aggregated = .number(Double(values.count))
        case .sum:
            aggregated = try sum(values, output: output)
        case .min:
            aggregated = try extreme(values, output: output, aggregation: .min)
        case .max:
            aggregated = try extreme(values, output: output, aggregation: .max)
        }

        return .aggregated(aggregation, output: output, value: aggregated, rules: matches)
    }

    private func sum(_ values: [(rule: Int, value: DMNValue)], output: String) throws -> DMNValue {
        guard !values.isEmpty else { return .null }

        var total = 0.0
        for (rule, value) in values {
            guard case .number(let number) = value else {
                throw DecisionEvaluationError.invalidAggregateValue(
                    decisionId: decision.id, aggregation: .sum, rule: rule, output: output,
                    value: value)
            }
            total += number
        }
        return .number(total)
    }

    /// Returns the smallest (`min`) or largest (`max`) value. Numbers and strings may be
    /// aggregated, but not mixed.
    private func extreme(
        _ values: [(rule: Int, value: DMNValue)], output: String, aggregation: Aggregation
    ) throws -> DMNValue {
        guard var best = values.first else { return .null }

        for candidate in values {
            guard let order = Self.order(candidate.value, best.value) else {
                throw DecisionEvaluationError.invalidAggregateValue(
                    decisionId: decision.id, aggregation: aggregation, rule: candidate.rule,
                    output: output, value: candidate.value)
            }
            if (aggregation == .min && order < 0) || (aggregation == .max && order > 0) {
                best = candidate
            }
        }
        return best.value
    }

    private static func order(_ lhs: DMNValue, _ rhs: DMNValue) -> Int? {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default: return nil
        }
    }
}
