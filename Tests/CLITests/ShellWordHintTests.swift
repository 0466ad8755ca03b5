import XCTest

/// The commands that hints embed, run through a real POSIX shell to prove that they paste.
final class ShellWordHintTests: XCTestCase {
    func testModelInUseHintPastesAsOneJSONWord() throws {
        let cli = try CLIRunner()
        try cli.importCar(as: "It's Car")
        _ = try cli.run(["start", "It's Car"])

        let result = try cli.run(["model", "delete", "It's Car"])
        let hint = try XCTUnwrap(result.stderr.range(of: "bpmn-inbox delete ")).upperBound
        let word = String(result.stderr[hint...]).trimmingCharacters(in: .whitespacesAndNewlines)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' \(word)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertNotEqual(result.status, 0, result.stderr)
        XCTAssertEqual(printed, #"{"name":"It's Car"}"#)
    }
}
