import Foundation
import XCTest

/// `get`, `terminate`, `delete`, `restart`, `snapshots`, `upgrade`, `invoke --no-wait`,
/// instance id prefixes, paging options, and the exit statuses 3 and 4.
final class InstanceAdminCommandTests: XCTestCase {
    func testGetAcceptsPrefixAndQuery() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 11)

        let byPrefix = try object(cli.run(["get", String(id.prefix(8)), "--json"]).json())
        let byQuery = try object(cli.run(["get", #"{"data.caseId": 11}"#, "--json"]).json())

        XCTAssertEqual(try object(byPrefix["instance"])["id"] as? String, id)
        XCTAssertEqual(try object(byQuery["instance"])["id"] as? String, id)
        XCTAssertFalse(try array(byPrefix["tokens"]).isEmpty)
    }

    func testGetOfUnknownIdExitsThree() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["get", "abcdef12"])

        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("no instance matches"), result.stderr)
    }

    func testShortPrefixIsRejected() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 12)

        let result = try cli.run(["terminate", String(id.prefix(4))])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("at least its first 6 characters"), result.stderr)
    }

    func testAmbiguousPrefixListsMatches() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let first = try cli.startCar(caseId: 13)
        _ = try cli.startCar(caseId: 14)
        // Give the second instance an id that shares the first one's first 8 characters.
        let twin = String(first.prefix(8)) + "-0000-0000-0000-000000000000"
        try sqliteWrite(cli, "UPDATE instances SET id = '\(twin)' WHERE id <> '\(first)'")

        let result = try cli.run(["terminate", String(first.prefix(8))])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("matches 2 instances"), result.stderr)
        XCTAssertTrue(result.stderr.contains(twin), result.stderr)
    }

    func testTerminateCancelsTaskAndKeepsHistory() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 15)

        let result = try cli.run(["terminate", String(id.prefix(10)), "--json"])
        let instance = try object(object(result.json())["instance"])
        let tasks = try array(cli.run(["tasks", "--json"]).json())
        let again = try cli.run(["terminate", id])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(instance["status"] as? String, "terminated")
        XCTAssertTrue(tasks.isEmpty)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is not running (status terminated)"), again.stderr)
    }

    func testDeleteRemovesMatchesAndExitsThreeWhenNone() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 16)
        let kept = try cli.startCar(caseId: 17)

        let deleted = try object(cli.run(["delete", #"{"data.caseId": 16}"#, "--json"]).json())
        let remaining = try array(cli.run(["instances", "--json"]).json()).map { try object($0)["id"] as? String }
        let none = try cli.run(["delete", #"{"data.caseId": 16}"#])

        XCTAssertEqual(try array(deleted["deleted"]).count, 1)
        XCTAssertEqual(remaining, [kept])
        XCTAssertEqual(none.status, 3)
        XCTAssertEqual(try sqliteRows(cli, "SELECT COUNT(*) FROM history WHERE instance_id NOT IN (SELECT id FROM instances)"), ["0"])
    }

    func testDeleteByNonAdminIsRefusedWithFour() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 18)
        XCTAssertEqual(try cli.run(["user", "add", ProcessInfo.processInfo.userName, "--admin"]).status, 0)
        XCTAssertEqual(try cli.run(["user", "add", "alice"]).status, 0)

        let result = try cli.run(["--user", "alice", "delete", "--all"])

        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 1)
    }

    func testRestartNeedsSnapshotsThenReopens() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let early = try cli.startCar(caseId: 19)
        try cli.buyCar(early)
        _ = try cli.run(["invoke", "{\"id\": \"\(early)\", \"items.elementId\": \"task_Drive\"}"])

        let refused = try cli.run(["restart", early, "--item", "task_Buy"])
        XCTAssertEqual(try object(cli.run(["snapshots", "on", "--json"]).json())["snapshots"] as? String, "on")
        let id = try cli.startCar(caseId: 20)
        try cli.buyCar(id)
        _ = try cli.run(["invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_Drive\"}"])
        let restarted = try object(cli.run(["restart", String(id.prefix(8)), "--item", "task_Buy", "--json"]).json())

        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("bpmn-inbox snapshots on"), refused.stderr)
        XCTAssertEqual(try object(restarted["instance"])["status"] as? String, "running")
        XCTAssertEqual(waitingElementIds(try items(of: restarted)), ["task_Buy"])
    }

    func testSnapshotsRejectsUnknownState() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["snapshots", "maybe"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("expected on, off or status"), result.stderr)
    }

    func testUpgradeMovesOneAndListsOther() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let atBuy = try cli.startCar(caseId: 21)
        let atDrive = try cli.startCar(caseId: 22)
        try cli.buyCar(atDrive)
        try cli.importChangedCar(replacing: "name=\"Buy\"", with: "name=\"Purchase\"")

        let report = try object(cli.run(["upgrade", "Car", "--after-nodes", "task_Drive", "--json"]).json())
        let moved = try array(report["moved"]).map { try object($0)["instanceId"] as? String }
        let skipped = try array(report["skipped"]).map { try object($0) }
        let unknown = try cli.run(["upgrade", "Car", "--after-nodes", "task_Fly"])

        XCTAssertEqual(moved, [atBuy])
        XCTAssertEqual(skipped.first?["instanceId"] as? String, atDrive)
        XCTAssertTrue((skipped.first?["reason"] as? String ?? "").contains("task_Drive"))
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no element 'task_Fly'"), unknown.stderr)
    }

    func testInvokeNoWaitFinishesBeforeExit() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 23)

        let result = try cli.run([
            "invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_Buy\"}", "--no-wait",
            "--data", #"{"needsCleaning": "No", "needsRepairs": "No"}"#, "--json",
        ])
        let printed = try object(result.json())
        let stored = try object(cli.run(["get", id, "--json"]).json())

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(waitingElementIds(try items(of: printed)).isEmpty)
        XCTAssertEqual(waitingElementIds(try items(of: stored)), ["task_Drive"])
    }

    func testInstancesPagesWithCursor() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        for caseId in 31...35 { _ = try cli.startCar(caseId: caseId) }

        let first = try cli.run(["instances", "--sort", "data.caseId:desc", "--limit", "2", "--fields", "summary", "--json"])
        let cursor = try XCTUnwrap(first.stderr.components(separatedBy: "--cursor ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let second = try cli.run(["instances", "--sort", "data.caseId:desc", "--limit", "2", "--fields", "summary", "--cursor", cursor, "--json"])
        let secondIds = try array(second.json()).map { try object($0)["id"] as? String }
        let firstRows = try array(first.json()).map { try object($0) }
        let expected = try array(cli.run(["instances", "--sort", "data.caseId:desc", "--json"]).json()).map { try object($0)["id"] as? String }

        XCTAssertEqual(firstRows.map { $0["id"] as? String } + secondIds, Array(expected.prefix(4)))
        XCTAssertTrue(firstRows.allSatisfy { $0["data"] is NSNull })
    }

    func testBadSortAndFieldsAreUsageErrors() throws {
        let cli = try CLIRunner()
        let sort = try cli.run(["instances", "--sort", "data.caseId:sideways"])
        let field = try cli.run(["instances", "--sort", "colour"])
        let fields = try cli.run(["instances", "--fields", "some"])
        let cursor = try cli.run(["instances", "--cursor", "garbage"])
        let itemsPaging = try cli.run(["items", "{}", "--limit", "2"])

        XCTAssertEqual([sort.status, field.status, fields.status, itemsPaging.status], [2, 2, 2, 2])
        XCTAssertTrue(field.stderr.contains("unknown query field 'colour'"), field.stderr)
        XCTAssertEqual(cursor.status, 2)
        XCTAssertTrue(cursor.stderr.contains("invalid cursor"), cursor.stderr)
        XCTAssertTrue(itemsPaging.stderr.contains("add --matching"), itemsPaging.stderr)
    }
}

/// Usage errors of `restart`.
final class RestartCommandUsageTests: XCTestCase {
    func testRestartWithoutItemIsUsageError() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 61)

        let result = try cli.run(["restart", id])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("add --item"), result.stderr)
    }
}

/// Commands of other areas that take an instance id accept a prefix too.
final class InstanceIdPrefixTests: XCTestCase {
    func testHistoryAndStartEventAcceptPrefix() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 71)
        let prefix = String(id.prefix(7))

        let history = try cli.run(["history", prefix, "--json"])
        let trigger = try cli.run([
            "start-event", prefix, "task_Buy", "--data", #"{"needsCleaning": "No", "needsRepairs": "No"}"#, "--json",
        ])
        let unknown = try cli.run(["history", "ffffffff"])

        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertEqual(trigger.status, 0, trigger.stderr)
        XCTAssertEqual(waitingElementIds(try items(of: object(trigger.json()))), ["task_Drive"])
        XCTAssertEqual(unknown.status, 3, unknown.stderr)
    }
}
