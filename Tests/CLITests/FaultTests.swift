import Foundation
import XCTest

/// Disk faults: a full disk (a file-size limit set with `ulimit -f`) and a read-only database
/// file end the command with a clear error, leave every earlier commit intact and half of
/// nothing written.
final class FaultTests: XCTestCase {
    private var cli: CLIRunner!
    private var stress: StressDriver!

    override func setUpWithError() throws {
        cli = try CLIRunner()
        stress = try StressDriver()
    }

    override func tearDown() {
        cli = nil
        stress = nil
    }

    /// Imports the stress models into the runner's database with the driver.
    private func setUpDatabase() throws {
        let process = try SpawnedProcess(
            stress.binary.path, ["setup", "--db", cli.databasePath],
            stdoutPath: cli.folder.appendingPathComponent("setup.out").path,
            stderrPath: cli.folder.appendingPathComponent("setup.err").path)
        XCTAssertEqual(try process.wait(timeout: 120), 0, process.stderr)
    }

    private func count(_ table: String) throws -> Int {
        Int(try sqliteRows(cli, "SELECT count(*) FROM \(table)").first ?? "") ?? -1
    }

    /// Runs the binary under bash with `prefix` commands before it (limits, user switches).
    private func runShell(_ prefix: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let quoted = ([cli.binary.path, "--db", cli.databasePath] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let name = UUID().uuidString
        let process = try SpawnedProcess(
            "/bin/bash", ["-c", "\(prefix) exec \(quoted)"],
            stdoutPath: cli.folder.appendingPathComponent("\(name).out").path,
            stderrPath: cli.folder.appendingPathComponent("\(name).err").path, environment: cli.environment)
        let status = try process.wait(timeout: 120)
        return (status, process.stdout, process.stderr)
    }

    func testFullDiskFailsClearlyAndKeepsEarlierCommits() throws {
        try setUpDatabase()
        let size = try FileManager.default.attributesOfItem(atPath: cli.databasePath)[.size] as? Int ?? 0
        let payload = "{\"blob\": \"" + String(repeating: "x", count: 100_000) + "\"}"
        // 1 KiB blocks: room for about two more 100 KB instances in the log and the file.
        let limit = "trap '' XFSZ; ulimit -f \((size + 300_000) / 1024);"

        var started: [String] = []
        var failure: (status: Int32, stdout: String, stderr: String)?
        for _ in 0..<12 {
            let result = try runShell(limit, ["start", "Stress order", "--data", payload, "--json"])
            guard result.status == 0 else {
                failure = result
                break
            }
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            started.append((json?["instance"] as? [String: Any])?["id"] as? String ?? "")
        }
        let instancesAfterFailure = try count("instances")
        let historyAfterFailure = try count("history")
        let next = try cli.run(["start", "Stress order"])

        guard let failure else { return XCTFail("no start failed under the file-size limit") }
        XCTAssertEqual(failure.status, 1, failure.stderr)
        XCTAssertTrue(failure.stderr.contains("ulimit -f"), failure.stderr)
        XCTAssertTrue(failure.stderr.contains("rolled back"), failure.stderr)
        XCTAssertFalse(failure.stderr.contains("Fatal error"), failure.stderr)
        XCTAssertEqual(instancesAfterFailure, started.count)
        XCTAssertEqual(historyAfterFailure, started.count)
        XCTAssertEqual(try sqliteRows(cli, "PRAGMA integrity_check"), ["ok"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try count("instances"), started.count + 1)
    }

    func testReadOnlyFileFailsClearlyAndChangesNothing() throws {
        try setUpDatabase()
        let before = try count("instances")
        if getuid() == 0 {
            // Root may write any file, so the commands run as the user `nobody`. The folder is
            // writable for everyone, because SQLite creates its -shm file there, and the file
            // only for root.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw XCTSkip("setpriv not found at /usr/bin/setpriv; install Debian's util-linux package")
            }
            chmod(cli.folder.path, 0o777)
            chmod(cli.databasePath, 0o644)
        } else {
            chmod(cli.databasePath, 0o444)
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))

        let started = try runWithoutWriteAccess(["start", "Stress order"])
        let listed = try runWithoutWriteAccess(["instances", "--json"])

        XCTAssertEqual(started.status, 1, started.stdout)
        XCTAssertTrue(started.stderr.contains("read-only"), started.stderr)
        XCTAssertTrue(started.stderr.contains("nothing was changed"), started.stderr)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(try count("instances"), before)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)), original)
    }

    /// Runs the binary as a user without write access to the database file: the user `nobody`
    /// when the tests run as root, else the current user after `chmod 444`.
    private func runWithoutWriteAccess(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard getuid() == 0 else { return try runShell("", arguments) }
        let name = UUID().uuidString
        let process = try SpawnedProcess(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", cli.binary.path, "--db", cli.databasePath] + arguments,
            stdoutPath: cli.folder.appendingPathComponent("\(name).out").path,
            stderrPath: cli.folder.appendingPathComponent("\(name).err").path, environment: cli.environment)
        let status = try process.wait(timeout: 120)
        return (status, process.stdout, process.stderr)
    }
}
