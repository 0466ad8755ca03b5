import Foundation
import WorkflowEngine
import XCTest

/// The "Buy Used Car" scenario of bpmn-server's car test, on the real corpus model.
final class BuyUsedCarTests: XCTestCase {
    private let model = "Buy Used Car"
    private let user = UserContext(name: "user1")

    private func makeHarness() throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/Buy Used Car.bpmn", as: model)
        return harness
    }

    func testStartWaitsAtBuyWithAssignment() throws {
        let harness = try makeHarness()
        let execution = try harness.engine.start(model, data: ["caseId": 1001], user: user)
        let buy = try XCTUnwrap(execution.items("task_Buy").first)

        XCTAssertEqual(execution.instance.data["starterUserId"], "user1")
        XCTAssertEqual(execution.instance.data["caseId"], 1001)
        XCTAssertEqual(buy.status, .wait)
        XCTAssertEqual(buy.assignee, "user1")
        XCTAssertEqual(buy.candidateUsers, ["User1", "User2"])
        XCTAssertEqual(buy.candidateGroups, ["Employee", "Manager"])
        XCTAssertEqual(buy.priority, "5")
        XCTAssertEqual(buy.followUpDate, ISO8601.parseDate("2023-10-31"))
        let expectedDue = harness.clock.now().addingTimeInterval(5 * 86_400)
        XCTAssertEqual(buy.dueDate?.timeIntervalSince1970 ?? 0, expectedDue.timeIntervalSince1970, accuracy: 1)
        XCTAssertEqual(execution.waitingItems.count, 1)
    }

    func testStartListenerCopiesEndTime() throws {
        let harness = try makeHarness()
        let execution = try harness.engine.start(model, data: ["caseId": 1002], user: user)

        XCTAssertEqual(execution.instance.data["startDate"], .string(ISO8601.format(harness.clock.now())))
    }

    func testAssignChangesOnlyAssignmentFields() throws {
        let harness = try makeHarness()
        let started = try harness.engine.start(model, data: ["caseId": 1003], user: user)
        let query: JSONValue = ["id": .string(started.id), "items.elementId": "task_Buy"]

        let assigned = try harness.engine.assign(
            query, assignment: ["assignee": "user1", "candidateUsers": ["employee1", "manager1"], "priority": 7],
            user: user)
        let buy = try XCTUnwrap(assigned.items("task_Buy").first)

        XCTAssertEqual(buy.priority, 7)
        XCTAssertEqual(buy.candidateUsers, ["employee1", "manager1"])
        XCTAssertEqual(buy.candidateGroups, ["Employee", "Manager"])
        XCTAssertEqual(buy.status, .wait)
    }

    func testAssignRejectsOtherKeys() throws {
        let harness = try makeHarness()
        let started = try harness.engine.start(model, data: ["caseId": 1004], user: user)

        XCTAssertThrowsError(
            try harness.engine.assign(["id": .string(started.id)], assignment: ["status": "end"], user: user)
        ) { error in
            XCTAssertEqual(error as? EngineError, .invalidAssignment(key: "status"))
        }
    }

    func testCleanAndRepairPathEnds() throws {
        try runCleanAndRepair(reopenBetweenSteps: false)
    }

    func testCleanAndRepairPathSurvivesReopen() throws {
        try runCleanAndRepair(reopenBetweenSteps: true)
    }

    private func runCleanAndRepair(reopenBetweenSteps: Bool) throws {
        let harness = try makeHarness()
        let started = try harness.engine.start(model, data: ["caseId": 1005], user: user)
        let id = JSONValue.string(started.id)
        func step() throws { if reopenBetweenSteps { try harness.restart() } }

        try step()
        _ = try harness.engine.assign(["id": id, "items.elementId": "task_Buy"], assignment: ["priority": 7], user: user)
        try step()
        let bought = try harness.engine.invoke(
            ["id": id, "items.elementId": "task_Buy"], data: ["needsCleaning": "Yes", "needsRepairs": "Yes"], user: user)
        XCTAssertEqual(bought.statuses("task_clean"), ["wait"])
        XCTAssertEqual(bought.statuses("task_repair"), ["wait"])
        XCTAssertTrue(bought.items("flow_gw1_gw2").isEmpty, "the default flow must not be taken")

        try step()
        let loaded = try harness.engine.get(["id": id])
        XCTAssertEqual(loaded.id, started.id)
        XCTAssertEqual(loaded.statuses("task_Buy"), ["end"])

        try step()
        let cleaned = try harness.engine.invoke(["id": id, "items.elementId": "task_clean"], user: user)
        XCTAssertEqual(cleaned.statuses("task_clean"), ["end"])
        XCTAssertEqual(cleaned.statuses("gateway_2"), ["wait"])
        XCTAssertTrue(cleaned.items("task_Drive").isEmpty)

        try step()
        let repaired = try harness.engine.invoke(["id": id, "items.elementId": "task_repair"], user: user)
        let drive = try XCTUnwrap(repaired.items("task_Drive").first)
        XCTAssertEqual(drive.status, .wait)
        XCTAssertEqual(drive.candidateUsers, ["user1"])
        XCTAssertEqual(repaired.statuses("gateway_2"), ["end", "end"])

        try step()
        let driven = try harness.engine.invoke(["id": id, "items.elementId": "task_Drive"], user: user)
        XCTAssertEqual(driven.status, .end)
        XCTAssertEqual(driven.statuses("task_Drive"), ["end"])
        XCTAssertEqual(driven.items.count, 17)
        XCTAssertEqual(driven.items.filter { $0.type == "bpmn:SequenceFlow" }.count, 8)
    }

    func testNoCleaningNoRepairGoesToDrive() throws {
        let harness = try makeHarness()
        let started = try harness.engine.start(model, data: ["caseId": 1006], user: user)
        let id = JSONValue.string(started.id)

        let bought = try harness.engine.invoke(
            ["id": id, "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)
        XCTAssertEqual(bought.statuses("task_Drive"), ["wait"])
        XCTAssertTrue(bought.items("task_clean").isEmpty)

        let driven = try harness.engine.invoke(["id": id, "items.elementId": "task_Drive"], user: user)
        XCTAssertEqual(driven.status, .end)
    }

    func testDriveDueDateIsTenDaysFromNow() throws {
        let harness = try makeHarness()
        let started = try harness.engine.start(model, data: ["caseId": 1007], user: user)
        let bought = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No"], user: user)
        let drive = try XCTUnwrap(bought.items("task_Drive").first)

        XCTAssertEqual(drive.dueDate, harness.clock.now().addingTimeInterval(10 * 86_400))
        XCTAssertEqual(drive.followUpDate, harness.clock.now().addingTimeInterval(5 * 86_400))
    }
}
