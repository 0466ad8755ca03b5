import CSQLite
import Foundation

/// One open SQLite connection with a cache of prepared statements, keyed by SQL text.
///
/// Not thread-safe: use a connection from one thread at a time.
final class SQLiteConnection {
    let path: String
    let handle: OpaquePointer

    /// Prepared statements kept for reuse. A statement in use is taken out of the cache, so a
    /// nested use of the same SQL prepares a second statement instead of resetting the first.
    private var cachedStatements: [String: SQLiteStatement] = [:]
    private var lastUse: [String: Int] = [:]
    private var useCounter = 0

    /// Maximum number of prepared statements kept. Beyond it, the least recently used one is
    /// finalized.
    static let statementCacheCapacity = 64

    /// The mode in which a connection opens its file.
    enum Access {
        /// Read and write, creating the file when missing.
        case readWrite
        /// `SQLITE_OPEN_READONLY`: never writes the file and never creates it. SQLite still
        /// creates the `-wal` and `-shm` files of a WAL database when the folder allows it.
        case readOnly
        /// `SQLITE_OPEN_READONLY` with the URI parameter `immutable=1`: SQLite takes no locks,
        /// ignores the `-wal` file and needs no `-shm` file, so it reads only what the main
        /// file holds. Safe only while no process can change the file (`ImmutableReading`).
        case immutable
    }

    /// Opens the database file at `path`, creating it when missing unless `access` is
    /// read-only.
    /// - Throws: `SQLiteStoreError.openFailed` naming the path and SQLite's message.
    init(path: String, busyTimeoutMilliseconds: Int32, access: Access = .readWrite) throws {
        var opened: OpaquePointer?
        let code: Int32
        switch access {
        case .readWrite:
            code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        case .readOnly:
            code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READONLY, nil)
        case .immutable:
            code = sqlite3_open_v2(Self.immutableURI(path), &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        }
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteStoreError.openFailed(path: path, message: message)
        }
        self.path = path
        self.handle = opened
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
    }

    deinit {
        cachedStatements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Returns the URI filename of `path` with `immutable=1`. The path is percent-encoded,
    /// because SQLite reads `?`, `#` and `%` in a URI filename as syntax.
    private static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(encoded)?immutable=1"
    }

    /// Reads the schema and returns SQLite's extended result code: `SQLITE_OK` when the file
    /// can be read. A WAL database whose `-shm` file can neither be opened nor created fails
    /// here with `SQLITE_CANTOPEN` or an `SQLITE_READONLY` code.
    func readProbe() -> Int32 {
        let code = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nil, nil, nil)
        return code == SQLITE_OK ? code : sqlite3_extended_errcode(handle)
    }

    /// Runs SQL text without parameters, which may contain several statements.
    func execute(_ sql: String, operation: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw error(code: code, message: text, operation: operation)
        }
    }

    /// Runs one statement that returns no rows of interest.
    func run(_ fragment: SQLFragment, operation: String) throws {
        _ = try query(fragment, operation: operation) { _ in () }
    }

    /// Runs one statement and maps each result row with `decode`.
    func query<T>(
        _ fragment: SQLFragment, operation: String, decode: (SQLiteRow) throws -> T
    ) throws -> [T] {
        let statement = try checkOutStatement(fragment.sql, operation: operation)
        defer { checkIn(statement) }

        let bindCode = statement.bind(fragment.bindings)
        guard bindCode == SQLITE_OK else { throw error(code: bindCode, operation: operation) }

        var rows: [T] = []
        while true {
            let code = statement.step()
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw error(code: code, operation: operation) }
            rows.append(try decode(SQLiteRow(statement: statement.handle)))
        }
    }

    /// Runs a query and returns the first column of its first row as an integer, or nil when
    /// there is no row.
    func queryInteger(_ fragment: SQLFragment, operation: String) throws -> Int64? {
        try query(fragment, operation: operation) { $0.int64(0) }.first
    }

    /// Builds the typed error for a failed call. Without `message`, it reads the connection's
    /// last error message.
    func error(code: Int32, message: String? = nil, operation: String) -> SQLiteStoreError {
        let text = message ?? String(cString: sqlite3_errmsg(handle))
        switch code & 0xff {
        case SQLITE_NOTADB: return .notADatabase(path: path, message: text)
        case SQLITE_BUSY: return .busy(path: path, attempts: 1)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: "\(operation) failed: \(text)")
        case SQLITE_FULL: return .diskFull(path: path, operation: operation)
        case SQLITE_IOERR: return .ioError(path: path, operation: operation, message: withSystemError(text))
        case SQLITE_READONLY where sqlite3_db_readonly(handle, "main") == 1:
            // SQLite opened the file read-only because this process may not write it. A
            // connection made read-only on purpose (`rejectWrites`) keeps `.statementFailed`.
            return .readOnly(path: path, operation: operation)
        default: return .statementFailed(path: path, operation: operation, code: code, message: text)
        }
    }

    /// Appends the operating system's error text (such as "File too large") when SQLite
    /// recorded an errno for the last failure.
    private func withSystemError(_ text: String) -> String {
        let number = sqlite3_system_errno(handle)
        guard number != 0 else { return text }
        return "\(text): \(String(cString: strerror(number)))"
    }

    private func checkOutStatement(_ sql: String, operation: String) throws -> SQLiteStatement {
        if let cached = cachedStatements.removeValue(forKey: sql) { return cached }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw error(code: code, operation: operation) }
        return SQLiteStatement(handle: prepared, sql: sql)
    }

    /// Resets `statement` and returns it to the cache, finalizing the least recently used
    /// statement when the cache is full.
    private func checkIn(_ statement: SQLiteStatement) {
        statement.reset()
        useCounter += 1
        lastUse[statement.sql] = useCounter
        cachedStatements[statement.sql] = statement
        guard cachedStatements.count > Self.statementCacheCapacity,
            let oldest = cachedStatements.keys.min(by: { lastUse[$0, default: 0] < lastUse[$1, default: 0] })
        else { return }
        cachedStatements.removeValue(forKey: oldest)
        lastUse.removeValue(forKey: oldest)
    }
}

/// A prepared statement, finalized when released.
final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1...n and returns SQLite's result code.
    func bind(_ values: [SQLiteValue]) -> Int32 {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = text.withCString { pointer in
                    sqlite3_bind_text(handle, index, pointer, Int32(text.utf8.count), bi_sqlite_transient())
                }
            }
            if code != SQLITE_OK { return code }
        }
        return SQLITE_OK
    }

    func step() -> Int32 {
        sqlite3_step(handle)
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

/// The current row of a stepping statement. It is valid only inside the `decode` closure.
struct SQLiteRow {
    let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement, column))
    }

    /// Returns the column as UTF-8 text, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
