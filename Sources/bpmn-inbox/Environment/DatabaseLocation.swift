import Foundation

/// The location of the SQLite database. `--db` wins over `$BPMN_INBOX_DB`, which wins over the
/// XDG data folder (`$XDG_DATA_HOME/bpmn-inbox/inbox.sqlite`, by default
/// `~/.local/share/bpmn-inbox/inbox.sqlite`).
enum DatabaseLocation {
    static let environmentVariable = "BPMN_INBOX_DB"

    /// Returns the database path for the given flag value and environment.
    /// - Parameter home: the home folder, used when `XDG_DATA_HOME` is unset or relative.
    /// - Throws: `UsageError` when `$BPMN_INBOX_DB` is set to an empty string, because SQLite
    ///   would open a temporary database for it and lose every change.
    static func resolve(flag: String?, environment: [String: String], home: String) throws -> String {
        if let flag { return flag }
        if let variable = environment[environmentVariable] {
            guard !variable.isEmpty else {
                throw UsageError(
                    "\(environmentVariable) is set but empty; set it to a database file path, such as "
                        + "\(environmentVariable)=~/inbox.sqlite, or unset it to use the default database")
            }
            return variable
        }

        // The XDG Base Directory specification treats a relative path in these variables as invalid.
        var dataHome = environment["XDG_DATA_HOME"] ?? ""
        if !dataHome.hasPrefix("/") {
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return (dataHome as NSString).appendingPathComponent("bpmn-inbox/inbox.sqlite")
    }

    /// Rejects a path that names a folder, existing or written with a trailing `/`, because
    /// SQLite then fails with only "unable to open database file".
    /// - Throws: `CommandFailure` naming the path and a file path to use instead.
    static func checkIsNotFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        let existsAsFolder = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        guard existsAsFolder || path.hasSuffix("/") else { return }

        let reason = existsAsFolder ? "it is a folder, not a file" : "the path ends with '/', so it names a folder"
        let suggestion = (path as NSString).appendingPathComponent("inbox.sqlite")
        throw CommandFailure(
            "cannot open the database '\(path)': \(reason); give a file path, such as '\(suggestion)', "
                + "with --db or \(environmentVariable)")
    }

    /// Creates the folders above `path` that do not exist yet.
    /// - Throws: `CommandFailure` naming the folder and the system's reason.
    static func createParentFolder(of path: String) throws {
        let folder = ParentFolder.of(path)
        guard !folder.isEmpty else { return }

        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw CommandFailure(
                    "cannot create the database '\(path)': '\(folder)' is a file, not a folder; "
                        + "choose another path with --db")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(
                "cannot create the folder '\(folder)' for the database: \(error.localizedDescription); "
                    + "choose another path with --db or \(environmentVariable)")
        }
    }
}
