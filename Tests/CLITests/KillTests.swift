import Foundation
import XCTest

/// `kill -9` at random points of a long run of operations: after each restart the database
/// passes the invariants and contains every operation the killed process acknowledged.
///
/// Each round starts a driver that first checks the database and the acknowledgements of the
/// round before, prints `ready`, and runs operations until it is killed. Most rounds kill a
/// random 0-100 ms after `ready`, in the middle of operations. One in eight kills a random
/// 0-30 ms after the start, during opening or checking. BPMN_KILL_ROUNDS (default and minimum
/// 200) and BPMN_KILL_SEED set the size and the seed.
final class KillTests: XCTestCase {
    func testKilledProcessesLoseNoAcknowledgedOperation() throws {
        let driver = try StressDriver()
        // At least 200 rounds: fewer kills leave too few chances to hit a commit in flight.
        let rounds = max(StressDriver.size("BPMN_KILL_ROUNDS", default: 200), 200)
        let seed = UInt64(StressDriver.size("BPMN_KILL_SEED", default: 9_000_001))
        var generator = TestGenerator(seed: seed)
        XCTAssertEqual(try driver.run("setup").status, 0)

        var outputs: [String] = []
        var roundsWithAcknowledgements = 0
        var kills = 0
        var earlyKills = 0
        let began = Date()
        for round in 1...rounds {
            let previous = outputs.last.map { ["--check", $0] } ?? []
            let process = try driver.spawn(
                "run", ["--label", "k\(round)", "--seed", "\(seed &+ UInt64(round))", "--operations", "1000000"] + previous,
                name: "k\(round)")
            let killEarly = Int.random(in: 0..<8, using: &generator) == 0
            if killEarly {
                usleep(UInt32.random(in: 0..<30_000, using: &generator))
            } else {
                let ready = process.waitForOutput(containing: "ready\n", timeout: 120)
                guard ready else {
                    let status = process.poll().map(String.init) ?? "still running"
                    return XCTFail("round \(round) never became ready (status \(status)):\n\(process.stdout)\n\(process.stderr)")
                }
                usleep(UInt32.random(in: 0..<100_000, using: &generator))
            }

            process.send(SIGKILL)
            let status = try process.wait(timeout: 60)
            if status == 128 + SIGKILL {
                kills += 1
                if killEarly { earlyKills += 1 }
            } else {
                return XCTFail("round \(round) ended with status \(status) before the kill:\n\(process.stdout)\n\(process.stderr)")
            }
            if process.stdout.contains("violation:") {
                return XCTFail("round \(round) found a broken invariant after the previous kill:\n\(process.stdout)")
            }
            if process.stdout.contains("\nack ") { roundsWithAcknowledgements += 1 }
            outputs.append(process.stdoutPath)
        }

        let check = try driver.run("check", outputs)
        let acknowledged = outputs.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .map { $0.split(separator: "\n").filter { $0.hasPrefix("ack ") }.count }.reduce(0, +)
        print("kill: \(kills) kills (\(earlyKills) during start-up), \(acknowledged) acknowledged operations in "
            + String(format: "%.1f s", Date().timeIntervalSince(began)) + "; \(check.stdout.split(separator: "\n").last ?? "")")

        XCTAssertEqual(kills, rounds)
        // Most kills must land while operations run, not before the first one finished.
        XCTAssertGreaterThan(roundsWithAcknowledgements, rounds / 4)
        XCTAssertGreaterThan(acknowledged, rounds / 2)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("violations=0 integrity=ok"), check.stdout)
    }
}
