import Foundation
import XCTest

/// `replay` and `demo --tour` without a terminal: their captions and the final drawing.
final class ReplayCommandTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    func testReplayCaptionsEveryStep() throws {
        let model = CLIRunner.examplesFolder.appendingPathComponent("Expense approval.bpmn").path
        XCTAssertEqual(try cli.run(["model", "import", model]).status, 0)
        let started = try cli.run(["start", "Expense approval", "--data", "{\"requester\": \"ana\"}", "--json", "--user", "ana"])
        let execution = try XCTUnwrap(started.json() as? [String: Any])
        let id = try XCTUnwrap((execution["instance"] as? [String: Any])?["id"] as? String)
        let invoked = try cli.run([
            "invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_submit\"}", "--data", "{\"amount\": 4000}", "--user", "ana",
        ])
        XCTAssertEqual(invoked.status, 0, invoked.stderr)

        let result = try cli.run(["replay", id])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("step 0: Replay of Expense approval"), result.stdout)
        XCTAssertTrue(result.stdout.contains("UserTask 'Submit expense' completed by ana"), result.stdout)
        XCTAssertTrue(result.stdout.contains("took 'over 1000' because data.amount > 1000 held"), result.stdout)
        XCTAssertTrue(result.stdout.contains("UserTask 'Manager approval' waits"), result.stdout)
        XCTAssertTrue(result.stdout.contains("●╮"), "the final drawing does not show the waiting task:\n\(result.stdout)")
    }

    func testReplayOfUnknownInstanceFails() throws {
        let result = try cli.run(["replay", "no-such-id"])

        XCTAssertEqual(result.status, 3, "nothing matched exits with 3")
        XCTAssertTrue(result.stderr.contains("no-such-id"), result.stderr)
    }

    func testTourRunsSameWayTwice() throws {
        let arguments = ["demo", "--tour", "Expense approval", "--models", CLIRunner.examplesFolder.path]
        let first = try cli.run(arguments)
        let second = try cli.run(arguments)

        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertTrue(first.stdout.contains("alice started 'Expense approval' at 2030-01-07 09:00"), first.stdout)
        XCTAssertTrue(first.stdout.contains("maria completed 'Manager approval'"), first.stdout)
        XCTAssertTrue(first.stdout.contains("The instance ended."), first.stdout)
    }

    func testTourMovesClockToTimer() throws {
        let model = CLIRunner.corpusFolder.appendingPathComponent("bpmn-web/test-processes/timerBeforeUser.bpmn")
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw XCTSkip("corpus not found at \(model.path)")
        }
        let folder = cli.folder.appendingPathComponent("tour-models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: model, to: folder.appendingPathComponent("timerBeforeUser.bpmn"))

        let result = try cli.run(["demo", "--tour", "timerBeforeUser", "--models", folder.path])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("step 1: the clock moved"), result.stdout)
        XCTAssertTrue(result.stdout.contains("the timer fired. Waiting: 'User Task'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("The instance ended."), result.stdout)
    }

    func testTourLeavesTheDatabaseAlone() throws {
        let result = try cli.run(["demo", "--tour", "Employee onboarding", "--models", CLIRunner.examplesFolder.path])
        let models = try cli.run(["model", "list", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try XCTUnwrap(models.json() as? [Any]).count, 0, "the tour imported into --db")
    }

    func testTourOfUnknownModelListsTheExamples() throws {
        let result = try cli.run(["demo", "--tour", "Nothing", "--models", CLIRunner.examplesFolder.path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no model 'Nothing'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("'Expense approval'"), result.stderr)
    }
}
