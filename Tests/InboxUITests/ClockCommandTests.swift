import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// `:clock DURATION` moves the demo clock by an ISO 8601 duration; `:clock` alone jumps to
/// the next timer as `+` does.
final class ClockCommandTests: XCTestCase {
    private func run(_ inbox: InboxDriver, _ line: String) {
        inbox.press(.character(":"))
        inbox.type(line)
        inbox.press(.enter)
    }

    func testDurationMovesClockByIt() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()

        run(inbox, "clock PT30M")

        XCTAssertEqual(inbox.clock.currentOffset, 1800)
        XCTAssertEqual(inbox.messageText, "Clock moved 30m by PT30M, now +30m; nothing was due")
    }

    func testDurationFiresDueTimers() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()

        run(inbox, "clock +PT2H")

        XCTAssertEqual(inbox.clock.currentOffset, 7200)
        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
        XCTAssertTrue(inbox.messageText.hasPrefix("Clock moved 2h00m by PT2H, now +2h00m. Timer fired: "), inbox.messageText)
    }

    func testDayDurationMovesOneDay() throws {
        let inbox = try InboxDriver(models: [])

        run(inbox, "clock P1D")

        XCTAssertEqual(inbox.clock.currentOffset, 86_400)
    }

    func testNoArgumentJumpsToNextTimer() throws {
        let inbox = try InboxDriver(models: [("Reminder", EventModels.reminder)])
        _ = try inbox.engine.start("Reminder")
        inbox.app.controller.refresh()

        run(inbox, "clock")

        XCTAssertEqual(inbox.state.tasks.map(\.item.elementId), ["followUp"])
        XCTAssertTrue(inbox.messageText.hasPrefix("Clock moved 1h00m to the next timer"), inbox.messageText)
    }

    func testInvalidDurationNamesItAndExample() throws {
        let inbox = try InboxDriver(models: [])

        run(inbox, "clock 1h")

        XCTAssertEqual(inbox.clock.currentOffset, 0)
        XCTAssertEqual(inbox.state.message?.kind, .error)
        XCTAssertTrue(inbox.messageText.hasPrefix("':clock 1h' is not an ISO 8601 duration"), inbox.messageText)
        XCTAssertTrue(inbox.messageText.contains("':clock PT1H'"), inbox.messageText)
    }

    func testNegativeDurationIsRejected() throws {
        let inbox = try InboxDriver(models: [])

        run(inbox, "clock -PT1H")

        XCTAssertEqual(inbox.clock.currentOffset, 0)
        XCTAssertTrue(inbox.messageText.contains("would move the clock backwards"), inbox.messageText)
    }

    func testHelpListsDurationArgument() throws {
        let inbox = try InboxDriver(models: [])

        inbox.press(.character("?"))
        let lines = HelpLines.build(width: 200).map(\.text).joined(separator: "\n")

        XCTAssertTrue(inbox.state.isShowingHelp)
        XCTAssertTrue(lines.contains(":clock [DURATION]"), lines)
    }

    func testCompletionOffersClockCommand() {
        let completions = CommandLineParsing.completions(of: "clo") { _ in [] }

        XCTAssertEqual(completions, ["clock "])
    }
}
