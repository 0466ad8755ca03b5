import Foundation
import XCTest

/// `watch` prints every call committed between two checks, in commit order.
final class WatchCommandOrderTests: XCTestCase {
    private func startWatch(_ cli: CLIRunner, _ arguments: [String]) throws -> BackgroundProcess {
        let watch = try BackgroundProcess(cli, ["watch"] + arguments)
        usleep(1_500_000)
        return watch
    }

    private func stop(_ watch: BackgroundProcess) -> Int32? {
        watch.send(SIGINT)
        return try? watch.wait(timeout: 10)
    }

    /// Returns the index of the first output line containing every fragment, or nil.
    private func lineIndex(_ output: String, _ fragments: String...) -> Int? {
        output.split(separator: "\n").firstIndex { line in fragments.allSatisfy { line.contains($0) } }
    }

    func testWatchOrdersBackToBackCommits() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let watch = try startWatch(cli, ["--ndjson"])

        let id = try cli.startCar(caseId: 71)
        try cli.buyCar(id)
        XCTAssertTrue(watch.waitForOutput(containing: "\"elementId\":\"task_Drive\",\"event\":\"item.waiting\"", timeout: 3), watch.stdout)
        let output = watch.stdout

        let started = lineIndex(output, "\"event\":\"instance.started\"")
        let buyWaiting = lineIndex(output, "\"elementId\":\"task_Buy\",\"event\":\"item.waiting\"")
        let buyCompleted = lineIndex(output, "\"elementId\":\"task_Buy\",\"event\":\"item.completed\"")
        let driveWaiting = lineIndex(output, "\"elementId\":\"task_Drive\",\"event\":\"item.waiting\"")
        XCTAssertNotNil(buyWaiting, output)
        XCTAssertLessThan(try XCTUnwrap(started), try XCTUnwrap(buyWaiting), output)
        XCTAssertLessThan(try XCTUnwrap(buyWaiting), try XCTUnwrap(buyCompleted), output)
        XCTAssertLessThan(try XCTUnwrap(buyCompleted), try XCTUnwrap(driveWaiting), output)
        XCTAssertEqual(stop(watch), 0)
    }

    func testWatchTextShowsUnnamedElementIdOnce() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let watch = try startWatch(cli, [])

        let id = try cli.startCar(caseId: 72)
        XCTAssertTrue(watch.waitForOutput(containing: "item.waiting  Car \(id)  Buy (task_Buy)", timeout: 2), watch.stdout)
        let startLine = watch.stdout.split(separator: "\n").first { $0.contains("instance.started") } ?? ""

        XCTAssertFalse(startLine.isEmpty, watch.stdout)
        XCTAssertFalse(startLine.contains("("), "an element without a name is shown once: \(startLine)")
        XCTAssertEqual(stop(watch), 0)
    }
}
