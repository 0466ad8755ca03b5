import BPMNModel
import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The event forms, the instance detail, the status bar clock and the Tasks pane keys,
/// drawn into a memory screen from hand-made state.
final class EventRenderingTests: XCTestCase {
    private let now = TestSupport.referenceDate

    private func names(_ entries: (String, Int)...) -> [EventFormFactory.EventName] {
        entries.map { EventFormFactory.EventName(name: $0.0, waiting: $0.1) }
    }

    private func render(form: FormState) -> MemoryScreen {
        var state = TestSupport.state()
        state.form = form
        return TestSupport.render(state)
    }

    // MARK: Message and signal forms

    func testMessageFormShowsChoiceWithWaitingCount() {
        let form = EventFormFactory.messageForm(names: names(("payment", 2), ("refund", 0)), selected: nil, matchingKey: nil)

        let text = render(form: form).text

        XCTAssertTrue(text.contains("┌─ Send a message "), text)
        XCTAssertTrue(text.contains("< payment (2 waiting) >"), text)
        XCTAssertTrue(text.contains(#"e.g. {"data.orderId": "A-1"}"#), text)
        XCTAssertTrue(text.contains("Deliver to all"), text)
        XCTAssertTrue(text.contains("[ ]"), text)
    }

    func testMessageFormPreselectsGivenName() {
        let form = EventFormFactory.messageForm(names: names(("payment", 2), ("refund", 0)), selected: "refund", matchingKey: nil)

        XCTAssertTrue(render(form: form).text.contains("< refund >"))
    }

    func testMessageFormFieldsKeepTheirKeys() throws {
        var form = EventFormFactory.messageForm(names: names(("payment", 1)), selected: nil, matchingKey: ["data.orderId": "A-1"])
        _ = form.handle(.tab)
        for character in #"{"paid": 10}"# { _ = form.handle(.character(character)) }
        _ = form.handle(.tab)
        _ = form.handle(.tab)
        _ = form.handle(.character(" "))

        let fields = try XCTUnwrap(form.validatedFields())

        XCTAssertEqual(fields["name"], "payment")
        XCTAssertEqual(fields["data"], ["paid": 10])
        XCTAssertEqual(fields["matchingKey"], ["data.orderId": "A-1"])
        XCTAssertEqual(fields["deliverToAll"], true)
    }

    func testMessageFormRejectsNonObjectKey() throws {
        var form = EventFormFactory.messageForm(names: names(("payment", 1)), selected: nil, matchingKey: nil)
        _ = form.handle(.tab)
        _ = form.handle(.tab)
        for character in "[1]" { _ = form.handle(.character(character)) }

        XCTAssertNil(form.validatedFields())
        XCTAssertEqual(form.focus, 2)
        XCTAssertTrue(render(form: form).text.contains("! must be a JSON object"))
    }

    func testSignalFormShowsTitleAndChoice() {
        let form = EventFormFactory.signalForm(names: names(("go", 2), ("stop", 0)), selected: "go")

        let text = render(form: form).text

        XCTAssertTrue(text.contains("┌─ Broadcast a signal "), text)
        XCTAssertTrue(text.contains("< go (2 waiting) >"), text)
        XCTAssertTrue(text.contains("Matching key (JSON)"), text)
    }

    // MARK: Start-event and retry forms

    func testStartEventFormListsChoiceLabel() {
        let instance = TestSupport.instance(id: "i-1", name: "Reminder")
        let choices = [
            TriggerChoice(elementId: "waitHour", label: "Wait an hour (waitHour): waiting"),
            TriggerChoice(elementId: "start", label: "start (start): start event"),
        ]

        let form = EventFormFactory.startEventForm(instance: instance, choices: choices, selected: "start")
        let text = render(form: form).text

        XCTAssertTrue(text.contains("┌─ Trigger in Reminder i-1 "), text)
        XCTAssertTrue(text.contains("< start (start): start event >"), text)
    }

    func testRetryFormNamesLastError() {
        let instance = TestSupport.instance(id: "i-1", name: "Charge")
        var item = ItemRecord(id: "it-1", instanceId: "i-1", seq: 2, elementId: "waitMinute", name: "Wait a minute",
                              type: "bpmn:IntermediateCatchEvent", status: .failed, tokenId: 0)
        item.statusDetails = ["error": "card declined", "attempts": 4]

        let form = EventFormFactory.retryForm(instance: instance, failedItems: [item], selected: nil)
        let text = render(form: form).text

        XCTAssertTrue(form.documentation?.hasSuffix("Last error: card declined") ?? false, form.documentation ?? "")
        XCTAssertTrue(text.contains("< Wait a minute >"), text)
    }

    // MARK: Instance detail

    private func item(
        _ id: String, _ elementId: String, name: String? = nil, type: String = "bpmn:UserTask",
        status: ItemStatus = .wait, tokenId: Int = 0, key: String? = nil
    ) -> ItemRecord {
        ItemRecord(
            id: id, instanceId: "i-1", seq: Int(id.dropFirst()) ?? 0, elementId: elementId, name: name, type: type,
            status: status, tokenId: tokenId, itemKey: key)
    }

    private func token(_ id: Int, _ kind: TokenRecord.Kind, parent: Int? = nil, origin: String? = nil) -> TokenRecord {
        TokenRecord(
            instanceId: "i-1", id: id, kind: kind, status: .running, dataPath: "", parentTokenId: parent,
            originItemId: origin, startNodeId: "start", currentNodeId: "start")
    }

    private func detail(items: [ItemRecord], tokens: [TokenRecord] = [], children: [String: [InstanceLink]] = [:]) -> InstanceDetail {
        let instance = TestSupport.instance(id: "i-1", name: "Order")
        let allTokens = tokens.isEmpty ? [token(0, .primary)] : tokens
        return InstanceDetail(
            instance: instance, execution: Execution(instance: instance, items: items, tokens: allTokens),
            children: children, now: now)
    }

    private func lines(_ detail: InstanceDetail, width: Int = 60) -> [StyledLine] {
        InstanceDetailLines.page(detail, width: width).lines
    }

    func testDetailShowsAwaitedEvents() {
        var message = item("s1", "waitPayment", name: "Payment", type: "bpmn:IntermediateCatchEvent")
        message.messageId = "payment"
        var signal = item("s2", "waitGo", name: "Go", type: "bpmn:IntermediateCatchEvent")
        signal.signalId = "go"
        var timer = item("s3", "remind", name: "Remind", type: "bpmn:IntermediateCatchEvent")
        timer.timeDue = now.addingTimeInterval(180)

        let text = lines(detail(items: [message, signal, timer])).map(\.text)

        let clock = DisplayFormat.clockTime(now.addingTimeInterval(180), now: now)
        XCTAssertTrue(text.contains("  Remind  timer \(clock) (in 3m)"), "\(text)")
        XCTAssertTrue(text.contains("  Payment message 'payment'"), "\(text)")
        XCTAssertTrue(text.contains("  Go      signal 'go'"), "\(text)")
    }

    func testDetailListsSoonestTimerFirst() throws {
        var late = item("s1", "late", name: "Late", type: "bpmn:IntermediateCatchEvent")
        late.timeDue = now.addingTimeInterval(7200)
        var soon = item("s2", "soon", name: "Soon", type: "bpmn:IntermediateCatchEvent")
        soon.timeDue = now.addingTimeInterval(60)

        let text = lines(detail(items: [late, soon])).map(\.text)

        let soonRow = try XCTUnwrap(text.firstIndex { $0.hasPrefix("  Soon timer") }, "\(text)")
        let lateRow = try XCTUnwrap(text.firstIndex { $0.hasPrefix("  Late timer") }, "\(text)")
        XCTAssertLessThan(soonRow, lateRow)
    }

    func testDetailShowsFailedTimerAttempt() {
        var timer = item("s1", "charge", name: "Charge", type: "bpmn:IntermediateCatchEvent")
        timer.timeDue = now.addingTimeInterval(10)
        timer.statusDetails = ["attempts": 2, "error": "boom"]

        let result = lines(detail(items: [timer]))
        let attempt = result.first { $0.text == "    attempt 2 of 4 failed: boom" }

        XCTAssertEqual(attempt?.spans.first?.role, .error)
    }

    func testDetailShowsIncidentWithRetryTarget() throws {
        var failed = item("s1", "charge", name: "Charge", type: "bpmn:IntermediateCatchEvent", status: .failed)
        failed.statusDetails = ["error": "card declined"]

        let page = InstanceDetailLines.page(detail(items: [failed]), width: 60)
        let index = try XCTUnwrap(page.lines.firstIndex { $0.text == "  ✗ Charge: card declined" }, "\(page.lines.map(\.text))")

        XCTAssertEqual(page.lines[index].spans.first?.role, .error)
        XCTAssertEqual(page.targets[index], .failedItem(failed))
        let heading = try XCTUnwrap(page.lines.first { $0.text == "Incidents (1)" })
        XCTAssertEqual(heading.spans.first?.role, .error)
    }

    func testFailedStatusUsesErrorRole() throws {
        var detail = detail(items: [item("s1", "task")])
        detail.instance.status = .failed

        let status = try XCTUnwrap(lines(detail).first { $0.text.hasPrefix("Status") })

        XCTAssertEqual(status.spans.last?.role, .error)
    }

    func testDetailIndentsItemsOfSubProcess() {
        let items = [
            item("s1", "review", name: "Review", type: "bpmn:SubProcess", tokenId: 0),
            item("s2", "check", name: "Check", tokenId: 1),
            item("s3", "after", name: "After", tokenId: 0),
        ]
        let tokens = [token(0, .primary), token(1, .subProcess, parent: 0, origin: "s1")]

        let text = lines(detail(items: items, tokens: tokens)).map(\.text)

        let review = text.firstIndex { $0.hasPrefix("  Review ") }
        XCTAssertNotNil(review, "\(text)")
        XCTAssertTrue(text[(review ?? 0) + 1].hasPrefix("    Check "), "\(text)")
        XCTAssertTrue(text[(review ?? 0) + 2].hasPrefix("  After "), "\(text)")
    }

    func testLoopedSubProcessShowsKeyOnce() throws {
        var owner = item("s1", "review", name: "Review", type: "bpmn:MultiInstanceBody", tokenId: 0)
        owner.statusDetails = ["loop": ["collection": ["HR"]]]
        let items = [
            owner,
            item("s2", "review", name: "Review", type: "bpmn:SubProcess", tokenId: 1, key: "HR"),
            item("s3", "check", name: "Check", tokenId: 2, key: "HR"),
        ]
        let tokens = [
            token(0, .primary), token(1, .instance, parent: 0, origin: "s1"), token(2, .subProcess, parent: 1, origin: "s2"),
        ]

        let text = lines(detail(items: items, tokens: tokens)).map(\.text)

        XCTAssertTrue(text.contains { $0.hasPrefix("  Review ×1 ") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("    Review [HR] ") }, "\(text)")
        let check = try XCTUnwrap(text.first { $0.hasPrefix("      Check") }, "\(text)")
        XCTAssertFalse(check.contains("[HR]"), check)
    }

    func testDetailLinksChildUnderCall() throws {
        let call = item("s1", "callBilling", name: "Call billing", type: "bpmn:CallActivity")
        let child = InstanceLink(instanceId: "child-1", name: "Billing", status: .running, callTitle: nil)

        let page = InstanceDetailLines.page(detail(items: [call], children: ["s1": [child]]), width: 60)
        let index = try XCTUnwrap(page.lines.firstIndex { $0.text == "    → Billing child- running" }, "\(page.lines.map(\.text))")

        XCTAssertEqual(page.targets[index], .instance("child-1"))
    }

    func testDetailLinksParentInstance() throws {
        var detail = detail(items: [])
        detail.parent = InstanceLink(instanceId: "parent-1", name: "Order", status: .running, callTitle: "Call billing")

        let page = InstanceDetailLines.page(detail, width: 60)
        let index = try XCTUnwrap(page.lines.firstIndex { $0.text.hasPrefix("Called by") }, "\(page.lines.map(\.text))")

        XCTAssertTrue(page.lines[index].text.hasSuffix("Order parent (Call billing)"), page.lines[index].text)
        XCTAssertEqual(page.targets[index], .instance("parent-1"))
    }

    func testDetailCursorLineIsHighlighted() throws {
        var state = TestSupport.state()
        state.detail = .instance(detail(items: [item("s1", "task", name: "Task")]))
        state.focus = .detail
        state.detailCursor = 1

        let screen = TestSupport.render(state)
        let rect = try XCTUnwrap(state.layout.panes[.detail])

        XCTAssertEqual(screen.role(row: rect.row + 2, column: rect.right - 1), .selection)
        XCTAssertNotEqual(screen.role(row: rect.row + 3, column: rect.column), .selection)
    }

    func testStatusBarNamesEnterOnLink() throws {
        var state = TestSupport.state()
        let call = item("s1", "callBilling", name: "Call billing", type: "bpmn:CallActivity")
        let child = InstanceLink(instanceId: "child-1", name: "Billing", status: .running, callTitle: nil)
        state.detail = .instance(detail(items: [call], children: ["s1": [child]]))
        state.focus = .detail
        let width = try XCTUnwrap(state.layout.panes[.detail]).width
        state.detailCursor = try XCTUnwrap(DetailLines.page(state.detail, width: width).targets.keys.first)

        XCTAssertTrue(TestSupport.render(state).line(23).contains("Enter go to instance"))
    }

    // MARK: Tasks pane and status bar

    func testTasksPaneShowsIterationKey() throws {
        var task = TestSupport.task(id: "1", name: "Vote", instanceName: "Board")
        task.item.itemKey = "HR"
        let state = TestSupport.state(tasks: [task])

        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        XCTAssertTrue(screen.line(row).hasPrefix(" Vote [HR] "), screen.line(row))
    }

    func testStatusBarShowsClockOffset() {
        var state = TestSupport.state()
        state.clockOffset = 3900

        XCTAssertTrue(TestSupport.render(state).line(23).contains(" clock +1h05m "))
    }

    func testStatusBarShowsNegativeClockOffset() {
        var state = TestSupport.state()
        state.clockOffset = -200

        XCTAssertTrue(TestSupport.render(state).line(23).contains(" clock -3m20s "))
    }

    func testStatusBarHidesClockAtSystemTime() {
        XCTAssertFalse(TestSupport.render(TestSupport.state()).line(23).contains("clock"))
    }

    // MARK: Formats

    func testDurationUsesTwoLargestUnits() {
        XCTAssertEqual(DisplayFormat.duration(45), "45s")
        XCTAssertEqual(DisplayFormat.duration(180), "3m")
        XCTAssertEqual(DisplayFormat.duration(200), "3m20s")
        XCTAssertEqual(DisplayFormat.duration(3900), "1h05m")
        XCTAssertEqual(DisplayFormat.duration(2 * 86_400 + 4 * 3600 + 59), "2d04h")
    }

    func testRelativeTimeNamesDirection() {
        XCTAssertEqual(DisplayFormat.relative(now.addingTimeInterval(180), now: now), "in 3m")
        XCTAssertEqual(DisplayFormat.relative(now.addingTimeInterval(-120), now: now), "2m ago")
        XCTAssertEqual(DisplayFormat.relative(now.addingTimeInterval(0.4), now: now), "now")
    }

    func testOffsetHasSign() {
        XCTAssertEqual(DisplayFormat.offset(3900), "+1h05m")
        XCTAssertEqual(DisplayFormat.offset(-200), "-3m20s")
    }

    // MARK: Trigger choices

    func testTriggerChoicesListAllKinds() throws {
        let definitions = try BPMNParser.parse(string: EventModels.adHoc)
        let instance = TestSupport.instance(id: "i-1", name: "Extras")
        let items = [
            item("s1", "extras", name: "Extras", type: "bpmn:AdHocSubProcess"),
            item("s2", "giftWrap", name: "Gift wrap", tokenId: 1),
            item("s3", "split", type: "bpmn:ParallelGateway"),
        ]
        let execution = Execution(instance: instance, items: items, tokens: [token(0, .primary), token(1, .subProcess, parent: 0, origin: "s1")])

        let choices = TriggerChoices.build(definitions: definitions, execution: execution)

        XCTAssertEqual(choices.map(\.elementId), ["giftWrap", "start", "rushStart", "insure"])
        XCTAssertEqual(choices.first?.label, "Gift wrap (giftWrap): waiting")
        XCTAssertEqual(choices.first { $0.elementId == "rushStart" }?.label, "Rush order (rushStart): message start event")
        XCTAssertEqual(choices.last?.label, "Insure (insure): in ad-hoc 'Extras'")
    }

    func testTriggerChoicesWithoutModel() {
        let instance = TestSupport.instance(id: "i-1", name: "Extras")
        let execution = Execution(instance: instance, items: [item("s1", "task", name: "Task")], tokens: [token(0, .primary)])

        let choices = TriggerChoices.build(definitions: nil, execution: execution)

        XCTAssertEqual(choices.map(\.elementId), ["task"])
    }
}
