import Foundation
import XCTest

/// `--read-only` on a database in a folder where the user may not create SQLite's `-wal` and
/// `-shm` files: reads work without writing anything, writes are rejected, and without
/// `--read-only` the error names the path and the ways out.
final class ReadOnlyFolderTests: XCTestCase {
    private var cli: CLIRunner!
    private var folder: URL!
    private var databasePath: String!

    override func setUpWithError() throws {
        cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 51)

        // The database moves into a folder of its own, which the tests lock. Opening it once
        // more and closing it leaves no -wal or -shm file behind.
        folder = cli.folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("inbox.sqlite").path
        try FileManager.default.moveItem(atPath: cli.databasePath, toPath: databasePath)
        XCTAssertEqual(try run(["instances", "--json"]).status, 0)
        chmod(cli.folder.path, 0o755)
        chmod(databasePath, 0o644)
    }

    override func tearDown() {
        if let folder {
            _ = try? spawn("/usr/bin/chattr", ["-i", folder.path])
            chmod(folder.path, 0o755)
        }
        cli = nil
    }

    private func run(_ arguments: [String]) throws -> CLIResult {
        try cli.runWithoutDatabase(["--db", databasePath] + arguments)
    }

    /// Runs the binary as the user `nobody` with `setpriv` when the tests run as root, which
    /// ignores permission bits, else as the current user.
    private func runAsOtherUser(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard getuid() == 0 else {
            let result = try run(arguments)
            return (result.status, result.stdout, result.stderr)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("setpriv not found at /usr/bin/setpriv; install Debian's util-linux package")
        }
        let name = UUID().uuidString
        let process = try SpawnedProcess(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", cli.binary.path, "--db", databasePath] + arguments,
            stdoutPath: cli.folder.appendingPathComponent("\(name).out").path,
            stderrPath: cli.folder.appendingPathComponent("\(name).err").path, environment: cli.environment)
        let status = try process.wait(timeout: 120)
        return (status, process.stdout, process.stderr)
    }

    private func spawn(_ path: String, _ arguments: [String]) throws -> Int32 {
        let name = UUID().uuidString
        let process = try SpawnedProcess(
            path, arguments,
            stdoutPath: cli.folder.appendingPathComponent("\(name).out").path,
            stderrPath: cli.folder.appendingPathComponent("\(name).err").path)
        return try process.wait(timeout: 30)
    }

    private func folderContents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    // MARK: A folder without write permission

    func testReadOnlyReadsFolderWithoutWritePermission() throws {
        chmod(folder.path, 0o555)
        let before = try Data(contentsOf: URL(fileURLWithPath: databasePath))

        let listed = try runAsOtherUser(["--read-only", "instances", "--json"])
        let started = try runAsOtherUser(["--read-only", "start", "Car"])

        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("\"caseId\" : 51") || listed.stdout.contains("\"caseId\": 51"), listed.stdout)
        XCTAssertEqual(started.status, 4, started.stderr)
        XCTAssertTrue(started.stderr.contains("open read-only (--read-only)"), started.stderr)
        XCTAssertEqual(try folderContents(), ["inbox.sqlite"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), before)
    }

    func testWithoutReadOnlyErrorNamesPathAndFlag() throws {
        chmod(folder.path, 0o555)

        let started = try runAsOtherUser(["start", "Car"])

        XCTAssertEqual(started.status, 1, started.stdout)
        XCTAssertTrue(started.stderr.contains("'\(databasePath!)'"), started.stderr)
        XCTAssertTrue(started.stderr.contains("add --read-only to only read the database"), started.stderr)
        XCTAssertEqual(try folderContents(), ["inbox.sqlite"])
    }

    func testReadOnlyRefusesFolderOthersMayWrite() throws {
        guard getuid() == 0 else {
            throw XCTSkip("needs a folder that its owner may write and the test user may not; the tests run as uid \(getuid()), not root")
        }
        chmod(folder.path, 0o755)

        let listed = try runAsOtherUser(["--read-only", "instances"])

        XCTAssertEqual(listed.status, 1, listed.stdout)
        XCTAssertTrue(listed.stderr.contains("another process may write it at any time"), listed.stderr)
        XCTAssertEqual(try folderContents(), ["inbox.sqlite"])
    }

    // MARK: The immutable attribute

    func testReadOnlyReadsFolderWithImmutableAttribute() throws {
        guard getuid() == 0 else { throw XCTSkip("chattr +i needs root; the tests run as uid \(getuid())") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else {
            throw XCTSkip("chattr not found at /usr/bin/chattr; install Debian's e2fsprogs package")
        }
        guard try spawn("/usr/bin/chattr", ["+i", folder.path]) == 0 else {
            throw XCTSkip("chattr +i failed on \(folder.path); the file system may not support the immutable attribute")
        }

        let listed = try run(["--read-only", "model", "list", "--json"])
        let written = try run(["start", "Car"])

        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("\"Car\""), listed.stdout)
        XCTAssertEqual(written.status, 1, written.stdout)
        XCTAssertTrue(written.stderr.contains("or add --read-only"), written.stderr)
        XCTAssertEqual(try folderContents(), ["inbox.sqlite"])
    }
}
