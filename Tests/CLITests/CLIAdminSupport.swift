import Foundation
import XCTest

/// Steps shared by the administration command tests: the Buy Used Car model from the corpus,
/// started cases, and modified copies of the model.
extension CLIRunner {
    static var carModelPath: String {
        corpusFolder.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn").path
    }

    /// Imports Buy Used Car as `name`, or skips the test when the corpus is missing.
    func importCar(as name: String = "Car", file: StaticString = #filePath, line: UInt = #line) throws {
        guard FileManager.default.fileExists(atPath: Self.carModelPath) else {
            throw XCTSkip("corpus not found at \(Self.carModelPath)")
        }
        let result = try run(["model", "import", Self.carModelPath, "--name", name])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }

    /// Imports a copy of Buy Used Car with `original` replaced by `replacement` as a new version.
    func importChangedCar(replacing original: String, with replacement: String, as name: String = "Car") throws {
        let source = try String(contentsOfFile: Self.carModelPath, encoding: .utf8)
        let path = try writeFile("changed.bpmn", source.replacingOccurrences(of: original, with: replacement))
        let result = try run(["model", "import", path, "--name", name])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// Starts a case and returns its instance id.
    func startCar(caseId: Int, model: String = "Car") throws -> String {
        let result = try run(["start", model, "--data", "{\"caseId\": \(caseId)}", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try object(object(result.json())["instance"])["id"] as? String)
    }

    /// Completes the Buy task of a case with no cleaning and no repairs, so Drive waits.
    func buyCar(_ id: String) throws {
        let result = try run([
            "invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_Buy\"}",
            "--data", #"{"needsCleaning": "No", "needsRepairs": "No"}"#,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}

/// Runs one writing SQL statement on the runner's database with the sqlite3 tool, to set up
/// states the tool never makes itself (such as two ids with one prefix).
func sqliteWrite(_ cli: CLIRunner, _ sql: String) throws {
    let tool = "/usr/bin/sqlite3"
    guard FileManager.default.isExecutableFile(atPath: tool) else {
        throw XCTSkip("sqlite3 not found at \(tool); install the Debian package sqlite3")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = [cli.databasePath, sql]
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "sqlite3 failed on: \(sql)")
}

extension CLIRunner {
    /// Runs a read-only SQL statement on any database file with the sqlite3 tool and returns
    /// its output lines (empty when the tool is missing).
    static func sqlite(_ path: String, _ sql: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", path, sql]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return [] }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }
}
