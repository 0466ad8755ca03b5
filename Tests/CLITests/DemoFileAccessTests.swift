import Foundation
import XCTest

/// Files and folders the user may not read or write give errors that name the path, the reason
/// in plain words and the fix, for `demo`, `model import` and `--services`. Permissions do not
/// apply to root, so under root each run goes through `setpriv` as the unprivileged user
/// `nobody` (uid 65534). Without `setpriv` the tests skip.
final class DemoFileAccessTests: XCTestCase {
    private var cli: CLIRunner!
    private var runsAsOtherUser = false

    override func setUpWithError() throws {
        cli = try CLIRunner()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw XCTSkip("running as root, where file permissions do not apply, and /usr/bin/setpriv is missing")
            }
            runsAsOtherUser = true
            let probe = try runLimited(["--version"])
            guard probe.status == 0 else {
                throw XCTSkip(
                    "running as root, and the user nobody cannot run \(cli.binary.path) (status \(probe.status): "
                        + "\(probe.stderr)); build in a folder every user may read to run these tests")
            }
        }
    }

    override func tearDown() {
        cli = nil
    }

    /// Runs the binary with `arguments`, as user `nobody` when the tests run as root. The binary and
    /// the temporary folder must be readable by that user.
    private func runLimited(_ arguments: [String]) throws -> CLIResult {
        guard runsAsOtherUser else { return try cli.runWithoutDatabase(arguments) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", cli.binary.path] + arguments
        process.currentDirectoryURL = cli.folder
        var variables = ProcessInfo.processInfo.environment
        variables["BPMN_INBOX_DB"] = nil
        variables["HOME"] = cli.folder.path
        process.environment = variables

        let output = cli.folder.appendingPathComponent("limited-output")
        let errors = cli.folder.appendingPathComponent("limited-errors")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()

        return CLIResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Creates a folder with `permissions` in the test folder and returns its path.
    private func makeFolder(_ name: String, permissions: Int16) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(path, mode_t(permissions)), 0)
        return path
    }

    /// Copies the Expense approval example into `folder` without read permission for anyone.
    private func unreadableModel(in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent("Expense approval.bpmn")
        try FileManager.default.copyItem(
            atPath: CLIRunner.examplesFolder.appendingPathComponent("Expense approval.bpmn").path, toPath: path)
        XCTAssertEqual(chmod(path, 0o000), 0)
        return path
    }

    // MARK: Database folder

    func testReadOnlyDatabaseFolderNamesFix() throws {
        let folder = try makeFolder("locked", permissions: 0o555)
        let database = (folder as NSString).appendingPathComponent("inbox.sqlite")

        let result = try runLimited(["--db", database, "demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("cannot open the database '\(database)'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("permission denied"), result.stderr)
        XCTAssertTrue(result.stderr.contains("may not create files in '\(folder)'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("choose a path in a folder you may write with --db"), result.stderr)
    }

    func testReadOnlyFolderLeavesNoDatabaseFile() throws {
        let folder = try makeFolder("locked", permissions: 0o555)
        let database = (folder as NSString).appendingPathComponent("inbox.sqlite")

        _ = try runLimited(["--db", database, "model", "list"])

        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
    }

    func testMissingFolderUnderReadOnlyFolderNamesBoth() throws {
        let folder = try makeFolder("locked", permissions: 0o555)
        let database = (folder as NSString).appendingPathComponent("new/inbox.sqlite")

        let result = try runLimited(["--db", database, "model", "list"])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("cannot create the folder '\(folder)/new'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("may not create files in '\(folder)'"), result.stderr)
        XCTAssertFalse(result.stderr.contains("could not be completed"), result.stderr)
    }

    // MARK: Model files

    func testUnreadableModelFileNamesPathAndReason() throws {
        let writable = try makeFolder("work", permissions: 0o777)
        let model = try unreadableModel(in: try makeFolder("models", permissions: 0o755))
        let database = (writable as NSString).appendingPathComponent("inbox.sqlite")

        let result = try runLimited(["--db", database, "model", "import", model])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("cannot import '\(model)': permission denied"), result.stderr)
        XCTAssertTrue(result.stderr.contains("may not read the file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("make the file readable for this user"), result.stderr)
        XCTAssertFalse(result.stderr.contains("could not be completed"), result.stderr)
    }

    // MARK: Services

    func testUnreadableServiceFileNamesFile() throws {
        let writable = try makeFolder("work", permissions: 0o777)
        let services = try makeFolder("services", permissions: 0o755)
        let script = (services as NSString).appendingPathComponent("pricing.js")
        try "services.price = (input) => ({ total: input.amount });".write(toFile: script, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(script, 0o000), 0)
        let database = (writable as NSString).appendingPathComponent("inbox.sqlite")

        let result = try runLimited(["--db", database, "--services", services, "model", "list"])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("'\(script)': permission denied"), result.stderr)
        XCTAssertTrue(result.stderr.contains("give another folder with --services"), result.stderr)
        XCTAssertFalse(result.stderr.contains("could not be completed"), result.stderr)
    }

    func testUnreadableServicesFolderNamesFolder() throws {
        let writable = try makeFolder("work", permissions: 0o777)
        let services = try makeFolder("services", permissions: 0o000)
        let database = (writable as NSString).appendingPathComponent("inbox.sqlite")

        let result = try runLimited(["--db", database, "--services", services, "model", "list"])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(
            result.stderr.contains("cannot load the services in '\(services)': permission denied"), result.stderr)
        XCTAssertTrue(result.stderr.contains("may not read the folder"), result.stderr)
    }

    func testDemoReportsUnreadableModelInFolder() throws {
        let writable = try makeFolder("work", permissions: 0o777)
        let models = try makeFolder("models", permissions: 0o755)
        let model = try unreadableModel(in: models)
        let database = (writable as NSString).appendingPathComponent("inbox.sqlite")

        let result = try runLimited(["--db", database, "demo", "--models", models, "--no-inbox"])

        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stderr.contains("cannot import '\(model)': permission denied"), result.stderr)
    }
}
