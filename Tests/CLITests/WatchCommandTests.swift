import Foundation
import XCTest

/// `watch` prints the changes that other processes commit.
final class WatchCommandTests: XCTestCase {
    func testWatchPrintsOtherProcessStart() throws {
        let cli = try CLIRunner()
        let model = CLIRunner.corpusFolder.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn").path
        guard FileManager.default.fileExists(atPath: model) else { throw XCTSkip("corpus not found at \(model)") }
        XCTAssertEqual(try cli.run(["model", "import", model, "--name", "Buy Used Car"]).status, 0)

        let watch = try BackgroundProcess(cli, ["watch", "--ndjson"])
        defer {
            watch.send(SIGTERM)
            _ = try? watch.wait(timeout: 10)
        }
        usleep(1_500_000)

        let started = try cli.run(["start", "Buy Used Car", "--data", #"{"caseId": 8001}"#])
        XCTAssertEqual(started.status, 0, started.stderr)

        XCTAssertTrue(watch.waitForOutput(containing: "\"event\":\"instance.started\"", timeout: 1), watch.stdout)
        XCTAssertTrue(watch.waitForOutput(containing: "\"event\":\"item.waiting\"", timeout: 1), watch.stdout)
    }
}

/// `watch` filters, completions, terminations and the text format.
final class WatchCommandDetailTests: XCTestCase {
    private func startWatch(_ cli: CLIRunner, _ arguments: [String]) throws -> BackgroundProcess {
        let watch = try BackgroundProcess(cli, ["watch"] + arguments)
        usleep(1_500_000)
        return watch
    }

    private func stop(_ watch: BackgroundProcess) -> Int32? {
        watch.send(SIGINT)
        return try? watch.wait(timeout: 10)
    }

    func testWatchReportsCompletionAndTermination() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 51)
        let watch = try startWatch(cli, ["--ndjson"])

        try cli.buyCar(id)
        XCTAssertTrue(watch.waitForOutput(containing: "\"elementId\":\"task_Drive\",\"event\":\"item.waiting\"", timeout: 2), watch.stdout)
        XCTAssertEqual(try cli.run(["terminate", id]).status, 0)
        XCTAssertTrue(watch.waitForOutput(containing: "\"event\":\"instance.terminated\"", timeout: 2), watch.stdout)

        let lines = watch.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("\"elementId\":\"task_Buy\",\"event\":\"item.completed\"") }, watch.stdout)
        XCTAssertTrue(lines.contains { $0.contains("\"elementId\":\"task_Drive\",\"event\":\"item.cancelled\"") }, watch.stdout)
        XCTAssertFalse(lines.contains { $0.contains("instance.started") }, "the start came before watch: \(watch.stdout)")
        XCTAssertEqual(stop(watch), 0)
    }

    func testWatchQueryLeavesOutOtherInstances() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        try cli.importCar(as: "Truck")
        let watch = try startWatch(cli, ["--query", #"{"name": "Truck"}"#, "--json"])

        _ = try cli.startCar(caseId: 52)
        let truck = try cli.startCar(caseId: 53, model: "Truck")
        XCTAssertTrue(watch.waitForOutput(containing: truck, timeout: 2), watch.stdout)

        XCTAssertFalse(watch.stdout.contains("\"model\":\"Car\""), watch.stdout)
        XCTAssertEqual(stop(watch), 0)
    }

    func testWatchTextLineNamesEventAndElement() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let watch = try startWatch(cli, [])

        let id = try cli.startCar(caseId: 54)

        XCTAssertTrue(watch.waitForOutput(containing: "item.waiting  Car \(id)  Buy (task_Buy)", timeout: 2), watch.stdout)
        XCTAssertEqual(stop(watch), 0)
    }

    func testWatchRejectsBadQuery() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["watch", "--query", #"{"items.colour": 1}"#])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown query field 'items.colour'"), result.stderr)
    }
}
