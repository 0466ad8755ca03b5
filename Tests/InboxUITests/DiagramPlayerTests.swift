import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The full-screen player of the tour and replay, driven by keys over a real engine.
final class DiagramPlayerTests: XCTestCase {
    /// Completes the oldest waiting user task of one instance per step.
    private final class CompletingSource: DiagramStepSource {
        let engine: WorkflowEngine
        var execution: Execution

        init(engine: WorkflowEngine, execution: Execution) {
            self.engine = engine
            self.execution = execution
        }

        func firstStep() throws -> DiagramStep {
            DiagramStep(caption: "started", execution: execution, changedIds: [])
        }

        func nextStep() throws -> DiagramStep? {
            guard let task = execution.waitingItems.min(by: { $0.seq < $1.seq }) else { return nil }
            execution = try engine.invoke(
                .object(["id": .string(execution.id), "items.id": .string(task.id)]),
                data: .object(["amount": 5000, "approved": true]), user: UserContext(name: "maria", groups: ["managers"]))
            return DiagramStep(caption: "completed \(task.elementId)", execution: execution, changedIds: [task.elementId])
        }

        func advanceToNextTimer() throws -> DiagramStep? { nil }
    }

    private func makePlayer() throws -> (DiagramPlayer, InboxDriver) {
        let driver = try InboxDriver(models: [("Expense approval", try DiagramViewTests.exampleSource("Expense approval"))])
        let execution = try driver.engine.start("Expense approval", data: .object(["requester": "maria"]), user: UserContext(name: "maria"))
        let definitions = try driver.engine.definitions(model: "Expense approval")
        let player = DiagramPlayer(
            definitions: definitions, title: "Tour", themeName: nil,
            source: CompletingSource(engine: driver.engine, execution: execution))
        try player.start(size: ScreenSize(rows: 40, columns: 120))
        return (player, driver)
    }

    func testSpaceStepsAndCaptions() throws {
        let (player, _) = try makePlayer()
        XCTAssertEqual(player.view?.caption, "started Press Space to step, p to play.")

        _ = player.handle(.character(" "), size: ScreenSize(rows: 40, columns: 120))

        XCTAssertEqual(player.view?.caption, "completed task_submit")
        XCTAssertEqual(player.view?.changedIds, ["task_submit"])
    }

    func testPlayStepsOnTicksUntilTheEnd() throws {
        let (player, _) = try makePlayer()
        _ = player.handle(.character("p"), size: ScreenSize(rows: 40, columns: 120))
        var now = Date()
        for _ in 0..<5 {
            now += 10
            _ = player.tick(now: now.addingTimeInterval(10))
        }

        XCTAssertTrue(player.isFinished)
        XCTAssertFalse(player.isPlaying)
        XCTAssertTrue(player.view?.caption?.hasPrefix("The end") ?? false, player.view?.caption ?? "")
    }

    func testDrawShowsCaptionAndPlayerKeys() throws {
        let (player, _) = try makePlayer()
        let screen = MemoryScreen(rows: 40, columns: 120)
        player.draw(on: screen)

        XCTAssertTrue(screen.text.contains(" started"), screen.text)
        XCTAssertTrue(screen.text.contains("Space step"), screen.text)
        XCTAssertTrue(screen.text.contains("p play"), screen.text)
    }

    func testTimerKeyWithoutTimerSaysSo() throws {
        let (player, _) = try makePlayer()
        _ = player.handle(.character("t"), size: ScreenSize(rows: 40, columns: 120))

        XCTAssertEqual(player.view?.caption, "No timer waits.")
    }

    func testQuitKeyEndsPlayer() throws {
        let (player, _) = try makePlayer()

        XCTAssertFalse(player.handle(.character("q"), size: ScreenSize(rows: 40, columns: 120)))
    }
}
