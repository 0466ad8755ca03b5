import Foundation
import WorkflowEngine
import XCTest

/// bpmn-server's sub-process, loop, call and transaction scenarios on its corpus models.
/// Where this engine follows BPMN rather than bpmn-server, the test asserts this engine's
/// behaviour (see docs/SEMANTICS.md).
final class SubProcessScenarioTests: XCTestCase {
    private func harness(_ models: [String: String]) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.engine.loadServices(from: EngineHarness.fixtures.appendingPathComponent("services"))
        for (name, file) in models {
            try harness.importCorpus("bpmn-web/test-processes/\(file)", as: name)
        }
        return harness
    }

    private func invoke(_ harness: EngineHarness, _ id: String, _ element: String, key: String? = nil, _ data: JSONValue = .emptyObject) throws -> Execution {
        var query: [String: JSONValue] = ["id": .string(id), "items.elementId": .string(element)]
        if let key { query["items.itemKey"] = .string(key) }
        return try harness.engine.invoke(.object(query), data: data)
    }

    private func userTasks(_ execution: Execution, _ element: String) -> [ItemRecord] {
        execution.items(element).filter { $0.type == "bpmn:UserTask" }
    }

    func testIssue186GatewayBeforeMultiInstanceSubProcess() throws {
        let harness = try harness(["Issue186": "Issue186.bpmn"])
        let started = try harness.engine.start("Issue186")
        let vote = try XCTUnwrap(userTasks(started, "Activity_1olobi3").first)
        XCTAssertEqual(vote.status, .wait)
        XCTAssertEqual(vote.itemKey, "IT")

        _ = try invoke(harness, started.id, "Activity_1olobi3", key: "IT")
        let done = try invoke(harness, started.id, "Activity_1mx9fl7")

        XCTAssertEqual(done.statuses("Event_1jag0kh"), ["end"])
        XCTAssertEqual(done.status, .end)
        XCTAssertTrue(done.items("Event_01qez59").isEmpty)
    }

    func testIssue196LoopInsideLoopAndCancel() throws {
        let harness = try harness(["Issue 196": "Issue 196.bpmn"])
        let started = try harness.engine.start("Issue 196")
        _ = try invoke(harness, started.id, "Activity_UT1", key: "1")
        let afterUT1 = try invoke(harness, started.id, "Activity_UT1", key: "2")

        let inner = userTasks(afterUT1, "Activity_UT2").filter { $0.status == .wait }
        XCTAssertEqual(inner.compactMap(\.itemKey).sorted(), ["1.1001", "1.1002", "1.1003", "2.1001", "2.1002", "2.1003"])
        XCTAssertEqual(afterUT1.statuses("Event_Cancel"), ["wait"], "boundary events belong to the multi-instance activity, once")
        XCTAssertTrue(afterUT1.items.allSatisfy { $0.status != .start })

        let cancelled = try invoke(harness, started.id, "Event_Cancel")
        XCTAssertEqual(cancelled.waitingItems.count, 0)
        XCTAssertEqual(cancelled.statuses("Event_1ulyat1"), ["end"])
        XCTAssertEqual(cancelled.status, .end)
    }

    func testIssue197ALoopBackAndCancelBoundary() throws {
        let harness = try harness(["Issue197A.txt": "Issue197A.txt.bpmn"])
        let started = try harness.engine.start("Issue197A.txt", data: ["caseId": 5501])
        XCTAssertEqual(userTasks(started, "Activity_1olobi3").compactMap(\.itemKey).sorted(), ["HR", "IT"])

        let cancelled = try invoke(harness, started.id, "Event_0qsfmsy", ["vote": "true"])

        XCTAssertTrue(userTasks(cancelled, "Activity_1olobi3").allSatisfy(\.isCancelled))
        XCTAssertEqual(cancelled.statuses("Event_0qsfmsy"), ["end"])
        XCTAssertEqual(cancelled.statuses("Activity_1hcyu4w"), ["end"])
        XCTAssertEqual(cancelled.statuses("Event_1s6yeg2"), ["end"])
        XCTAssertEqual(cancelled.status, .end)
    }

    func testIssue197NormalAndCancelFlows() throws {
        let harness = try harness(["Issue197": "Issue197.bpmn"])
        let normal = try harness.engine.start("Issue197", data: ["caseId": 5501])
        XCTAssertEqual(userTasks(normal, "Activity_create_vote").count, 2)
        _ = try invoke(harness, normal.id, "Activity_create_vote", key: "HR", ["vote": "true"])
        let voted = try invoke(harness, normal.id, "Activity_create_vote", key: "IT", ["vote": "true"])
        XCTAssertEqual(voted.statuses("Activity_sum_votes"), ["wait"])
        XCTAssertEqual(try invoke(harness, normal.id, "Activity_sum_votes").statuses("Event_end1"), ["end"])

        let other = try harness.engine.start("Issue197", data: ["caseId": 5502])
        let cancelled = try invoke(harness, other.id, "Event_cancel", ["vote": "true"])
        XCTAssertEqual(cancelled.statuses("Activity_deleteVotes"), ["end"])
        XCTAssertEqual(cancelled.statuses("Event_end2"), ["end"])
        XCTAssertTrue(userTasks(cancelled, "Activity_create_vote").allSatisfy(\.isCancelled))
        XCTAssertEqual(cancelled.status, .end)
    }

    func testCallTaskRunsBuyUsedCarAsChild() throws {
        let harness = try harness(["CallTask": "CallTask.bpmn", "Buy Used Car": "Buy Used Car.bpmn"])
        let parent = try harness.engine.start("CallTask", data: ["caseId": 1005])
        XCTAssertEqual(parent.statuses("activity_call"), ["wait"])
        let child = try XCTUnwrap(try harness.engine.findInstances(["name": "Buy Used Car"]).first)
        XCTAssertEqual(child.data["caseId"], 1005)

        _ = try harness.engine.invoke(["data.caseId": 1005, "items.elementId": "task_Buy"], user: .system)
        let driven = try harness.engine.invoke(["data.caseId": 1005, "items.elementId": "task_Drive"], user: .system)
        XCTAssertEqual(driven.statuses("Event_19ebav7"), ["end"])

        let resumed = try harness.engine.get(["id": .string(parent.id)])
        XCTAssertEqual(resumed.statuses("activity_call"), ["end"])
        XCTAssertEqual(resumed.statuses("Event_1wxl4bq"), ["end"])
        XCTAssertEqual(resumed.status, .end)
    }

    func testLoopModelRunsEveryLoopToTheEnd() throws {
        let harness = try harness(["loop": "loop.bpmn"])

        let done = try harness.engine.start("loop", data: ["records": [1, 2, 3]])

        XCTAssertEqual(done.items("script_task").filter { $0.type == "bpmn:ScriptTask" }.count, 5)
        XCTAssertEqual(done.items("service_task").filter { $0.type == "bpmn:ServiceTask" }.count, 5)
        XCTAssertEqual(done.items("Sub_script").filter { $0.type == "bpmn:ScriptTask" }.count, 6)
        XCTAssertEqual(done.items("SubProcess").filter { $0.type == "bpmn:SubProcess" }.count, 3)
        XCTAssertEqual(done.items("Sub_script").filter { $0.type == "bpmn:ScriptTask" }.compactMap(\.itemKey).sorted(), ["A.1", "A.2", "B.1", "B.2", "C.1", "C.2"])
        XCTAssertEqual(done.instance.data["records"], [1, 2, 3, 4, 5])
        XCTAssertEqual(done.status, .end)
    }

    func testServiceInputReachesVars() throws {
        let harness = try harness(["test-service-input": "test-service-input.bpmn"])

        let done = try harness.engine.start("test-service-input", data: ["caseId": 6001])

        XCTAssertEqual(done.statuses("service1"), ["end"])
        XCTAssertEqual(done.status, .end)
        XCTAssertFalse(try harness.engine.findItems(["data.caseId": 6001, "items.elementId": "service1"]).isEmpty)
    }

    func testSubProcessModelAndItsCancelBoundary() throws {
        let harness = try harness(["SubProcess": "SubProcess.bpmn"])
        let started = try harness.engine.start("SubProcess", data: ["task_subProcess": ["clients": ["abc", "mbc", "cbc"]]])
        XCTAssertEqual(started.statuses("Task_design"), ["wait"])
        let designed = try invoke(harness, started.id, "Task_design")
        XCTAssertEqual(designed.statuses("sub_usertask_2"), ["wait"])
        XCTAssertEqual(designed.items("sub_task_1").filter { $0.type == "bpmn:ScriptTask" }.count, 3)
        let done = try invoke(harness, started.id, "sub_usertask_2")
        XCTAssertEqual(done.statuses("EndEvent_08zhy2j"), ["end"])
        XCTAssertEqual(done.status, .end)

        let other = try harness.engine.start("SubProcess", data: ["task_subProcess": ["clients": ["a"]]])
        _ = try invoke(harness, other.id, "Task_design")
        let cancelled = try invoke(harness, other.id, "Event_cancel")
        XCTAssertEqual(cancelled.statuses("Event_0eg36vn"), ["end"])
        XCTAssertEqual(cancelled.statuses("task_subProcess"), ["cancelled"])
        XCTAssertEqual(cancelled.statuses("sub_usertask_2"), ["cancelled"])
        XCTAssertTrue(cancelled.items("Activity_0hrqkhp").isEmpty)
        XCTAssertEqual(cancelled.status, .end)
    }

    func testTransactionScenarios() throws {
        let harness = try harness(["Trans": "Trans.bpmn"])
        func run(_ caseId: Int, confirm: JSONValue, after: JSONValue?) throws -> Execution {
            let started = try harness.engine.start("Trans", data: ["caseId": .number(Double(caseId))])
            _ = try invoke(harness, started.id, "Activity_bookFlight")
            _ = try invoke(harness, started.id, "Activity_bookHotel")
            var result = try invoke(harness, started.id, "Activity_confirm", confirm)
            if let after { result = try invoke(harness, started.id, "Activity_after_trans", after) }
            return result
        }

        XCTAssertEqual(try run(6010, confirm: [:], after: [:]).statuses("Event_end"), ["end"])
        XCTAssertEqual(try run(6011, confirm: ["error": "true"], after: nil).statuses("Event_end_error"), ["end"])
        let cancelled = try run(6012, confirm: ["cancel": "true"], after: nil)
        XCTAssertEqual(cancelled.statuses("Activity_after_trans_cancel"), ["end"])
        XCTAssertEqual(cancelled.statuses("Activity_cancelHotel"), ["end"], "cancelling compensates the booked hotel")
        let compensated = try run(6013, confirm: [:], after: ["cancel2": "true"])
        XCTAssertEqual(compensated.statuses("Activity_cancelHotel"), ["end"])
        XCTAssertEqual(compensated.statuses("Activity_cancelFlight"), ["end"])
    }
}
