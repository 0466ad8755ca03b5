import Foundation

/// The check whether a job-control shell can continue this process after Ctrl-Z stops it.
enum JobControl {
    /// Returns true when the parent of this process, or of an ancestor in its process group, is
    /// outside the group but in the same session. That parent is a shell that runs the group as
    /// a job and waits for it to stop. Otherwise the group is orphaned, and the kernel discards
    /// SIGTSTP for it, so nothing would stop.
    ///
    /// NOTE: only this process's line of ancestors is checked, not other members of the group,
    /// so a group kept alive by a sibling's parent counts as orphaned.
    static func hasJobControlShell() -> Bool {
        let group = getpgrp()
        let session = getsid(0)
        var process = getpid()
        var parent = getppid()

        while parent > 1 {
            let parentGroup = getpgid(parent)
            guard parentGroup >= 0 else { return false }
            if parentGroup != group {
                return getsid(parent) == session
            }
            process = parent
            guard let next = parentProcessId(of: process) else { return false }
            parent = next
        }
        return false
    }

    /// Returns the parent process id from `/proc/PID/stat`, or nil when it cannot be read.
    /// The command name in that line is in parentheses and may contain spaces and parentheses,
    /// so the fields are read after the last `)`.
    private static func parentProcessId(of process: pid_t) -> pid_t? {
        guard let line = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
            let nameEnd = line.lastIndex(of: ")")
        else { return nil }

        // After the name come the state and then the parent id.
        let fields = line[line.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 1 else { return nil }
        return pid_t(fields[1])
    }
}
