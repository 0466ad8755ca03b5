/// The request a command line makes: help, the version, the inbox or one command.
enum Invocation: Equatable {
    /// Print the help of a command, of a group (`model`), or of the tool when both are nil.
    case help(command: CommandSpec?, groupName: String?)
    case version
    /// Open the inbox: no command word was given.
    case inbox(ParsedArguments)
    case run(CommandSpec, ParsedArguments)
}

/// The option values and positional arguments of one command line.
struct ParsedArguments: Equatable {
    /// Positional arguments after the command words.
    var arguments: [String] = []
    /// Values by option name; a flag has one empty value per occurrence.
    var values: [String: [String]] = [:]

    /// Returns the value of an option that takes one, or nil when it was not given.
    func value(_ option: OptionSpec) -> String? {
        values[option.name]?.last
    }

    /// Returns every value of a repeatable option, in command-line order.
    func allValues(_ option: OptionSpec) -> [String] {
        values[option.name] ?? []
    }

    func flag(_ option: OptionSpec) -> Bool {
        values[option.name] != nil
    }
}
