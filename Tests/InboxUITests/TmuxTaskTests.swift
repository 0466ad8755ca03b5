import Foundation
import XCTest

/// The real binary in tmux: two inboxes on one database, claiming and completing, a bulk
/// claim, the Waiting tab, the JSON editor and `--read-only`.
final class TmuxTaskTests: XCTestCase {
    private var harness: TmuxHarness!

    override func setUpWithError() throws {
        harness = try TmuxHarness()
    }

    override func tearDown() {
        harness?.close()
        super.tearDown()
    }

    /// Three Review tasks, newest first: caseId 3, 2, 1.
    private func prepareReviews(count: Int = 3) throws {
        try harness.importModel("Review", source: TmuxModels.review)
        for caseId in 1...count {
            try harness.start("Review", data: "{\"caseId\": \(caseId)}")
            usleep(20_000)
        }
    }

    /// Returns the assignee of every waiting task, as the CLI lists them ("" for none).
    private func assignees() throws -> [String] {
        let output = try harness.cli(["--user", "alice", "tasks", "--json"]).output
        let tasks = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]], output)
        return tasks.map { $0["assignee"] as? String ?? "" }
    }

    func testSecondInboxRefreshesAndKeepsSelection() throws {
        try prepareReviews()
        try harness.openInbox(session: "one", user: "alice")
        try harness.openInbox(session: "two", user: "bob")
        try harness.waitForScreen("one", containing: " Tasks (3)")
        try harness.waitForScreen("two", containing: " Tasks (3)")

        // bob selects the oldest task (caseId 1); alice completes the newest (caseId 3).
        try harness.sendKeys("two", "G")
        try harness.waitForScreen("two", containing: "\"caseId\": 1")
        try harness.sendKeys("one", "Enter")
        try harness.waitForScreen("one", containing: "┌─ Complete Review")
        try harness.sendKeys("one", "Space", "C-s")
        try harness.waitForScreen("one", containing: "Completed Review")

        let started = Date()
        let screen = try harness.waitForScreen("two", containing: " Tasks (2)", timeout: 5)
        let elapsed = Date().timeIntervalSince(started)

        XCTAssertLessThan(elapsed, 2.0, "the second inbox took \(elapsed) s to show the change")
        XCTAssertTrue(screen.contains("\"caseId\": 1"), "the selection moved off caseId 1:\n\(screen)")
    }

    func testClaimThenComplete() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: "Mine 0")

        try harness.sendKeys("inbox", "c")
        try harness.waitForScreen("inbox", containing: "Claimed Review")
        try harness.waitForScreen("inbox", containing: "Mine 1")

        try harness.sendKeys("inbox", "Enter")
        try harness.waitForScreen("inbox", containing: "┌─ Complete Review")
        try harness.sendKeys("inbox", "Space", "C-s")
        let screen = try harness.waitForScreen("inbox", containing: "Completed Review")

        XCTAssertTrue(screen.contains(" Tasks (0)"), screen)
        XCTAssertTrue(screen.contains("Mine 0"), screen)
    }

    func testBulkClaimReportsCount() throws {
        try prepareReviews()
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: " Tasks (3)")

        try harness.sendKeys("inbox", "V")
        try harness.waitForScreen("inbox", containing: "3 tasks marked")
        try harness.sendKeys("inbox", "c")
        let screen = try harness.waitForScreen("inbox", containing: "Claimed 3 of 3 tasks")

        XCTAssertTrue(screen.contains("Mine 3"), screen)
        XCTAssertEqual(try assignees(), ["alice", "alice", "alice"])
    }

    func testWaitingTabShowsTimerAndMessage() throws {
        try harness.importModel("Waits", source: TmuxModels.waits)
        try harness.start("Waits")
        try harness.openInbox(session: "inbox", columns: 120, rows: 40)
        try harness.waitForScreen("inbox", containing: " Instances (1)")

        try harness.sendKeys("inbox", "BTab", "5")
        let screen = try harness.waitForScreen("inbox", containing: "Timers (1)")

        XCTAssertTrue(screen.contains("Wait an hour"), screen)
        XCTAssertTrue(screen.contains("Messages (1)"), screen)
        XCTAssertTrue(screen.contains("message 'payment'"), screen)
        XCTAssertTrue(screen.contains("key {\"id\":"), screen)
    }

    func testJSONEditorRejectsBadJSONWithPosition() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: " Tasks (1)")
        try harness.sendKeys("inbox", "Enter")
        try harness.waitForScreen("inbox", containing: "┌─ Complete Review")

        try harness.sendKeys("inbox", "Tab")
        try harness.type("inbox", "{")
        try harness.sendKeys("inbox", "Enter")
        try harness.type("inbox", "\"a\": }")
        try harness.sendKeys("inbox", "C-s")
        let screen = try harness.waitForScreen("inbox", containing: "not valid JSON at line 2, column 6")

        XCTAssertTrue(screen.contains("┌─ Complete Review"), "the form closed:\n\(screen)")
    }

    func testPastedJSONDoesNotSubmit() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: " Tasks (1)")
        try harness.sendKeys("inbox", "Enter")
        try harness.waitForScreen("inbox", containing: "┌─ Complete Review")

        try harness.sendKeys("inbox", "Tab")
        try harness.paste("inbox", "{\n  \"note\": \"pasted\"\n}\n")
        let screen = try harness.waitForScreen("inbox", containing: "\"note\": \"pasted\"")

        XCTAssertTrue(screen.contains("┌─ Complete Review"), "the paste submitted the form:\n\(screen)")
        try harness.sendKeys("inbox", "C-s")
        try harness.waitForScreen("inbox", containing: "Completed Review")
    }

    func testReadOnlyInboxShowsRefusal() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox", options: ["--read-only"])
        try harness.waitForScreen("inbox", containing: "READ-ONLY")

        try harness.sendKeys("inbox", "c")
        var screen = try harness.waitForScreen("inbox", containing: "so claiming tasks is not possible")

        XCTAssertTrue(screen.contains("Mine 0"), screen)
        XCTAssertEqual(try assignees(), [""], "the claim was saved")
        try harness.sendKeys("inbox", "Enter")
        screen = try harness.waitForScreen("inbox", containing: "so completing a task is not possible")
        XCTAssertFalse(screen.contains("┌─ Complete Review"), screen)
    }

    func testNotifyRingsBellForNewTask() throws {
        let assigned = TmuxModels.review.replacingOccurrences(
            of: #"camunda:candidateUsers="alice,bob""#, with: #"camunda:assignee="alice""#)
        try harness.importModel("Assigned", source: assigned)
        try harness.openInbox(session: "inbox", options: ["--notify", "bell"])
        try harness.waitForScreen("inbox", containing: " Tasks (0)")
        XCTAssertEqual(try harness.display("inbox", "#{window_bell_flag}"), "0")

        try harness.start("Assigned", user: "bob")
        try harness.waitForScreen("inbox", containing: "+1 new")

        XCTAssertEqual(try harness.display("inbox", "#{window_bell_flag}"), "1")
    }

    func testNotifyRejectsUnknownStyle() throws {
        let outcome = try harness.cli(["--notify", "popup"])

        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.errors.contains("invalid --notify value 'popup'; use one of: bell, osc9, osc777"), outcome.errors)
    }

    func testDarkThemeOnEightColorTerminalUsesANSIColors() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox", options: ["--theme", "dark"], environment: ["TERM": "xterm"])
        try harness.waitForScreen("inbox", containing: " Tasks (1)")

        let styled = try harness.captureWithStyles("inbox")

        XCTAssertFalse(styled.contains("38;5;"), "a 256-colour foreground reached an 8-colour terminal")
        XCTAssertFalse(styled.contains("48;5;"), "a 256-colour background reached an 8-colour terminal")
        XCTAssertTrue(styled.contains("\u{1B}[3") || styled.contains(";3"), "no ANSI colour at all:\n\(styled)")
    }

    func testNoColorShowsSelectionWithAttributesOnly() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox", environment: ["NO_COLOR": "1"])
        try harness.waitForScreen("inbox", containing: " Tasks (1)")

        let styled = try harness.captureWithStyles("inbox")

        XCTAssertNil(styled.range(of: #"\[(\d+;)*(3[0-7]|4[0-7]|38|48)(;\d+)*m"#, options: .regularExpression), styled)
        XCTAssertTrue(styled.contains("\u{1B}[7m") || styled.contains(";7m") || styled.contains("[7;"), "no reverse video:\n\(styled)")
    }

    func testCommandLineSwitchesTheme() throws {
        try prepareReviews(count: 1)
        try harness.openInbox(session: "inbox")
        try harness.waitForScreen("inbox", containing: " Tasks (1)")

        try harness.sendKeys("inbox", ":")
        try harness.type("inbox", "theme hi")
        try harness.sendKeys("inbox", "Tab", "Enter")
        let screen = try harness.waitForScreen("inbox", containing: "Theme high-contrast.")

        XCTAssertTrue(screen.contains(" Tasks (1)"), screen)
    }
}

/// Models for the terminal tests.
enum TmuxModels {
    private static func definitions(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://example.com/inbox">
        \(body)
        </bpmn:definitions>
        """
    }

    /// One user task Review offered to alice and bob, with a yes/no field.
    static let review = definitions("""
          <bpmn:process id="Process_review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review" camunda:candidateUsers="alice,bob">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="approved" label="Approved" type="boolean" />
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Waits for an hour-long timer and the message `payment` at the same time.
    static let waits = definitions("""
          <bpmn:message id="Msg_payment" name="payment" />
          <bpmn:process id="Process_waits" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:parallelGateway id="split" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="waitHour" />
            <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="waitPayment" />
            <bpmn:intermediateCatchEvent id="waitHour" name="Wait an hour">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="waitPayment" name="Wait for payment">
              <bpmn:messageEventDefinition messageRef="Msg_payment" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="waitHour" targetRef="join" />
            <bpmn:sequenceFlow id="f5" sourceRef="waitPayment" targetRef="join" />
            <bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)
}
