import CSQLite
import Foundation

extension SQLiteStore {
    /// Opens a read-only connection that can read the file, and returns whether it reads with
    /// `immutable=1`.
    /// - Throws: `SQLiteStoreError.openFailed` for a missing or unreadable file,
    ///   `.walIndexUnavailable` when the WAL index cannot be read and `ImmutableReading`
    ///   rejects the fallback.
    static func openForReading(path: String, busyTimeoutMilliseconds: Int32) throws -> (SQLiteConnection, Bool) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SQLiteStoreError.openFailed(path: path, message: "the file does not exist, and a read-only open does not create it")
        }
        let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, access: .readOnly)
        let code = connection.readProbe()
        guard code != SQLITE_OK else { return (connection, false) }

        // SQLite reports a WAL index it may neither open nor create as SQLITE_CANTOPEN or as
        // one of the SQLITE_READONLY codes. Other failures (not a database, damage) are left
        // to the checks that follow the open.
        guard code & 0xff == SQLITE_CANTOPEN || code & 0xff == SQLITE_READONLY else { return (connection, false) }
        if let reason = ImmutableReading.rejectionReason(path: path) {
            throw SQLiteStoreError.walIndexUnavailable(path: path, reason: reason)
        }
        let immutable = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, access: .immutable)
        return (immutable, true)
    }

    /// Rejects a schema that a read-only store cannot use: a newer one, and an older one
    /// that `migrate` would upgrade.
    /// - Throws: `SQLiteStoreError.newerSchema`, `.olderSchema`.
    func requireCurrentSchema(_ migrations: [[String]]) throws {
        let found = try userVersion()
        if found == 0 {
            throw SQLiteStoreError.openFailed(
                path: path, message: "the file contains no bpmn-inbox tables yet, and a read-only open does not create them")
        }
        if found > migrations.count {
            throw SQLiteStoreError.newerSchema(path: path, found: found, supported: migrations.count)
        }
        if found < migrations.count {
            throw SQLiteStoreError.olderSchema(path: path, found: found, supported: migrations.count)
        }
    }
}
