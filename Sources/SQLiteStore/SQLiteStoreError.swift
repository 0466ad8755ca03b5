import Foundation

/// A failed store operation. Every case names the database file or the query key involved,
/// and the message states the next step.
public enum SQLiteStoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// SQLite could not open or create the file.
    case openFailed(path: String, message: String)
    /// The file exists but is not an SQLite database, or is another program's SQLite database.
    case notADatabase(path: String, message: String)
    /// The file was written by a newer bpmn-inbox whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    case migrationFailed(path: String, version: Int, message: String)
    /// A read-only open found a schema older than this build's, which only a writer may upgrade.
    case olderSchema(path: String, found: Int, supported: Int)
    /// A read-only open could not read the WAL index (`-shm`), and the file may not be read
    /// with `immutable=1`. `reason` gives the cause (see `ImmutableReading`).
    case walIndexUnavailable(path: String, reason: String)
    /// The copy written before a schema upgrade failed, so the file was not upgraded.
    case backupFailed(path: String, backupPath: String, message: String)
    /// Another connection held the write lock through every retry.
    case busy(path: String, attempts: Int)
    /// The file is damaged. `detail` is what the check or SQLite found. The store writes
    /// nothing to such a file.
    case corrupt(path: String, detail: String)
    /// A write failed because the disk, or the process's file-size limit, is full.
    case diskFull(path: String, operation: String)
    /// The operating system reported an I/O error. `message` is SQLite's text with the errno.
    case ioError(path: String, operation: String, message: String)
    /// The file, its folder or the file system may not be written by this process.
    case readOnly(path: String, operation: String)
    /// A statement failed. `operation` names what the store was doing, and `code` is SQLite's
    /// extended result code.
    case statementFailed(path: String, operation: String, code: Int32, message: String)
    /// A stored value could not be read back (hand-edited or damaged file).
    case invalidStoredValue(path: String, table: String, column: String, value: String)
    /// `writeTransaction` was called inside `readTransaction`, which cannot be upgraded safely.
    case writeInsideReadTransaction(path: String)
    /// `saveInstance` was given items or tokens that do not belong to the instance.
    case invalidInstanceState(instanceId: String, reason: String)
    /// A query this store cannot express in SQL.
    case unsupportedQuery(key: String, operator: String, reason: String)
    case invalidDateOperand(key: String, value: String)
    case invalidRegex(key: String, pattern: String, reason: String)
    case invalidFindOptions(option: String, value: Int)

    public var description: String {
        switch self {
        case let .openFailed(path, message):
            return "cannot open database '\(path)': \(message); check that the directory exists "
                + "and that you may write to it"
        case let .notADatabase(path, message):
            return "'\(path)' is not a bpmn-inbox database (\(message)); give the path of a "
                + "bpmn-inbox database, or of a new or empty file"
        case let .newerSchema(path, found, supported):
            return "database '\(path)' has schema version \(found), but this bpmn-inbox supports "
                + "versions up to \(supported); upgrade bpmn-inbox to open it"
        case let .olderSchema(path, found, supported):
            return "database '\(path)' has schema version \(found), older than version \(supported) of this "
                + "bpmn-inbox, and --read-only does not upgrade it; run one command without --read-only as a user "
                + "who may write the file and its folder (it keeps a copy of the old file), then read it again"
        case let .walIndexUnavailable(path, reason):
            return "cannot read database '\(path)': \(reason); make its folder writable for this user, or copy "
                + "the file and its -wal file to a folder you may write and open the copy with --db"
        case let .migrationFailed(path, version, message):
            return "upgrading database '\(path)' to schema version \(version) failed: \(message); "
                + "the file was left at its previous version"
        case let .backupFailed(path, backupPath, message):
            return "cannot upgrade database '\(path)': writing its backup copy '\(backupPath)' failed "
                + "(\(message)); the file was left unchanged. Free some space or make the folder "
                + "writable, then open the database again"
        case let .busy(path, attempts):
            let tries = attempts == 1 ? "once" : "\(attempts) times"
            return "database '\(path)' is locked by another process (tried \(tries)); "
                + "wait until the other bpmn-inbox finishes and retry"
        case let .corrupt(path, detail):
            return "database '\(path)' is damaged (\(detail)); bpmn-inbox wrote nothing to it. Restore "
                + "a backup copy, or save the readable rows into a new file with "
                + "'sqlite3 \(path) .recover | sqlite3 NEW.sqlite' and open that file with --db"
        case let .diskFull(path, operation):
            return "database '\(path)': \(operation) failed because the disk or the file-size limit "
                + "(ulimit -f) is full; the operation was rolled back. Free some space and retry"
        case let .ioError(path, operation, message):
            return "database '\(path)': \(operation) failed with an I/O error (\(message)); the operation "
                + "was rolled back. Check the free space (df), the file-size limit (ulimit -f) and the disk"
        case let .readOnly(path, operation):
            return "database '\(path)' is read-only, so \(operation) failed and nothing was changed; "
                + "give this user write permission on the file and its folder, or copy the file and "
                + "open the copy with --db"
        case let .statementFailed(path, operation, code, message):
            return "database '\(path)': \(operation) failed: \(message) (SQLite code \(code))"
        case let .invalidStoredValue(path, table, column, value):
            return "database '\(path)': invalid value '\(value)' in \(table).\(column); the file "
                + "was changed outside bpmn-inbox or is damaged"
        case .writeInsideReadTransaction(let path):
            return "database '\(path)': a write transaction was started inside a read "
                + "transaction; start the write transaction first"
        case let .invalidInstanceState(instanceId, reason):
            return "cannot save instance '\(instanceId)': \(reason)"
        case let .unsupportedQuery(key, op, reason):
            return "unsupported query on '\(key)' with \(op): \(reason)"
        case let .invalidDateOperand(key, value):
            return "invalid date \(value) for '\(key)': expected an ISO 8601 date such as "
                + "\"2024-05-01\" or \"2024-05-01T12:00:00Z\""
        case let .invalidRegex(key, pattern, reason):
            return "invalid $regex '\(pattern)' on '\(key)': \(reason)"
        case let .invalidFindOptions(option, value):
            return "invalid \(option) \(value): expected 0 or more"
        }
    }

    public var errorDescription: String? { description }
}
