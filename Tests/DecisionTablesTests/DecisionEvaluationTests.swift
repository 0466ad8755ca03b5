import DecisionTables
import XCTest

/// Realistic tables evaluated end to end, from DMN text to result.
final class DecisionEvaluationTests: XCTestCase {
    /// Builds a table of vacation days by age and years of service. Everyone gets 22 days.
    /// Under 18 or from 60 adds 5, from 30 years of service adds 5, and both of those add 3
    /// more. Between 18 and 60 with 15 to 30 years of service adds 2.
    private func vacationDays() throws -> Decision {
        try DMNFixture.parseDecision(
            tableAttributes: "hitPolicy=\"COLLECT\" aggregation=\"SUM\"",
            inputs: [
                .init(label: "Age", expression: "age", typeRef: "integer"),
                .init(
                    label: "Years of service", expression: "years of service", typeRef: "integer"),
            ],
            outputs: [.init(name: "vacationDays", typeRef: "integer")],
            rules: [
                ["-", "-", "22"],
                ["< 18", "-", "5"],
                [">= 60", "-", "5"],
                ["-", ">= 30", "5"],
                [">= 60", ">= 30", "3"],
                ["[18..60)", "[15..30)", "2"],
            ])
    }

    func testVacationDaysSumsMatchingRules() throws {
        let decision = try vacationDays()
        let cases: [(age: Double, years: Double, days: Double)] = [
            (16, 1, 27),
            (30, 20, 24),
            (45, 10, 22),
            (59, 15, 24),
            (59, 30, 27),
            (60, 29, 27),
            (62, 35, 35),
        ]

        for (age, years, days) in cases {
            let result = try decision.evaluate(
                ["age": .number(age), "years of service": .number(years)])
            XCTAssertEqual(result.value, .number(days), "age \(age), \(years) years of service")
        }
    }

    func testVacationDaysReportsAggregatedRules() throws {
        let result = try vacationDays().evaluate(["age": 62, "years of service": 35])

        guard case .aggregated(let aggregation, let output, let value, let rules) = result else {
            return XCTFail("expected an aggregated result, got \(result)")
        }
        XCTAssertEqual(aggregation, .sum)
        XCTAssertEqual(output, "vacationDays")
        XCTAssertEqual(value, 35)
        XCTAssertEqual(rules.map(\.ruleIndex), [1, 3, 4, 5])
        XCTAssertEqual(
            rules.map(\.ruleId),
            ["decision_rule1", "decision_rule3", "decision_rule4", "decision_rule5"])
    }

    func testVacationDaysAcceptsNumbersAsText() throws {
        let result = try vacationDays().evaluate(["age": "16", "years of service": "1"])

        XCTAssertEqual(result.value, 27)
    }

    func testVacationDaysRejectsTextThatIsNoNumber() throws {
        let error = DMNFixture.evaluationError(try vacationDays(), ["age": "sixteen"])

        XCTAssertEqual(
            error,
            .invalidInputValue(
                decisionId: "decision", input: "Age", value: "sixteen", typeRef: "integer"))
        XCTAssertEqual(
            error?.description,
            "decision 'decision': input 'Age' is \"sixteen\", which is not a valid integer; "
                + "pass a whole number, or text such as \"42\"")
    }

    /// Builds a discount table whose percentages for status, order total and order date add up.
    private func discount() throws -> Decision {
        try DMNFixture.parseDecision(
            tableAttributes: "hitPolicy=\"COLLECT\" aggregation=\"SUM\"",
            inputs: [
                .init(label: "Status", expression: "customer.status", typeRef: "string"),
                .init(label: "Total", expression: "order.total", typeRef: "number"),
                .init(label: "Order date", expression: "order.date", typeRef: "date"),
            ],
            outputs: [.init(name: "discount", typeRef: "number")],
            rules: [
                ["\"gold\"", "-", "-", "10"],
                ["\"silver\", \"bronze\"", "-", "-", "5"],
                ["not(\"blocked\")", ">= 1000", "-", "2.5"],
                ["-", "-", "[date(\"2024-11-29\")..date(\"2024-12-02\")]", "15"],
                ["\"blocked\"", "-", "-", "null"],
            ])
    }

    func testDiscountAddsPercentages() throws {
        let decision = try discount()
        let cases: [(status: DMNValue, total: DMNValue, date: DMNValue, discount: DMNValue)] = [
            ("gold", 1500, "2024-11-30", 27.5),
            ("gold", 200, "2024-06-01", 10),
            ("bronze", 1000, "2024-06-01", 7.5),
            ("new", 999.99, "2024-12-02", 15),
            ("new", 50, "2024-12-03", nil),
            ("blocked", 5000, "2024-06-01", nil),
        ]

        for (status, total, date, expected) in cases {
            let context: [String: DMNValue] = [
                "customer": ["status": status], "order": ["total": total, "date": date],
            ]
            XCTAssertEqual(try decision.evaluate(context).value, expected, "\(context)")
        }
    }

    func testDiscountRejectsUnreadableDate() throws {
        let error = DMNFixture.evaluationError(
            try discount(), ["customer": ["status": "gold"], "order": ["date": "30/11/2024"]])

        XCTAssertEqual(
            error,
            .invalidInputValue(
                decisionId: "decision", input: "Order date", value: "30/11/2024", typeRef: "date"))
    }

    /// Builds an approval routing table with several outputs, some computed from inputs.
    private func approval() throws -> Decision {
        try DMNFixture.parseDecision(
            inputs: [
                .init(label: "Amount", expression: "amount", typeRef: "number"),
                .init(label: "Category", expression: "category", typeRef: "string"),
            ],
            outputs: [
                .init(name: "approverGroup", typeRef: "string"),
                .init(name: "fee", typeRef: "number"),
                .init(name: "note", typeRef: "string"),
            ],
            rules: [
                ["<= 1000", "-", "\"team-lead\"", "0", "\"routine, low amount\""],
                ["(1000..10000]", "not(\"travel\")", "\"department\"", "amount * 0.01", "\"\""],
                ["(1000..10000]", "\"travel\"", "\"travel-office\"", "amount * 0.02", "category"],
                ["> 10000", "-", "\"board\"", "100", "\"review \" + category"],
            ])
    }

    func testApprovalSelectsOneRuleWithAllOutputs() throws {
        let result = try approval().evaluate(["amount": 5000, "category": "travel"])

        guard case .single(let rule?) = result else {
            return XCTFail("expected one rule, got \(result)")
        }
        XCTAssertEqual(rule.ruleIndex, 3)
        XCTAssertEqual(
            rule.outputs, ["approverGroup": "travel-office", "fee": 100, "note": "travel"])
    }

    func testApprovalOutputsReadInputs() throws {
        let decision = try approval()

        XCTAssertEqual(
            try decision.evaluate(["amount": 20000, "category": "hardware"]).value,
            ["approverGroup": "board", "fee": 100, "note": "review hardware"])
        XCTAssertEqual(
            try decision.evaluate(["amount": 2000, "category": "hardware"]).value,
            ["approverGroup": "department", "fee": 20, "note": ""])
        XCTAssertEqual(
            try decision.evaluate(["amount": 12.5, "category": nil]).value,
            ["approverGroup": "team-lead", "fee": 0, "note": "routine, low amount"])
    }

    func testNoMatchGivesEmptyResult() throws {
        let result = try approval().evaluate(["category": "travel"])

        XCTAssertEqual(result, .single(nil))
        XCTAssertEqual(result.value, [:])
        XCTAssertEqual(result.matchedRules, [])
    }

    func testUniqueConflictNamesBothRules() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [.init(label: "Score", expression: "score", typeRef: "number")],
            outputs: [.init(name: "grade")],
            rules: [["< 50", "\"fail\""], ["[50..80]", "\"pass\""], [">= 80", "\"merit\""]])

        let error = DMNFixture.evaluationError(decision, ["score": 80])

        XCTAssertEqual(error, .multipleMatches(decisionId: "decision", rules: [2, 3]))
        XCTAssertEqual(
            error?.description,
            "decision 'decision' has hit policy UNIQUE, but rules 2 and 3 match; change the "
                + "input entries so that at most one rule matches, or use hit policy FIRST or "
                + "COLLECT")
        XCTAssertEqual(try decision.evaluate(["score": 79]).value, ["grade": "pass"])
    }

    func testOutputValueOfWrongTypeIsError() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [], outputs: [.init(name: "count", typeRef: "integer")], rules: [["2.5"]])

        let error = DMNFixture.evaluationError(decision, [:])

        XCTAssertEqual(
            error,
            .invalidOutputValue(
                decisionId: "decision", rule: 1, output: "count", value: 2.5, typeRef: "integer"))
    }

    func testTypedOutputsConvert() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [],
            outputs: [
                .init(name: "asText", typeRef: "string"),
                .init(name: "asNumber", typeRef: "double"),
                .init(name: "asBoolean", typeRef: "boolean"),
                .init(name: "asDate", typeRef: "date"),
                .init(name: "untyped"),
            ],
            rules: [["42", "\"1.5\"", "\"TRUE\"", "date(2024, 3, 1)", "\"kept\""]])

        XCTAssertEqual(
            try decision.evaluate([:]).value,
            [
                "asText": "42", "asNumber": 1.5, "asBoolean": true, "asDate": "2024-03-01",
                "untyped": "kept",
            ])
    }

    func testRequiredDecisionOutputsBecomeInputs() throws {
        let model = try DecisionModel.parse(string: RequiredDecisionFixture.xml)
        let dish = try XCTUnwrap(model.decision(id: "dish"))
        let cases: [(month: DMNValue, guests: DMNValue, dish: DMNValue)] = [
            (1, 4, "roast beef"),
            (12, 10, "stew"),
            (7, 3, "salad"),
            (4, 3, "pasta"),
        ]

        for (month, guests, expected) in cases {
            let result = try dish.evaluate(["month": month, "guests": guests])
            XCTAssertEqual(result.value, ["dish": expected], "month \(month), \(guests) guests")
        }
    }

    func testRequiredDecisionErrorIsThrown() throws {
        let model = try DecisionModel.parse(string: RequiredDecisionFixture.xml)
        let dish = try XCTUnwrap(model.decision(id: "dish"))

        let error = DMNFixture.evaluationError(dish, ["month": "May", "guests": 2])

        XCTAssertEqual(
            error,
            .invalidInputValue(
                decisionId: "season", input: "Month", value: "May", typeRef: "integer"))
    }

    func testInputNamedByWholeExpressionText() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [.init(label: "Rate", expression: "tax-rate", typeRef: "number")],
            outputs: [.init(name: "band")],
            rules: [["< 0.1", "\"low\""], [">= 0.1", "\"high\""]])

        XCTAssertEqual(try decision.evaluate(["tax-rate": 0.2]).value, ["band": "high"])
    }

    /// `holidays` collects the holidays of a month; `plan` reads them as an array.
    private func holidayPlan() throws -> Decision {
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                id: "holidays", name: "Holidays", tableAttributes: "hitPolicy=\"COLLECT\"",
                inputs: [.init(label: "Month", expression: "month", typeRef: "integer")],
                outputs: [.init(name: "holiday", typeRef: "string")],
                rules: [
                    ["12", "\"Christmas\""], ["12", "\"New Year's Eve\""], ["1", "\"New Year\""],
                ])
                + DMNFixture.decision(
                    id: "plan", name: "Plan",
                    inputs: [.init(label: "Holidays", expression: "holiday")],
                    outputs: [.init(name: "summary")],
                    rules: [["-", "holiday"]],
                    extra: "<informationRequirement><requiredDecision href=\"#holidays\"/>"
                        + "</informationRequirement>"))
        return try XCTUnwrap(DecisionModel.parse(string: xml).decision(id: "plan"))
    }

    func testRequiredCollectDecisionGivesArrays() throws {
        let plan = try holidayPlan()

        XCTAssertEqual(
            try plan.evaluate(["month": 12]).value,
            ["summary": ["Christmas", "New Year's Eve"]])
        XCTAssertEqual(try plan.evaluate(["month": 1]).value, ["summary": ["New Year"]])
    }

    func testRequiredDecisionWithoutMatchKeepsCallerVariable() throws {
        let plan = try holidayPlan()

        XCTAssertEqual(
            try plan.evaluate(["month": 6, "holiday": "none"]).value, ["summary": "none"])
        XCTAssertEqual(try plan.evaluate(["month": 6]).value, ["summary": nil])
    }
}
