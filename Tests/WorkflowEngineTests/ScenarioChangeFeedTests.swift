import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// `ChangeFeed` (behind `watch`) reports what another connection commits.
final class ScenarioChangeFeedTests: XCTestCase {
    private func otherEngine(_ harness: EngineHarness) throws -> WorkflowEngine {
        WorkflowEngine(store: try SQLiteStore(path: harness.path), clock: harness.clock)
    }

    func testFeedReportsTimerFiredByAnotherConnection() throws {
        let harness = try EngineHarness()
        try harness.importFixture("09-interrupting-boundary-timer.bpmn", as: "timers")
        let started = try harness.engine.start("timers")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        harness.clock.advance(seconds: 2)
        try other.fireDueTimers()
        let events = try feed.poll()

        XCTAssertTrue(events.filter { $0.event == "timer.fired" }.map(\.instanceId).contains(started.id), "\(events)")
        XCTAssertTrue(events.filter { $0.event == "item.completed" }.map(\.elementId).contains("Remind"), "\(events)")
        XCTAssertFalse(events.contains { $0.elementId == "Review" }, "Review still waits: \(events)")
    }

    func testFeedIsQuietWithoutCommits() throws {
        let harness = try EngineHarness()
        try harness.importFixture("09-interrupting-boundary-timer.bpmn", as: "timers")
        _ = try harness.engine.start("timers")
        let feed = try ChangeFeed(engine: harness.engine)

        XCTAssertTrue(try feed.poll().isEmpty)
        XCTAssertTrue(try feed.poll().isEmpty)
    }

    func testFeedReportsStartAndEndOnce() throws {
        let harness = try EngineHarness()
        try harness.importFixture("09-interrupting-boundary-timer.bpmn", as: "timers")
        let feed = try ChangeFeed(engine: harness.engine)
        let other = try otherEngine(harness)

        let started = try other.start("timers")
        let first = try feed.poll()
        _ = try other.invoke(["id": .string(started.id), "items.elementId": "Review"], user: .system)
        _ = try other.invoke(["id": .string(started.id), "items.elementId": "Done"], user: .system)
        let second = try feed.poll()

        XCTAssertEqual(first.filter { $0.event == "instance.started" }.count, 1)
        XCTAssertTrue(first.filter { $0.event == "item.waiting" }.map(\.elementId).contains("Review"), "\(first)")
        XCTAssertEqual(second.filter { $0.event == "instance.ended" }.count, 1, "\(second)")
        XCTAssertTrue(second.filter { $0.event == "item.cancelled" }.map(\.elementId).contains("Remind"), "\(second)")
        XCTAssertTrue(try feed.poll().isEmpty)
    }
}

/// `ChangeFeed` after a restart brings back an old waiting item.
final class ScenarioChangeFeedRestartTests: XCTestCase {
    func testFeedReportsRestartedTaskWaiting() throws {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/Buy Used Car.bpmn", as: "Car")
        try harness.engine.setSavePoints(enabled: true, user: .system)
        let user = UserContext(name: "user1")
        let started = try harness.engine.start("Car", data: ["caseId": 1], user: user)
        _ = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)
        _ = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "task_Drive"], user: user)
        let feed = try ChangeFeed(engine: harness.engine)
        let other = WorkflowEngine(store: try SQLiteStore(path: harness.path), clock: harness.clock)

        harness.clock.advance(seconds: 60)
        _ = try other.restart(["id": .string(started.id), "items.elementId": "task_Buy"])
        let events = try feed.poll()

        XCTAssertTrue(events.contains { $0.event == "instance.restarted" }, "\(events)")
        XCTAssertTrue(events.filter { $0.event == "item.waiting" }.map(\.elementId).contains("task_Buy"), "\(events)")
        XCTAssertFalse(events.contains { $0.event == "item.completed" }, "\(events)")
    }
}
