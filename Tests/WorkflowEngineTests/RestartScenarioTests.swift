import Foundation
import WorkflowEngine
import XCTest

/// bpmn-server's restart1 and restart2 scenarios, and restart's errors.
final class RestartScenarioTests: XCTestCase {
    private let user = UserContext(name: "user1")
    private let admin = UserContext.system

    private func carHarness(savePoints: Bool = true) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/Buy Used Car.bpmn", as: "Buy Used Car")
        if savePoints { try harness.engine.setSavePoints(enabled: true, user: admin) }
        return harness
    }

    /// Runs a car case to its end with no cleaning and no repairs.
    private func finishedCar(_ harness: EngineHarness, caseId: Int) throws -> Execution {
        let started = try harness.engine.start("Buy Used Car", data: ["caseId": .number(Double(caseId))], user: user)
        _ = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)
        return try harness.engine.invoke(["id": .string(started.id), "items.elementId": "task_Drive"], data: [:], user: user)
    }

    func testRestartOneEndsBeforeRestart() throws {
        let harness = try carHarness()
        let ended = try finishedCar(harness, caseId: 3001)

        XCTAssertEqual(ended.status, .end)
        XCTAssertNotNil(ended.instance.endedAt)
        XCTAssertEqual(ended.statuses("task_Drive"), ["end"])
    }

    func testRestartOneReopensAtBuy() throws {
        let harness = try carHarness()
        let ended = try finishedCar(harness, caseId: 3002)

        let restarted = try harness.engine.restart(["id": .string(ended.id), "items.elementId": "task_Buy"])

        XCTAssertEqual(restarted.instance.data["caseId"], 3002)
        XCTAssertEqual(restarted.status, .running)
        XCTAssertNil(restarted.instance.endedAt)
        XCTAssertEqual(restarted.statuses("task_Buy"), ["wait"])
        XCTAssertTrue(restarted.items("task_Drive").isEmpty)
        XCTAssertEqual(restarted.instance.data["needsCleaning"], "No")
    }

    func testRestartedTaskCanBeCompletedAgain() throws {
        let harness = try carHarness()
        let ended = try finishedCar(harness, caseId: 3003)
        _ = try harness.engine.restart(["id": .string(ended.id), "items.elementId": "task_Buy"])

        let again = try harness.engine.invoke(
            ["id": .string(ended.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)

        XCTAssertEqual(again.statuses("task_Drive"), ["wait"])
        XCTAssertTrue(try harness.engine.history(instanceId: ended.id).contains { $0.action == "restart" })
    }

    func testRestartWithoutSavePointsExplainsSetting() throws {
        let harness = try carHarness(savePoints: false)
        let ended = try finishedCar(harness, caseId: 3004)

        XCTAssertThrowsError(try harness.engine.restart(["id": .string(ended.id), "items.elementId": "task_Buy"])) { error in
            guard case .noSavePoint(_, let elementId, let on)? = error as? AdministrationError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(elementId, "task_Buy")
            XCTAssertFalse(on)
        }
    }

    func testRestartOfRunningInstanceIsRejected() throws {
        let harness = try carHarness()
        let started = try harness.engine.start("Buy Used Car", data: ["caseId": 3005], user: user)

        XCTAssertThrowsError(try harness.engine.restart(["id": .string(started.id), "items.elementId": "task_Buy"])) { error in
            XCTAssertEqual(error as? AdministrationError, .instanceStillRunning(instanceId: started.id))
        }
    }

    func testRestartTwoStartsNewTaskFromSecondStart() throws {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/Restart.bpmn", as: "Restart")
        let started = try harness.engine.start("Restart", data: ["caseId": 4001], user: user)
        _ = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "task1"], data: [:], user: user)
        let ended = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "task2"], data: [:], user: user)
        XCTAssertEqual(ended.status, .end)
        XCTAssertNotNil(ended.instance.endedAt)

        let restarted = try harness.engine.restart(instanceId: started.id, at: "start2", user: user)

        XCTAssertEqual(restarted.statuses("task1"), ["end", "wait"])
        XCTAssertEqual(restarted.instance.data["caseId"], 4001)
        XCTAssertEqual(restarted.status, .running)
        XCTAssertNil(restarted.instance.endedAt)
        XCTAssertEqual(restarted.statuses("Activity_0ioiwzl").last, "end")
    }
}
