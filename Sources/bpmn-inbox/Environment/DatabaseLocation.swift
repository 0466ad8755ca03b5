import Foundation

/// The location of the SQLite database. `--db` wins over `$BPMN_INBOX_DB`, which wins over the
/// XDG data folder (`$XDG_DATA_HOME/bpmn-inbox/inbox.sqlite`, by default
/// `~/.local/share/bpmn-inbox/inbox.sqlite`).
enum DatabaseLocation {
    static let environmentVariable = "BPMN_INBOX_DB"

    /// Returns the database path for the given flag value and environment.
    /// - Parameter home: the home folder, used when `XDG_DATA_HOME` is unset or relative.
    static func resolve(flag: String?, environment: [String: String], home: String) -> String {
        if let flag { return flag }
        if let variable = environment[environmentVariable], !variable.isEmpty { return variable }

        // The XDG Base Directory specification treats a relative path in these variables as invalid.
        var dataHome = environment["XDG_DATA_HOME"] ?? ""
        if !dataHome.hasPrefix("/") {
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return (dataHome as NSString).appendingPathComponent("bpmn-inbox/inbox.sqlite")
    }

    /// Creates the folders above `path` that do not exist yet.
    /// - Throws: `CommandFailure` naming the folder and the system's reason.
    static func createParentFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
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
