import Foundation
import WorkflowEngine
import XCTest

/// Only the current assignee may complete an assigned user task: the rule is checked
/// against the assignment stored when the call runs, in the transaction that completes it.
/// `Approve` is assigned to alice and offered to the group managers; alice and carol are in
/// managers, bob is not.
final class AccessCaseTests: XCTestCase {
    private let alice = UserContext(name: "alice")
    private let bob = UserContext(name: "bob")
    private let carol = UserContext(name: "carol")
    private let approve: JSONValue = ["items.elementId": "Approve"]

    private func startCase() throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "case24")
        // Group memberships come from the database, as `bpmn-inbox user add` records them.
        try harness.engine.saveUser(UserRecord(name: "dana", isAdmin: true), by: .system)
        try harness.engine.saveUser(UserRecord(name: "alice", groups: ["managers"]), by: .system)
        try harness.engine.saveUser(UserRecord(name: "carol", groups: ["managers"]), by: .system)
        try harness.engine.saveUser(UserRecord(name: "bob"), by: .system)
        return (harness, try harness.engine.start("case24", data: .emptyObject, user: alice))
    }

    func testStepOneAssignsApproveToAlice() throws {
        let (_, started) = try startCase()

        let item = try XCTUnwrap(started.items("Approve").first)
        XCTAssertEqual(item.status, .wait)
        XCTAssertEqual(item.assignee, "alice")
        XCTAssertEqual(item.candidateGroups, ["managers"])
    }

    func testStepTwoRejectsBobAndLogsIt() throws {
        let (harness, started) = try startCase()
        let before = try AccessFixture.snapshot(harness, started.id)

        let denial = assertAccessDenied(try harness.engine.invoke(approve, data: ["ok": true], user: bob))

        XCTAssertEqual(denial?.user, "bob")
        XCTAssertEqual(denial?.action, "complete")
        XCTAssertEqual(denial?.reason, "it is assigned to alice")
        XCTAssertEqual(try AccessFixture.snapshot(harness, started.id), before)
        let state = try XCTUnwrap(AccessFixture.snapshot(harness, started.id))
        XCTAssertEqual(state.instance.data["ok"], nil)
        let refused = try AccessFixture.history(harness, started.id, action: "refused")
        XCTAssertEqual(refused.count, 1)
        XCTAssertEqual(refused.first?.user, "bob")
        XCTAssertEqual(refused.first?.elementId, "Approve")
        XCTAssertEqual(refused.first?.data["operation"], "invoke")
        XCTAssertEqual(refused.first?.data["data"], ["ok": true])
    }

    func testStepThreeRejectsAssignedCandidate() throws {
        let (harness, started) = try startCase()

        let denial = assertAccessDenied(try harness.engine.invoke(approve, data: ["ok": true], user: carol))

        XCTAssertEqual(denial?.reason, "it is assigned to alice")
        XCTAssertEqual(try AccessFixture.snapshot(harness, started.id)?.items.first { $0.elementId == "Approve" }?.status, .wait)
    }

    func testStepFourRejectsStaleAssignee() throws {
        let (harness, started) = try startCase()
        let admin = UserContext(name: "dana")

        let reassigned = try harness.engine.assign(approve, assignment: ["assignee": "carol"], user: admin)
        let denial = assertAccessDenied(try harness.engine.invoke(approve, data: ["ok": true], user: alice))

        XCTAssertEqual(reassigned.items("Approve").first?.assignee, "carol")
        XCTAssertEqual(denial?.user, "alice")
        XCTAssertEqual(denial?.reason, "it is assigned to carol")
        XCTAssertEqual(try AccessFixture.snapshot(harness, started.id)?.instance.status, .running)
    }

    func testStepFiveCompletesAsNewAssignee() throws {
        let (harness, started) = try startCase()
        _ = try harness.engine.assign(approve, assignment: ["assignee": "carol"], user: UserContext(name: "dana"))

        let completed = try harness.engine.invoke(approve, data: ["ok": true], user: carol)

        XCTAssertEqual(completed.items("Approve").first?.status, .end)
        XCTAssertEqual(completed.status, .end)
        XCTAssertEqual(completed.instance.data["ok"], true)
        let invokes = try AccessFixture.history(harness, started.id, action: "invoke")
        XCTAssertEqual(invokes.map(\.user), ["carol"])
        let done = try harness.engine.tasks(view: .completedByMe, user: carol)
        XCTAssertEqual(done.map(\.item.elementId), ["Approve"])
    }

    func testStepSixRejectsSecondCompletion() throws {
        let (harness, started) = try startCase()
        _ = try harness.engine.assign(approve, assignment: ["assignee": "carol"], user: UserContext(name: "dana"))
        _ = try harness.engine.invoke(approve, data: ["ok": true], user: carol)
        let before = try AccessFixture.snapshot(harness, started.id)

        XCTAssertThrowsError(try harness.engine.invoke(approve, data: ["ok": false], user: carol)) { error in
            guard case EngineError.noMatchingItem = error else { return XCTFail("expected noMatchingItem, got \(error)") }
        }
        XCTAssertEqual(try AccessFixture.snapshot(harness, started.id), before)
    }

    func testHistoryRecordsEveryStep() throws {
        let (harness, started) = try startCase()
        _ = try? harness.engine.invoke(approve, data: ["ok": true], user: bob)
        _ = try? harness.engine.invoke(approve, data: ["ok": true], user: carol)
        _ = try harness.engine.assign(approve, assignment: ["assignee": "carol"], user: UserContext(name: "dana"))
        _ = try? harness.engine.invoke(approve, data: ["ok": true], user: alice)
        _ = try harness.engine.invoke(approve, data: ["ok": true], user: carol)

        let rows = try harness.engine.history(instanceId: started.id).filter { $0.elementId == "Approve" || $0.action == "start" }
        let steps = rows.map { "\($0.action) \($0.user ?? "-")" }

        XCTAssertEqual(steps, ["start alice", "refused bob", "refused carol", "assign dana", "refused alice", "invoke carol"])
    }
}
