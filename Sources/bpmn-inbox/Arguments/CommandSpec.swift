/// A positional argument of a command.
struct ArgumentSpec: Equatable {
    var name: String
    var help: String
    /// A variadic argument takes one or more words and must be the last argument.
    var isVariadic = false
    /// The only words the argument accepts, which shell completion offers; empty for free text.
    var choices: [String] = []
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
    func accepts(_ option: OptionSpec) -> Bool {
        Options.global.contains(option) || options.contains(option)
    }

    /// The synopsis after the tool name: `start MODEL [--data JSON] [--json]`.
    var synopsis: String { synopsisParts.joined(separator: " ") }

    /// The words of the synopsis; a bracketed option such as `[--data JSON]` is one part.
    var synopsisParts: [String] {
        var parts = path
        for argument in arguments {
            parts.append(argument.isVariadic ? "\(argument.name)..." : argument.name)
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
