import Foundation
import WorkflowEngine
import XCTest

/// Gateway rules, each on a small model of a bug other engines had.
final class GatewayCaseTests: XCTestCase {
    private func harness(_ file: String) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.importFixture(file, as: "case")
        return harness
    }

    private func invoke(_ harness: EngineHarness, _ instanceId: String, _ elementId: String, _ data: JSONValue = .emptyObject) throws -> Execution {
        try harness.engine.invoke(["id": .string(instanceId), "items.elementId": .string(elementId)], data: data)
    }

    // MARK: 01 inclusive join waits for every activated branch

    func testInclusiveJoinWaitsForBothActiveBranches() throws {
        let harness = try harness("01-inclusive-join-waits.bpmn")
        let started = try harness.engine.start("case", data: ["a": true, "b": true, "c": false])
        XCTAssertEqual(started.statuses("TaskA"), ["wait"])
        XCTAssertEqual(started.statuses("TaskB"), ["wait"])
        XCTAssertTrue(started.items("TaskC").isEmpty)

        let afterA = try invoke(harness, started.id, "TaskA")
        XCTAssertTrue(afterA.items("After").isEmpty)
        XCTAssertEqual(afterA.status, .running)

        let afterB = try invoke(harness, started.id, "TaskB")
        XCTAssertEqual(afterB.statuses("Join"), ["end", "end"], "one item per arriving token, as bpmn-server records them")
        XCTAssertEqual(afterB.statuses("After"), ["wait"], "the join fires exactly once")

        let done = try invoke(harness, started.id, "After")
        XCTAssertEqual(done.status, .end)
    }

    func testInclusiveJoinIgnoresBranchesNeverActivated() throws {
        let harness = try harness("01-inclusive-join-waits.bpmn")
        let started = try harness.engine.start("case", data: ["a": true, "b": false, "c": false])

        let afterA = try invoke(harness, started.id, "TaskA")

        XCTAssertEqual(afterA.statuses("After"), ["wait"])
    }

    func testInclusiveSplitWithNoTrueConditionFails() throws {
        let harness = try harness("01-inclusive-join-waits.bpmn")

        XCTAssertThrowsError(try harness.engine.start("case", data: ["a": false, "b": false, "c": false])) { error in
            XCTAssertEqual(error as? EngineError, .noFlowTaken(gatewayId: "Fork"))
        }
        XCTAssertEqual(try harness.engine.findInstances(.emptyObject).count, 0)
    }

    func testInclusiveJoinOrderDoesNotMatter() throws {
        let harness = try harness("01-inclusive-join-waits.bpmn")
        let started = try harness.engine.start("case", data: ["a": true, "b": true, "c": false])

        let afterB = try invoke(harness, started.id, "TaskB")
        XCTAssertTrue(afterB.items("After").isEmpty)
        let afterA = try invoke(harness, started.id, "TaskA")

        XCTAssertEqual(afterA.statuses("After"), ["wait"])
    }

    // MARK: 02 inclusive join fires when a branch can no longer arrive

    func testInclusiveJoinFiresWhenBranchIsInterrupted() throws {
        let harness = try harness("02-inclusive-join-dead-branch.bpmn")
        let started = try harness.engine.start("case", data: ["a": true, "b": true])
        XCTAssertEqual(started.statuses("TimeoutB"), ["wait"])

        let afterA = try invoke(harness, started.id, "TaskA")
        XCTAssertTrue(afterA.items("After").isEmpty)

        harness.clock.advance(seconds: 1)
        let fired = try XCTUnwrap(try harness.engine.fireDueTimers().first)
        XCTAssertEqual(fired.statuses("TaskB"), ["cancelled"])
        XCTAssertEqual(fired.statuses("TimeoutB"), ["end"])
        XCTAssertEqual(fired.statuses("Cleanup"), ["wait"])
        XCTAssertEqual(fired.statuses("After"), ["wait"])

        _ = try invoke(harness, started.id, "After")
        let done = try invoke(harness, started.id, "Cleanup")
        XCTAssertEqual(done.status, .end)
    }

    func testJoinWithoutTokenIsExplainedInHistory() throws {
        let harness = try harness("02-inclusive-join-dead-branch.bpmn")
        let started = try harness.engine.start("case", data: ["a": true, "b": true])
        _ = try invoke(harness, started.id, "TaskA")
        harness.clock.advance(seconds: 1)
        try harness.engine.fireDueTimers()

        let notes = try harness.engine.history(instanceId: started.id).filter { $0.action == "join" }

        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual(notes.first?.elementId, "Join")
        XCTAssertTrue(notes.first?.message?.contains("'fB2'") ?? false)
    }

    func testTimerDoesNotFireEarly() throws {
        let harness = try harness("02-inclusive-join-dead-branch.bpmn")
        _ = try harness.engine.start("case", data: ["a": true, "b": true])

        harness.clock.advance(seconds: 0.5)

        XCTAssertEqual(try harness.engine.fireDueTimers().count, 0)
    }

    // MARK: 04 parallel join does not count two tokens from one flow

    func testParallelJoinConsumesOneTokenPerFlow() throws {
        let harness = try harness("04-parallel-join-same-flow-twice.bpmn")
        let started = try harness.engine.start("case")
        XCTAssertEqual(started.statuses("TaskA"), ["wait"])
        XCTAssertEqual(started.statuses("TaskB"), ["wait"])

        harness.clock.advance(seconds: 1)
        let nudged = try XCTUnwrap(try harness.engine.fireDueTimers().first)
        XCTAssertEqual(nudged.statuses("Notify"), ["end"])
        XCTAssertTrue(nudged.items("Count").isEmpty)

        let afterB = try invoke(harness, started.id, "TaskB")
        XCTAssertTrue(afterB.items("Count").isEmpty, "two tokens on one flow must not fire the join")
        XCTAssertEqual(afterB.statuses("Join"), ["wait", "wait"])

        let afterA = try invoke(harness, started.id, "TaskA")
        let joinNotes = try harness.engine.history(instanceId: started.id).filter { $0.action == "join" }
        XCTAssertEqual(afterA.items("Count").count, 2, "the surplus token fires the join a second time")
        XCTAssertEqual(afterA.instance.data["joinCount"], 2)
        XCTAssertEqual(joinNotes.count, 1, "only the second firing lacks a token on fA2")
        XCTAssertTrue(joinNotes.first?.message?.contains("'fA2'") ?? false)
        XCTAssertEqual(afterA.status, .end)
    }

    // MARK: 05 parallel join with an exclusive split and merge inside a branch

    func testParallelJoinWaitsForBranchWithExclusiveSplit() throws {
        let harness = try harness("05-parallel-join-xor-inside-branch.bpmn")
        let started = try harness.engine.start("case", data: ["go": true])
        XCTAssertEqual(started.statuses("TaskT"), ["wait"])

        let afterU = try invoke(harness, started.id, "TaskU")
        XCTAssertTrue(afterU.items("After").isEmpty)

        let afterT = try invoke(harness, started.id, "TaskT")
        XCTAssertEqual(afterT.statuses("Merge"), ["end"])
        XCTAssertEqual(afterT.statuses("After"), ["wait"])

        XCTAssertEqual(try invoke(harness, started.id, "After").status, .end)
    }

    func testParallelJoinWithDefaultPathInsideBranch() throws {
        let harness = try harness("05-parallel-join-xor-inside-branch.bpmn")
        let started = try harness.engine.start("case", data: ["go": false])
        XCTAssertTrue(started.items("TaskT").isEmpty)

        let afterU = try invoke(harness, started.id, "TaskU")

        XCTAssertEqual(afterU.statuses("After"), ["wait"])
    }

    // MARK: 07 join state survives a restart

    func testParallelJoinSurvivesRestarts() throws {
        let harness = try harness("07-parallel-join-persist-reload.bpmn")
        let started = try harness.engine.start("case")
        XCTAssertEqual(started.statuses("TaskA"), ["wait"])
        XCTAssertEqual(started.statuses("TaskB"), ["wait"])

        try harness.restart()
        let afterA = try invoke(harness, started.id, "TaskA", ["x": 1])
        XCTAssertTrue(afterA.items("After").isEmpty)

        try harness.restart()
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]), afterA)
        let afterB = try invoke(harness, started.id, "TaskB", ["y": 2])
        XCTAssertEqual(afterB.statuses("After"), ["wait"])
        XCTAssertEqual(afterB.instance.data, ["x": 1, "y": 2])

        try harness.restart()
        XCTAssertEqual(try invoke(harness, started.id, "After").status, .end)
    }

    // MARK: 08 exclusive merge passes every token through

    func testExclusiveMergePassesEachToken() throws {
        let harness = try harness("08-exclusive-merge-no-sync.bpmn")
        let started = try harness.engine.start("case")

        let afterUT2 = try invoke(harness, started.id, "UT2")
        XCTAssertEqual(afterUT2.statuses("After"), ["wait"])
        XCTAssertEqual(afterUT2.statuses("UT1"), ["wait"])

        let afterUT1 = try invoke(harness, started.id, "UT1")
        XCTAssertEqual(afterUT1.statuses("After"), ["wait", "wait"])

        for item in afterUT1.items("After") {
            _ = try harness.engine.invoke(["items.id": .string(item.id)])
        }
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]).status, .end)
    }

    func testInvokeWithTwoWaitingMatchesIsAmbiguous() throws {
        let harness = try harness("08-exclusive-merge-no-sync.bpmn")
        let started = try harness.engine.start("case")
        _ = try invoke(harness, started.id, "UT2")
        _ = try invoke(harness, started.id, "UT1")

        XCTAssertThrowsError(try invoke(harness, started.id, "After")) { error in
            guard case .ambiguousItems(_, let count)? = error as? EngineError else {
                return XCTFail("expected ambiguousItems, got \(error)")
            }
            XCTAssertEqual(count, 2)
        }
    }
}
