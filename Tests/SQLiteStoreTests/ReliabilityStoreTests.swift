import CSQLite
import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Opening damaged, newer and older database files: damage is reported before anything is
/// written, newer files are rejected, older files are upgraded in one transaction after a
/// backup copy.
final class ReliabilityStoreTests: StoreTestCase {
    /// A schema change that a later bpmn-inbox could ship, for testing the upgrade path.
    private let laterMigration = ["CREATE TABLE reliability_probe (id INTEGER PRIMARY KEY, note TEXT)"]

    private func fileBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Makes a database at schema version 1 with one instance, as bpmn-inbox 1.0 wrote it:
    /// the first migration's statements only, with a checkpointed WAL.
    private func makeVersionOneDatabase(_ path: String) throws {
        let store = try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0]])
        let record = InstanceRecord(
            id: "old-1", name: "M", modelVersion: 1, status: .running, data: ["kept": "yes"], startedAt: utc(2024, 1, 1))
        try store.writeTransaction {
            try store.saveInstance(InstanceState(instance: record, items: [], tokens: []), changedItemIds: nil)
        }
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", operation: "checkpointing")
    }

    private func userVersion(_ path: String) throws -> Int {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return -1 }
        defer { sqlite3_close_v2(handle) }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return -1 }
        return Int(sqlite3_column_int64(statement, 0))
    }

    // MARK: Upgrades

    func testOlderDatabaseIsUpgradedAfterBackup() throws {
        let path = databasePath()
        try makeVersionOneDatabase(path)
        let original = try fileBytes(path)

        let store = try SQLiteStore(
            path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0], laterMigration])

        XCTAssertEqual(try store.userVersion(), 2)
        XCTAssertEqual(try store.loadInstance(id: "old-1")?.instance.data, ["kept": "yes"])
        XCTAssertEqual(try userVersion(path + ".backup-v1"), 1)
        XCTAssertEqual(try fileBytes(path + ".backup-v1").count, original.count)
        let backup = try SQLiteStore(path: path + ".backup-v1", busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0]])
        XCTAssertEqual(try backup.loadInstance(id: "old-1")?.instance.data, ["kept": "yes"])
    }

    func testVersionOneDatabaseUpgradesToCurrentSchema() throws {
        guard Schema.latestVersion > 1 else { throw XCTSkip("this build has only schema version 1") }
        let path = databasePath()
        try makeVersionOneDatabase(path)

        let store = try SQLiteStore(path: path)

        XCTAssertEqual(try store.userVersion(), Schema.latestVersion)
        XCTAssertEqual(try store.loadInstance(id: "old-1")?.instance.data, ["kept": "yes"])
        XCTAssertEqual(try store.integrityCheck(), ["ok"])
        XCTAssertEqual(try userVersion(path + ".backup-v1"), 1)
    }

    func testUpgradeNeverOverwritesAnEarlierBackup() throws {
        let path = databasePath()
        try makeVersionOneDatabase(path)
        try Data("an earlier copy".utf8).write(to: URL(fileURLWithPath: path + ".backup-v1"))

        _ = try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0], laterMigration])

        XCTAssertEqual(try fileBytes(path + ".backup-v1"), Data("an earlier copy".utf8))
        XCTAssertEqual(try userVersion(path + ".backup-v1.2"), 1)
    }

    func testFailedUpgradeLeavesFileAtOldVersion() throws {
        let path = databasePath()
        try makeVersionOneDatabase(path)
        let broken = laterMigration + ["CREATE TABLE instances (id TEXT)"]

        XCTAssertThrowsError(
            try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0], broken])
        ) { error in
            guard case .migrationFailed(_, let version, _)? = error as? SQLiteStoreError else {
                return XCTFail("expected migrationFailed, got \(error)")
            }
            XCTAssertEqual(version, 2)
        }
        XCTAssertEqual(try userVersion(path), 1)
        let reopened = try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: [Schema.migrations[0]])
        XCTAssertEqual(try reopened.loadInstance(id: "old-1")?.instance.data, ["kept": "yes"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".backup-v1"))
    }

    func testNewDatabaseGetsNoBackup() throws {
        _ = try openStore()

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(files.filter { $0.contains("backup") }, [])
    }

    func testNewerDatabaseIsRejectedAndUnchanged() throws {
        let path = databasePath()
        _ = try openStore()
        let store = try openStore()
        try store.connection.execute("PRAGMA user_version = 99", operation: "test")
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", operation: "test")
        let before = try fileBytes(path)

        XCTAssertThrowsError(try openStore()) { error in
            XCTAssertEqual(
                error as? SQLiteStoreError,
                .newerSchema(path: path, found: 99, supported: Schema.latestVersion))
            XCTAssertTrue("\(error)".contains("upgrade bpmn-inbox"))
        }
        XCTAssertEqual(try fileBytes(path), before)
    }

    // MARK: Damage

    /// Writes a store with enough rows to span many pages, then closes it.
    private func makePopulatedDatabase(_ path: String) throws {
        let store = try SQLiteStore(path: path)
        try store.writeTransaction {
            for index in 0..<300 {
                let record = InstanceRecord(
                    id: "i-\(index)", name: "M", modelVersion: 1, status: .running,
                    data: ["text": .string(String(repeating: "row \(index) ", count: 40))], startedAt: utc(2024, 1, 1))
                try store.saveInstance(InstanceState(instance: record, items: [], tokens: []), changedItemIds: nil)
            }
        }
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", operation: "checkpointing")
    }

    private func overwrite(_ path: String, at offset: UInt64, with bytes: Data) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    func testGarbagePagesAreReportedAsCorrupt() throws {
        let path = databasePath()
        try makePopulatedDatabase(path)
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<(4096 * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try overwrite(path, at: 4096 * 3, with: garbage)
        let damaged = try fileBytes(path)

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            guard case .corrupt(let reportedPath, _)? = error as? SQLiteStoreError else {
                return XCTFail("expected corrupt, got \(error)")
            }
            XCTAssertEqual(reportedPath, path)
            XCTAssertTrue("\(error)".contains(".recover"), "\(error)")
        }
        XCTAssertEqual(try fileBytes(path), damaged)
    }

    func testTruncatedFileIsReportedAsCorrupt() throws {
        let path = databasePath()
        try makePopulatedDatabase(path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 4096 * 4)
        try handle.close()

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            guard case .corrupt? = error as? SQLiteStoreError else { return XCTFail("expected corrupt, got \(error)") }
        }
    }

    func testHeaderCheckFindsTruncation() throws {
        let path = databasePath()
        try makePopulatedDatabase(path)
        let size = Int64(try fileBytes(path).count)

        XCTAssertNoThrow(try DatabaseCheck.checkHeader(path: path, size: size))
        XCTAssertThrowsError(try DatabaseCheck.checkHeader(path: path, size: size - 4096))
        XCTAssertThrowsError(try DatabaseCheck.checkHeader(path: path, size: size - 100))
    }

    func testIntactDatabasePassesIntegrityCheck() throws {
        let path = databasePath()
        try makePopulatedDatabase(path)

        XCTAssertEqual(try SQLiteStore(path: path).integrityCheck(), ["ok"])
    }

    // MARK: Error mapping

    func testFullDiskErrorNamesTheFix() throws {
        let connection = try SQLiteConnection(path: ":memory:", busyTimeoutMilliseconds: 0)
        let error = connection.error(code: SQLITE_FULL, message: "database or disk is full", operation: "committing")

        XCTAssertEqual(error, .diskFull(path: ":memory:", operation: "committing"))
        XCTAssertTrue(error.description.contains("rolled back"), error.description)
    }

    // A file this process may not write gives `.readOnly`; FaultTests checks it with a real
    // read-only file, because root, which runs CI here, may write any file.

    func testRejectWritesKeepsStatementFailed() throws {
        let store = try openStore()
        try store.rejectWrites()

        XCTAssertThrowsError(try store.setSetting("demo", value: "true")) { error in
            guard case .statementFailed(_, _, let code, _)? = error as? SQLiteStoreError else {
                return XCTFail("expected statementFailed, got \(error)")
            }
            XCTAssertEqual(code & 0xff, SQLITE_READONLY)
        }
    }

    func testCorruptionFoundLaterIsTyped() throws {
        let connection = try SQLiteConnection(path: ":memory:", busyTimeoutMilliseconds: 0)
        let error = connection.error(code: SQLITE_CORRUPT, message: "database disk image is malformed", operation: "loading")

        guard case .corrupt(let path, let detail) = error else { return XCTFail("expected corrupt, got \(error)") }
        XCTAssertEqual(path, ":memory:")
        XCTAssertTrue(detail.contains("malformed"), detail)
    }
}
