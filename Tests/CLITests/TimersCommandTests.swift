import XCTest

/// `timers` lists what waits for a timer, message or signal, and fires nothing.
final class TimersCommandTests: XCTestCase {
    private var cli: CLIRunner!
    private var instanceId = ""

    override func setUpWithError() throws {
        cli = try CLIRunner()
        instanceId = try TimerModels.importAndStart(cli, name: "Three waits", source: TimerModels.threeWaits)[0]
    }

    override func tearDown() {
        cli = nil
    }

    private func listedRows() throws -> [[String: Any]] {
        let result = try cli.run(["timers", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try array(result.json()).map { try object($0) }
    }

    func testTimersJSONListsEachKind() throws {
        let rows = try listedRows()

        XCTAssertEqual(rows.compactMap { $0["kind"] as? String }, ["timer", "message", "signal"])
        XCTAssertEqual(rows.compactMap { $0["elementId"] as? String }, ["timer_hour", "catch_payment", "catch_closing"])
        XCTAssertEqual(Set(rows.compactMap { $0["instanceId"] as? String }), [instanceId])
        XCTAssertEqual(Set(rows.compactMap { $0["model"] as? String }), ["Three waits"])
    }

    func testTimersJSONGivesDueTimeAndNames() throws {
        let rows = try listedRows()

        let timer = try XCTUnwrap(rows.first)
        XCTAssertNotNil(isoDate(timer["timeDue"]))
        let dueIn = try XCTUnwrap(timer["dueInSeconds"] as? Double)
        XCTAssertGreaterThan(dueIn, 3500)
        XCTAssertLessThanOrEqual(dueIn, 3600)
        XCTAssertEqual(rows.dropFirst().compactMap { $0["eventName"] as? String }, ["Payment received", "Shop closing"])
        XCTAssertTrue(rows[1]["timeDue"] is NSNull)
    }

    func testTimersTextShowsRelativeDueTime() throws {
        let result = try cli.run(["timers"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("INSTANCE"), lines[0])
        XCTAssertTrue(lines[1].contains("timer_hour"), lines[1])
        XCTAssertTrue(lines[1].contains("in 59m") || lines[1].contains("in 1h"), lines[1])
        XCTAssertTrue(lines[2].contains("Payment received"), lines[2])
        XCTAssertTrue(lines[3].contains("Shop closing"), lines[3])
    }

    func testTimersTextShowsOverdue() throws {
        let forced = try cli.run(["--now", "+PT2H", "--force-clock", "timers"])

        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("overdue 1h") || forced.stdout.contains("overdue 59m"), forced.stdout)
    }

    func testTimersFiresNothing() throws {
        _ = try cli.run(["--now", "+PT2H", "--force-clock", "timers"])

        let rows = try listedRows()
        XCTAssertEqual(rows.first?["elementId"] as? String, "timer_hour")
    }

    func testTimersReportsEmptyList() throws {
        let empty = try CLIRunner()

        let result = try empty.run(["timers"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Nothing waits for a timer, message or signal.\n")
    }
}
