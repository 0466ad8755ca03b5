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
    /// - Throws: `CommandFailure` naming the folder, the reason in plain words and what to do.
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
            let existing = FileAccess.nearestExistingFolder(above: folder)
            let reason = FileAccess.createProblem(inFolder: existing) ?? "\(error)"
            throw CommandFailure(
                "cannot create the folder '\(folder)' for the database: \(reason); "
                    + "choose a path in a folder you may write with --db or \(environmentVariable)")
        }
    }

    /// Rejects a database that SQLite could open only with "unable to open database file" or
    /// "attempt to write a readonly database": a file this user may not read, or a folder
    /// where this user may not create files. SQLite needs the folder even to read, because
    /// it keeps the `-wal` and `-shm` files of WAL mode next to the database, unless both exist
    /// already and are writable. A file without write permission passes, because SQLite opens
    /// it read-only and reports each write.
    /// - Throws: `CommandFailure` naming the path, the reason and what to do.
    static func checkAccess(_ path: String) throws {
        try checkReadable(path)

        let folder = ParentFolder.of(path)
        let sidecarsWritable = ["-wal", "-shm"].allSatisfy { access(path + $0, R_OK | W_OK) == 0 }
        if !sidecarsWritable, let problem = FileAccess.createProblem(inFolder: folder) {
            let folderName = folder.isEmpty ? "the working folder" : "'\(folder)'"
            throw CommandFailure(
                "cannot open the database '\(path)': \(problem), and SQLite keeps its -wal and -shm files "
                    + "there; choose a path in a folder you may write with --db or \(environmentVariable), "
                    + "make \(folderName) writable for this user, or add --read-only to only read the database")
        }
    }

    /// Rejects an existing database file this user may not read.
    /// - Throws: `CommandFailure` naming the path, the reason and what to do.
    static func checkReadable(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path), let problem = FileAccess.readProblem(path) else { return }
        throw CommandFailure(
            "cannot open the database '\(path)': \(problem); make it readable for this user "
                + "(chmod u+r, as its owner) or choose another file with --db or \(environmentVariable)")
    }
}
