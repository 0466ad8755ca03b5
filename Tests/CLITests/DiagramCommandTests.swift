import Foundation
import XCTest

/// `bpmn-inbox diagram`: the drawing of a model and of an instance on standard output.
final class DiagramCommandTests: XCTestCase {
    private var cli: CLIRunner!
    private let expense = CLIRunner.examplesFolder.appendingPathComponent("Expense approval.bpmn").path

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let imported = try cli.run(["model", "import", expense])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    override func tearDown() {
        cli = nil
    }

    private func startExpense() throws -> String {
        let result = try cli.run(["start", "Expense approval", "--data", "{\"requester\": \"ana\"}", "--json", "--user", "ana"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let execution = try XCTUnwrap(result.json() as? [String: Any])
        let instance = try XCTUnwrap(execution["instance"] as? [String: Any])
        return try XCTUnwrap(instance["id"] as? String)
    }

    func testModelByNameDrawsElements() throws {
        let result = try cli.run(["diagram", "Expense approval", "--width", "200"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("│ Submit expense │"), result.stdout)
        XCTAssertTrue(result.stdout.contains("<X>"), result.stdout)
        XCTAssertTrue(result.stdout.contains("(●)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[data.amount > 1000]") || result.stdout.contains("over 1000"), result.stdout)
    }

    func testOutputWithoutTerminalHasNoEscapes() throws {
        let result = try cli.run(["diagram", "Expense approval"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "plain output expected when not a terminal")
    }

    func testColorAlwaysWritesSGR() throws {
        let id = try startExpense()
        let result = try cli.run(["diagram", "Expense approval", "--instance", id, "--color", "always"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\u{1B}[30;43m"), "no waiting style:\n\(result.stdout)")
        XCTAssertTrue(result.stdout.contains("\u{1B}[0m"), result.stdout)
    }

    func testInstanceMarksWaitingAndDone() throws {
        let id = try startExpense()
        let result = try cli.run(["diagram", "Expense approval", "--instance", id, "--width", "200"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("●╮"), "the waiting task is not marked:\n\(result.stdout)")
        XCTAssertTrue(result.stdout.contains("━"), "the taken flow is not heavy:\n\(result.stdout)")
        XCTAssertTrue(result.stdout.contains("● waiting 1"), result.stdout)
    }

    func testWidthLimitsEveryLine() throws {
        let result = try cli.run(["diagram", "Expense approval", "--width", "60"])

        XCTAssertEqual(result.status, 0, result.stderr)
        for line in result.stdout.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 60, "line wider than --width: \(line)")
        }
    }

    func testFileWithoutDiagramUsesAutomaticLayout() throws {
        let source = try String(contentsOfFile: expense, encoding: .utf8)
        let start = try XCTUnwrap(source.range(of: "<bpmndi:BPMNDiagram"))
        let end = try XCTUnwrap(source.range(of: "</bpmndi:BPMNDiagram>"))
        let stripped = String(source[..<start.lowerBound]) + String(source[end.upperBound...])
        let path = try cli.writeFile("no-diagram.bpmn", stripped)

        let result = try cli.run(["diagram", path, "--zoom", "full"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("│ Submit expense │"), result.stdout)
        XCTAssertTrue(result.stdout.contains("▶"), result.stdout)
    }

    func testUnknownModelNamesKnownOnes() throws {
        let result = try cli.run(["diagram", "Expense aproval"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("model 'Expense aproval' not found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Expense approval"), result.stderr)
    }

    func testUnknownInstanceIsReported() throws {
        let result = try cli.run(["diagram", "Expense approval", "--instance", "no-such-id"])

        XCTAssertEqual(result.status, 3, "nothing matched exits with 3")
        XCTAssertTrue(result.stderr.contains("no-such-id"), result.stderr)
    }

    func testInvalidOptionValuesAreUsageErrors() throws {
        let cases: [[String]] = [
            ["--width", "5"], ["--width", "wide"], ["--color", "sometimes"], ["--zoom", "huge"],
        ]
        for options in cases {
            let result = try cli.run(["diagram", "Expense approval"] + options)
            XCTAssertEqual(result.status, 2, "\(options): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(options[1]), "the message does not name the value: \(result.stderr)")
        }
    }
}
