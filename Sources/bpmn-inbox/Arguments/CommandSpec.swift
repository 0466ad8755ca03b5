/// A positional argument of a command.
struct ArgumentSpec: Equatable {
    var name: String
    var help: String
    /// A variadic argument takes one or more words and must be the last argument.
    var isVariadic = false
    /// The only words the argument accepts, which shell completion offers; empty for free text.
    var choices: [String] = []
    /// An optional argument may be left out; only the last argument may be optional.
    var isOptional = false
    /// The usage error for an empty or blank argument; nil gives the generic "is empty" error.
    var emptyValueError: String? = nil
}

/// A subcommand: the words that select it, its arguments and options, and its help text.
struct CommandSpec: Equatable {
    /// The words that name the command, such as `["model", "import"]`.
    var path: [String]
    var summary: String
    /// Paragraphs printed after the usage line in `--help`.
    var discussion: String
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    /// Options the command cannot run without, such as `--assignment` of `assign`.
    var requiredOptions: [OptionSpec] = []

    var name: String { path.joined(separator: " ") }

    /// Returns whether `option` may be given with this command (global options always may).
    /// Options are matched by name, so a command may list its own spec of a shared name
    /// (`--all` of `delete`) with help text of its own.
    func accepts(_ option: OptionSpec) -> Bool {
        Options.global.contains(option) || options.contains { $0.name == option.name }
    }

    /// The synopsis after the tool name: `start MODEL [--data JSON] [--json]`.
    var synopsis: String { synopsisParts.joined(separator: " ") }

    /// The words of the synopsis; a bracketed option such as `[--data JSON]` is one part.
    var synopsisParts: [String] {
        var parts = path
        for argument in arguments {
            let word = argument.isVariadic ? "\(argument.name)..." : argument.name
            parts.append(argument.isOptional ? "[\(word)]" : word)
        }
        for option in options {
            parts.append(requiredOptions.contains(option) ? option.synopsis : "[\(option.synopsis)]")
        }
        return parts
    }
}

/// A word that groups subcommands, such as `model`.
struct CommandGroup {
    var name: String
    var summary: String
    var subcommands: [CommandSpec]
}
