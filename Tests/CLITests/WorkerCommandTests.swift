import XCTest

/// `worker` as a daemon: fires timers as they become due and stops cleanly on SIGTERM.
final class WorkerCommandTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    func testWorkerFiresTimerThatBecomesDue() throws {
        let worker = try BackgroundProcess(cli, ["worker"])
        XCTAssertTrue(worker.waitForOutput(containing: "worker started", timeout: 60), worker.stderr)

        // Written by another process after the worker started, and due two seconds later.
        let ids = try TimerModels.importAndStart(
            cli, name: "Wait two seconds", source: TimerModels.timer(processId: "wait_two", duration: "PT2S"))

        let fired = worker.waitForOutput(containing: "\(ids[0])  timer_wait  fired; instance ended", timeout: 60)
        worker.send(SIGTERM)
        let status = try worker.wait(timeout: 60)

        XCTAssertTrue(fired, "stdout: \(worker.stdout)\nstderr: \(worker.stderr)")
        XCTAssertEqual(status, 0, worker.stderr)
        XCTAssertTrue(worker.stdout.contains("worker stopped by SIGTERM: 1 timer fired"), worker.stdout)
    }

    func testWorkerStopsOnSIGINT() throws {
        let worker = try BackgroundProcess(cli, ["worker"])
        XCTAssertTrue(worker.waitForOutput(containing: "worker started", timeout: 60), worker.stderr)

        worker.send(SIGINT)
        let status = try worker.wait(timeout: 60)

        XCTAssertEqual(status, 0, worker.stderr)
        XCTAssertTrue(worker.stdout.contains("worker stopped by SIGINT"), worker.stdout)
    }

    func testWorkerOnceReportsNothingDue() throws {
        _ = try TimerModels.importAndStart(
            cli, name: "Wait an hour", source: TimerModels.timer(processId: "wait_hour", duration: "PT1H"))

        let result = try cli.run(["worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "No timers are due.\n")
    }

    func testWorkerOnceFiresDueTimer() throws {
        let ids = try TimerModels.importAndStart(
            cli, name: "Wait a second", source: TimerModels.timer(processId: "wait_second", duration: "PT1S"))
        Thread.sleep(forTimeInterval: 1.5)

        let result = try cli.run(["worker", "--once"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\(ids[0])  timer_wait  fired; instance ended"), result.stdout)
    }
}
