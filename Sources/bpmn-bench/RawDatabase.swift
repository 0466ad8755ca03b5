import CSQLite
import Foundation

/// A plain SQLite connection for generating benchmark data in bulk with SQL, next to the
/// engine's own store. It never runs inside an engine call.
final class RawDatabase {
    let path: String
    private let handle: OpaquePointer

    /// Opens the existing database at `path` (the engine creates the schema first).
    init(path: String) throws {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE, nil)
        guard code == SQLITE_OK, let opened else {
            sqlite3_close_v2(opened)
            throw BenchError.unexpected("cannot open \(path) for data generation: \(String(cString: sqlite3_errstr(code)))")
        }
        self.path = path
        self.handle = opened
        sqlite3_busy_timeout(opened, 10_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text, which may hold several statements.
    /// - Throws: `BenchError.unexpected` with SQLite's message and the start of the SQL.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw BenchError.unexpected("SQL failed on \(path): \(text)\nin: \(sql.prefix(300))")
        }
    }

    /// Runs a query and returns its first column of the first row as an integer (0 when no row).
    func integer(_ sql: String) throws -> Int {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchError.unexpected("SQL failed on \(path): \(String(cString: sqlite3_errmsg(handle)))\nin: \(sql)")
        }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? Int(sqlite3_column_int64(statement, 0)) : 0
    }

    /// Returns the names of the columns of `table`, in order.
    func columns(of table: String) throws -> [String] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "PRAGMA table_info(\(table))", -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchError.unexpected("cannot read the columns of \(table) in \(path)")
        }
        defer { sqlite3_finalize(statement) }
        var names: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            names.append(String(cString: sqlite3_column_text(statement, 1)))
        }
        return names
    }
}
