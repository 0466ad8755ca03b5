import DecisionTables
import Foundation
import XCTest

/// Files shaped like Camunda Modeler's DMN exports, with diagram data, vendor attributes and
/// other encodings.
final class ModelerFileTests: XCTestCase {
    /// A DMN 1.3 file in the layout Camunda Modeler 5 writes, with a decision requirements
    /// diagram, `biodi:width` on columns and `camunda:inputVariable`.
    private let modelerFile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" \
        xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" \
        xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" \
        xmlns:biodi="http://bpmn.io/schema/dmn/biodi/2.0" \
        xmlns:camunda="http://camunda.org/schema/1.0/dmn" \
        xmlns:modeler="http://camunda.org/schema/modeler/1.0" \
        id="ShippingDefinitions" name="Shipping" namespace="http://camunda.org/schema/1.0/dmn" \
        exporter="Camunda Modeler" exporterVersion="5.20.0" \
        modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
          <decision id="shippingMethod" name="Shipping method">
            <informationRequirement id="InformationRequirement_1">
              <requiredInput href="#InputData_weight" />
            </informationRequirement>
            <decisionTable id="DecisionTable_1" hitPolicy="FIRST">
              <input id="Input_1" label="Weight (kg)" biodi:width="150" camunda:inputVariable="weight">
                <inputExpression id="InputExpression_1" typeRef="double">
                  <text>parcel.weight</text>
                </inputExpression>
              </input>
              <input id="Input_2" label="Destination">
                <inputExpression id="InputExpression_2" typeRef="string">
                  <text>parcel.country</text>
                </inputExpression>
                <inputValues id="UnaryTests_1">
                  <text>"CH","DE","FR","JP"</text>
                </inputValues>
              </input>
              <output id="Output_1" label="Method" name="method" typeRef="string" biodi:width="190" />
              <output id="Output_2" label="Cost" name="cost" typeRef="double" />
              <rule id="DecisionRule_express">
                <description>Heavy parcels abroad go by freight</description>
                <inputEntry id="UnaryTests_a1"><text>&gt; 30</text></inputEntry>
                <inputEntry id="UnaryTests_a2"><text>not("CH")</text></inputEntry>
                <outputEntry id="LiteralExpression_a1"><text>"freight"</text></outputEntry>
                <outputEntry id="LiteralExpression_a2"><text>40 + parcel.weight * 1.5</text></outputEntry>
              </rule>
              <rule id="DecisionRule_local">
                <inputEntry id="UnaryTests_b1"><text>[0..30]</text></inputEntry>
                <inputEntry id="UnaryTests_b2"><text>"CH"</text></inputEntry>
                <outputEntry id="LiteralExpression_b1"><text>"post"</text></outputEntry>
                <outputEntry id="LiteralExpression_b2"><text>9</text></outputEntry>
              </rule>
              <rule id="DecisionRule_other">
                <inputEntry id="UnaryTests_c1"><text></text></inputEntry>
                <inputEntry id="UnaryTests_c2"><text></text></inputEntry>
                <outputEntry id="LiteralExpression_c1"><text>"courier"</text></outputEntry>
                <outputEntry id="LiteralExpression_c2"><text>25</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
          <inputData id="InputData_weight" name="Parcel" />
          <dmndi:DMNDI>
            <dmndi:DMNDiagram id="DMNDiagram_1">
              <dmndi:DMNShape id="DMNShape_1" dmnElementRef="shippingMethod">
                <dc:Bounds height="80" width="180" x="160" y="100" />
              </dmndi:DMNShape>
            </dmndi:DMNDiagram>
          </dmndi:DMNDI>
        </definitions>
        """

    func testModelerFileParses() throws {
        let model = try DecisionModel.parse(string: modelerFile)
        let decision = try XCTUnwrap(model.decision(id: "shippingMethod"))

        XCTAssertEqual(model.id, "ShippingDefinitions")
        XCTAssertEqual(decision.name, "Shipping method")
        XCTAssertEqual(decision.table.hitPolicy, .first)
        XCTAssertEqual(decision.table.inputs.map(\.displayName), ["Weight (kg)", "Destination"])
        XCTAssertEqual(decision.table.outputs.map(\.name), ["method", "cost"])
        XCTAssertEqual(decision.table.rules[0].description, "Heavy parcels abroad go by freight")
    }

    func testModelerFileEvaluates() throws {
        let decision = try XCTUnwrap(
            DecisionModel.parse(string: modelerFile).decision(id: "Shipping method"))
        let cases: [(parcel: DMNValue, expected: DMNValue)] = [
            (["weight": 40, "country": "JP"], ["method": "freight", "cost": 100]),
            (["weight": 40, "country": "CH"], ["method": "courier", "cost": 25]),
            (["weight": 2.5, "country": "CH"], ["method": "post", "cost": 9]),
            (["weight": 2.5, "country": "DE"], ["method": "courier", "cost": 25]),
            (["country": "DE"], ["method": "courier", "cost": 25]),
        ]

        for (parcel, expected) in cases {
            XCTAssertEqual(try decision.evaluate(["parcel": parcel]).value, expected, "\(parcel)")
        }
    }

    func testLatin1FileKeepsAccents() throws {
        let xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <definitions xmlns="\(DMNFixture.dmn13)" id="d">
              <decision id="greeting" name="Begrüßung">
                <decisionTable>
                  <input label="Sprache"><inputExpression><text>sprache</text></inputExpression></input>
                  <output name="gruß"/>
                  <rule>
                    <inputEntry><text>"français"</text></inputEntry>
                    <outputEntry><text>"Salut, ça va"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """
        let data = try XCTUnwrap(xml.data(using: .isoLatin1))

        let decision = try XCTUnwrap(DecisionModel.parse(data: data).decision(id: "Begrüßung"))

        XCTAssertEqual(
            try decision.evaluate(["sprache": "français"]).value, ["gruß": "Salut, ça va"])
    }
}
