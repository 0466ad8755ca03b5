import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The message form opens with the key the Waiting tab shows: the data key of the model's
/// correlation key when the instance data contain its fields, else the instance id.
final class MessageFormKeyTests: XCTestCase {
    private typealias Key = EventFormFactory.Key

    private func shopDriver() throws -> InboxDriver {
        try InboxDriver(models: [("Shop order", try DiagramViewTests.exampleSource("Shop order"))])
    }

    private func keyText(_ driver: InboxDriver) -> String {
        driver.state.form?.fieldText(Key.matchingKey) ?? "<no form>"
    }

    func testMessageKeyPrefillsDataKeyOfSelectedInstance() throws {
        let driver = try shopDriver()
        let shop = try driver.engine.start("Shop order", data: ["orderId": "A-1001"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(shop.id)

        driver.press(.character("m"))

        XCTAssertEqual(keyText(driver), #"{"data.orderId":"A-1001"}"#)
    }

    func testOnlyWaitingInstancePrefillsItsDataKey() throws {
        let driver = try shopDriver()
        _ = try driver.engine.start("Shop order", data: ["orderId": "A-1002"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.app.controller.state.focus = .models

        driver.press(.character("m"))

        XCTAssertEqual(keyText(driver), #"{"data.orderId":"A-1002"}"#)
    }

    func testEnterOnWaitingItemPrefillsDataKey() throws {
        let driver = try shopDriver()
        let shop = try driver.engine.start("Shop order", data: ["orderId": "A-1001"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(shop.id)
        driver.press(.character(":"))
        driver.type("tab waiting")
        driver.press(.enter)
        try driver.moveDetailCursor(to: "payment-received")

        driver.press(.enter)

        XCTAssertEqual(keyText(driver), #"{"data.orderId":"A-1001"}"#)
    }

    func testPrefilledDataKeyDeliversMessage() throws {
        let driver = try shopDriver()
        let shop = try driver.engine.start("Shop order", data: ["orderId": "A-1001"], user: UserContext(name: "alice"))
        _ = try driver.engine.start("Shop order", data: ["orderId": "A-1002"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(shop.id)

        driver.press(.character("m"), .control("s"))

        XCTAssertNil(driver.state.form, driver.state.form?.failure ?? "")
        XCTAssertTrue(
            driver.messageText.hasPrefix("Message 'payment-received' reached Shop order \(PaneRows.shortID(shop.id))"),
            driver.messageText)
    }
}
