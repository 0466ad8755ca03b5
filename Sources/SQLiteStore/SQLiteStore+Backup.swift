import CSQLite
import Foundation

extension SQLiteStore {
    /// Copies the database to `destination` with SQLite's online backup API while other
    /// connections keep working. The copy is one consistent snapshot: when another process
    /// commits during the copy, SQLite restarts it. The destination file is replaced.
    /// - Parameter pagesPerStep: pages copied between lock releases, so writers are not
    ///   blocked for the whole copy.
    /// - Throws: `SQLiteStoreError.openFailed` for the destination, `.statementFailed` when a
    ///   step fails.
    public func backup(to destination: String, pagesPerStep: Int32 = 256) throws {
        var target: OpaquePointer?
        let openCode = sqlite3_open_v2(destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        defer { sqlite3_close_v2(target) }
        guard openCode == SQLITE_OK, let target else {
            let message = target.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(openCode))
            throw SQLiteStoreError.openFailed(path: destination, message: message)
        }

        guard let backup = sqlite3_backup_init(target, "main", connection.handle, "main") else {
            throw SQLiteStoreError.statementFailed(
                path: destination, operation: "starting the backup of '\(path)'", code: sqlite3_errcode(target),
                message: String(cString: sqlite3_errmsg(target)))
        }

        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, pagesPerStep)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED

        let finishCode = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finishCode == SQLITE_OK else {
            throw SQLiteStoreError.statementFailed(
                path: destination, operation: "copying '\(path)'", code: code == SQLITE_DONE ? finishCode : code,
                message: String(cString: sqlite3_errmsg(target)))
        }
    }
}
