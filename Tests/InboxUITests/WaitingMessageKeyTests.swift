import BPMNModel
import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The Waiting tab's key for a message receiver: a query on the data fields of the model's
/// correlation key when the instance data contain them, the instance id otherwise.
final class WaitingMessageKeyTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/order-correlation.bpmn")

    private func orderDriver() throws -> InboxDriver {
        try InboxDriver(models: [("Order", try String(contentsOf: Self.fixture, encoding: .utf8))])
    }

    /// Returns the Waiting tab's text of `instance`.
    private func waitingText(_ driver: InboxDriver, _ instance: InstanceRecord) -> String {
        var detail = driver.app.controller.loadInstanceDetail(instance)
        detail.tab = .waiting
        return InstanceDetailLines.page(detail, width: 200).lines.map(\.text).joined(separator: "\n")
    }

    func testBoundPropertyShowsDataKey() throws {
        let driver = try orderDriver()
        let order = try driver.engine.start("Order", data: ["orderId": 42, "customer": ["number": "C-7"]])

        let text = waitingText(driver, order.instance)

        XCTAssertTrue(text.contains(#"    key {"data.orderId":42}"#), text)
    }

    func testMessagePathWithoutBindingShowsDataKey() throws {
        let driver = try orderDriver()
        let order = try driver.engine.start("Order", data: ["orderId": 42, "customer": ["number": "C-7"]])

        let text = waitingText(driver, order.instance)

        XCTAssertTrue(text.contains(#"    key {"data.customer.number":"C-7"}"#), text)
    }

    func testMessageWithoutCorrelationShowsIdKey() throws {
        let driver = try orderDriver()
        let order = try driver.engine.start("Order", data: ["orderId": 42, "customer": ["number": "C-7"]])

        let text = waitingText(driver, order.instance)

        XCTAssertEqual(text.components(separatedBy: #"    key {"id":"\#(order.id)"}"#).count - 1, 1, text)
    }

    func testMissingDataFieldFallsBackToIdKey() throws {
        let driver = try orderDriver()
        let order = try driver.engine.start("Order", data: ["orderId": 42])

        let text = waitingText(driver, order.instance)

        XCTAssertFalse(text.contains("data.customer.number"), text)
        XCTAssertEqual(text.components(separatedBy: #"    key {"id":"\#(order.id)"}"#).count - 1, 2, text)
    }

    func testShownDataKeyReachesOnlyItsInstance() throws {
        let driver = try orderDriver()
        let first = try driver.engine.start("Order", data: ["orderId": 42, "customer": ["number": "C-7"]])
        _ = try driver.engine.start("Order", data: ["orderId": 43, "customer": ["number": "C-8"]])
        let key = try XCTUnwrap(driver.app.controller.loadInstanceDetail(first.instance).messageKeys.values.first {
            $0["data.orderId"] != nil
        })

        let delivery = try driver.engine.throwMessage("paid", data: .emptyObject, matchingKey: key, user: UserContext(name: "alice"))

        XCTAssertEqual(delivery.receivers.map(\.instanceId), [first.id])
    }

    func testWaitingTabOnScreenShowsDataKey() throws {
        let driver = try orderDriver()
        let order = try driver.engine.start("Order", data: ["orderId": 42, "customer": ["number": "C-7"]])
        driver.app.controller.refresh()
        driver.selectInstance(order.id)

        driver.app.controller.setInstanceTab(.waiting)
        let screen = driver.render()

        XCTAssertTrue(screen.contains(#"key {"data.orderId":42}"#), screen)
    }
}
