import Foundation
import XCTest

/// The Laptop loan example on a database seeded by `demo --no-inbox`. Once IT hands the laptop
/// out, the Return task carries a repeating reminder timer, a recall signal and a device-lost
/// message as boundary events. Each takes its path through the real engine.
final class DemoLaptopLoanTests: XCTestCase {
    private var cli: CLIRunner!
    private var loanId = ""

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let seeded = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)

        let found = try array(cli.run(["instances", "--query", "{\"name\": \"Laptop loan\"}", "--json"]).json())
        XCTAssertEqual(found.count, 1, "expected one Laptop loan from its sample data")
        loanId = try XCTUnwrap(try object(found.first)["id"] as? String)
    }

    override func tearDown() {
        cli = nil
    }

    // MARK: Helpers

    private func handOut() throws {
        let result = try cli.run([
            "--user", "ivan", "--groups", "it", "invoke", "{\"id\": \"\(loanId)\", \"items.elementId\": \"task_hand_out\"}",
            "--data", "{\"assetTag\": \"LT-0042\"}",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// Returns the loan's instance record from `get --json`.
    private func instance() throws -> [String: Any] {
        try object(object(cli.run(["get", loanId, "--json"]).json())["instance"])
    }

    private func data() throws -> [String: Any] {
        try object(instance()["data"])
    }

    private func status() throws -> String? {
        try instance()["status"] as? String
    }

    /// Returns the kinds of what the loan waits for, as `timers --json` lists them.
    private func waitKinds() throws -> [String] {
        let listed = try array(cli.run(["timers", "--json"]).json())
        return try listed.map { try object($0) }
            .filter { $0["instanceId"] as? String == loanId }
            .compactMap { $0["kind"] as? String }
            .sorted()
    }

    /// Returns the element ids of the loan's waiting user tasks in the task list of `user` as a
    /// member of `group`.
    private func waitingTasks(user: String, group: String) throws -> [String] {
        let tasks = try array(cli.run(["--user", user, "--groups", group, "tasks", "--json"]).json())
        return try tasks.map { try object($0) }
            .filter { $0["instanceId"] as? String == loanId }
            .compactMap { $0["elementId"] as? String }
    }

    // MARK: Cases

    func testSeededLoanWaitsForHandOutOnly() throws {
        XCTAssertEqual(try waitKinds(), [])
        XCTAssertEqual(try waitingTasks(user: "ivan", group: "it"), ["task_hand_out"])
    }

    func testHandOutArmsTimerSignalAndMessage() throws {
        try handOut()

        XCTAssertEqual(try waitKinds(), ["message", "signal", "timer"])
        XCTAssertEqual(try waitingTasks(user: "ana", group: "staff"), ["task_return"])
    }

    func testReminderFiresThreeTimesAndTaskKeepsWaiting() throws {
        try handOut()

        let fired = try cli.run(["--now", "+PT1H", "worker", "--once"])

        XCTAssertEqual(fired.status, 0, fired.stderr)
        XCTAssertEqual(try data()["reminders"] as? Int, 3)
        XCTAssertEqual(try waitingTasks(user: "ana", group: "staff"), ["task_return"])
        XCTAssertFalse(try waitKinds().contains("timer"))
    }

    func testLostMessageWritesOffKeyedLaptop() throws {
        try handOut()

        let result = try cli.run(["message", "device-lost", "--key", "{\"data.assetTag\": \"LT-0042\"}"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try data()["writtenOff"] as? Bool, true)
        XCTAssertEqual(try status(), "end")
    }

    func testLostMessageForOtherTagReachesNobody() throws {
        try handOut()

        let result = try cli.run(["message", "device-lost", "--key", "{\"data.assetTag\": \"LT-9999\"}"])

        XCTAssertEqual(result.status, 3, result.stdout)
        XCTAssertEqual(try status(), "running")
    }

    func testRecallSignalMovesLoanToIT() throws {
        try handOut()

        let result = try cli.run(["signal", "laptop-recall"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try waitingTasks(user: "ivan", group: "it"), ["task_collect"])
        XCTAssertEqual(try waitingTasks(user: "ana", group: "staff"), [])
    }

    func testReturnEndsLoanAndWithdrawsEvents() throws {
        try handOut()

        let result = try cli.run([
            "--user", "ana", "invoke", "{\"id\": \"\(loanId)\", \"items.elementId\": \"task_return\"}",
            "--data", "{\"condition\": \"good\"}",
        ])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try status(), "end")
        XCTAssertEqual(try waitKinds(), [])
    }
}
