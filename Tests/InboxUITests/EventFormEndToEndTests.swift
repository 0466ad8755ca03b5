import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The message, signal, start-event and retry forms against a real SQLite file and engine.
final class EventFormEndToEndTests: XCTestCase {
    // MARK: Message form

    func testMessageFormDeliversToWaitingInstance() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        let started = try inbox.engine.start("Payment", data: ["orderId": "A-1"])
        inbox.app.controller.refresh()
        XCTAssertTrue(inbox.state.tasks.isEmpty)

        inbox.press(.character("m"))
        XCTAssertTrue(inbox.render().contains("< payment (1 waiting) >"), inbox.screen.text)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertEqual(inbox.state.message?.kind, .success)
        XCTAssertTrue(
            inbox.messageText.hasPrefix("Message 'payment' reached Payment \(PaneRows.shortID(started.id)) (waitPayment)"),
            inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["ship"])
        XCTAssertTrue(try inbox.paneText(.tasks).contains(" Ship"))
    }

    func testUndeliveredMessageKeepsFormOpen() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])

        inbox.press(.character("m"), .control("s"))

        XCTAssertEqual(inbox.state.form?.failure, "not delivered: nobody waits for 'payment'")
        XCTAssertEqual(inbox.messageText, "not delivered: nobody waits for 'payment'")
        XCTAssertEqual(inbox.state.message?.kind, .error)
    }

    func testMessageAmbiguityNeedsMatchingKey() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        _ = try inbox.engine.start("Payment", data: ["orderId": "A-1"])
        let second = try inbox.engine.start("Payment", data: ["orderId": "A-2"])
        inbox.app.controller.refresh()

        inbox.press(.character("m"), .control("s"))
        XCTAssertTrue(inbox.state.form?.failure?.contains("2 receivers wait for 'payment'") ?? false, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.messageText.contains("2 receivers wait for 'payment'"), inbox.messageText)

        inbox.press(.tab, .tab)
        inbox.type(#"{"data.orderId": "A-2"}"#)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertEqual(inbox.state.tasks.map(\.item.instanceId), [second.id])
    }

    func testMessageFormDeliversToAllWhenToggled() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        _ = try inbox.engine.start("Payment", data: ["orderId": "A-1"])
        _ = try inbox.engine.start("Payment", data: ["orderId": "A-2"])
        inbox.app.controller.refresh()

        inbox.press(.character("m"), .tab, .tab, .tab, .character(" "), .control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.messageText.hasPrefix("Message 'payment' reached 2: "), inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.count, 2)
    }

    func testMessageFormPrefillsSelectedInstanceKey() throws {
        let inbox = try InboxDriver(models: [("Payment", EventModels.payment)])
        _ = try inbox.engine.start("Payment", data: ["orderId": "A-1"])
        let second = try inbox.engine.start("Payment", data: ["orderId": "A-2"])
        inbox.selectInstance(second.id)

        inbox.press(.character("m"))
        let key = try XCTUnwrap(inbox.state.form?.inputs.first { $0.key == EventFormFactory.Key.matchingKey })
        XCTAssertEqual(key.editor.text, #"{"id":"\#(second.id)"}"#)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertEqual(inbox.state.tasks.map(\.item.instanceId), [second.id])
    }

    func testMessageKeyWithoutModelsExplains() throws {
        let inbox = try InboxDriver(models: [])

        inbox.press(.character("m"))

        XCTAssertNil(inbox.state.form)
        XCTAssertTrue(inbox.messageText.hasPrefix("No model defines a message"), inbox.messageText)
    }

    // MARK: Signal form

    func testSignalFormReachesEveryReceiver() throws {
        let inbox = try InboxDriver(models: [("Signal", EventModels.signal)])
        _ = try inbox.engine.start("Signal")
        _ = try inbox.engine.start("Signal")
        inbox.app.controller.refresh()

        inbox.press(.character("s"))
        XCTAssertTrue(inbox.render().contains("< go (2 waiting) >"), inbox.screen.text)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.messageText.hasPrefix("Signal 'go' reached 2: Signal "), inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["goOn", "goOn"])
    }

    func testUndeliveredSignalKeepsFormOpen() throws {
        let inbox = try InboxDriver(models: [("Signal", EventModels.signal)])

        inbox.press(.character("s"), .control("s"))

        XCTAssertEqual(inbox.state.form?.failure, "not delivered: nobody waits for signal 'go'")
    }

    // MARK: Start-event form

    func testStartEventFormTriggersWaitingTimer() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        let started = try inbox.engine.start("Reminder")
        inbox.selectInstance(started.id)

        inbox.press(.character("e"))
        XCTAssertTrue(inbox.render().contains("< Wait an hour (waitHour): waiting >"), inbox.screen.text)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.messageText.hasPrefix("Triggered waitHour in Reminder"), inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
    }

    func testStartEventFormOffersAdHocActivities() throws {
        let inbox = try InboxDriver(models: [("Extras", EventModels.adHoc)])
        let started = try inbox.engine.start("Extras")
        inbox.selectInstance(started.id)

        inbox.press(.character("e"))

        let form = try XCTUnwrap(inbox.state.form)
        guard case .choice(let choices) = form.inputs[0].kind else { return XCTFail("the first input is no choice") }
        let ids = choices.map(\.id)
        XCTAssertTrue(ids.contains("rushStart"), "\(ids)")
        XCTAssertTrue(ids.contains("giftWrap"), "\(ids)")
        XCTAssertTrue(ids.contains("insure"), "\(ids)")
    }

    func testStartEventKeyRejectsEndedInstance() throws {
        let inbox = try InboxDriver(models: [("Billing", EventModels.billing)])
        let started = try inbox.engine.start("Billing")
        _ = try inbox.engine.invoke(["id": .string(started.id), "items.elementId": "payInvoice"])
        inbox.app.controller.refresh()
        inbox.selectInstance(started.id)

        inbox.press(.character("e"))

        XCTAssertNil(inbox.state.form)
        XCTAssertTrue(inbox.messageText.contains("has ended; only a running instance can be triggered"), inbox.messageText)
    }

    // MARK: Retry form

    func testRetryFormRunsIncidentWithFix() throws {
        let inbox = try InboxDriver(models: [("Charge", EventModels.charge)])
        let started = try inbox.engine.start("Charge")
        for _ in 0..<4 {
            inbox.clock.advance(by: 400)
            _ = try inbox.engine.fireDueTimers()
        }
        inbox.selectInstance(started.id)
        XCTAssertTrue(inbox.render().contains("Incidents (1)"), inbox.screen.text)

        inbox.press(.character("R"))
        XCTAssertTrue(inbox.state.form?.documentation?.contains("card declined") ?? false, inbox.state.form?.documentation ?? "")
        inbox.press(.tab)
        inbox.type(#"{"fixed": true}"#)
        inbox.press(.control("s"))

        XCTAssertNil(inbox.state.form, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.messageText.hasPrefix("Retried Wait a minute in Charge"), inbox.messageText)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["confirm"])
    }

    func testFailedRetryKeepsFormOpen() throws {
        let inbox = try InboxDriver(models: [("Charge", EventModels.charge)])
        let started = try inbox.engine.start("Charge")
        for _ in 0..<4 {
            inbox.clock.advance(by: 400)
            _ = try inbox.engine.fireDueTimers()
        }
        inbox.selectInstance(started.id)

        inbox.press(.character("R"), .control("s"))

        XCTAssertTrue(inbox.state.form?.failure?.contains("card declined") ?? false, inbox.state.form?.failure ?? "")
        XCTAssertTrue(inbox.state.tasks.isEmpty)
    }

    func testRetryKeyWithoutIncidentExplains() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        let started = try inbox.engine.start("Reminder")
        inbox.selectInstance(started.id)

        inbox.press(.character("R"))

        XCTAssertNil(inbox.state.form)
        XCTAssertTrue(inbox.messageText.hasSuffix("has no failed item; R retries incidents."), inbox.messageText)
    }
}
