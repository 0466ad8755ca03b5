import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The diagram view's selection start, element details, help box and caption rows, over a
/// real engine, drawn into a memory screen.
final class DiagramViewKeysTests: XCTestCase {
    /// A source that replays nothing and has no clock, as `replay` does.
    private final class ClocklessSource: DiagramStepSource {
        let execution: Execution
        let caption: String

        init(execution: Execution, caption: String) {
            self.execution = execution
            self.caption = caption
        }

        func firstStep() throws -> DiagramStep { DiagramStep(caption: caption, execution: execution, changedIds: []) }
        func nextStep() throws -> DiagramStep? { nil }
        func advanceToNextTimer() throws -> DiagramStep? { nil }
        var canAdvanceClock: Bool { false }
    }

    private func startExpense() throws -> (InboxDriver, Execution) {
        let driver = try InboxDriver(models: [("Expense approval", try DiagramViewTests.exampleSource("Expense approval"))])
        let execution = try driver.engine.start("Expense approval", data: .object(["requester": "zoë"]), user: UserContext(name: "zoë"))
        return (driver, execution)
    }

    /// Starts an instance and completes its first task, so it waits at the manager approval.
    private func expenseAtApproval() throws -> (InboxDriver, Execution) {
        let (driver, started) = try startExpense()
        let execution = try driver.engine.invoke(
            .object(["id": .string(started.id), "items.elementId": "task_submit"]), data: .object(["amount": 5000]),
            user: UserContext(name: "zoë"))
        return (driver, execution)
    }

    private func view(_ driver: InboxDriver, _ execution: Execution, size: ScreenSize = ScreenSize(rows: 24, columns: 80)) throws -> DiagramViewState {
        DiagramViewState(
            definitions: try driver.engine.definitions(model: "Expense approval"), title: "Expense approval",
            execution: execution, size: size)
    }

    func testTabStartsAtWaitingElement() throws {
        let (driver, execution) = try expenseAtApproval()
        var view = try view(driver, execution)

        _ = view.handle(.tab)

        XCTAssertEqual(view.viewport.selectedId, "task_manager_approval")
    }

    func testSecondTabMovesOnFromWaitingElement() throws {
        let (driver, execution) = try expenseAtApproval()
        var view = try view(driver, execution)

        _ = view.handle(.tab)
        _ = view.handle(.tab)

        XCTAssertNotEqual(view.viewport.selectedId, "task_manager_approval")
        XCTAssertNotNil(view.viewport.selectedId)
    }

    func testDetailsNameAssigneeOfWaitingTask() throws {
        let (driver, execution) = try startExpense()
        var view = try view(driver, execution)

        _ = view.handle(.tab)
        _ = view.handle(.enter)
        let values = view.detailLines().map(\.value)

        XCTAssertEqual(view.detailsId, "task_submit")
        XCTAssertTrue(values.contains { $0.contains("wait assigned to zoë") }, "\(values)")
        XCTAssertFalse(values.contains { $0.contains("by zoë") }, "\(values)")
    }

    func testDetailsNameWhoCompletedTask() throws {
        let (driver, execution) = try expenseAtApproval()
        var view = try view(driver, execution)
        view.viewport.select("task_submit")

        _ = view.handle(.enter)
        let values = view.detailLines().map(\.value)

        XCTAssertTrue(values.contains { $0.contains("end by zoë") }, "\(values)")
    }

    func testHelpBoxShowsWholeKeysAt80x24() throws {
        let (driver, execution) = try startExpense()
        var view = try view(driver, execution)
        _ = view.handle(.character("?"))
        let screen = MemoryScreen(rows: 24, columns: 80)

        DiagramScreen.draw(view, on: screen)

        for entry in DiagramViewState.keyHelp {
            XCTAssertNotNil(screen.find(entry.keys), "'\(entry.keys)' is cut:\n\(screen.text)")
        }
    }

    func testReplayHintsLeaveOutTimerKey() throws {
        let (driver, execution) = try startExpense()
        let player = DiagramPlayer(
            definitions: try driver.engine.definitions(model: "Expense approval"), title: "Replay", themeName: nil,
            source: ClocklessSource(execution: execution, caption: "replay"))
        try player.start(size: ScreenSize(rows: 24, columns: 80))
        let screen = MemoryScreen(rows: 24, columns: 80)

        player.draw(on: screen)

        XCTAssertFalse(player.playerHints.contains { $0.0 == "t" })
        XCTAssertFalse(screen.text.contains("next timer"), screen.text)
    }

    func testLongCaptionWrapsOverThreeRows() throws {
        let (driver, execution) = try startExpense()
        let words = (1...30).map { "word\($0)" }
        let player = DiagramPlayer(
            definitions: try driver.engine.definitions(model: "Expense approval"), title: "Tour", themeName: nil,
            source: ClocklessSource(execution: execution, caption: words.joined(separator: " ")))
        try player.start(size: ScreenSize(rows: 24, columns: 80))
        let screen = MemoryScreen(rows: 24, columns: 80)

        player.draw(on: screen)

        XCTAssertTrue(screen.line(20).contains("word1 "), screen.text)
        XCTAssertTrue(screen.line(21).contains("word"), screen.text)
        XCTAssertTrue(screen.line(22).contains("word30"), screen.text)
        XCTAssertTrue(screen.line(23).contains("Space"), screen.text)
    }
}
