import XCTest

/// The global `--now` option: allowed on demo databases or with `--force-clock`, and the
/// changes made under it carry the simulated time.
final class SimulatedClockTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// Seeds a demo database with one instance of a PT1H timer model.
    private func seedDemo() throws {
        let folder = cli.folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = TimerModels.timer(processId: "wait_hour", duration: "PT1H")
        try source.write(to: folder.appendingPathComponent("Wait an hour.bpmn"), atomically: true, encoding: .utf8)
        let seeded = try cli.run(["demo", "--models", folder.path, "--no-inbox"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
    }

    private func instanceStatuses() throws -> [String] {
        let listed = try cli.run(["instances", "--json"])
        return try array(listed.json()).compactMap { try object($0)["status"] as? String }
    }

    func testNowFiresHourTimerOnDemoDatabase() throws {
        try seedDemo()

        let result = try cli.run(["--now", "+PT2H", "worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("timer_wait  fired; instance ended"), result.stdout)
        XCTAssertEqual(try instanceStatuses(), ["end"])
    }

    func testNowRecordsSimulatedTimeInHistory() throws {
        try seedDemo()
        _ = try cli.run(["--now", "+PT2H", "worker", "--once"])

        let times = try sqliteRows(cli, "SELECT at FROM history WHERE action = 'timer' AND message LIKE '%was due'")

        XCTAssertEqual(times.count, 1)
        let recorded = try XCTUnwrap(isoDate(times.first))
        XCTAssertEqual(recorded.timeIntervalSinceNow, 7200, accuracy: 300)
    }

    func testNowRejectedOnOrdinaryDatabase() throws {
        _ = try TimerModels.importAndStart(
            cli, name: "Wait an hour", source: TimerModels.timer(processId: "wait_hour", duration: "PT1H"))

        let result = try cli.run(["--now", "+PT2H", "worker", "--once"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("neither a demo nor a test database"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--force-clock"), result.stderr)
        XCTAssertEqual(try instanceStatuses(), ["running"])
    }

    func testForceClockAllowsNowOnOrdinaryDatabase() throws {
        _ = try TimerModels.importAndStart(
            cli, name: "Wait an hour", source: TimerModels.timer(processId: "wait_hour", duration: "PT1H"))

        let result = try cli.run(["--now", "+PT2H", "--force-clock", "worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try instanceStatuses(), ["end"])
    }

    func testNowAcceptsDateTime() throws {
        try seedDemo()
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 3600))

        let result = try cli.run(["--now", later, "worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try instanceStatuses(), ["end"])
    }

    func testNowInPastFiresNothing() throws {
        try seedDemo()

        let result = try cli.run(["--now", "-PT1H", "worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "No timers are due.\n")
    }

    func testNowRejectsInvalidTime() throws {
        try seedDemo()

        let result = try cli.run(["--now", "tomorrow", "worker", "--once"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("invalid time 'tomorrow' for '--now'"), result.stderr)
    }
}
