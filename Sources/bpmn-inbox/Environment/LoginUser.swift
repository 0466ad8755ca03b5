import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The operating-system account the tool runs as: the default inbox user.
enum LoginUser {
    /// Returns the login name of the effective user, or `$USER` when the account has no passwd entry.
    static func name() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "user"
    }

    /// Returns the home folder of the effective user: `$HOME`, else its passwd entry.
    static func homeFolder() -> String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir {
            return String(cString: directory)
        }
        return NSHomeDirectory()
    }

    /// Returns the names of the Unix groups of `userName`, primary group first, or none when
    /// the system has no such account.
    static func groups(of userName: String) -> [String] {
        guard let entry = getpwnam(userName) else { return [] }
        let primary = entry.pointee.pw_gid

        var count: Int32 = 32
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(userName, primary, &ids, &count) == -1 {
            // The first call stored the real count; retry with a buffer of that size.
            ids = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(userName, primary, &ids, &count) != -1 else { return [] }
        }

        var names: [String] = []
        for id in ids.prefix(Int(count)) {
            guard let group = getgrgid(id), let name = group.pointee.gr_name else { continue }
            let text = String(cString: name)
            if !names.contains(text) { names.append(text) }
        }
        return names
    }
}
