import Foundation
import WorkflowEngine
import XCTest

/// bpmn-server's noWait scenario on test-wait-invoke: start, a user task, two service tasks.
final class ScenarioNoWaitTests: XCTestCase {
    private let user = UserContext(name: "user1", groups: ["Employee"])

    private func started() throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/test-wait-invoke.bpmn", as: "test-wait-invoke")
        try harness.engine.loadServices(from: EngineHarness.fixtures.appendingPathComponent("services"))
        let execution = try harness.engine.start("test-wait-invoke", data: ["reminderCounter": 0, "caseId": 1005], user: user)
        return (harness, execution)
    }

    private func endedCount(_ execution: Execution) -> Int {
        execution.items.filter { $0.status == .end }.count
    }

    func testInvokeRunsToEndWithoutNoWait() throws {
        let (harness, execution) = try started()

        let invoked = try harness.engine.invoke(["id": .string(execution.id), "items.elementId": "Activity_0z113lq"], user: user)

        XCTAssertEqual(invoked.statuses("StartEvent_1"), ["end"])
        XCTAssertEqual(invoked.statuses("Activity_0z113lq"), ["end"])
        XCTAssertEqual(endedCount(invoked), 9)
        XCTAssertEqual(invoked.status, .end)
    }

    func testNoWaitReturnsAfterTheItemEnded() throws {
        let (harness, execution) = try started()

        let invoked = try harness.engine.invokeWithoutWaiting(
            ["id": .string(execution.id), "items.elementId": "Activity_0z113lq"], user: user)

        XCTAssertEqual(invoked.statuses("StartEvent_1"), ["end"])
        XCTAssertEqual(invoked.statuses("Activity_0z113lq"), ["end"])
        XCTAssertEqual(endedCount(invoked), 3)
        XCTAssertTrue(invoked.items("Activity_1ato99x").isEmpty)
        XCTAssertEqual(invoked.status, .running)
    }

    func testDeferredWorkFinishesTheInstance() throws {
        let (harness, execution) = try started()
        _ = try harness.engine.invokeWithoutWaiting(["id": .string(execution.id), "items.elementId": "Activity_0z113lq"], user: user)

        let continued = try harness.engine.runDeferredWork()
        let stored = try harness.engine.get(["id": .string(execution.id)])

        XCTAssertEqual(continued.map(\.id), [execution.id])
        XCTAssertEqual(stored.status, .end)
        XCTAssertEqual(endedCount(stored), 9)
        XCTAssertEqual(stored.statuses("Activity_1vjncec"), ["end"])
        XCTAssertTrue(try harness.engine.runDeferredWork().isEmpty)
    }

    func testDeferredWorkSurvivesReopening() throws {
        let (harness, execution) = try started()
        _ = try harness.engine.invokeWithoutWaiting(["id": .string(execution.id), "items.elementId": "Activity_0z113lq"], user: user)

        try harness.restart()
        try harness.engine.loadServices(from: EngineHarness.fixtures.appendingPathComponent("services"))
        try harness.engine.runDeferredWork()

        XCTAssertEqual(try harness.engine.get(["id": .string(execution.id)]).status, .end)
    }
}
