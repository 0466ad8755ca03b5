import Foundation
import XCTest

/// The binary does not link JavaScriptCore: commands that run no script never map
/// libjavascriptcoregtk-4.1, and the first script opens it. The dynamic loader's own trace
/// (`LD_DEBUG=files`, written to files by `LD_DEBUG_OUTPUT`) shows which libraries a run loaded.
final class LazyJavaScriptCoreCLITests: XCTestCase {
    private static let libraryName = "libjavascriptcoregtk"

    private let scriptModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="Work" scriptFormat="JavaScript"><script>data.worked = true;</script></scriptTask>
            <userTask id="Done"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Work"/>
            <sequenceFlow id="f2" sourceRef="Work" targetRef="Done"/>
          </process>
        </definitions>
        """

    func testListingCommandsLoadNoJavaScriptCore() throws {
        let cli = try CLIRunner()
        let demo = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let listed = try cli.run(["instances", "--json"])
        let instances = try XCTUnwrap(try listed.json() as? [[String: Any]])
        let instanceId = try XCTUnwrap(instances.first?["id"] as? String)

        let commands: [[String]] = [
            ["count"], ["count", "--json"], ["tasks"], ["instances"], ["model", "list"],
            ["history", instanceId], ["items", "{\"id\": \"\(instanceId)\"}"],
        ]
        for command in commands {
            let (result, trace) = try runTraced(cli, command)
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            XCTAssertFalse(trace.isEmpty, "\(command): the loader wrote no trace")
            XCTAssertFalse(trace.contains(Self.libraryName), "\(command) loaded JavaScriptCore")
        }
    }

    func testCountSkipsServicesJavaScript() throws {
        let cli = try CLIRunner()
        let demo = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let services = cli.folder.appendingPathComponent("count-services")
        try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
        try "this is not JavaScript (".write(
            to: services.appendingPathComponent("broken.js"), atomically: true, encoding: .utf8)

        let (result, trace) = try runTraced(cli, ["--services", services.path, "count"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(trace.contains(Self.libraryName), "count with a services folder loaded JavaScriptCore")
    }

    func testScriptTaskLoadsJavaScriptCore() throws {
        let cli = try CLIRunner()
        let file = try cli.writeFile("script.bpmn", scriptModel)
        let imported = try cli.run(["model", "import", file, "--name", "script"])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let (result, trace) = try runTraced(cli, ["start", "script", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(trace.contains(Self.libraryName), "starting a script task did not load JavaScriptCore")
    }

    /// Runs `arguments` with the loader's file trace on and returns the result and the trace.
    private func runTraced(_ cli: CLIRunner, _ arguments: [String]) throws -> (CLIResult, String) {
        let traceFolder = cli.folder.appendingPathComponent("trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: traceFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: traceFolder) }

        let result = try cli.runWithoutDatabase(
            ["--db", cli.databasePath] + arguments,
            environment: ["LD_DEBUG": "files", "LD_DEBUG_OUTPUT": traceFolder.appendingPathComponent("ld").path])
        let files = try FileManager.default.contentsOfDirectory(atPath: traceFolder.path)
        let trace = try files.map {
            try String(contentsOf: traceFolder.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        return (result, trace)
    }
}

extension DemoInboxTests {
    func testInboxFirstFrameLoadsNoJavaScriptCore() throws {
        let demo = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let traceFolder = cli.folder.appendingPathComponent("inbox-trace")
        try FileManager.default.createDirectory(at: traceFolder, withIntermediateDirectories: true)
        let exitFile = cli.folder.appendingPathComponent("exit-status").path
        let command =
            "LD_DEBUG=files LD_DEBUG_OUTPUT='\(traceFolder.path)/ld' '\(cli.binary.path)' --db '\(cli.databasePath)'; "
            + "echo $? > '\(exitFile)'; sleep 60"
        try tmux(["new-session", "-d", "-s", "inbox", "-x", "100", "-y", "30", command])

        var screen = ""
        let modelsShown = try waitUntil(seconds: 60) {
            screen = try tmux(["capture-pane", "-p", "-t", "inbox"])
            return screen.contains("Models (6)")
        }
        XCTAssertTrue(modelsShown, "the inbox did not show the 6 demo models:\n\(screen)")
        try tmux(["send-keys", "-t", "inbox", "q"])
        XCTAssertTrue(waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: exitFile) }, "the inbox did not quit on q")

        let files = try FileManager.default.contentsOfDirectory(atPath: traceFolder.path)
        let trace = try files.map {
            try String(contentsOf: traceFolder.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        XCTAssertFalse(trace.isEmpty, "the loader wrote no trace")
        XCTAssertFalse(trace.contains("libjavascriptcoregtk"), "the inbox loaded JavaScriptCore before any script ran")
    }
}
