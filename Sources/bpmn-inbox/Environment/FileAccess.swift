import Foundation

/// Plain-word reasons why a file cannot be read or a folder cannot take new files, found with
/// `open(2)`, `access(2)` and `errno`. Foundation's errors are not used for this because on
/// Linux their text is "The operation could not be completed", which names neither the cause
/// nor the fix.
enum FileAccess {
    /// Returns why this process cannot read the file or folder at `path`, or nil when it can.
    /// `noun` names it in the reason, such as "the folder".
    static func readProblem(_ path: String, noun: String = "the file") -> String? {
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            close(descriptor)
            return nil
        }
        return reason(errno, permission: "user \(currentUser) may not read \(noun)")
    }

    /// Returns why this process cannot create files in `folder`, or nil when it can. An empty
    /// `folder` is the working folder.
    static func createProblem(inFolder folder: String) -> String? {
        let target = folder.isEmpty ? "." : folder
        guard access(target, W_OK | X_OK) != 0 else { return nil }
        return reason(errno, permission: "user \(currentUser) may not create files in '\(target)'")
    }

    /// Returns the first problem with reading the folder `folder` or one of its files whose
    /// name ends with `suffix`, with the path it concerns, or nil when all can be read.
    static func readProblem(inFolder folder: String, suffix: String) -> (path: String, problem: String)? {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            let problem = readProblem(folder, noun: "the folder") ?? "its entries cannot be listed"
            return (folder, problem)
        }

        for name in names.filter({ $0.hasSuffix(suffix) }).sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            if let problem = readProblem(path) { return (path, problem) }
        }
        return nil
    }

    /// Returns the nearest folder above `path` that exists, where creating the missing
    /// folders of `path` starts; "" for the working folder.
    static func nearestExistingFolder(above path: String) -> String {
        var folder = ParentFolder.of(path)
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            folder = ParentFolder.of(folder)
        }
        return folder
    }

    /// The user this process runs as, quoted, such as `'ana'`, or `uid 1001` without a
    /// password entry.
    static var currentUser: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return "'\(String(cString: name))'"
    }

    /// Returns the reason for an `errno` value in plain words. `permission` names who may not
    /// do what, for EACCES and EPERM.
    private static func reason(_ code: Int32, permission: String) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied: \(permission)"
        case EROFS: return "the file system is mounted read-only"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder, not a file"
        case ELOOP: return "the path has too many symbolic links (a link loop)"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(code))
        }
    }
}
