import BPMNModel
import Foundation
import XCTest

/// Correlation properties, keys and subscriptions (BPMN 2.0.2) and Camunda 8's message key.
final class CorrelationTests: XCTestCase {
    /// The model the inbox tests use for the Waiting tab's key.
    static let orderFixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InboxUITests/Fixtures/order-correlation.bpmn")

    private func order() throws -> Definitions {
        try BPMNParser.parse(data: Data(contentsOf: Self.orderFixture))
    }

    // MARK: The fixture

    func testPropertiesReadInDocumentOrder() throws {
        let correlation = try order().correlation

        XCTAssertEqual(correlation.properties.map(\.id), ["Prop_orderId", "Prop_customer"])
        XCTAssertEqual(correlation.properties.first?.name, "order id")
        XCTAssertEqual(correlation.properties.first?.type, "xsd:int")
    }

    func testRetrievalExpressionKeepsMessageAndPath() throws {
        let property = try XCTUnwrap(try order().correlation.properties.last)

        XCTAssertEqual(
            property.retrievalExpressions,
            [CorrelationRetrievalExpression(messageRef: "Msg_cancelled", messagePath: "/customer/number", language: "http://www.w3.org/1999/XPath")])
    }

    func testKeysOfCollaborationListTheirProperties() throws {
        let keys = try order().correlation.keys

        XCTAssertEqual(keys.map(\.id), ["Key_order", "Key_customer"])
        XCTAssertEqual(keys.first?.propertyRefs, ["Prop_orderId"])
    }

    func testSubscriptionBindsPropertyToProcessData() throws {
        let subscriptions = try order().correlation.subscriptions["Process_order"]

        XCTAssertEqual(subscriptions, [
            CorrelationSubscription(keyRef: "Key_order", bindings: [CorrelationPropertyBinding(propertyRef: "Prop_orderId", dataPath: "data.orderId")]),
        ])
    }

    func testKeyFieldPrefersBindingOverMessagePath() throws {
        let fields = try order().correlation.keyFields(message: "Msg_paid", process: "Process_order")

        XCTAssertEqual(fields, [CorrelationField(propertyName: "order id", expression: "data.orderId")])
        XCTAssertEqual(fields.first?.dataPath, ["orderId"])
    }

    func testKeyFieldWithoutBindingUsesMessagePath() throws {
        let fields = try order().correlation.keyFields(message: "Msg_cancelled", process: "Process_order")

        XCTAssertEqual(fields.first?.dataPath, ["customer", "number"])
    }

    func testMessageWithoutPropertyHasNoKeyFields() throws {
        XCTAssertEqual(try order().correlation.keyFields(message: "Msg_note", process: "Process_order"), [])
    }

    func testSubscriptionIsNoFlowNode() throws {
        let process = try XCTUnwrap(try order().processes.first)

        XCTAssertNil(process.node(id: "Sub_order"))
    }

    // MARK: Inline models

    func testPrefixedReferencesResolve() throws {
        let definitions = try Fixture.parse(Fixture.definitions("""
            <bpmn:message id="M" name="m" />
            <bpmn:correlationProperty id="P">
              <bpmn:correlationPropertyRetrievalExpression messageRef="bpmn:M">
                <bpmn:messagePath>ref</bpmn:messagePath>
              </bpmn:correlationPropertyRetrievalExpression>
            </bpmn:correlationProperty>
            <bpmn:process id="Process_1" isExecutable="true">
              <bpmn:correlationSubscription correlationKeyRef="bpmn:K">
                <bpmn:correlationPropertyBinding correlationPropertyRef="bpmn:P">
                  <bpmn:dataPath>order.ref</bpmn:dataPath>
                </bpmn:correlationPropertyBinding>
              </bpmn:correlationSubscription>
              <bpmn:startEvent id="S" />
            </bpmn:process>
            <bpmn:collaboration id="C">
              <bpmn:correlationKey id="K"><bpmn:correlationPropertyRef>bpmn:P</bpmn:correlationPropertyRef></bpmn:correlationKey>
            </bpmn:collaboration>
            """))

        XCTAssertEqual(definitions.correlation.keyFields(message: "M", process: "Process_1").first?.dataPath, ["order", "ref"])
        XCTAssertEqual(definitions.correlation.keys.first?.propertyRefs, ["P"])
        XCTAssertEqual(definitions.correlation.subscriptions["Process_1"]?.first?.keyRef, "K")
    }

    func testExpressionWithoutTextIsSkipped() throws {
        let definitions = try Fixture.parse(Fixture.definitions("""
            <bpmn:message id="M" />
            <bpmn:correlationProperty id="P">
              <bpmn:correlationPropertyRetrievalExpression messageRef="M"><bpmn:messagePath>  </bpmn:messagePath></bpmn:correlationPropertyRetrievalExpression>
            </bpmn:correlationProperty>
            """))

        XCTAssertEqual(definitions.correlation.properties.first?.retrievalExpressions, [])
        XCTAssertEqual(definitions.correlation.keyFields(message: "M", process: nil), [])
    }

    func testFileWithoutCorrelationIsEmpty() throws {
        let definitions = try Fixture.parse(Fixture.process(#"<bpmn:startEvent id="S" />"#))

        XCTAssertTrue(definitions.correlation.isEmpty)
    }

    func testDataPathOfExpressionForms() {
        let cases: [(String, [String]?)] = [
            ("orderId", ["orderId"]),
            ("order.id", ["order", "id"]),
            ("data.order.id", ["order", "id"]),
            ("this.data.orderId", ["orderId"]),
            ("$.orderId", ["orderId"]),
            ("/order/id", ["order", "id"]),
            ("order/id", ["order", "id"]),
            ("= documentReferenceId", ["documentReferenceId"]),
            ("${orderId}", ["orderId"]),
            ("=01", nil),
            ("data.items[0]", nil),
            ("concat(a, b)", nil),
            ("", nil),
            ("data", ["data"]),
        ]
        for (expression, expected) in cases {
            XCTAssertEqual(CorrelationField(propertyName: "p", expression: expression).dataPath, expected, expression)
        }
    }

    // MARK: The corpus

    func testCamundaSubscriptionKeyOfMiwgReference() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.9.0.bpmn")
        let correlation = definitions.correlation

        XCTAssertEqual(correlation.camundaMessageKeys["Message_0fvpzfg"], "= documentReferenceId")
        XCTAssertEqual(correlation.keyFields(message: "Message_0fvpzfg", process: nil).first?.dataPath, ["documentReferenceId"])
    }

    func testCamundaLiteralKeyNamesNoField() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.9.0.bpmn")

        XCTAssertEqual(definitions.correlation.camundaMessageKeys["Message_0dm6uaq"], "=01")
        XCTAssertNil(definitions.correlation.keyFields(message: "Message_0dm6uaq", process: nil).first?.dataPath)
    }
}
