import DecisionTables
import XCTest

/// Each hit policy applied to the same matches: rules 1, 2 and 4 of four match `x = 5`.
final class HitPolicyTests: XCTestCase {
    private func decision(
        _ attributes: String, outputs: [DMNFixture.Output] = [.init(name: "level")],
        rules: [[String]]? = nil
    ) throws -> Decision {
        try DMNFixture.parseDecision(
            tableAttributes: attributes,
            inputs: [.init(label: "X", expression: "x", typeRef: "number")],
            outputs: outputs,
            rules: rules ?? [
                ["< 10", "\"low\""],
                ["[5..6]", "\"high\""],
                ["> 100", "\"medium\""],
                ["-", "\"medium\""],
            ])
    }

    private let allowedLevels = DMNFixture.Output(
        name: "level", allowedValues: "\"high\", \"medium\", \"low\"")

    func testFirstReturnsFirstMatch() throws {
        let result = try decision("hitPolicy=\"FIRST\"").evaluate(["x": 5])

        XCTAssertEqual(
            result,
            .single(RuleOutput(ruleIndex: 1, ruleId: "decision_rule1", outputs: ["level": "low"])))
    }

    func testAnyReturnsSharedOutput() throws {
        let result = try decision(
            "hitPolicy=\"ANY\"", rules: [["< 10", "\"same\""], ["[5..6]", "\"same\""]]
        ).evaluate(["x": 5])

        XCTAssertEqual(result.value, ["level": "same"])
        XCTAssertEqual(result.matchedRules.map(\.ruleIndex), [1])
    }

    func testAnyRejectsDifferentOutputs() throws {
        let error = DMNFixture.evaluationError(try decision("hitPolicy=\"ANY\""), ["x": 5])

        XCTAssertEqual(error, .conflictingOutputs(decisionId: "decision", rules: [1, 2, 4]))
        XCTAssertTrue(
            error?.description.contains("but rules 1, 2 and 4 match with different outputs")
                ?? false,
            error?.description ?? "")
    }

    func testPriorityReturnsHighestRankedOutput() throws {
        let result = try decision("hitPolicy=\"PRIORITY\"", outputs: [allowedLevels])
            .evaluate(["x": 5])

        XCTAssertEqual(result.value, ["level": "high"])
        XCTAssertEqual(result.matchedRules.map(\.ruleIndex), [2])
    }

    func testPriorityRanksUnlistedValueLast() throws {
        let result = try decision(
            "hitPolicy=\"PRIORITY\"", outputs: [allowedLevels],
            rules: [["-", "\"unlisted\""], ["-", "\"low\""]]
        ).evaluate(["x": 5])

        XCTAssertEqual(result.value, ["level": "low"])
    }

    func testPriorityComparesOutputsInOrder() throws {
        let outputs: [DMNFixture.Output] = [
            .init(name: "risk", allowedValues: "\"high\", \"low\""),
            .init(name: "action", allowedValues: "\"stop\", \"check\", \"pass\""),
        ]
        let result = try decision(
            "hitPolicy=\"PRIORITY\"", outputs: outputs,
            rules: [
                ["-", "\"low\"", "\"stop\""],
                ["-", "\"high\"", "\"pass\""],
                ["-", "\"high\"", "\"check\""],
            ]
        ).evaluate(["x": 5])

        XCTAssertEqual(result.value, ["risk": "high", "action": "check"])
    }

    func testCollectListsMatchesInRuleOrder() throws {
        let result = try decision("hitPolicy=\"COLLECT\"").evaluate(["x": 5])

        XCTAssertEqual(result.value, [["level": "low"], ["level": "high"], ["level": "medium"]])
    }

    func testRuleOrderListsMatchesInRuleOrder() throws {
        let result = try decision("hitPolicy=\"RULE ORDER\"").evaluate(["x": 5])

        XCTAssertEqual(result.matchedRules.map(\.ruleIndex), [1, 2, 4])
    }

    func testOutputOrderSortsByPriority() throws {
        let result = try decision("hitPolicy=\"OUTPUT ORDER\"", outputs: [allowedLevels])
            .evaluate(["x": 5])

        XCTAssertEqual(result.value, [["level": "high"], ["level": "medium"], ["level": "low"]])
    }

    func testCollectWithoutMatchIsEmptyList() throws {
        let result = try decision("hitPolicy=\"COLLECT\"", rules: [["> 10", "\"x\""]])
            .evaluate(["x": 5])

        XCTAssertEqual(result, .list([]))
        XCTAssertEqual(result.value, [])
    }

    private func aggregation(_ name: String, outputs: [String]) throws -> DecisionResult {
        try decision(
            "hitPolicy=\"COLLECT\" aggregation=\"\(name)\"",
            rules: outputs.map { ["-", $0] }
        ).evaluate(["x": 1])
    }

    func testCollectSum() throws {
        XCTAssertEqual(try aggregation("SUM", outputs: ["1", "2.5", "null", "4"]).value, 7.5)
    }

    func testCollectMin() throws {
        XCTAssertEqual(try aggregation("MIN", outputs: ["3", "-2", "null", "8"]).value, -2)
    }

    func testCollectMax() throws {
        XCTAssertEqual(try aggregation("MAX", outputs: ["3", "-2", "8"]).value, 8)
    }

    func testCollectMaxOfStrings() throws {
        XCTAssertEqual(try aggregation("MAX", outputs: ["\"apple\"", "\"pear\""]).value, "pear")
    }

    func testCollectCountLeavesOutNull() throws {
        XCTAssertEqual(try aggregation("COUNT", outputs: ["\"a\"", "null", "\"a\""]).value, 2)
    }

    func testAggregationWithoutMatch() throws {
        XCTAssertEqual(try aggregation("SUM", outputs: []).value, .null)
        XCTAssertEqual(try aggregation("MIN", outputs: []).value, .null)
        XCTAssertEqual(try aggregation("MAX", outputs: ["null"]).value, .null)
        XCTAssertEqual(try aggregation("COUNT", outputs: []).value, 0)
    }

    func testSumOfTextIsError() throws {
        let decision = try decision(
            "hitPolicy=\"COLLECT\" aggregation=\"SUM\"", rules: [["-", "1"], ["-", "\"two\""]])

        let error = DMNFixture.evaluationError(decision, ["x": 1])

        XCTAssertEqual(
            error,
            .invalidAggregateValue(
                decisionId: "decision", aggregation: .sum, rule: 2, output: "level", value: "two"))
        XCTAssertEqual(
            error?.description,
            "decision 'decision' aggregates output 'level' with SUM, but rule 2 gives \"two\"; "
                + "SUM needs numbers")
    }

    func testMinOfMixedKindsIsError() throws {
        let decision = try decision(
            "hitPolicy=\"COLLECT\" aggregation=\"MIN\"", rules: [["-", "1"], ["-", "\"two\""]])

        XCTAssertEqual(
            DMNFixture.evaluationError(decision, ["x": 1]),
            .invalidAggregateValue(
                decisionId: "decision", aggregation: .min, rule: 2, output: "level", value: "two"))
    }
}
