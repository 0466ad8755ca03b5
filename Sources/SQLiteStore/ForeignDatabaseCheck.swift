import Foundation

/// Rejects an SQLite file that some other program made, before the store writes to it.
///
/// Every schema version sets `PRAGMA user_version` in the transaction that creates the
/// tables, so a bpmn-inbox database never has tables at version 0. A version-0 file with
/// tables, views, indexes or triggers belongs to another program, and switching it to WAL
/// or adding tables would change it behind the user's back. A version-0 file without any
/// schema object (a new or 0-byte file) becomes a new database.
enum ForeignDatabaseCheck {
    /// Schema object names listed in the error, at most.
    static let listedNameLimit = 5

    /// Checks the file behind `connection`, which must not have written anything yet.
    /// - Throws: `SQLiteStoreError.notADatabase` naming some of the file's tables.
    static func verify(_ connection: SQLiteConnection, path: String) throws {
        // One statement reads both values from one snapshot, so a bpmn-inbox process that
        // creates the schema at the same moment is never seen half-way.
        let rows = try connection.query(
            SQLFragment(
                sql: """
                    SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT group_concat(name, ', ') FROM
                            (SELECT name FROM sqlite_master ORDER BY type = 'table' DESC, name LIMIT \(listedNameLimit))),
                        (SELECT count(*) FROM sqlite_master)
                    """),
            operation: "checking that the file is a bpmn-inbox database"
        ) { row in (version: row.int(0), names: row.text(1) ?? "", count: row.int(2)) }

        guard let found = rows.first, found.version == 0, found.count > 0 else { return }
        let more = found.count > listedNameLimit ? " and \(found.count - listedNameLimit) more" : ""
        throw SQLiteStoreError.notADatabase(
            path: path,
            message: "it is an SQLite database of another program, with \(found.names)\(more) and no bpmn-inbox schema")
    }
}
