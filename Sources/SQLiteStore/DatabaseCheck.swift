import CSQLite
import Foundation

/// Detects a damaged database file when it is opened, before anything writes to it.
///
/// Every open of an existing file runs `PRAGMA quick_check`, which reads every page but skips
/// the index-content comparison of `integrity_check`. Its cost is linear in the file size
/// (about 0.05 s for an 83 MB file with a warm page cache, measured with the sqlite3 3.40
/// shell), so files above `maximumQuickCheckBytes` get a cheaper check of the 100-byte header
/// instead: page size and page count against the file size.
enum DatabaseCheck {
    /// Files larger than this skip `quick_check` at open, so opening a large inbox stays fast;
    /// `SQLiteStore.integrityCheck()` still checks them on request.
    static let maximumQuickCheckBytes: Int64 = 256 * 1024 * 1024

    /// The problems `quick_check` lists at most; the first few are enough to name the damage.
    static let reportedProblemLimit = 5

    /// Checks the file behind `connection`, which must not have written anything yet.
    /// - Throws: `SQLiteStoreError.corrupt` naming what is wrong, `.notADatabase` when the
    ///   header is not SQLite's.
    static func verify(_ connection: SQLiteConnection, path: String) throws {
        let size = fileSize(path)
        guard size > 0 else { return }

        guard size <= maximumQuickCheckBytes else {
            try checkHeaderTwice(path: path)
            return
        }

        let problems = try connection.query(
            SQLFragment(sql: "PRAGMA quick_check(\(reportedProblemLimit))"), operation: "checking the file (quick_check)"
        ) { $0.text(0) ?? "" }
        guard problems != ["ok"] else { return }
        throw SQLiteStoreError.corrupt(path: path, detail: "quick_check found: " + problems.joined(separator: "; "))
    }

    /// Checks the header, and once more after a pause when it looks wrong. Another process's
    /// checkpoint writes page 1 before the pages that grow the file, so a read in between
    /// finds a page count larger than the file for a moment.
    private static func checkHeaderTwice(path: String) throws {
        do {
            try checkHeader(path: path, size: fileSize(path))
        } catch {
            Thread.sleep(forTimeInterval: 0.2)
            try checkHeader(path: path, size: fileSize(path))
        }
    }

    /// Reads the header fields that tell whether the file was truncated or overwritten.
    static func checkHeader(path: String, size: Int64) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())

        let magic = Array("SQLite format 3\0".utf8)
        guard header.count == 100, Array(header[0..<16]) == magic else {
            // SQLite itself reports a file that is not a database when it first reads it.
            return
        }

        let rawPageSize = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            throw SQLiteStoreError.corrupt(path: path, detail: "the header gives an invalid page size \(rawPageSize)")
        }
        guard size % pageSize == 0 else {
            throw SQLiteStoreError.corrupt(
                path: path, detail: "the file size \(size) bytes is not a multiple of the page size \(pageSize)")
        }

        let changeCounter = bigEndian(header, at: 24)
        let pageCount = bigEndian(header, at: 28)
        let validFor = bigEndian(header, at: 92)
        // The page count in the header is valid only when written by the same change.
        guard pageCount > 0, validFor == changeCounter else { return }
        if pageCount * pageSize > size {
            throw SQLiteStoreError.corrupt(
                path: path,
                detail: "the header counts \(pageCount) pages of \(pageSize) bytes but the file has only \(size) "
                    + "bytes, so it was truncated")
        }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int64 {
        bytes[offset..<offset + 4].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    private static func fileSize(_ path: String) -> Int64 {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return Int64(status.st_size)
    }
}

extension SQLiteStore {
    /// Runs SQLite's full `PRAGMA integrity_check` on the file.
    /// - Returns: `["ok"]` for an intact file, else up to `limit` problem descriptions.
    /// - Throws: `SQLiteStoreError.corrupt` when SQLite cannot even read the pages it checks.
    public func integrityCheck(limit: Int = 20) throws -> [String] {
        try connection.query(SQLFragment(sql: "PRAGMA integrity_check(\(max(limit, 1)))"), operation: "checking integrity") {
            $0.text(0) ?? ""
        }
    }
}
