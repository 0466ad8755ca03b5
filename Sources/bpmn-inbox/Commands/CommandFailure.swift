/// An operation that failed for a reason other than the command line's form: a missing file,
/// an engine error, a database that cannot be opened. The tool exits with `status`, 1 unless
/// the command chose another (3 for a message that reached no receiver).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    /// Set when the command already printed its errors, so only the exit status is left.
    var isReported: Bool
    var status: Int32

    init(_ message: String, isReported: Bool = false, status: Int32 = ExitStatus.failure) {
        self.message = message
        self.isReported = isReported
        self.status = status
    }

    var description: String { message }
}

/// Exit statuses of the tool.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    /// A message that no waiting item and no start event received; nothing was stored.
    static let notDelivered: Int32 = 3
    /// The access rules or `--read-only` rejected the operation; nothing was changed.
    static let refused: Int32 = 4
}

/// The message of any error the tool reports.
enum ErrorText {
    static func describe(_ error: Error) -> String {
        String(describing: error)
    }
}
