import Foundation
import XCTest

/// The scripts of `completion bash` and `completion zsh`, run in the real shells: each test
/// sets the words typed so far and checks what the completion function offers.
final class CompletionScriptTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// Returns the words `_bpmn_inbox` offers in bash for `words`, whose last word is the one
    /// being completed.
    private func bashCompletions(_ words: [String]) throws -> [String] {
        let script = try cli.run(["completion", "bash"])
        XCTAssertEqual(script.status, 0, script.stderr)
        let path = try cli.writeFile("completion.bash", script.stdout)

        let quotedWords = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let program = """
            source '\(path)'
            COMP_WORDS=(bpmn-inbox \(quotedWords)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _bpmn_inbox
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        return try runShell("/bin/bash", ["-c", program])
    }

    /// Returns the words the zsh script hands to zsh's completion functions for `words`.
    /// `_describe`, `_arguments` and `_files` print what they receive, because the real ones
    /// need an interactive completion widget.
    private func zshCompletions(_ words: [String]) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") else {
            throw XCTSkip("zsh not found at /usr/bin/zsh; install the Debian package zsh")
        }
        let script = try cli.run(["completion", "zsh"])
        XCTAssertEqual(script.status, 0, script.stderr)
        let path = try cli.writeFile("completion.zsh", script.stdout)

        let quotedWords = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let program = """
            _describe() { local array=$2; print -l -- "describe:$1" "${(@P)array}"; }
            _arguments() { print -l -- "arguments:" "$@"; }
            _files() { print -- "files:"; }
            words=(bpmn-inbox \(quotedWords)); CURRENT=${#words}
            source '\(path)' > /dev/null
            _bpmn_inbox
            """
        return try runShell("/usr/bin/zsh", ["-f", "-c", program])
    }

    private func runShell(_ shell: String, _ arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(errorText, "", "\(shell) wrote to standard error")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    // MARK: bash

    func testBashOffersEveryGroupAndHiddenCommand() throws {
        let offered = try bashCompletions([""])
        for word in ["model", "user", "config", "man", "start", "help"] {
            XCTAssertTrue(offered.contains(word), "first words lack \(word): \(offered)")
        }
    }

    func testBashCompletesUserSubcommand() throws {
        XCTAssertEqual(try bashCompletions(["user", "a"]), ["add"])
    }

    func testBashCompletesConfigSubcommand() throws {
        XCTAssertEqual(try bashCompletions(["config", "s"]), ["set"])
    }

    func testBashSkipsValueOfGlobalOption() throws {
        XCTAssertEqual(try bashCompletions(["--db", "x.sqlite", "user", "rem"]), ["remove"])
    }

    func testBashSkipsValueGivenAfterEqualsSign() throws {
        XCTAssertEqual(try bashCompletions(["--db", "=", "x.sqlite", "config", "g"]), ["get"])
    }

    func testBashOffersViewChoices() throws {
        XCTAssertEqual(try bashCompletions(["tasks", "--view", ""]), ["mine", "groups", "all", "overdue", "done"])
    }

    func testBashOffersOrderChoiceAfterEqualsSign() throws {
        XCTAssertEqual(try bashCompletions(["tasks", "--order", "=", "pr"]), ["priority"])
    }

    func testBashOffersCommandOptions() throws {
        XCTAssertEqual(try bashCompletions(["--user", "bob", "tasks", "--vi"]), ["--view"])
    }

    func testBashOffersArgumentChoices() throws {
        XCTAssertEqual(try bashCompletions(["completion", ""]), ["bash", "zsh"])
    }

    func testBashOffersNothingForJSONValue() throws {
        XCTAssertEqual(try bashCompletions(["start", "Order", "--data", ""]), [])
    }

    // MARK: zsh

    func testZshOffersUserAndConfig() throws {
        let offered = try zshCompletions([""])
        XCTAssertTrue(offered.contains { $0.hasPrefix("user:") }, "\(offered)")
        XCTAssertTrue(offered.contains { $0.hasPrefix("config:") }, "\(offered)")
        XCTAssertTrue(offered.contains { $0.hasPrefix("man:") }, "\(offered)")
    }

    func testZshCompletesUserSubcommandAfterGlobalOption() throws {
        let offered = try zshCompletions(["--db", "x.sqlite", "user", ""])
        XCTAssertEqual(offered.first, "describe:subcommand")
        XCTAssertTrue(offered.contains { $0.hasPrefix("add:") }, "\(offered)")
    }

    func testZshGivesViewChoices() throws {
        let offered = try zshCompletions(["--db", "x.sqlite", "tasks", "--view", ""])
        XCTAssertEqual(offered.first, "arguments:")
        XCTAssertTrue(
            offered.contains { $0.hasPrefix("--view[") && $0.hasSuffix(":LIST:(mine groups all overdue done)") }, "\(offered)")
    }

    func testZshGivesConfigSetOptions() throws {
        let offered = try zshCompletions(["config", "set", ""])
        XCTAssertEqual(offered.first, "arguments:")
        XCTAssertTrue(offered.contains("*:value:(admin-group)"), "\(offered)")
    }
}
