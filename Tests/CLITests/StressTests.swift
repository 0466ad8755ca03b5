import Foundation
import XCTest

/// Many processes on one database file: every operation a process acknowledged is in the
/// database afterwards, no item completes twice, every join fires once, data written by two
/// completions in one instance both survive, and no "database is locked" reaches a caller.
///
/// Sizes come from the environment so `make soak` can run bigger: BPMN_STRESS_PROCESSES
/// (default 8), BPMN_STRESS_OPERATIONS per process (default 150), BPMN_STRESS_SEED.
final class StressTests: XCTestCase {
    func testConcurrentProcessesKeepEveryInvariant() throws {
        let driver = try StressDriver()
        let processes = StressDriver.size("BPMN_STRESS_PROCESSES", default: 8)
        let operations = StressDriver.size("BPMN_STRESS_OPERATIONS", default: 150)
        let seed = StressDriver.size("BPMN_STRESS_SEED", default: 20_261_204)
        XCTAssertEqual(try driver.run("setup").status, 0)

        let began = Date()
        let workers = try (1...processes).map { index in
            try driver.spawn(
                "run", ["--label", "p\(index)", "--seed", "\(seed)", "--operations", "\(operations)"], name: "p\(index)")
        }
        let timerWorker = try inboxWorker(databasePath: driver.databasePath, folder: driver.folder)
        var statuses: [Int32] = []
        for worker in workers {
            statuses.append(try worker.wait(timeout: 600))
        }
        timerWorker?.send(SIGTERM)
        let workerStatus = try timerWorker?.wait(timeout: 60)
        let seconds = Date().timeIntervalSince(began)

        let outputs = workers.map(\.stdoutPath)
        let check = try driver.run("check", outputs)
        let acknowledged = workers.map { $0.stdout.split(separator: "\n").filter { $0.hasPrefix("ack ") }.count }.reduce(0, +)
        print("stress: \(processes) processes x \(operations) operations in \(String(format: "%.1f", seconds)) s, "
            + "\(acknowledged) acknowledged; \(check.stdout.split(separator: "\n").last ?? "")")

        for (index, worker) in workers.enumerated() {
            XCTAssertEqual(statuses[index], 0, "p\(index + 1) failed: \(worker.stderr)")
            XCTAssertFalse(worker.stderr.contains("locked"), worker.stderr)
            XCTAssertTrue(worker.stdout.contains("summary done="), worker.stdout)
        }
        XCTAssertEqual(workerStatus ?? 0, 0, timerWorker?.stderr ?? "")
        XCTAssertGreaterThan(acknowledged, processes * operations / 4)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("violations=0 integrity=ok"), check.stdout)
    }

    func testCheckReportsAcknowledgementThatIsMissing() throws {
        let driver = try StressDriver()
        XCTAssertEqual(try driver.run("setup").status, 0)
        let run = try driver.run("run", ["--label", "p1", "--seed", "5", "--operations", "20"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let forged = driver.folder.appendingPathComponent("forged.out")
        let firstStart = run.stdout.split(separator: "\n").first { $0.contains(" start ") } ?? ""
        let fields = firstStart.split(separator: " ")
        XCTAssertEqual(fields.count, 5, run.stdout)
        // The instance exists, but the operation named here never ran.
        try "ack p9-000001 invoke \(fields.count == 5 ? fields[3] : "") item-that-never-was\n"
            .write(to: forged, atomically: true, encoding: .utf8)

        let check = try driver.run("check", [forged.path])

        XCTAssertEqual(check.status, 1, check.stdout)
        XCTAssertTrue(check.stdout.contains("violation: ack p9-000001"), check.stdout)
    }

    func testSimultaneousFirstOpensCreateOneSchema() throws {
        let driver = try StressDriver()
        for round in 1...5 {
            let path = driver.folder.appendingPathComponent("fresh-\(round).sqlite").path
            let openers = try (1...8).map { index in
                try SpawnedProcess(
                    driver.binary.path, ["check", "--db", path],
                    stdoutPath: driver.folder.appendingPathComponent("fresh-\(round)-\(index).out").path,
                    stderrPath: driver.folder.appendingPathComponent("fresh-\(round)-\(index).err").path)
            }

            for opener in openers {
                XCTAssertEqual(try opener.wait(timeout: 120), 0, opener.stderr)
                XCTAssertTrue(opener.stdout.contains("violations=0 integrity=ok"), opener.stdout)
            }
        }
    }

    /// Starts `bpmn-inbox worker` on the database when the binary is built, so timers also
    /// fire from the real CLI while the drivers run.
    private func inboxWorker(databasePath: String, folder: URL) throws -> SpawnedProcess? {
        guard let cli = try? CLIRunner() else { return nil }
        return try SpawnedProcess(
            cli.binary.path, ["--db", databasePath, "worker"],
            stdoutPath: folder.appendingPathComponent("worker.out").path,
            stderrPath: folder.appendingPathComponent("worker.err").path,
            environment: cli.environment)
    }
}
