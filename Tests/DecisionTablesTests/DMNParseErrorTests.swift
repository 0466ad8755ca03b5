import DecisionTables
import XCTest

/// Files that cannot be loaded get a `DMNParseError` naming the place and the fix.
final class DMNParseErrorTests: XCTestCase {
    private func tableError(
        attributes: String = "",
        inputs: [DMNFixture.Input] = [.init(label: "Age", expression: "age")],
        outputs: [DMNFixture.Output] = [.init(name: "days")], rules: [[String]]
    ) -> DMNParseError? {
        DMNFixture.parseError(
            DMNFixture.definitions(
                DMNFixture.decision(
                    id: "vacation", tableAttributes: attributes, inputs: inputs, outputs: outputs,
                    rules: rules)))
    }

    func testParserRejectsMalformedXMLWithLineAndColumn() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="\(DMNFixture.dmn13)" id="d">
              <decision id="a">
              </decisoin>
            </definitions>
            """

        let error = DMNFixture.parseError(xml)

        XCTAssertEqual(
            error,
            .malformedXML(
                line: 4, column: 14, reason: "the end tag does not match the start tag"))
        XCTAssertEqual(
            error?.description,
            "invalid XML at line 4, column 14: the end tag does not match the start tag")
    }

    func testParserRejectsUnclosedDocument() {
        let error = DMNFixture.parseError(
            "<definitions xmlns=\"\(DMNFixture.dmn13)\">\n<decision id=\"a\">")

        guard case .malformedXML(let line, _, _)? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
        XCTAssertEqual(line, 2)
    }

    func testParserRejectsEmptyData() {
        guard case .malformedXML(let line, let column, _)? = DMNFixture.parseError("") else {
            return XCTFail("expected malformedXML")
        }
        XCTAssertEqual(line, 1)
        XCTAssertEqual(column, 1)
    }

    func testParserRejectsUndeclaredEntity() {
        let error = DMNFixture.parseError(
            "<definitions xmlns=\"\(DMNFixture.dmn13)\">&nbsp;</definitions>")

        guard case .malformedXML(_, _, let reason)? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason, "the entity is not declared (XML predefines only &amp; &lt; &gt; &quot; &apos;)"
        )
    }

    func testParserRejectsLiteralExpressionDecision() {
        let xml = DMNFixture.definitions(
            """
            <decision id="greeting" name="Greeting">
              <literalExpression id="e1"><text>"Hello " + name</text></literalExpression>
            </decision>
            """)

        let error = DMNFixture.parseError(xml)

        XCTAssertEqual(
            error,
            .unsupportedElement(
                decisionId: "greeting", element: "literalExpression", line: 4,
                reason: "only decision tables can be evaluated; model this decision as a table"))
    }

    func testParserRejectsDecisionWithoutLogic() {
        let error = DMNFixture.parseError(DMNFixture.definitions("<decision id=\"empty\"/>"))

        guard case .invalidElement(let decisionId, let element, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(decisionId, "empty")
        XCTAssertEqual(element, "decision")
        XCTAssertEqual(reason, "the decision has no decision table; add one in the modeler")
    }

    func testParserRejectsDecisionWithoutId() {
        let error = DMNFixture.parseError(DMNFixture.definitions("<decision name=\"x\"/>"))

        guard case .invalidElement(nil, "decision", 3, _)? = error else {
            return XCTFail("expected invalidElement without id, got \(String(describing: error))")
        }
    }

    func testParserRejectsDuplicateDecisionIds() {
        let decision = DMNFixture.decision(
            id: "twice", inputs: [], outputs: [.init(name: "n")], rules: [])
        let error = DMNFixture.parseError(DMNFixture.definitions(decision + decision))

        guard case .invalidElement("twice", "decision", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.hasPrefix("the id 'twice' is already used"), reason)
    }

    func testParserRejectsUnknownHitPolicy() {
        let error = tableError(attributes: "hitPolicy=\"LAST\"", rules: [])

        guard case .invalidElement("vacation", "decisionTable", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason,
            "the hit policy 'LAST' is unknown; use UNIQUE, FIRST, ANY, PRIORITY, COLLECT, "
                + "RULE ORDER or OUTPUT ORDER")
    }

    func testParserRejectsUnknownAggregation() {
        let error = tableError(attributes: "hitPolicy=\"COLLECT\" aggregation=\"AVG\"", rules: [])

        guard case .invalidElement(_, _, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(reason, "the aggregation 'AVG' is unknown; use SUM, MIN, MAX or COUNT")
    }

    func testParserRejectsAggregationWithoutCollect() {
        let error = tableError(attributes: "hitPolicy=\"FIRST\" aggregation=\"SUM\"", rules: [])

        guard case .invalidElement(_, _, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason,
            "the aggregation SUM needs hit policy COLLECT, but the table has FIRST; remove the "
                + "aggregation or change the hit policy")
    }

    func testParserRejectsAggregationOverTwoOutputs() {
        let error = tableError(
            attributes: "hitPolicy=\"COLLECT\" aggregation=\"SUM\"",
            outputs: [.init(name: "a"), .init(name: "b")], rules: [])

        guard case .invalidElement(_, _, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.hasPrefix("hit policy COLLECT SUM aggregates one output"), reason)
    }

    func testParserRejectsPriorityWithoutOutputValues() {
        let error = tableError(attributes: "hitPolicy=\"PRIORITY\"", rules: [])

        guard case .invalidElement(_, _, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.hasPrefix("hit policy PRIORITY ranks rules"), reason)
    }

    func testParserRejectsTableWithoutOutputs() {
        let error = tableError(outputs: [], rules: [])

        guard case .invalidElement(_, "decisionTable", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(reason, "the decision table has no output; add an output column")
    }

    func testParserRejectsDuplicateOutputNames() {
        let error = tableError(outputs: [.init(name: "days"), .init(name: "days")], rules: [])

        guard case .invalidElement(_, "output", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason, "outputs 1 and 2 are both named 'days'; give each output its own name")
    }

    func testParserRejectsUnnamedOutputAmongSeveral() {
        let error = tableError(outputs: [.init(name: "days"), .init(name: nil)], rules: [])

        guard case .invalidElement(_, "output", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.hasPrefix("output 2 has no name"), reason)
    }

    func testParserRejectsRuleWithMissingEntry() {
        let xml = DMNFixture.definitions(
            """
            <decision id="vacation">
              <decisionTable>
                <input label="Age"><inputExpression><text>age</text></inputExpression></input>
                <input label="Years"><inputExpression><text>years</text></inputExpression></input>
                <output name="days"/>
                <rule>
                  <inputEntry><text>&lt; 18</text></inputEntry>
                  <inputEntry><text>-</text></inputEntry>
                  <outputEntry><text>5</text></outputEntry>
                </rule>
                <rule>
                  <inputEntry><text>&lt; 18</text></inputEntry>
                  <outputEntry><text>5</text></outputEntry>
                </rule>
              </decisionTable>
            </decision>
            """)

        let error = DMNFixture.parseError(xml)

        XCTAssertEqual(
            error,
            .invalidElement(
                decisionId: "vacation", element: "rule", line: 13,
                reason: "rule 2 has 1 input entries, but the table has 2 input columns; give "
                    + "the rule one entry per column (write - for any value)"))
    }

    func testParserRejectsRuleWithExtraOutputEntry() {
        let error = tableError(rules: [["-", "1"], ["-", "1", "2"]])

        guard case .invalidElement("vacation", "rule", _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason,
            "rule 2 has 2 output entries, but the table has 1 output columns; give the rule "
                + "one entry per column")
    }

    func testParserRejectsInvalidEntryNamingRuleAndText() {
        let error = tableError(rules: [["< 18", "5"], ["[18..60", "3"]])

        XCTAssertEqual(
            error,
            .invalidExpression(
                decisionId: "vacation", location: .inputEntry(rule: 2, input: 1, name: "Age"),
                text: "[18..60", line: 17, position: 8,
                reason: "expected ']', ')' or '[' to close the range, found the end of the text"))
        XCTAssertEqual(
            error?.description,
            "invalid FEEL in decision 'vacation', rule 2, input 1 'Age' at line 17: '[18..60' "
                + "at character 8: expected ']', ')' or '[' to close the range, found the end "
                + "of the text")
    }

    func testParserRejectsInvalidOutputEntry() {
        let error = tableError(rules: [["-", "5 +"]])

        guard case .invalidExpression(_, let location, let text, _, let position, _)? = error else {
            return XCTFail("expected invalidExpression, got \(String(describing: error))")
        }
        XCTAssertEqual(location, .outputEntry(rule: 1, output: 1, name: "days"))
        XCTAssertEqual(text, "5 +")
        XCTAssertEqual(position, 4)
    }

    func testParserRejectsInvalidInputExpression() {
        let error = tableError(inputs: [.init(label: "Age", expression: "age +")], rules: [])

        guard case .invalidExpression(_, let location, _, _, _, _)? = error else {
            return XCTFail("expected invalidExpression, got \(String(describing: error))")
        }
        XCTAssertEqual(location, .inputExpression(input: 1, name: "Age"))
    }

    func testParserRejectsOutputValuesThatAreNotLiterals() {
        let error = tableError(
            attributes: "hitPolicy=\"PRIORITY\"",
            outputs: [.init(name: "days", allowedValues: "< 5")], rules: [])

        guard case .invalidExpression(_, let location, _, _, _, _)? = error else {
            return XCTFail("expected invalidExpression, got \(String(describing: error))")
        }
        XCTAssertEqual(location, .outputValues(output: 1, name: "days"))
    }

    func testParserRejectsUnsupportedFEELNamingEntry() {
        let error = tableError(rules: [["? > 5", "1"]])

        guard case .unsupportedExpression("vacation", let location, let text, _, _)? = error else {
            return XCTFail("expected unsupportedExpression, got \(String(describing: error))")
        }
        XCTAssertEqual(location, .inputEntry(rule: 1, input: 1, name: "Age"))
        XCTAssertEqual(text, "? > 5")
        XCTAssertTrue(
            error?.description.hasPrefix(
                "unsupported FEEL in decision 'vacation', rule 1, input 1 'Age' at line ")
                ?? false,
            error?.description ?? "")
    }

    func testParserRejectsUnsupportedFunction() {
        let error = tableError(rules: [["string length(name) > 3", "1"]])

        guard case .unsupportedExpression(_, _, _, _, let reason)? = error else {
            return XCTFail("expected unsupportedExpression, got \(String(describing: error))")
        }
        XCTAssertEqual(
            reason, "the function 'string length'; only date() and date and time() are available")
    }

    func testParserRejectsUnknownRequiredDecision() {
        let extra =
            "<informationRequirement><requiredDecision href=\"#nowhere\"/></informationRequirement>"
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                id: "a", inputs: [], outputs: [.init(name: "n")], rules: [], extra: extra))

        guard
            case .invalidElement("a", "requiredDecision", _, let reason)? = DMNFixture.parseError(
                xml)
        else { return XCTFail("expected invalidElement") }
        XCTAssertEqual(reason, "the required decision 'nowhere' is not in this file")
    }

    func testParserRejectsRequiredDecisionInOtherFile() {
        let extra = """
            <informationRequirement><requiredDecision href="other.dmn#b"/></informationRequirement>
            """
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                id: "a", inputs: [], outputs: [.init(name: "n")], rules: [], extra: extra))

        guard case .unsupportedElement("a", "requiredDecision", _, _)? = DMNFixture.parseError(xml)
        else { return XCTFail("expected unsupportedElement") }
    }

    func testParserRejectsCycleOfRequiredDecisions() {
        func requiring(_ id: String, _ required: String) -> String {
            DMNFixture.decision(
                id: id, inputs: [], outputs: [.init(name: id + "Out")], rules: [],
                extra: "<informationRequirement><requiredDecision href=\"#\(required)\"/>"
                    + "</informationRequirement>")
        }
        let xml = DMNFixture.definitions(
            requiring("a", "b") + requiring("b", "c") + requiring("c", "b"))

        guard
            case .invalidElement(_, "requiredDecision", _, let reason)? = DMNFixture.parseError(xml)
        else { return XCTFail("expected invalidElement") }
        XCTAssertEqual(
            reason,
            "the required decisions form a cycle (b -> c -> b); remove one of the requirements")
    }

    func testParserRejectsDecisionRequiringItself() {
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                id: "a", inputs: [], outputs: [.init(name: "n")], rules: [],
                extra:
                    "<informationRequirement><requiredDecision href=\"#a\"/></informationRequirement>"
            ))

        guard case .invalidElement(_, _, _, let reason)? = DMNFixture.parseError(xml)
        else { return XCTFail("expected invalidElement") }
        XCTAssertTrue(reason.contains("(a -> a)"), reason)
    }

    func testParserRejectsDeepNesting() {
        let depth = 150
        let xml =
            "<definitions xmlns=\"\(DMNFixture.dmn13)\">"
            + String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth)
            + "</definitions>"

        guard case .malformedXML(_, _, let reason)? = DMNFixture.parseError(xml) else {
            return XCTFail("expected malformedXML")
        }
        XCTAssertTrue(reason.hasPrefix("elements nest more than 100 levels deep"), reason)
    }

    func testParserRejectsOtherExpressionLanguage() {
        let xml = DMNFixture.definitions(
            """
            <decision id="scripted">
              <decisionTable>
                <input label="Amount"><inputExpression><text>amount</text></inputExpression></input>
                <output name="big"/>
                <rule>
                  <inputEntry expressionLanguage="javascript"><text>cellInput > 5</text></inputEntry>
                  <outputEntry><text>true</text></outputEntry>
                </rule>
              </decisionTable>
            </decision>
            """)

        let error = DMNFixture.parseError(xml)

        XCTAssertEqual(
            error,
            .unsupportedExpression(
                decisionId: "scripted", location: .inputEntry(rule: 1, input: 1, name: "Amount"),
                text: "cellInput > 5", line: 8,
                reason: "the expression language 'javascript'; only FEEL is evaluated, so "
                    + "rewrite the entry in FEEL and remove expressionLanguage"))
    }

    func testParserRejectsFileWideExpressionLanguage() {
        let xml = """
            <definitions xmlns="\(DMNFixture.dmn13)" id="d" expressionLanguage="juel">
            \(DMNFixture.decision(inputs: [.init(label: "x", expression: "x")],
                outputs: [.init(name: "y")], rules: []))
            </definitions>
            """

        guard case .unsupportedExpression(_, let location, _, _, _)? = DMNFixture.parseError(xml)
        else { return XCTFail("expected unsupportedExpression") }
        XCTAssertEqual(location, .inputExpression(input: 1, name: "x"))
    }

    func testParserAcceptsFEELExpressionLanguage() throws {
        let xml = """
            <definitions xmlns="\(DMNFixture.dmn13)" id="d"
              expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/">
            \(DMNFixture.decision(inputs: [.init(label: "x", expression: "x")],
                outputs: [.init(name: "y")], rules: [["> 1", "2"]]))
            </definitions>
            """

        XCTAssertEqual(try DecisionModel.parse(string: xml).decisions.count, 1)
    }

    func testParserRejectsOverlongRequirementChain() {
        let count = 102
        var decisions = ""
        for number in 0..<count {
            let requirement =
                number + 1 < count
                ? "<informationRequirement><requiredDecision href=\"#d\(number + 1)\"/>"
                    + "</informationRequirement>"
                : ""
            decisions += DMNFixture.decision(
                id: "d\(number)", inputs: [], outputs: [.init(name: "o\(number)")], rules: [],
                extra: requirement)
        }

        guard
            case .invalidElement(_, "requiredDecision", _, let reason)? = DMNFixture.parseError(
                DMNFixture.definitions(decisions))
        else { return XCTFail("expected invalidElement") }
        XCTAssertEqual(
            reason, "required decisions chain more than 100 decisions deep; shorten the chain")
    }
}
