import CSQLite
import Foundation
import XCTest

@testable import SQLiteStore

/// Opening SQLite files that another program made, and files that must become new databases.
final class ForeignDatabaseTests: StoreTestCase {
    /// Creates an SQLite file with the given statements through SQLite's own C API.
    private func makeSQLiteFile(_ path: String, statements: [String]) throws {
        var handle: OpaquePointer?
        XCTAssertEqual(sqlite3_open(path, &handle), SQLITE_OK)
        defer { sqlite3_close(handle) }
        for statement in statements {
            XCTAssertEqual(sqlite3_exec(handle, statement, nil, nil, nil), SQLITE_OK, statement)
        }
    }

    private func fileBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testForeignDatabaseIsRejected() throws {
        let path = databasePath("foreign.sqlite")
        try makeSQLiteFile(path, statements: ["CREATE TABLE t (x)", "INSERT INTO t VALUES (1)"])

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            guard case .notADatabase(let reportedPath, let message)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reportedPath, path)
            XCTAssertTrue(message.contains("t"), message)
            XCTAssertTrue((error as? SQLiteStoreError)?.description.contains("is not a bpmn-inbox database") == true)
        }
    }

    func testForeignDatabaseIsLeftUnchanged() throws {
        let path = databasePath("foreign.sqlite")
        try makeSQLiteFile(path, statements: ["CREATE TABLE t (x)", "CREATE INDEX t_x ON t (x)"])
        let before = try fileBytes(path)

        XCTAssertThrowsError(try SQLiteStore(path: path))

        XCTAssertEqual(try fileBytes(path), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testForeignDatabaseErrorListsAtMostFiveNames() throws {
        let path = databasePath("many.sqlite")
        try makeSQLiteFile(path, statements: (1...7).map { "CREATE TABLE t\($0) (x)" })

        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            let text = (error as? SQLiteStoreError)?.description ?? ""
            XCTAssertTrue(text.contains("t1, t2, t3, t4, t5 and 2 more"), text)
        }
    }

    func testEmptyFileBecomesNewDatabase() throws {
        let path = databasePath("empty.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))

        let store = try SQLiteStore(path: path)

        XCTAssertEqual(try store.userVersion(), Schema.latestVersion)
    }

    func testSQLiteFileWithoutTablesBecomesNewDatabase() throws {
        let path = databasePath("blank.sqlite")
        try makeSQLiteFile(path, statements: ["PRAGMA page_size = 4096", "VACUUM"])

        let store = try SQLiteStore(path: path)

        XCTAssertEqual(try store.userVersion(), Schema.latestVersion)
    }

    func testExistingInboxDatabaseStillOpens() throws {
        try openStore("inbox.db").setSetting("kept", value: "yes")

        let reopened = try openStore("inbox.db")

        XCTAssertEqual(try reopened.setting("kept"), "yes")
    }
}
