import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The rule for reading a database with SQLite's `immutable=1` when a read-only open fails
/// because SQLite cannot open or create the WAL index (the `-shm` file) next to it.
///
/// `immutable=1` takes no locks and ignores the `-wal` file, so it is correct only while no
/// process can change the database. The store uses it only when both hold:
/// - the `-wal` file is missing or empty, so the main file contains every commit;
/// - nobody can write in WAL mode: the file system is mounted read-only, the database or
///   its folder has the immutable attribute (`chattr +i`), or the folder has no write
///   permission for its owner, its group or others. A writer needs to create the `-wal` and
///   `-shm` files in that folder, which such a folder does not allow.
///
/// Only root ignores permission bits. A folder owner who makes the folder writable again
/// and writes while a read runs can make that read fail or return stale rows; docs/RELIABILITY.md
/// states this limit.
enum ImmutableReading {
    /// Returns nil when the file at `path` may be read with `immutable=1`, or else the reason
    /// it may not, as a clause for an error message.
    static func rejectionReason(path: String) -> String? {
        let wal = path + "-wal"
        if let size = fileSize(wal), size > 0 {
            return "'\(wal)' holds commits that are not in the database file yet, and reading them needs "
                + "the index file '\(path)-shm', which this user may not create"
        }

        let folder = folderOf(path)
        if isOnReadOnlyFileSystem(folder) || hasImmutableAttribute(path) || hasImmutableAttribute(folder) {
            return nil
        }
        if let mode = permissionBits(folder), mode & 0o222 == 0 {
            return nil
        }
        return "another process may write it at any time, because its folder '\(folder)' is writable for some "
            + "user, and this user may not create the index file '\(path)-shm' there"
    }

    static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    private static func permissionBits(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    private static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// `FS_IOC_GETFLAGS` from `<linux/fs.h>`, `_IOR('f', 1, long)` on 64-bit Linux, which
    /// Swift does not import because it is a function-like macro.
    private static let getFlagsRequest: UInt = 0x8008_6601
    /// `FS_IMMUTABLE_FL` from `<linux/fs.h>`: the file may not be changed, not even by root.
    private static let immutableFlag: CInt = 0x10

    /// Returns whether the file or folder has the Linux immutable attribute. False when the
    /// file system does not support attributes.
    private static func hasImmutableAttribute(_ path: String) -> Bool {
        #if os(Linux)
            let descriptor = open(path, O_RDONLY | O_NONBLOCK)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var flags: CInt = 0
            guard ioctl(descriptor, getFlagsRequest, &flags) == 0 else { return false }
            return flags & immutableFlag != 0
        #else
            return false
        #endif
    }
}
