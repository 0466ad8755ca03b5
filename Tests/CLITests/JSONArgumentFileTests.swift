import Foundation
import XCTest

/// JSON option values given as `@FILE` or `-` (standard input), for data larger than one
/// command-line argument may be.
final class JSONArgumentFileTests: XCTestCase {
    func testDataFromFileCarriesMoreThanOneArgument() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let notes = String(repeating: "n", count: 300_000)
        let path = try cli.writeFile("big.json", #"{"caseId": 40, "notes": "\#(notes)"}"#)

        let started = try cli.run(["start", "Car", "--data", "@" + path, "--json"])
        let instance = try object(object(started.json())["instance"])
        let data = try object(instance["data"])

        XCTAssertEqual(started.status, 0, started.stderr)
        XCTAssertEqual((data["notes"] as? String)?.count, 300_000)
        XCTAssertEqual(numberText(data["caseId"]), "40")
    }

    func testDataFromStandardInput() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.runWithInput(["start", "Car", "--data", "-", "--json"], input: #"{"caseId": 41}"#)
        let data = try object(object(object(result.json())["instance"])["data"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(numberText(data["caseId"]), "41")
    }

    func testQueryArgumentAndOptionFromFile() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 42)
        _ = try cli.startCar(caseId: 43)
        let path = try cli.writeFile("query.json", #"{"data.caseId": 42}"#)

        let listed = try array(cli.run(["instances", "--query", "@" + path, "--json"]).json())
        let found = try cli.run(["get", "@" + path, "--json"])

        XCTAssertEqual(listed.count, 1)
        XCTAssertEqual(try object(listed.first)["id"] as? String, id)
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual(try object(object(found.json())["instance"])["id"] as? String, id)
    }

    func testAssignmentFromStandardInput() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 44)

        let result = try cli.runWithInput(
            ["assign", #"{"id": "\#(id)", "items.elementId": "task_Buy"}"#, "--assignment", "-", "--json"],
            input: #"{"assignee": "ana"}"#)
        let buy = try firstItem("task_Buy", in: items(of: object(result.json())))

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(buy["assignee"] as? String, "ana")
    }

    func testInvalidJSONInFileGivesLineAndColumn() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let path = try cli.writeFile("bad.json", "{\"caseId\": 45,\n  \"notes\": }\n")

        let result = try cli.run(["start", "Car", "--data", "@" + path])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid JSON in --data: \(path):2:12:"), result.stderr)
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 0)
    }

    func testInvalidJSONOnStandardInputGivesLineAndColumn() throws {
        let cli = try CLIRunner()

        let result = try cli.runWithInput(["instances", "--query", "-"], input: "{\n\"x\": [1,")

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("standard input:2:9:"), result.stderr)
    }

    func testMissingFileIsNamed() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["start", "Car", "--data", "@missing.json"])

        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("'missing.json'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no such file"), result.stderr)
        XCTAssertEqual(try array(cli.run(["instances", "--json"]).json()).count, 0)
    }

    func testFolderIsRejected() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["start", "Car", "--data", "@" + cli.folder.path])

        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("it is a folder"), result.stderr)
    }

    func testUnreadableFileIsNamed() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let path = try cli.writeFile("secret.json", #"{"caseId": 46}"#)
        XCTAssertEqual(chmod(path, 0), 0)
        guard FileManager.default.contents(atPath: path) == nil else {
            throw XCTSkip("this user (root) reads files whatever their mode, so no read can fail")
        }

        let result = try cli.run(["start", "Car", "--data", "@" + path])

        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("permission denied"), result.stderr)
    }

    func testNonUTF8FileIsRejected() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let path = cli.folder.appendingPathComponent("latin1.json")
        try Data([0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]).write(to: path)

        let result = try cli.run(["start", "Car", "--data", "@" + path.path])

        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("not UTF-8"), result.stderr)
    }

    func testAtSignWithoutFileIsUsageError() throws {
        let cli = try CLIRunner()

        let result = try cli.run(["instances", "--query", "@"])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("has no file name"), result.stderr)
    }

    func testSecondStandardInputReaderIsRejected() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 47)

        let result = try cli.runWithInput(["invoke", "-", "--data", "-"], input: #"{"data.caseId": 47}"#)

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("both read standard input"), result.stderr)
    }

    func testHelpNamesFileAndStandardInput() throws {
        let cli = try CLIRunner()

        let help = try cli.run(["start", "--help"])

        XCTAssertTrue(help.stdout.contains("@FILE reads the JSON from FILE"), help.stdout)
    }
}

extension CLIRunner {
    /// Runs the binary with `--db <temp database>` and `arguments`, with `input` as standard input.
    func runWithInput(_ arguments: [String], input: String) throws -> CLIResult {
        let inputURL = folder.appendingPathComponent("stdin-\(UUID().uuidString)")
        let stdoutURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let stderrURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        try input.write(to: inputURL, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            for handle in [inputHandle, stdoutHandle, stderrHandle] { try? handle.close() }
            for url in [inputURL, stdoutURL, stderrURL] { try? FileManager.default.removeItem(at: url) }
        }

        let process = Process()
        process.executableURL = binary
        process.arguments = ["--db", databasePath] + arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        variables["BPMN_INBOX_DB"] = nil
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardInput = inputHandle
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle

        try process.run()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }
}
