/// A command line that cannot be run as written. The tool prints the message with a pointer to
/// the help of `command` (the whole tool when nil) and exits with status 2.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var message: String
    /// The command whose usage the hint shows, as far as it was recognised.
    var command: CommandSpec?
    /// The group whose subcommands the hint lists, when the subcommand is missing or unknown.
    var groupName: String?

    init(_ message: String, command: CommandSpec? = nil, groupName: String? = nil) {
        self.message = message
        self.command = command
        self.groupName = groupName
    }

    var description: String { message }

    /// The lines printed after the error: the usage line and where to read more.
    var hint: String {
        if let command {
            return "usage: bpmn-inbox \(command.synopsis)\n"
                + "Run 'bpmn-inbox \(command.name) --help' for details."
        }
        if let groupName {
            return "Run 'bpmn-inbox \(groupName) --help' for its subcommands."
        }
        return "Run 'bpmn-inbox --help' for the list of commands."
    }
}
