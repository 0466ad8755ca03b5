import Foundation
import XCTest

/// The state marks of `diagram --instance`, the tour's captions of failed timer firings,
/// replay times and the hints of usage errors.
final class DiagramInstanceStateTests: XCTestCase {
    private var cli: CLIRunner!

    /// A timer at midnight, then a script that always throws.
    static let nightlyLedger = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="nightly_ledger" name="Nightly ledger" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="timer_night" name="Midnight">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT15H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:scriptTask id="script_post" name="Post to ledger" scriptFormat="JavaScript">
              <bpmn:script>throw new Error("ledger is closed");</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="timer_night" />
            <bpmn:sequenceFlow id="f2" sourceRef="timer_night" targetRef="script_post" />
            <bpmn:sequenceFlow id="f3" sourceRef="script_post" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private func ledgerFolder() throws -> URL {
        let folder = cli.folder.appendingPathComponent("ledger-models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.nightlyLedger.write(to: folder.appendingPathComponent("Nightly ledger.bpmn"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Returns the rows of the drawing just above and below the row that contains `symbol`.
    private func rowsAround(_ symbol: String, in output: String) throws -> String {
        let lines = output.components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.firstIndex { $0.contains(symbol) }, "no \(symbol) in:\n\(output)")
        let above = index > 0 ? lines[index - 1] : ""
        let below = index + 1 < lines.count ? lines[index + 1] : ""
        return above + "\n" + below
    }

    func testTourCaptionsFailedTimerFiring() throws {
        let result = try cli.run(["demo", "--tour", "Nightly ledger", "--models", try ledgerFolder().path])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("the timer fired, and 'Post to ledger' failed: Error: ledger is closed"), result.stdout)
        XCTAssertTrue(result.stdout.contains("the worker retries at"), result.stdout)
        XCTAssertTrue(result.stdout.contains("'Midnight' is now an incident"), result.stdout)
        XCTAssertFalse(result.stdout.contains("the timer fired. "), "a failed firing is captioned as a success:\n\(result.stdout)")
        XCTAssertTrue(try rowsAround("((◷))", in: result.stdout).contains("✗"), "the failed timer is not marked:\n\(result.stdout)")
    }

    func testTourWithoutTerminalDoesNotAskForSpace() throws {
        let result = try cli.run(["demo", "--tour", "Nightly ledger", "--models", try ledgerFolder().path])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("Press Space"), result.stdout)
    }

    func testWaitingTimerIsMarkedInPlainText() throws {
        let ids = try TimerModels.importAndStart(cli, name: "Nightly ledger", source: Self.nightlyLedger)

        let result = try cli.run(["diagram", "Nightly ledger", "--instance", ids[0], "--width", "120"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try rowsAround("((◷))", in: result.stdout).contains("●"), "the waiting timer is not marked:\n\(result.stdout)")
        XCTAssertTrue(result.stdout.contains("● waiting 1"), result.stdout)
    }

    func testUnknownModelMessageIsNotRepeated() throws {
        let result = try cli.run(["diagram", "Nope"])

        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.components(separatedBy: "not found").count - 1, 1, result.stderr)
    }

    func testInvalidOptionPointsAtDiagramHelp() throws {
        for options in [["--width", "10"], ["--color", "sometimes"]] {
            let result = try cli.run(["diagram", "Nope"] + options)

            XCTAssertEqual(result.status, 2, "\(options): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("bpmn-inbox diagram --help"), "\(options): \(result.stderr)")
        }
    }

    func testReplayNamesCompletionTime() throws {
        let model = CLIRunner.examplesFolder.appendingPathComponent("Expense approval.bpmn").path
        XCTAssertEqual(try cli.run(["model", "import", model]).status, 0)
        let started = try cli.run([
            "--now", "2030-01-07T22:57:00Z", "--force-clock", "start", "Expense approval",
            "--data", "{\"requester\": \"ana\"}", "--json", "--user", "ana",
        ])
        XCTAssertEqual(started.status, 0, started.stderr)
        let execution = try XCTUnwrap(started.json() as? [String: Any])
        let id = try XCTUnwrap((execution["instance"] as? [String: Any])?["id"] as? String)
        let invoked = try cli.run([
            "--now", "2030-01-08T00:08:00Z", "--force-clock", "invoke",
            "{\"id\": \"\(id)\", \"items.elementId\": \"task_submit\"}", "--data", "{\"amount\": 4000}", "--user", "ana",
        ])
        XCTAssertEqual(invoked.status, 0, invoked.stderr)

        let result = try cli.run(["replay", id])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("UserTask 'Submit expense' completed by ana at 2030-01-08 00:08"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Press Space"), result.stdout)
    }
}
