import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `claim`, `unclaim`, `count`, `tasks --view`, `--read-only` and the rules for `--user` and
/// `--groups`, through the real binary: refusals exit with status 4 and change nothing.
final class AccessCommandTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// `Review` is offered to the group reviewers; `Sign` is assigned to alice.
    static let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="split" />
            <bpmn:userTask id="Review" name="Review" camunda:candidateGroups="reviewers" camunda:dueDate="PT1H" />
            <bpmn:userTask id="Sign" name="Sign" camunda:assignee="alice" camunda:priority="80" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="Review" />
            <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="Sign" />
          </bpmn:process>
        </bpmn:definitions>
        """

    static let review = #"{"items.elementId": "Review"}"#
    static let sign = #"{"items.elementId": "Sign"}"#

    /// Imports the model and starts one instance; returns its id.
    @discardableResult
    private func startReview() throws -> String {
        let path = try cli.writeFile("Review.bpmn", Self.model)
        let imported = try cli.run(["model", "import", path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let started = try cli.run(["start", "Review", "--json"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let object = try XCTUnwrap(try started.json() as? [String: Any])
        let instance = try XCTUnwrap(object["instance"] as? [String: Any])
        return try XCTUnwrap(instance["id"] as? String)
    }

    /// Returns the instance's items as JSON text, to compare before and after a call.
    private func snapshot() throws -> String {
        let items = try cli.run(["items", "{}", "--json"])
        XCTAssertEqual(items.status, 0, items.stderr)
        return items.stdout
    }

    static var loginName: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "user" }
        return String(cString: name)
    }

    // MARK: claim and unclaim

    func testClaimAssignsTaskToCandidate() throws {
        try startReview()

        let claimed = try cli.run(["--user", "carol", "--groups", "reviewers", "claim", Self.review, "--json"])

        XCTAssertEqual(claimed.status, 0, claimed.stderr)
        XCTAssertTrue(claimed.stdout.contains(#""assignee": "carol""#), claimed.stdout)
    }

    func testClaimByStrangerExitsWithStatusFour() throws {
        try startReview()
        let before = try snapshot()

        let refused = try cli.run(["--user", "mallory", "claim", Self.review])

        XCTAssertEqual(refused.status, 4, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("mallory may not claim Review"), refused.stderr)
        XCTAssertEqual(try snapshot(), before)
    }

    func testInvokeOfOthersTaskExitsWithStatusFour() throws {
        try startReview()

        let refused = try cli.run(["--user", "bob", "invoke", Self.sign, "--data", #"{"ok": true}"#])

        XCTAssertEqual(refused.status, 4, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("it is assigned to alice; ask alice or an admin to reassign it"), refused.stderr)
    }

    func testRefusalIsRecordedInHistory() throws {
        let id = try startReview()
        _ = try cli.run(["--user", "bob", "invoke", Self.sign])

        let json = try cli.run(["history", id, "--json"])
        let text = try cli.run(["history", id])

        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(try json.json() as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["action"] as? String }, ["start", "refused"])
        XCTAssertEqual(rows.last?["user"] as? String, "bob")
        XCTAssertTrue(text.stdout.contains("bob may not complete Sign"), text.stdout)
    }

    func testUnclaimByAssigneeAndRefusalForOthers() throws {
        try startReview()

        let refused = try cli.run(["--user", "bob", "unclaim", Self.sign])
        let unclaimed = try cli.run(["--user", "alice", "unclaim", Self.sign])

        XCTAssertEqual(refused.status, 4, refused.stderr)
        XCTAssertEqual(unclaimed.status, 0, unclaimed.stderr)
        XCTAssertTrue(unclaimed.stdout.hasPrefix("Unclaimed a task in instance"), unclaimed.stdout)
    }

    // MARK: count and tasks

    func testCountPrintsMineGroupsAndOverdue() throws {
        try startReview()

        let text = try cli.run(["--user", "alice", "--groups", "reviewers", "count"])
        let json = try cli.run(["--user", "alice", "--groups", "reviewers", "--now", "+PT2H", "--force-clock", "count", "--json"])

        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stdout, "1 mine, 1 groups, 0 overdue\n")
        let object = try XCTUnwrap(try json.json() as? [String: Any])
        XCTAssertEqual(object["mine"] as? Int, 1)
        XCTAssertEqual(object["groups"] as? Int, 1)
        XCTAssertEqual(object["overdue"] as? Int, 1)
        XCTAssertEqual(object["user"] as? String, "alice")
    }

    func testTasksViewsListTheirTasks() throws {
        let id = try startReview()
        _ = try cli.run(["--user", "alice", "invoke", #"{"id": "\#(id)", "items.elementId": "Sign"}"#])

        let groups = try cli.run(["--user", "carol", "--groups", "reviewers", "tasks", "--view", "groups", "--json"])
        let mine = try cli.run(["--user", "carol", "tasks", "--view", "mine", "--json"])
        let done = try cli.run(["--user", "alice", "tasks", "--view", "done", "--json"])

        XCTAssertEqual(groups.status, 0, groups.stderr)
        XCTAssertTrue(groups.stdout.contains(#""elementId": "Review""#), groups.stdout)
        XCTAssertEqual(mine.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
        XCTAssertTrue(done.stdout.contains(#""elementId": "Sign""#), done.stdout)
    }

    func testTasksWithoutViewHidesOthersTasks() throws {
        try startReview()

        let listed = try cli.run(["--user", "mallory", "tasks"])

        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.hasPrefix("No waiting user tasks match"), listed.stdout)
    }

    func testTasksRejectsUnknownView() throws {
        let result = try cli.run(["tasks", "--view", "someone"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("invalid --view 'someone': expected one of mine, groups, all, overdue, done"), result.stderr)
    }

    // MARK: --read-only

    func testReadOnlyRejectsChangesWithStatusFour() throws {
        try startReview()
        let before = try snapshot()

        let invoke = try cli.run(["--read-only", "--user", "alice", "invoke", Self.sign])
        let claim = try cli.run(["--read-only", "--user", "carol", "--groups", "reviewers", "claim", Self.review])
        let listed = try cli.run(["--read-only", "--user", "alice", "tasks", "--view", "mine"])

        XCTAssertEqual(invoke.status, 4, invoke.stderr)
        XCTAssertTrue(invoke.stderr.contains("the database is open read-only (--read-only)"), invoke.stderr)
        XCTAssertEqual(claim.status, 4, claim.stderr)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("Sign"), listed.stdout)
        XCTAssertEqual(try snapshot(), before)
    }

    func testReadOnlyDoesNotCreateDatabase() throws {
        let result = try cli.run(["--read-only", "tasks"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("--read-only does not create one"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.databasePath))
    }

    // MARK: --user and --groups

    func testImpersonationRefusedOnceUsersAreRecorded() throws {
        try startReview()
        let added = try cli.run(["user", "add", "boss", "--admin"])

        let asBob = try cli.run(["--user", "bob", "tasks"])
        let withGroups = try cli.run(["--groups", "reviewers", "tasks"])

        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(asBob.status, 4, asBob.stderr)
        XCTAssertTrue(asBob.stderr.contains("--user bob (acting as another user) is rejected"), asBob.stderr)
        XCTAssertEqual(withGroups.status, 4, withGroups.stderr)
    }

    func testImpersonationAllowedForAdmin() throws {
        try startReview()
        _ = try cli.run(["user", "add", Self.loginName, "--admin"])

        let asAlice = try cli.run(["--user", "alice", "tasks", "--view", "mine"])

        XCTAssertEqual(asAlice.status, 0, asAlice.stderr)
        XCTAssertTrue(asAlice.stdout.contains("Sign"), asAlice.stdout)
    }

    func testImpersonationAllowedOnDemoDatabase() throws {
        let models = cli.folder.appendingPathComponent("demo-models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try Self.model.write(to: models.appendingPathComponent("Review.bpmn"), atomically: true, encoding: .utf8)
        let demo = try cli.run(["demo", "--models", models.path, "--no-inbox"])
        _ = try cli.run(["user", "add", "boss", "--admin"])

        let asBob = try cli.run(["--user", "bob", "count"])

        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertEqual(asBob.status, 0, asBob.stderr)
    }
}
