import DecisionTables
import XCTest

/// Reading DMN files: namespaces, columns, rules, hit policies and decision lookup.
final class DecisionModelParserTests: XCTestCase {
    private let oneRule = DMNFixture.decision(
        inputs: [.init(label: "Amount", expression: "amount", typeRef: "number")],
        outputs: [.init(name: "approved", typeRef: "boolean")],
        rules: [["< 100", "true"]])

    func testParserReadsDMN13() throws {
        let model = try DecisionModel.parse(string: DMNFixture.definitions(oneRule))

        XCTAssertEqual(model.dmnVersion, "1.3")
        XCTAssertEqual(model.id, "Definitions_1")
        XCTAssertEqual(model.name, "Fixture")
        XCTAssertEqual(model.decisions.map(\.id), ["decision"])
    }

    func testParserReadsDMN11WithFEELPrefixedTypes() throws {
        let decision = DMNFixture.decision(
            inputs: [.init(label: "Amount", expression: "amount", typeRef: "feel:number")],
            outputs: [.init(name: "approved", typeRef: "feel:boolean")],
            rules: [["< 100", "true"]])
        let xml = DMNFixture.definitions(decision, namespace: DMNFixture.dmn11)

        let model = try DecisionModel.parse(string: xml)
        let result = try XCTUnwrap(model.decision(id: "decision")).evaluate(["amount": "50"])

        XCTAssertEqual(model.dmnVersion, "1.1")
        XCTAssertEqual(result.value, ["approved": true])
    }

    func testParserReadsDMN12() throws {
        let model = try DecisionModel.parse(
            string: DMNFixture.definitions(oneRule, namespace: DMNFixture.dmn12))

        XCTAssertEqual(model.dmnVersion, "1.2")
    }

    func testParserAcceptsNamespaceSpellings() throws {
        let uri = "http://www.omg.org/spec/DMN/20191111/MODEL"
        let model = try DecisionModel.parse(string: DMNFixture.definitions(oneRule, namespace: uri))

        XCTAssertEqual(model.dmnVersion, "1.3")
    }

    /// The namespace decides, not the prefix: `dmn:` here, and an unrelated default namespace.
    func testParserResolvesNamespaceByURIWithAnyPrefix() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <dmn:definitions xmlns:dmn="\(DMNFixture.dmn13)" xmlns="urn:other" id="d1">
              <decision id="ignored"/>
              <dmn:decision id="priced" name="Priced">
                <dmn:decisionTable>
                  <dmn:input label="Kind"><dmn:inputExpression><dmn:text>kind</dmn:text>
                  </dmn:inputExpression></dmn:input>
                  <dmn:output name="price"/>
                  <dmn:rule>
                    <dmn:inputEntry><dmn:text>"book"</dmn:text></dmn:inputEntry>
                    <dmn:outputEntry><dmn:text>12</dmn:text></dmn:outputEntry>
                  </dmn:rule>
                </dmn:decisionTable>
              </dmn:decision>
            </dmn:definitions>
            """

        let model = try DecisionModel.parse(string: xml)

        XCTAssertEqual(model.decisions.map(\.id), ["priced"])
        XCTAssertEqual(try model.decisions[0].evaluate(["kind": "book"]).value, ["price": 12])
    }

    func testParserRejectsBPMNFile() {
        let xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>
            """

        XCTAssertEqual(
            DMNFixture.parseError(xml),
            .notDMN(
                rootElement: "bpmn:definitions",
                namespace: "http://www.omg.org/spec/BPMN/20100524/MODEL"))
    }

    func testParserRejectsRootWithoutNamespace() {
        let error = DMNFixture.parseError("<definitions id=\"d\"/>")

        XCTAssertEqual(error, .notDMN(rootElement: "definitions", namespace: nil))
        XCTAssertEqual(
            error?.description,
            "not a DMN file: the root element is 'definitions' without a namespace; expected "
                + "'definitions' in a DMN 1.1 to 1.5 namespace, such as "
                + "https://www.omg.org/spec/DMN/20191111/MODEL/")
    }

    func testParserReadsColumnsAndRules() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [
                .init(label: "Customer status", expression: "customer.status", typeRef: "string"),
                .init(label: nil, expression: "amount", typeRef: nil),
            ],
            outputs: [.init(name: "discount", typeRef: "number", allowedValues: "10, 5, 0")],
            rules: [["\"gold\"", "< 100", "10"], ["-", "", "0"]])
        let table = decision.table

        XCTAssertEqual(decision.name, "Decision")
        XCTAssertEqual(table.id, "decision_table")
        XCTAssertEqual(table.hitPolicy, .unique)
        XCTAssertEqual(table.inputs.map(\.label), ["Customer status", nil])
        XCTAssertEqual(table.inputs.map(\.expressionText), ["customer.status", "amount"])
        XCTAssertEqual(table.inputs.map(\.typeRef), ["string", nil])
        XCTAssertEqual(table.inputs.map(\.displayName), ["Customer status", "amount"])
        XCTAssertEqual(table.outputs.map(\.name), ["discount"])
        XCTAssertEqual(table.outputs[0].allowedValues, [10, 5, 0])
        XCTAssertEqual(table.rules.map(\.index), [1, 2])
        XCTAssertEqual(table.rules.map(\.id), ["decision_rule1", "decision_rule2"])
        XCTAssertEqual(table.rules[0].inputEntries, ["\"gold\"", "< 100"])
        XCTAssertEqual(table.rules[1].inputEntries, ["-", ""])
        XCTAssertEqual(table.rules[0].outputEntries, ["10"])
    }

    func testParserReadsEscapedAndCDATAEntries() throws {
        let xml = DMNFixture.definitions(
            """
            <decision id="limits">
              <decisionTable>
                <input label="Amount"><inputExpression><text>amount</text></inputExpression></input>
                <output name="band"/>
                <rule>
                  <description>small amounts</description>
                  <inputEntry><text>&lt; 10</text></inputEntry>
                  <outputEntry><text>"small"</text></outputEntry>
                </rule>
                <rule>
                  <inputEntry><text><![CDATA[>= 10]]></text></inputEntry>
                  <outputEntry><text>"large"</text></outputEntry>
                </rule>
              </decisionTable>
            </decision>
            """)

        let decision = try XCTUnwrap(DecisionModel.parse(string: xml).decision(id: "limits"))

        XCTAssertEqual(decision.table.rules.map(\.inputEntries), [["< 10"], [">= 10"]])
        XCTAssertEqual(decision.table.rules[0].description, "small amounts")
        XCTAssertNil(decision.table.rules[1].description)
        XCTAssertEqual(try decision.evaluate(["amount": 3]).value, ["band": "small"])
        XCTAssertEqual(try decision.evaluate(["amount": 30]).value, ["band": "large"])
    }

    func testParserReadsEveryHitPolicy() throws {
        let cases: [(attributes: String, expected: HitPolicy)] = [
            ("", .unique),
            ("hitPolicy=\"UNIQUE\"", .unique),
            ("hitPolicy=\"FIRST\"", .first),
            ("hitPolicy=\"ANY\"", .any),
            ("hitPolicy=\"PRIORITY\"", .priority),
            ("hitPolicy=\"COLLECT\"", .collect(nil)),
            ("hitPolicy=\"COLLECT\" aggregation=\"SUM\"", .collect(.sum)),
            ("hitPolicy=\"COLLECT\" aggregation=\"MIN\"", .collect(.min)),
            ("hitPolicy=\"COLLECT\" aggregation=\"MAX\"", .collect(.max)),
            ("hitPolicy=\"COLLECT\" aggregation=\"COUNT\"", .collect(.count)),
            ("hitPolicy=\"RULE ORDER\"", .ruleOrder),
            ("hitPolicy=\"OUTPUT ORDER\"", .outputOrder),
            ("hitPolicy=\"first\"", .first),
        ]

        for (attributes, expected) in cases {
            let decision = try DMNFixture.parseDecision(
                tableAttributes: attributes,
                inputs: [.init(label: "x", expression: "x")],
                outputs: [.init(name: "y", allowedValues: "\"a\", \"b\"")],
                rules: [["-", "\"a\""]])

            XCTAssertEqual(decision.table.hitPolicy, expected, attributes)
        }
    }

    func testHitPolicyDescriptionUsesDMNNames() {
        XCTAssertEqual(HitPolicy.collect(.sum).description, "COLLECT SUM")
        XCTAssertEqual(HitPolicy.ruleOrder.description, "RULE ORDER")
        XCTAssertEqual(HitPolicy.outputOrder.description, "OUTPUT ORDER")
    }

    func testDecisionLookupPrefersIdThenName() throws {
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                id: "first", name: "second", inputs: [], outputs: [.init(name: "n")],
                rules: [["1"]])
                + DMNFixture.decision(
                    id: "second", name: "Second", inputs: [], outputs: [.init(name: "n")],
                    rules: [["2"]]))

        let model = try DecisionModel.parse(string: xml)

        XCTAssertEqual(model.decision(id: "second")?.id, "second")
        XCTAssertEqual(model.decision(id: "Second")?.id, "second")
        XCTAssertEqual(model.decision(id: "first")?.id, "first")
        XCTAssertNil(model.decision(id: "third"))
    }

    func testTableWithoutInputsMatchesEveryRule() throws {
        let decision = try DMNFixture.parseDecision(
            tableAttributes: "hitPolicy=\"COLLECT\"", inputs: [],
            outputs: [.init(name: "n")], rules: [["1"], ["2"]])

        XCTAssertEqual(try decision.evaluate([:]).value, [["n": 1], ["n": 2]])
    }

    /// A single output without name or label takes the decision's name, as DMN defines for
    /// single-output tables.
    func testUnnamedSingleOutputTakesDecisionName() throws {
        let decision = try DMNFixture.parseDecision(
            inputs: [], outputs: [.init(name: nil)], rules: [["\"yes\""]])

        XCTAssertEqual(decision.table.outputs[0].name, "Decision")
    }

    func testInputWithoutExpressionReadsLabel() throws {
        let xml = DMNFixture.definitions(
            """
            <decision id="byLabel">
              <decisionTable>
                <input label="Order size"/>
                <output name="size"/>
                <rule>
                  <inputEntry><text>&gt; 10</text></inputEntry>
                  <outputEntry><text>"big"</text></outputEntry>
                </rule>
              </decisionTable>
            </decision>
            """)

        let decision = try XCTUnwrap(DecisionModel.parse(string: xml).decision(id: "byLabel"))

        XCTAssertEqual(try decision.evaluate(["Order size": 11]).value, ["size": "big"])
    }

    func testParserIgnoresDiagramAndExtensionElements() throws {
        let extra = """
            <extensionElements><camunda:properties/></extensionElements>
            <informationRequirement id="ir1"><requiredInput href="#input1"/></informationRequirement>
            """
        let xml = DMNFixture.definitions(
            DMNFixture.decision(
                inputs: [.init(label: "x", expression: "x")], outputs: [.init(name: "y")],
                rules: [["1", "2"]], extra: extra)
                    + """
                    <inputData id="input1" name="x"/>
                    <dmndi:DMNDI><dmndi:DMNDiagram id="diagram"/></dmndi:DMNDI>
                    """)

        let model = try DecisionModel.parse(string: xml)

        XCTAssertEqual(model.decisions.count, 1)
        XCTAssertEqual(model.decisions[0].requiredDecisions.count, 0)
    }

    func testParserLinksRequiredDecisions() throws {
        let model = try DecisionModel.parse(string: RequiredDecisionFixture.xml)
        let dish = try XCTUnwrap(model.decision(id: "dish"))

        XCTAssertEqual(dish.requiredDecisions.map(\.id), ["season"])
    }
}
