import Foundation

/// The width of the terminal that standard output shows on.
enum TerminalColumns {
    /// Returns the terminal's columns from `TIOCGWINSZ` on standard output, else `$COLUMNS`,
    /// else nil (output to a file or pipe with no `$COLUMNS`).
    static func current() -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }
}
