import Foundation
import XCTest

/// Runs the real `bpmn-bench` binary at smoke scale (tiny counts, no SpiffWorkflow) and checks
/// that every part measures something, and that `bench/aggregate.py` turns its figures into the
/// results files.
final class BenchSmokeTests: XCTestCase {
    /// The figures of one smoke run of every part, shared by the tests of this class.
    private static var smokeRun: (result: CLIResult, figures: [String: Double], notes: [String: String])?

    /// Finds `bpmn-bench`: `$BPMN_BENCH_BIN`, else next to the test bundle (the build folder of
    /// this test run), else `.build/debug`.
    private static func benchBinary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BPMN_BENCH_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bpmn-bench"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bpmn-bench"),
            CLIRunner.repositoryRoot.appendingPathComponent(".build/debug/bpmn-bench"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MissingBinaryError(
                "bpmn-bench not found at \(candidates.map(\.path)); run 'swift build' first, or set BPMN_BENCH_BIN")
        }
        return found
    }

    /// Runs `bpmn-bench` with `arguments` and waits at most `CLIRunner.timeoutSeconds`.
    private static func runBench(_ arguments: [String], in folder: URL) throws -> CLIResult {
        let process = Process()
        process.executableURL = try benchBinary()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errors = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + CLIRunner.timeoutSeconds) == .timedOut {
            process.terminate()
            finished.wait()
            XCTFail("bpmn-bench \(arguments) ran longer than \(CLIRunner.timeoutSeconds) s")
        }
        return CLIResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    private static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bpmn-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs every part once at smoke scale, when the first test needs the figures.
    private func smoke() throws -> (result: CLIResult, figures: [String: Double], notes: [String: String]) {
        if let run = Self.smokeRun { return run }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inbox = try Self.benchBinary().deletingLastPathComponent().appendingPathComponent("bpmn-inbox")

        let result = try Self.runBench(
            ["--scale", "smoke", "--work-dir", folder.path, "--bpmn-inbox", inbox.path], in: folder)
        XCTAssertEqual(result.status, 0, "bpmn-bench failed:\n\(result.stderr)")
        let document = try XCTUnwrap(try result.json() as? [String: Any])
        let figures = try XCTUnwrap(document["figures"] as? [String: Double], "no figures in \(result.stdout)")
        let notes = document["notes"] as? [String: String] ?? [:]
        Self.smokeRun = (result, figures, notes)
        return (result, figures, notes)
    }

    private func assertPositive(_ keys: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let figures = try smoke().figures
        for key in keys {
            let value = try XCTUnwrap(figures[key], "figure \(key) missing; figures: \(figures.keys.sorted())", file: file, line: line)
            XCTAssertGreaterThan(value, 0, "figure \(key)", file: file, line: line)
        }
    }

    func testEnginePartMeasuresBothSynchronousModes() throws {
        try assertPositive([
            "engine.approval.full.instances_per_s", "engine.approval.normal.instances_per_s",
            "engine.approval.full.start_ms_p50", "engine.approval.normal.invoke_ms_p99",
        ])
    }

    func testCarsPartMeasuresEmptyAndLoadedDatabases() throws {
        guard FileManager.default.fileExists(atPath: CLIRunner.corpusFolder.appendingPathComponent("bpmn-web").path) else {
            throw XCTSkip("corpus not found at \(CLIRunner.corpusFolder.path)")
        }
        try assertPositive([
            "cars.normal.cases_per_s", "cars.loaded.normal.cases_per_s", "cars.full.cases_per_s",
            "cars.normal.invoke_ms_p99", "cars.loaded_vs_empty",
        ])
    }

    func testInboxPartDrawsFramesAndFindsTasks() throws {
        try assertPositive([
            "inbox.scale.first_frame_ms", "inbox.scale.frame_ms_p50", "inbox.scale.switch_ms_p50",
            "inbox.scale.peak_rss_mib", "inbox.scale.query_groups.tasks",
        ])
        let figures = try smoke().figures
        XCTAssertEqual(figures["inbox.scale.instances"], 1_000)
        XCTAssertEqual(figures["inbox.scale.items"] ?? 0, 10_000, accuracy: 100)
    }

    func testOldPartComparesHistoryWithFreshInstance() throws {
        try assertPositive([
            "old.history_items", "old.fresh.invoke_ms_p50", "old.history.invoke_ms_p50",
            "old.multi_instance.start_ms", "old.multi_instance.invoke_ms_p99",
        ])
        XCTAssertGreaterThanOrEqual(try smoke().figures["old.history_items"] ?? 0, 200)
    }

    func testParsePartTimesTheBenchModel() throws {
        try assertPositive(["parse.approval.ms_per_parse"])
    }

    func testScriptsPartCountsConditions() throws {
        try assertPositive(["scripts.1kb.call_ms_many_conditions", "scripts.100kb.call_ms_many_conditions"])
    }

    func testAggregatorWritesResultsAndTargets() throws {
        let run = try smoke()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("raw")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        try Data(run.result.stdout.utf8).write(to: raw.appendingPathComponent("all-1.json"))
        let jsonPath = folder.appendingPathComponent("results.json").path
        let markdownPath = folder.appendingPathComponent("results.md").path

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", CLIRunner.repositoryRoot.appendingPathComponent("bench/aggregate.py").path,
            raw.path, jsonPath, markdownPath,
        ]
        try python.run()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0)

        let results = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        XCTAssertEqual(results["engine.approval.normal.instances_per_s"] as? Double, run.figures["engine.approval.normal.instances_per_s"])
        let markdown = try String(contentsOfFile: markdownPath, encoding: .utf8)
        XCTAssertTrue(markdown.contains("| inbox first frame under 150 ms | `inbox.scale.first_frame_ms` |"), markdown)
    }

    func testUnknownPartIsRejectedWithTheList() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.runBench(["enigne"], in: folder)

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown part or option 'enigne'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("engine, cars, inbox, old, parse, scripts"), result.stderr)
    }

    func testUnknownScaleIsRejected() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.runBench(["--scale", "huge"], in: folder)

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown scale 'huge'; use full or smoke"), result.stderr)
    }
}
