import Foundation
import WorkflowEngine
import XCTest

/// `InvariantCheck` accepts every state the engine commits and reports each kind of broken
/// state, so the stress and crash tests that rely on it can fail.
final class ReliabilityInvariantTests: XCTestCase {
    /// Runs every fixture model a few steps (start, complete waiting user tasks, fire due
    /// timers) and checks the committed states.
    func testEngineStatesOfFixturesAreConsistent() throws {
        let harness = try EngineHarness()
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: EngineHarness.fixtures.path)
            .filter { $0.hasSuffix(".bpmn") }.sorted()
        var started = 0
        for file in fixtures {
            let name = String(file.dropLast(5))
            guard (try? harness.importFixture(file, as: name)) != nil,
                let execution = try? harness.engine.start(name, data: ["amount": 10, "approved": true, "items": [1, 2, 3], "rows": []])
            else { continue }
            started += 1
            for _ in 0..<6 {
                let waiting = try harness.engine.findItems(["id": .string(execution.id), "items.status": "wait", "items.type": "bpmn:UserTask"])
                guard let item = waiting.first else { break }
                _ = try? harness.engine.invoke(["items.id": .string(item.id)], data: ["approved": true])
            }
            harness.clock.advance(seconds: 7 * 24 * 3600)
            _ = try? harness.engine.fireDueTimers(limit: 50)
        }

        let report = try InvariantCheck(store: harness.engine.store).run()

        XCTAssertGreaterThan(started, 10)
        XCTAssertEqual(report.violations, [])
        XCTAssertGreaterThanOrEqual(report.instances, started)
    }

    /// Starts one instance of a model that waits at a user task, and returns its state.
    private func waitingInstance() throws -> (EngineHarness, InstanceState) {
        let harness = try EngineHarness()
        try harness.importFixture("27-large-instance-data.bpmn", as: "Large")
        let execution = try harness.engine.start("Large", data: ["rows": []])
        let state = InstanceState(instance: execution.instance, items: execution.items, tokens: execution.tokens)
        return (harness, state)
    }

    private func save(_ state: InstanceState, in harness: EngineHarness) throws {
        try harness.engine.store.writeTransaction { try harness.engine.store.saveInstance(state, changedItemIds: nil) }
    }

    func testWaitingItemWithoutTokenIsReported() throws {
        let (harness, state) = try waitingInstance()
        var broken = state
        broken.tokens = []
        try save(broken, in: harness)

        let report = try InvariantCheck(store: harness.engine.store).run()

        XCTAssertEqual(report.violations.count, 1, "\(report.violations)")
        XCTAssertTrue(report.violations.first?.contains("waiting item") ?? false, "\(report.violations)")
        XCTAssertTrue(report.violations.first?.contains("0 live tokens") ?? false, "\(report.violations)")
    }

    func testEndedInstanceWithWaitingItemIsReported() throws {
        let (harness, state) = try waitingInstance()
        var broken = state
        broken.instance.status = .end
        try save(broken, in: harness)

        let report = try InvariantCheck(store: harness.engine.store).run()

        XCTAssertTrue(report.violations.contains { $0.contains("has status end") }, "\(report.violations)")
    }

    func testTokenOnEndedItemIsReported() throws {
        let (harness, state) = try waitingInstance()
        var broken = state
        if let index = broken.items.firstIndex(where: { $0.status == .wait }) { broken.items[index].status = .end }
        try save(broken, in: harness)

        let report = try InvariantCheck(store: harness.engine.store).run()

        XCTAssertTrue(report.violations.contains { $0.contains("stands on ended item") }, "\(report.violations)")
    }

    func testItemCompletedTwiceIsReported() throws {
        let (harness, state) = try waitingInstance()
        let item = try XCTUnwrap(state.items.first { $0.status == .wait })
        let record = HistoryRecord(
            instanceId: state.instance.id, at: Date(), user: "u", action: "invoke", itemId: item.id, elementId: item.elementId)
        try harness.engine.store.writeTransaction { try harness.engine.store.appendHistory([record, record]) }

        let report = try InvariantCheck(store: harness.engine.store).run()

        XCTAssertEqual(report.violations, ["item \(item.id) was completed 2 times (history actions invoke, timer, event)"])
    }
}
