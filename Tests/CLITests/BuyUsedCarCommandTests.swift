import Foundation
import XCTest

/// The "Buy Used Car" scenario of bpmn-web's car test, driven through the command line:
/// start with a case id, assign, invoke Buy, then Clean, Repair and Drive until the end.
final class BuyUsedCarCommandTests: XCTestCase {
    private var cli: CLIRunner!
    private let caseId = 1003

    override func setUpWithError() throws {
        let model = CLIRunner.corpusFolder.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn")
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw XCTSkip("corpus not found at \(model.path)")
        }
        cli = try CLIRunner()

        let imported = try cli.run(["model", "import", model.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("Imported 'Buy Used Car' version 1"), imported.stdout)
    }

    override func tearDown() {
        cli = nil
    }

    private func startCar() throws -> (id: String, items: [[String: Any]], instance: [String: Any]) {
        let started = try cli.run(
            ["--user", "user1", "start", "Buy Used Car", "--data", "{\"caseId\": \(caseId)}", "--json"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let execution = try object(started.json(), "start result")
        let instance = try object(execution["instance"], "instance")
        let id = try XCTUnwrap(instance["id"] as? String)
        return (id, try items(of: execution), instance)
    }

    private func invoke(_ query: String, data: String = "{}", user: String = "user1") throws -> [String: Any] {
        let result = try cli.run(["invoke", query, "--data", data, "--json", "--user", user])
        XCTAssertEqual(result.status, 0, "invoke \(query) failed: \(result.stderr)")
        return try object(result.json(), "invoke result")
    }

    func testStartShowsBuyTaskWithAssignment() throws {
        let before = Date()
        let (_, items, instance) = try startCar()

        XCTAssertEqual(instance["status"] as? String, "running")
        XCTAssertEqual(instance["name"] as? String, "Buy Used Car")
        let data = try object(instance["data"], "instance data")
        XCTAssertEqual(data["caseId"] as? Int, caseId)
        XCTAssertEqual(data["starterUserId"] as? String, "user1")

        XCTAssertEqual(waitingElementIds(items), ["task_Buy"])
        let buy = try firstItem("task_Buy", in: items)
        XCTAssertEqual(buy["assignee"] as? String, "user1")
        XCTAssertEqual(buy["candidateUsers"] as? [String], ["User1", "User2"])
        XCTAssertEqual(buy["candidateGroups"] as? [String], ["Employee", "Manager"])
        XCTAssertEqual(numberText(buy["priority"]), "5")
        XCTAssertEqual((buy["followUpDate"] as? String)?.prefix(10), "2023-10-31")

        let due = try XCTUnwrap(isoDate(buy["dueDate"]), "dueDate \(String(describing: buy["dueDate"]))")
        let expected = before.addingTimeInterval(5 * 86_400)
        XCTAssertEqual(due.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 120)
    }

    func testDatesAreUTCWithMilliseconds() throws {
        let (_, _, instance) = try startCar()

        let startedAt = try XCTUnwrap(instance["startedAt"] as? String)
        XCTAssertNotNil(
            startedAt.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#, options: .regularExpression),
            startedAt)
        XCTAssertTrue(instance["endedAt"] is NSNull)
    }

    func testCleanAndRepairRunToTheEnd() throws {
        let (id, _, _) = try startCar()
        let buyQuery = "{\"id\": \"\(id)\", \"items.elementId\": \"task_Buy\"}"

        // Assign: new candidates, due now, priority 7; the task keeps waiting.
        let now = ISO8601DateFormatter().string(from: Date())
        let assignment =
            "{\"assignee\": \"user1\", \"candidateUsers\": [\"employee1\", \"manager1\"], "
            + "\"dueDate\": \"\(now)\", \"priority\": 7}"
        let assigned = try cli.run(["assign", buyQuery, "--assignment", assignment, "--json", "--user", "user1"])
        XCTAssertEqual(assigned.status, 0, assigned.stderr)
        let assignedItems = try items(of: object(assigned.json()))
        let buyAfterAssign = try firstItem("task_Buy", in: assignedItems)
        XCTAssertEqual(numberText(buyAfterAssign["priority"]), "7")
        XCTAssertEqual(buyAfterAssign["candidateUsers"] as? [String], ["employee1", "manager1"])
        XCTAssertEqual(buyAfterAssign["status"] as? String, "wait")

        // Buy with both needs: clean and repair wait, the default flow is not taken.
        let bought = try items(of: invoke(buyQuery, data: "{\"needsCleaning\": \"Yes\", \"needsRepairs\": \"Yes\"}"))
        XCTAssertEqual(waitingElementIds(bought), ["task_clean", "task_repair"])
        XCTAssertFalse(bought.contains { $0["elementId"] as? String == "flow_gw1_gw2" })

        // The instance as stored: Buy has ended.
        let listed = try cli.run(["items", "{\"id\": \"\(id)\"}", "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let stored = try array(listed.json()).map { try object($0) }
        XCTAssertEqual(try firstItem("task_Buy", in: stored)["status"] as? String, "end")

        // Clean by business key: the join waits for the repair.
        let cleaned = try items(
            of: invoke("{\"data.caseId\": \(caseId), \"items.elementId\": \"task_clean\"}"))
        XCTAssertEqual(try firstItem("task_clean", in: cleaned)["status"] as? String, "end")
        XCTAssertEqual(try firstItem("gateway_2", in: cleaned)["status"] as? String, "wait")

        // Repair: the join completes and Drive waits for the starting user.
        let repaired = try items(of: invoke("{\"id\": \"\(id)\", \"items.elementId\": \"task_repair\"}"))
        XCTAssertEqual(waitingElementIds(repaired), ["task_Drive"])
        XCTAssertEqual(try firstItem("task_Drive", in: repaired)["candidateUsers"] as? [String], ["user1"])

        // Drive: the instance ends with 17 items (7 nodes, 2 join arrivals, 8 flows).
        let driven = try invoke("{\"id\": \"\(id)\", \"items.elementId\": \"task_Drive\"}")
        let instance = try object(driven["instance"])
        XCTAssertEqual(instance["status"] as? String, "end")
        XCTAssertNotNil(isoDate(instance["endedAt"]))
        let finalItems = try items(of: driven)
        XCTAssertEqual(try firstItem("task_Drive", in: finalItems)["status"] as? String, "end")
        XCTAssertEqual(finalItems.count, 17)
        XCTAssertEqual(waitingElementIds(finalItems), [])
    }

    func testNoNeedsGoesStraightToDrive() throws {
        let (id, _, _) = try startCar()

        let bought = try items(
            of: invoke(
                "{\"id\": \"\(id)\", \"items.elementId\": \"task_Buy\"}",
                data: "{\"needsCleaning\": \"No\", \"needsRepairs\": \"No\"}"))
        XCTAssertEqual(waitingElementIds(bought), ["task_Drive"])
        XCTAssertFalse(bought.contains { $0["elementId"] as? String == "task_clean" })
        XCTAssertFalse(bought.contains { $0["elementId"] as? String == "task_repair" })

        let driven = try invoke("{\"id\": \"\(id)\", \"items.elementId\": \"task_Drive\"}")
        XCTAssertEqual(try object(driven["instance"])["status"] as? String, "end")
    }

    func testTextOutputSummarisesWaitingTasks() throws {
        let started = try cli.run(["--user", "user1", "start", "Buy Used Car", "--data", "{\"caseId\": 7}"])

        XCTAssertEqual(started.status, 0, started.stderr)
        XCTAssertTrue(started.stdout.contains("Started instance"), started.stdout)
        XCTAssertTrue(started.stdout.contains("of 'Buy Used Car': running"), started.stdout)
        XCTAssertTrue(started.stdout.contains("task_Buy"), started.stdout)
        XCTAssertTrue(started.stdout.contains("\"caseId\":7"), started.stdout)
    }

    func testTasksListsWaitingUserTask() throws {
        let (id, _, _) = try startCar()

        let tasks = try cli.run(["tasks", "--query", "{\"id\": \"\(id)\"}", "--json"])
        XCTAssertEqual(tasks.status, 0, tasks.stderr)
        let list = try array(tasks.json()).map { try object($0) }
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["elementId"] as? String, "task_Buy")
        XCTAssertEqual(list.first?["instanceName"] as? String, "Buy Used Car")
    }

    func testTasksMineFiltersByUser() throws {
        _ = try startCar()

        let mine = try cli.run(["tasks", "--mine", "--json", "--user", "User2"])
        let others = try cli.run(["tasks", "--mine", "--json", "--user", "stranger"])
        let byGroup = try cli.run(["tasks", "--mine", "--json", "--user", "stranger", "--groups", "Manager"])

        XCTAssertEqual(try array(mine.json()).count, 1)
        XCTAssertEqual(try array(others.json()).count, 0)
        XCTAssertEqual(try array(byGroup.json()).count, 1)
    }
}
