import CSQLite
import Foundation
import WorkflowEngine

/// The engine's store in one SQLite file (WAL journal, `synchronous=FULL`, foreign keys on).
///
/// Several `SQLiteStore` objects, in one process or in several, may share a file: writers
/// take the write lock with `BEGIN IMMEDIATE`, wait up to the busy timeout for it and retry a
/// few times before failing with `SQLiteStoreError.busy`. One object is not thread-safe, so use
/// it from one thread at a time.
public final class SQLiteStore: WorkflowStore {
    /// The database file, as given to `init`.
    public let path: String

    /// When commits wait for the disk, as given to `init`.
    public let synchronous: SynchronousMode

    let connection: SQLiteConnection

    /// True when the store was opened with `init(readingOnly:)`: SQLite never writes the file.
    public let isReadOnly: Bool

    /// True when a read-only store reads the file with SQLite's `immutable=1`, because the
    /// WAL index could not be created and no process can write the file (`ImmutableReading`).
    /// Such a store does not see later changes, and `dataVersion()` never changes.
    public let readsImmutably: Bool

    /// Open transactions: 0 outside, 1 in the outermost, more in nested calls.
    private var transactionDepth = 0
    private var outermostTransactionWrites = false

    /// `BEGIN IMMEDIATE` attempts before `SQLiteStoreError.busy`. Each attempt waits up to the
    /// busy timeout inside SQLite. Between attempts n and n+1 the store sleeps a random
    /// 50-200 ms times n, so competing writers do not retry in step.
    static let maximumBeginAttempts = 4

    /// Opens the database at `path`, creating the file and its tables when missing and
    /// upgrading an older schema.
    ///
    /// - Parameters:
    ///   - busyTimeout: seconds to wait for another connection's lock per attempt. Values
    ///     outside 0...3600 are clamped into that range, and NaN means 0.
    ///   - synchronous: when commits wait for the disk; `.full` unless a caller accepts
    ///     losing the last commits on power loss (see `SynchronousMode`).
    /// - Throws: `SQLiteStoreError.openFailed` (missing directory, no permission),
    ///   `.notADatabase` (the file is not SQLite, or is another program's SQLite database
    ///   with tables but no bpmn-inbox schema), `.newerSchema` (written by a newer
    ///   bpmn-inbox), `.migrationFailed`, `.busy`.
    ///   Before an upgrade, a copy of the file is written beside it (see `SchemaMigration`).
    ///   An existing file is checked for damage before anything writes to it (`DatabaseCheck`),
    ///   and a damaged one fails with `.corrupt`.
    public convenience init(path: String, busyTimeout: Double = 5, synchronous: SynchronousMode = .full) throws {
        try self.init(path: path, busyTimeout: busyTimeout, synchronous: synchronous, migrations: Schema.migrations)
    }

    /// Opens an existing database for reading only (`SQLITE_OPEN_READONLY`): nothing writes
    /// the file, a missing file is not created and an older schema is not upgraded. SQLite
    /// creates the `-wal` and `-shm` files when the folder allows it. When it cannot, the store
    /// reads the file with `immutable=1`, but only under the rule of `ImmutableReading`.
    /// Every write fails with `SQLiteStoreError.readOnly`.
    /// - Throws: `SQLiteStoreError.openFailed` for a missing file or a file whose WAL index
    ///   cannot be read (with the reason and what to do), `.olderSchema`, and the errors of
    ///   `init(path:)` except `.migrationFailed`.
    public convenience init(readingOnly path: String, busyTimeout: Double = 5) throws {
        try self.init(path: path, busyTimeout: busyTimeout, synchronous: .full, migrations: Schema.migrations, readOnly: true)
    }

    /// Opens the database with an explicit migration list, for tests of the upgrade path.
    init(
        path: String, busyTimeout: Double, synchronous: SynchronousMode, migrations: [[String]], readOnly: Bool = false
    ) throws {
        self.path = path
        self.synchronous = synchronous
        self.isReadOnly = readOnly
        let seconds = busyTimeout.isNaN ? 0 : min(max(busyTimeout, 0), 3600)
        let milliseconds = Int32((seconds * 1000).rounded())
        if readOnly {
            (connection, readsImmutably) = try Self.openForReading(path: path, busyTimeoutMilliseconds: milliseconds)
        } else {
            connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: milliseconds)
            readsImmutably = false
        }

        // Another process creating the schema of a new file at this moment holds a lock that
        // the busy timeout does not wait for while it switches the file to WAL.
        try Self.retryingWhileBusy(path: path) {
            try DatabaseCheck.verify(connection, path: path)
            try ForeignDatabaseCheck.verify(connection, path: path)
        }
        try configureConnection()
        if readOnly {
            try requireCurrentSchema(migrations)
        } else {
            try migrate(migrations)
        }
    }

    // MARK: Transactions

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE` … `COMMIT`) and rolls back
    /// when it throws, rethrowing the original error.
    ///
    /// A nested call runs in a savepoint of the outer transaction: its writes commit with the
    /// outer transaction, and when its body throws only its own writes are undone.
    /// - Throws: the body's error, `SQLiteStoreError.busy` when the write lock stays taken,
    ///   `.writeInsideReadTransaction` when called inside `readTransaction`.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            guard outermostTransactionWrites else { throw SQLiteStoreError.writeInsideReadTransaction(path: path) }
            return try withSavepoint(body)
        }

        try beginImmediate()
        transactionDepth = 1
        outermostTransactionWrites = true
        defer { transactionDepth = 0 }

        let result: T
        do {
            result = try body()
            try connection.execute("COMMIT", operation: "committing the transaction")
        } catch {
            rollBack()
            throw error
        }
        return result
    }

    /// Runs `body` on one snapshot of the database (`BEGIN DEFERRED`), or inside the
    /// transaction already open on this store.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }

        try connection.execute("BEGIN DEFERRED", operation: "starting a read transaction")
        transactionDepth = 1
        outermostTransactionWrites = false
        defer { transactionDepth = 0 }

        let result: T
        do {
            result = try body()
            try connection.execute("COMMIT", operation: "ending the read transaction")
        } catch {
            rollBack()
            throw error
        }
        return result
    }

    /// Returns a counter that changes when another connection commits to the file (`PRAGMA
    /// data_version`). Poll it to notice changes made by other processes.
    public func dataVersion() throws -> Int {
        Int(try connection.queryInteger("PRAGMA data_version", operation: "reading data_version") ?? 0)
    }

    private func beginImmediate() throws {
        try Self.retryingWhileBusy(path: path) {
            try connection.execute("BEGIN IMMEDIATE", operation: "starting a write transaction")
        }
    }

    /// Runs `step` up to `maximumBeginAttempts` times while it fails with `.busy`, sleeping a
    /// random 50-200 ms times the attempt number in between.
    /// - Throws: `.busy` naming the attempts when every one failed; other errors at once.
    private static func retryingWhileBusy(path: String, _ step: () throws -> Void) throws {
        for attempt in 1...maximumBeginAttempts {
            do {
                try step()
                return
            } catch SQLiteStoreError.busy {
                if attempt == maximumBeginAttempts { break }
                Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.2) * Double(attempt))
            }
        }
        throw SQLiteStoreError.busy(path: path, attempts: maximumBeginAttempts)
    }

    private func withSavepoint<T>(_ body: () throws -> T) throws -> T {
        let name = "nested_\(transactionDepth)"
        try connection.execute("SAVEPOINT \(name)", operation: "starting a nested transaction")
        transactionDepth += 1
        defer { transactionDepth -= 1 }

        do {
            let result = try body()
            try connection.execute("RELEASE \(name)", operation: "ending a nested transaction")
            return result
        } catch {
            try? connection.execute("ROLLBACK TO \(name)", operation: "rolling back a nested transaction")
            try? connection.execute("RELEASE \(name)", operation: "ending a nested transaction")
            throw error
        }
    }

    /// Rolls back after a failure. A failed ROLLBACK is ignored: after some errors (disk
    /// full, I/O error, out of memory) SQLite has already rolled back on its own, and the
    /// caller rethrows the first error either way.
    private func rollBack() {
        try? connection.execute("ROLLBACK", operation: "rolling back")
    }

    // MARK: Opening

    /// WAL pages after which a commit checkpoints (SQLite's `wal_autocheckpoint`).
    static let checkpointPages = 10_000
    /// Bytes the WAL file keeps after a checkpoint (`journal_size_limit`): 64 MiB.
    static let walSizeLimit = 64 * 1024 * 1024

    private func configureConnection() throws {
        if !isReadOnly {
            _ = try connection.query("PRAGMA journal_mode = WAL", operation: "switching to WAL") { $0.text(0) }
            // Checkpoints run in the commit that passes the limit. SQLite's 1,000 pages meant
            // every 50th call, which set the p99 latency (docs/BENCHMARKS.md).
            _ = try connection.query("PRAGMA wal_autocheckpoint = \(raw: String(Self.checkpointPages))", operation: "setting the checkpoint size") { $0.int(0) }
            _ = try connection.query("PRAGMA journal_size_limit = \(raw: String(Self.walSizeLimit))", operation: "limiting the WAL size") { $0.int(0) }
        }
        try connection.execute("PRAGMA synchronous = \(synchronous.rawValue)", operation: "setting synchronous")
        try connection.execute("PRAGMA foreign_keys = ON", operation: "enabling foreign keys")
        // Nested write transactions are savepoints, whose statement journal is a temporary
        // file: in memory it costs a copy per changed page instead of a file write (measured
        // with bpmn-bench: about half the CPU time of a start or invoke call).
        try connection.execute("PRAGMA temp_store = MEMORY", operation: "keeping temporary files in memory")

        let code = SQLiteRegexFunction.register(on: connection.handle)
        guard code == SQLITE_OK else { throw connection.error(code: code, operation: "registering regexp()") }
    }

    func userVersion() throws -> Int {
        Int(try connection.queryInteger("PRAGMA user_version", operation: "reading user_version") ?? 0)
    }
}
