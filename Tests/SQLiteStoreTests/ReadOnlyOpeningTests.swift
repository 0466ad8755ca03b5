import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// `SQLiteStore(readingOnly:)`: a read-only open that never writes the file, and its
/// `immutable=1` fallback for folders where SQLite cannot create the WAL index.
final class ReadOnlyOpeningTests: StoreTestCase {
    private var lockedFolders: [String] = []

    override func tearDownWithError() throws {
        for folder in lockedFolders {
            _ = try? runTool("/usr/bin/chattr", ["-i", folder])
            chmod(folder, 0o755)
        }
        try super.tearDownWithError()
    }

    /// Creates a database with one model in `folder` and closes it, so no `-wal` or `-shm`
    /// file stays behind.
    private func makeDatabase(in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("inbox.db").path
        let store = try SQLiteStore(path: path)
        _ = try store.saveModel(name: "Order", source: "<definitions/>", processes: ["p"], startEvents: [], savedAt: Date())
        return path
    }

    /// Makes `folder` a place where this process may not create files: the immutable
    /// attribute for root, which ignores permission bits, and mode 555 for other users.
    /// - Throws: `XCTSkip` when the file system does not support the attribute.
    private func lock(_ folder: URL) throws {
        lockedFolders.append(folder.path)
        guard getuid() == 0 else {
            chmod(folder.path, 0o555)
            return
        }
        let status = try runTool("/usr/bin/chattr", ["+i", folder.path])
        if status != 0 {
            throw XCTSkip("chattr +i failed on \(folder.path) (status \(status)); the file system may not support the immutable attribute")
        }
    }

    private func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(path) not found; install Debian's e2fsprogs package")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    // MARK: Opening

    func testReadOnlyOpenOfMissingFileCreatesNothing() throws {
        let path = databasePath("missing.db")

        XCTAssertThrowsError(try SQLiteStore(readingOnly: path)) { error in
            guard case .openFailed(let failedPath, _)? = error as? SQLiteStoreError else {
                return XCTFail("expected openFailed, got \(error)")
            }
            XCTAssertEqual(failedPath, path)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testReadOnlyStoreReadsModels() throws {
        let path = try makeDatabase(in: directory.appendingPathComponent("plain"))

        let store = try SQLiteStore(readingOnly: path)

        XCTAssertEqual(try store.listModels().map(\.name), ["Order"])
        XCTAssertTrue(store.isReadOnly)
        XCTAssertFalse(store.readsImmutably)
    }

    func testReadOnlyStoreRejectsWriteAndKeepsFile() throws {
        let path = try makeDatabase(in: directory.appendingPathComponent("plain"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try SQLiteStore(readingOnly: path)

        XCTAssertThrowsError(
            try store.saveModel(name: "Other", source: "<definitions/>", processes: [], startEvents: [], savedAt: Date())
        ) { error in
            guard case .readOnly(let failedPath, _)? = error as? SQLiteStoreError else {
                return XCTFail("expected readOnly, got \(error)")
            }
            XCTAssertEqual(failedPath, path)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testReadOnlyOpenRejectsOlderSchema() throws {
        let path = databasePath("old.db")
        _ = try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0]])

        XCTAssertThrowsError(try SQLiteStore(readingOnly: path)) { error in
            XCTAssertEqual(
                error as? SQLiteStoreError, .olderSchema(path: path, found: 1, supported: Schema.latestVersion))
        }
    }

    // MARK: The immutable fallback

    func testLockedFolderIsReadImmutably() throws {
        let folder = directory.appendingPathComponent("locked")
        let path = try makeDatabase(in: folder)
        try lock(folder)

        let store = try SQLiteStore(readingOnly: path)

        XCTAssertTrue(store.readsImmutably)
        XCTAssertEqual(try store.listModels().map(\.name), ["Order"])
        XCTAssertEqual(try contents(of: folder), ["inbox.db"])
    }

    func testLockedFolderWithUncheckpointedWALIsRejected() throws {
        let source = directory.appendingPathComponent("source")
        let path = try makeDatabase(in: source)
        let writer = try SQLiteStore(path: path)
        try writer.connection.execute("PRAGMA wal_autocheckpoint = 0", operation: "test")
        _ = try writer.saveModel(name: "Later", source: "<definitions/>", processes: ["p"], startEvents: [], savedAt: Date())
        let copy = directory.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let copyPath = copy.appendingPathComponent("inbox.db").path
        try FileManager.default.copyItem(atPath: path, toPath: copyPath)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copyPath + "-wal")
        try lock(copy)

        XCTAssertThrowsError(try SQLiteStore(readingOnly: copyPath)) { error in
            guard case .walIndexUnavailable(let failedPath, let reason)? = error as? SQLiteStoreError else {
                return XCTFail("expected walIndexUnavailable, got \(error)")
            }
            XCTAssertEqual(failedPath, copyPath)
            XCTAssertTrue(reason.contains("-wal' holds commits"), reason)
        }
        _ = writer
    }

    // MARK: The rule

    func testRuleRejectsFolderWritableForOwner() throws {
        let folder = directory.appendingPathComponent("owned")
        let path = try makeDatabase(in: folder)
        chmod(folder.path, 0o755)

        let reason = ImmutableReading.rejectionReason(path: path)

        XCTAssertNotNil(reason)
        XCTAssertTrue(reason?.contains("writable for some user") ?? false, reason ?? "")
    }

    func testRuleAllowsFolderWithoutWritePermission() throws {
        let folder = directory.appendingPathComponent("closed")
        let path = try makeDatabase(in: folder)
        lockedFolders.append(folder.path)
        chmod(folder.path, 0o555)

        XCTAssertNil(ImmutableReading.rejectionReason(path: path))
    }

    func testRuleAllowsFolderWithImmutableAttribute() throws {
        guard getuid() == 0 else { throw XCTSkip("chattr +i needs root (CAP_LINUX_IMMUTABLE); the tests run as uid \(getuid())") }
        let folder = directory.appendingPathComponent("attribute")
        let path = try makeDatabase(in: folder)
        try lock(folder)

        XCTAssertNil(ImmutableReading.rejectionReason(path: path))
    }
}
