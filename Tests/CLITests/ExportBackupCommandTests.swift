import Foundation
import XCTest

/// `export`, `import` and `backup`, and the generated man page and completion scripts.
final class ExportBackupCommandTests: XCTestCase {
    func testExportImportMovesCaseToAnotherDatabase() throws {
        let source = try CLIRunner()
        try source.importCar()
        let id = try source.startCar(caseId: 41)
        let export = try source.run(["export", "--query", #"{"data.caseId": 41}"#])
        let file = try source.writeFile("instances.json", export.stdout)

        let target = try CLIRunner()
        let imported = try object(target.run(["import", file, "--json"]).json())
        try target.buyCar(id)
        let again = try object(target.run(["import", file, "--json"]).json())
        let history = try sqliteRows(target, "SELECT action FROM history WHERE instance_id = '\(id)' ORDER BY id")

        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(try array(imported["imported"]) as? [String], [id])
        XCTAssertEqual(try array(imported["importedModels"]) as? [String], ["Car version 1"])
        XCTAssertEqual(try array(again["skipped"]) as? [String], [id])
        XCTAssertEqual(history.first, "start")
        XCTAssertTrue(history.contains("invoke"), "\(history)")
    }

    func testImportOfDamagedFileChangesNothing() throws {
        let source = try CLIRunner()
        try source.importCar()
        _ = try source.startCar(caseId: 42)
        let text = try source.run(["export"]).stdout.replacingOccurrences(of: "\"elementId\": \"task_Buy\"", with: "\"elementId\": 7")
        let file = try source.writeFile("damaged.json", text)

        let target = try CLIRunner()
        let result = try target.run(["import", file])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("field 'elementId' of item"), result.stderr)
        XCTAssertEqual(try sqliteRows(target, "SELECT COUNT(*) FROM models"), ["0"])
    }

    func testImportOfNonExportFileIsRejected() throws {
        let cli = try CLIRunner()
        let file = try cli.writeFile("other.json", #"{"instances": []}"#)

        let result = try cli.run(["import", file])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("invalid export file"), result.stderr)
    }

    func testBackupCopiesLiveDatabase() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 43)
        // Another process starts cases while the backup runs.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do \"$BIN\" --db \"$DB\" start Car >/dev/null; done"]
        writer.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
            .merging(["BIN": cli.binary.path, "DB": cli.databasePath]) { $1 }
        try writer.run()
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path

        let result = try cli.run(["backup", copy, "--json"])
        writer.waitUntilExit()
        let restored = try cli.runWithoutDatabase(["--db", copy, "get", id, "--json"])
        let copied = CLIRunner.sqlite(copy, "PRAGMA integrity_check")
        let unstarted = CLIRunner.sqlite(
            copy, "SELECT COUNT(*) FROM instances WHERE id NOT IN (SELECT instance_id FROM history WHERE action = 'start')")

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThan(try object(result.json())["bytes"] as? Int ?? 0, 0)
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertEqual(copied, ["ok"])
        XCTAssertEqual(unstarted, ["0"], "every copied instance has its start row: the copy is one snapshot")
        XCTAssertEqual(writer.terminationStatus, 0)
    }

    func testBackupOntoDatabaseItselfIsRejected() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["backup", cli.databasePath])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is the database itself"), result.stderr)
    }

    func testManPageListsEveryCommand() throws {
        let cli = try CLIRunner()
        let man = try cli.run(["man"])
        let help = try cli.run(["--help"])

        XCTAssertEqual(man.status, 0)
        XCTAssertTrue(man.stdout.hasPrefix(".TH BPMN-INBOX 1"))
        for name in ["model show", "restart", "watch", "backup", "completion", "EXIT STATUS"] {
            XCTAssertTrue(man.stdout.contains(name.replacingOccurrences(of: "-", with: "\\-")), "man page lacks \(name)")
        }
        XCTAssertTrue(help.stdout.contains("  man "), "--help lists the man command")
    }

    func testCompletionScriptsParse() throws {
        let cli = try CLIRunner()
        let bash = try cli.run(["completion", "bash"])
        let zsh = try cli.run(["completion", "zsh"])
        let wrong = try cli.run(["completion", "fish"])

        XCTAssertTrue(bash.stdout.contains("complete -F _bpmn_inbox bpmn-inbox"))
        XCTAssertTrue(bash.stdout.contains("--after-nodes"))
        XCTAssertTrue(zsh.stdout.hasPrefix("#compdef bpmn-inbox"))
        XCTAssertEqual(wrong.status, 2)
        XCTAssertEqual(try shellCheck("/bin/bash", try cli.writeFile("c.bash", bash.stdout)), 0)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") {
            XCTAssertEqual(try shellCheck("/usr/bin/zsh", try cli.writeFile("c.zsh", zsh.stdout)), 0)
        }
    }

    func testBashCompletionOffersSubcommands() throws {
        let cli = try CLIRunner()
        let script = try cli.writeFile("c.bash", try cli.run(["completion", "bash"]).stdout)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "source \(script); COMP_WORDS=(bpmn-inbox model sh); COMP_CWORD=2; _bpmn_inbox; echo \"${COMPREPLY[@]}\"",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "show")
    }

    /// Runs `shell -n file` (parse only) and returns its exit status.
    private func shellCheck(_ shell: String, _ file: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-n", file]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The man page carries the same examples as `--help`.
final class ManPageExampleTests: XCTestCase {
    func testEveryManSectionHasExample() throws {
        let cli = try CLIRunner()
        let man = try cli.run(["man"]).stdout
        let sections = man.components(separatedBy: ".SS ").dropFirst()

        XCTAssertGreaterThan(sections.count, 20)
        for section in sections {
            let title = section.prefix { $0 != "\n" }
            XCTAssertTrue(section.contains("Example"), "man page section '\(title)' has no example")
        }
    }
}

/// The man page is valid roff.
final class ManPageRoffTests: XCTestCase {
    func testGroffReadsManPageWithoutWarnings() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else {
            throw XCTSkip("groff not found at /usr/bin/groff; install the Debian package groff-base")
        }
        let cli = try CLIRunner()
        let page = try cli.writeFile("bpmn-inbox.1", try cli.run(["man"]).stdout)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        process.arguments = ["-man", "-ww", "-z", "-Tutf8", page]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(warnings, "")
    }
}

/// `import -` reads standard input.
final class ImportStandardInputTests: XCTestCase {
    func testImportReadsStandardInput() throws {
        let source = try CLIRunner()
        try source.importCar()
        let id = try source.startCar(caseId: 81)
        let file = try source.writeFile("all.json", try source.run(["export"]).stdout)
        let target = try CLIRunner()

        let process = Process()
        process.executableURL = target.binary
        process.arguments = ["--db", target.databasePath, "import", "-", "--json"]
        process.environment = ProcessInfo.processInfo.environment.merging(target.environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains(id), text)
    }
}
