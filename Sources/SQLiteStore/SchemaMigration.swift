import CSQLite
import Foundation

/// Upgrading a database file to the schema of this build.
///
/// A file made by an older bpmn-inbox is upgraded in one write transaction. The store first
/// copies the whole file to `FILE.backup-vN` beside it (N is the old schema version) with
/// SQLite's online backup API. Then it applies every missing migration and sets
/// `PRAGMA user_version`. When a migration fails, the transaction rolls back, so the file
/// stays at its old version, and the copy stays for the user to inspect. A new, empty file
/// gets its tables without a copy.
extension SQLiteStore {
    /// Applies the migrations the file lacks. Migration n (1-based) brings the file from
    /// version n-1 to n.
    /// - Throws: `SQLiteStoreError.newerSchema` for a file written by a newer build,
    ///   `.migrationFailed` naming the version whose statements failed, `.backupFailed` when
    ///   the copy cannot be written (the file is then not upgraded), `.busy`.
    func migrate(_ migrations: [[String]]) throws {
        let latest = migrations.count
        let found = try userVersion()
        guard found <= latest else {
            throw SQLiteStoreError.newerSchema(path: path, found: found, supported: latest)
        }
        guard found < latest else { return }

        var applying = found + 1
        do {
            try writeTransaction {
                // Another process may have upgraded the file between the read above and the lock.
                let current = try userVersion()
                guard current <= latest else {
                    throw SQLiteStoreError.newerSchema(path: path, found: current, supported: latest)
                }
                guard current < latest else { return }

                if current > 0 {
                    try MigrationBackup.write(path: path, version: current)
                }
                for (index, statements) in migrations.enumerated() where index + 1 > current {
                    applying = index + 1
                    for statement in statements {
                        try connection.execute(statement, operation: "upgrading the schema to version \(applying)")
                    }
                }
                try connection.execute("PRAGMA user_version = \(latest)", operation: "setting user_version")
            }
        } catch SQLiteStoreError.statementFailed(_, _, _, let message) {
            throw SQLiteStoreError.migrationFailed(path: path, version: applying, message: message)
        }
    }
}

/// The copy of a database file written before its schema is upgraded.
enum MigrationBackup {
    /// Returns the first unused name among `PATH.backup-vN`, `PATH.backup-vN.2`, `PATH.backup-vN.3`…,
    /// so an older copy is never overwritten.
    static func freePath(for path: String, version: Int) -> String {
        let base = "\(path).backup-v\(version)"
        var candidate = base
        var number = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base).\(number)"
            number += 1
        }
        return candidate
    }

    /// Copies the database page by page into a new file beside `path`. Call it while holding
    /// the write lock but before writing. The copy reads through a second, read-only
    /// connection, because the online backup API cannot read through a connection that is
    /// writing. In WAL mode that reader gets the last commit, which no one can change while
    /// the lock is held. The copy is written under a temporary name and renamed when
    /// complete, so a crash never leaves a partial copy under the backup name.
    /// - Returns: the path of the copy.
    /// - Throws: `SQLiteStoreError.backupFailed` naming the target path and SQLite's message.
    @discardableResult
    static func write(path: String, version: Int) throws -> String {
        let target = freePath(for: path, version: version)
        let partial = target + ".partial"
        try? FileManager.default.removeItem(atPath: partial)

        do {
            try copy(from: path, to: partial)
            try FileManager.default.moveItem(atPath: partial, toPath: target)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw SQLiteStoreError.backupFailed(path: path, backupPath: target, message: "\(error)")
        }
        return target
    }

    private static func copy(from path: String, to target: String) throws {
        var openedSource: OpaquePointer?
        let sourceCode = sqlite3_open_v2(path, &openedSource, SQLITE_OPEN_READONLY, nil)
        defer { sqlite3_close_v2(openedSource) }
        guard sourceCode == SQLITE_OK, let source = openedSource else {
            throw BackupStepError(message: String(cString: sqlite3_errstr(sourceCode)))
        }

        var openedTarget: OpaquePointer?
        let targetCode = sqlite3_open_v2(target, &openedTarget, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        defer { sqlite3_close_v2(openedTarget) }
        guard targetCode == SQLITE_OK, let destination = openedTarget else {
            throw BackupStepError(message: String(cString: sqlite3_errstr(targetCode)))
        }

        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw BackupStepError(message: String(cString: sqlite3_errmsg(destination)))
        }
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            throw BackupStepError(message: String(cString: sqlite3_errmsg(destination)))
        }
    }

    private struct BackupStepError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
