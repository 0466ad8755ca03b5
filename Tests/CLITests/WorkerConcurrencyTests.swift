import XCTest

/// Two workers and a writer on one database: every timer fires exactly once.
final class WorkerConcurrencyTests: XCTestCase {
    private var cli: CLIRunner!
    private let timerCount = 200

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// Seeds `timerCount` instances of a PT1S timer model in one process, through `demo`
    /// and a sample-data file with one data object per instance.
    private func seedTimers() throws {
        let folder = cli.folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = TimerModels.timer(processId: "wait_second", duration: "PT1S")
        try source.write(to: folder.appendingPathComponent("Wait a second.bpmn"), atomically: true, encoding: .utf8)
        let samples = (1...timerCount).map { "{\"caseId\": \($0)}" }.joined(separator: ",\n")
        try "[\(samples)]".write(
            to: folder.appendingPathComponent("Wait a second.data.json"), atomically: true, encoding: .utf8)

        let seeded = try cli.run(["demo", "--models", folder.path, "--no-inbox"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
    }

    /// Firing lines of a worker's output, as `instanceId` values.
    private func firedInstances(_ worker: BackgroundProcess) -> [String] {
        worker.stdout.split(separator: "\n")
            .filter { $0.contains("  timer_wait  fired") }
            .map { String($0.split(separator: " ")[1]) }
    }

    func testTwoWorkersFireEachTimerOnce() throws {
        try seedTimers()
        let writerModel = try cli.writeFile("Three waits.bpmn", TimerModels.threeWaits)
        XCTAssertEqual(try cli.run(["model", "import", writerModel]).status, 0)
        Thread.sleep(forTimeInterval: 1.2)

        let first = try BackgroundProcess(cli, ["worker"])
        let second = try BackgroundProcess(cli, ["worker"])

        // An inbox-like writer: starts instances and delivers messages while the workers fire.
        var writerFailures: [String] = []
        for _ in 0..<5 {
            let started = try cli.run(["start", "Three waits", "--json"])
            if started.status != 0 { writerFailures.append(started.stderr) }
            let id = try object(object(started.json())["instance"])["id"] as? String ?? ""
            let sent = try cli.run(["start-event", id, "catch_payment"])
            if sent.status != 0 { writerFailures.append(sent.stderr) }
        }

        let deadline = Date().addingTimeInterval(180)
        var ended = 0
        while Date() < deadline {
            let counted = try sqliteRows(
                cli, "SELECT count(*) FROM instances WHERE name = 'Wait a second' AND status = 'end'")
            ended = Int(counted.first ?? "") ?? 0
            if ended == timerCount { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        first.send(SIGTERM)
        second.send(SIGTERM)
        let firstStatus = try first.wait(timeout: 60)
        let secondStatus = try second.wait(timeout: 60)

        XCTAssertEqual(ended, timerCount)
        XCTAssertEqual(firstStatus, 0, first.stderr)
        XCTAssertEqual(secondStatus, 0, second.stderr)
        XCTAssertEqual(writerFailures, [])

        let firings = try sqliteRows(
            cli,
            """
            SELECT h.instance_id, count(*) FROM history h JOIN instances i ON i.id = h.instance_id
            WHERE i.name = 'Wait a second' AND h.action = 'timer' AND h.message LIKE '%was due'
            GROUP BY h.instance_id
            """)
        XCTAssertEqual(firings.count, timerCount)
        XCTAssertEqual(firings.filter { !$0.hasSuffix("|1") }, [])

        let reported = firedInstances(first) + firedInstances(second)
        XCTAssertEqual(reported.count, timerCount)
        XCTAssertEqual(Set(reported).count, timerCount)
    }
}
