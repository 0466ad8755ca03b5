import Foundation

/// Standard output for results and standard error for problems.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `bpmn-inbox: error: <message>` to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("bpmn-inbox: error: \(message)\n".utf8))
    }

    /// Writes a line without the error prefix to standard error, such as a usage hint.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether standard input and output are both terminals, as the inbox needs.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }
}
