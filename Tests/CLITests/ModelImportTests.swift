import XCTest

/// `model import` and `model list`: valid files are stored, bad files are reported with their
/// path, line and column.
final class ModelImportTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private var exampleModel: String {
        CLIRunner.examplesFolder.appendingPathComponent("Expense approval.bpmn").path
    }

    private func modelNames() throws -> [String] {
        let listed = try cli.run(["model", "list", "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        return try array(listed.json()).compactMap { try object($0)["name"] as? String }
    }

    func testImportNamesModelAfterFile() throws {
        let result = try cli.run(["model", "import", exampleModel])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try modelNames(), ["Expense approval"])
    }

    func testImportWithName() throws {
        let result = try cli.run(["model", "import", exampleModel, "--name", "Expenses 2025"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try modelNames(), ["Expenses 2025"])
    }

    func testReimportAddsVersion() throws {
        _ = try cli.run(["model", "import", exampleModel])
        let second = try cli.run(["model", "import", exampleModel])

        XCTAssertTrue(second.stdout.contains("'Expense approval' version 2"), second.stdout)
        let listed = try array(cli.run(["model", "list", "--json"]).json())
        XCTAssertEqual(try object(listed.first)["version"] as? Int, 2)
    }

    func testMalformedXMLReportsPathLineAndColumn() throws {
        let path = try cli.writeFile(
            "broken.bpmn",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p" isExecutable="true">
              </bpmn:proces>
            </bpmn:definitions>
            """)

        let result = try cli.run(["model", "import", path])

        XCTAssertEqual(result.status, 1)
        XCTAssertNotNil(
            result.stderr.range(of: "\(path):4:[0-9]+: invalid XML", options: .regularExpression), result.stderr)
    }

    func testNonBPMNFileReportsRootElementPosition() throws {
        let path = try cli.writeFile("page.bpmn", "<?xml version=\"1.0\"?>\n<html><body/></html>\n")

        let result = try cli.run(["model", "import", path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(path):2:1: not a BPMN 2.0 file"), result.stderr)
    }

    func testPlainTextFileIsRejected() throws {
        let path = try cli.writeFile("notes.bpmn", "just some notes\n")

        let result = try cli.run(["model", "import", path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(path):1:"), result.stderr)
    }

    func testMissingFileIsReported() throws {
        let result = try cli.run(["model", "import", "nowhere.bpmn"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("cannot import 'nowhere.bpmn': no such file"), result.stderr)
    }

    func testSeveralFilesImportValidOnes() throws {
        let broken = try cli.writeFile("broken.bpmn", "<definitions")

        let result = try cli.run(["model", "import", broken, exampleModel])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("Imported 'Expense approval'"), result.stdout)
        XCTAssertTrue(result.stderr.contains(broken), result.stderr)
        XCTAssertTrue(result.stderr.contains("1 of 2 files could not be imported"), result.stderr)
        XCTAssertEqual(try modelNames(), ["Expense approval"])
    }

    func testLatin1FileIsConverted() throws {
        let xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p" name="Caf\u{E9}" isExecutable="true">
                <bpmn:startEvent id="s" name="D\u{E9}but" />
              </bpmn:process>
            </bpmn:definitions>
            """
        let url = cli.folder.appendingPathComponent("latin.bpmn")
        try XCTUnwrap(xml.data(using: .isoLatin1)).write(to: url)

        let result = try cli.run(["model", "import", url.path])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try modelNames(), ["latin"])
    }

    private let discountDecision = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="discounts" name="Discounts" namespace="n">
          <decision id="discount" name="Discount">
            <decisionTable id="table" hitPolicy="UNIQUE">
              <input id="in1" label="Customer type">
                <inputExpression id="ie1" typeRef="string"><text>customerType</text></inputExpression>
              </input>
              <output id="out1" name="discount" typeRef="number" />
              <rule id="r1"><inputEntry id="e1"><text>"gold"</text></inputEntry><outputEntry id="o1"><text>0.2</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="e2"><text>"silver"</text></inputEntry><outputEntry id="o2"><text>0.1</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """

    private let pricingModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="pricing" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:businessRuleTask id="rule_discount" camunda:decisionRef="discount"
                camunda:resultVariable="discount" camunda:mapDecisionResult="singleEntry" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rule_discount" />
            <bpmn:sequenceFlow id="f2" sourceRef="rule_discount" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    func testDecisionModelDrivesBusinessRuleTask() throws {
        let decision = try cli.writeFile("Discounts.dmn", discountDecision)
        let pricing = try cli.writeFile("Pricing.bpmn", pricingModel)

        let imported = try cli.run(["model", "import", decision, pricing])
        let started = try cli.run(["start", "Pricing", "--data", "{\"customerType\": \"gold\"}", "--json"])

        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try modelNames(), ["Discounts", "Pricing"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let data = try object(object(object(started.json())["instance"])["data"])
        XCTAssertEqual(data["discount"] as? Double, 0.2)
    }

    func testInvalidDecisionModelIsReported() throws {
        let path = try cli.writeFile(
            "Broken.dmn", discountDecision.replacingOccurrences(of: "hitPolicy=\"UNIQUE\"", with: "hitPolicy=\"NONSENSE\""))

        let result = try cli.run(["model", "import", path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(path): invalid DMN"), result.stderr)
        XCTAssertTrue(result.stderr.contains("NONSENSE"), result.stderr)
    }

    func testModelListTableShowsCounts() throws {
        _ = try cli.run(["model", "import", exampleModel])
        _ = try cli.run(["start", "Expense approval"])

        let result = try cli.run(["model", "list"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("NAME"), result.stdout)
        XCTAssertNotNil(
            lines[1].range(of: #"^Expense approval +1 +\S+ \S+ +1 +1 +v1 1/1 +expense_approval$"#, options: .regularExpression),
            String(lines[1]))
    }
}
