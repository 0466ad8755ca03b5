import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class OpeningTests: StoreTestCase {
    private func pragma(_ name: String, of store: SQLiteStore) throws -> String? {
        try store.connection.query(SQLFragment(sql: "PRAGMA \(name)"), operation: "reading \(name)") { $0.text(0) }.first ?? nil
    }

    func testOpenCreatesDatabaseWithPragmas() throws {
        let store = try openStore()

        XCTAssertTrue(FileManager.default.fileExists(atPath: databasePath()))
        XCTAssertEqual(store.path, databasePath())
        XCTAssertEqual(try pragma("journal_mode", of: store), "wal")
        XCTAssertEqual(try pragma("synchronous", of: store), "2")
        XCTAssertEqual(try pragma("foreign_keys", of: store), "1")
        XCTAssertEqual(try pragma("user_version", of: store), String(Schema.latestVersion))
    }

    func testOpenSetsCheckpointSizeAndWALLimit() throws {
        let store = try openStore()

        XCTAssertEqual(try pragma("wal_autocheckpoint", of: store), "10000")
        XCTAssertEqual(try pragma("journal_size_limit", of: store), String(64 * 1024 * 1024))
    }

    func testReopenKeepsSchemaAndData() throws {
        try openStore().setSetting("demo", value: "true")

        let reopened = try openStore()

        XCTAssertEqual(try reopened.setting("demo"), "true")
        XCTAssertEqual(try pragma("user_version", of: reopened), String(Schema.latestVersion))
    }

    func testNewerSchemaVersionIsRejected() throws {
        let store = try openStore()
        try store.connection.execute("PRAGMA user_version = 99", operation: "test")

        XCTAssertThrowsError(try openStore()) { error in
            let storeError = error as? SQLiteStoreError
            XCTAssertEqual(storeError, .newerSchema(path: databasePath(), found: 99, supported: Schema.latestVersion))
            XCTAssertTrue(storeError?.description.contains("version 99") == true)
            XCTAssertTrue(storeError?.description.contains("upgrade bpmn-inbox") == true)
        }
    }

    func testNonSQLiteFileIsRejected() throws {
        let path = databasePath("notes.txt")
        try String(repeating: "These are meeting notes, not a database.\n", count: 50)
            .write(toFile: path, atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            guard case .notADatabase(let reportedPath, _)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reportedPath, path)
            XCTAssertTrue((error as? SQLiteStoreError)?.description.contains(path) == true)
        }
    }

    func testMissingDirectoryIsRejected() throws {
        let path = directory.appendingPathComponent("missing/inbox.db").path

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            guard case .openFailed(let reportedPath, _)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reportedPath, path)
        }
    }

    func testTwoStoresSeeEachOthersWrites() throws {
        let first = try openStore()
        let second = try openStore()
        let instance = InstanceRecord(
            id: "shared", name: "M", modelVersion: 1, status: .running, data: ["k": "v"], startedAt: utc(2024, 1, 1))

        try first.saveInstance(InstanceState(instance: instance, items: [], tokens: []), changedItemIds: nil)
        try second.setSetting("from-second", value: "yes")

        XCTAssertEqual(try second.loadInstance(id: "shared")?.instance, instance)
        XCTAssertEqual(try first.setting("from-second"), "yes")
    }

    func testReadTransactionKeepsItsSnapshot() throws {
        let reader = try openStore()
        let writer = try openStore()
        try writer.setSetting("step", value: "1")

        let seenInside: [String?] = try reader.readTransaction {
            let before = try reader.setting("step")
            try writer.setSetting("step", value: "2")
            return [before, try reader.setting("step")]
        }

        XCTAssertEqual(seenInside, ["1", "1"])
        XCTAssertEqual(try reader.setting("step"), "2")
    }

    func testDataVersionChangesWhenAnotherStoreCommits() throws {
        let watcher = try openStore()
        let writer = try openStore()
        let before = try watcher.dataVersion()

        XCTAssertEqual(try watcher.dataVersion(), before)
        try writer.setSetting("x", value: "1")

        XCTAssertNotEqual(try watcher.dataVersion(), before)
    }

    func testLockedDatabaseFailsWithBusyAfterRetries() throws {
        let holder = try openStore()
        let waiter = try openStore(busyTimeout: 0.05)

        let started = Date()
        let error: Error? = try holder.writeTransaction {
            try holder.setSetting("held", value: "1")
            do {
                try waiter.writeTransaction { try waiter.setSetting("waiter", value: "1") }
                return nil
            } catch {
                return error
            }
        }

        XCTAssertEqual(error as? SQLiteStoreError, .busy(path: databasePath(), attempts: SQLiteStore.maximumBeginAttempts))
        XCTAssertTrue((error as? SQLiteStoreError)?.description.contains("locked by another process") == true)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(try waiter.setting("held"), "1")
        XCTAssertNil(try waiter.setting("waiter"))
    }

    func testWriterWaitsForShortLock() throws {
        let holder = try openStore()
        let waiter = try openStore(busyTimeout: 5)
        let released = expectation(description: "lock released")

        try holder.connection.execute("BEGIN IMMEDIATE", operation: "test")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? holder.connection.execute("COMMIT", operation: "test")
            released.fulfill()
        }

        try waiter.setSetting("after-wait", value: "1")
        wait(for: [released], timeout: 5)
        XCTAssertEqual(try holder.setting("after-wait"), "1")
    }
}
