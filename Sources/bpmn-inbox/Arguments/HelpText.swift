/// The `--help` pages of the tool, its command groups and its commands.
enum HelpText {
    static let version = "0.1.0"

    /// The page of `bpmn-inbox --help`.
    static var tool: String {
        var lines = [
            "bpmn-inbox \(version): a terminal task inbox with its own BPMN 2.0 workflow engine.",
            "",
            "Usage:",
            "  bpmn-inbox [GLOBAL OPTIONS]                 open the inbox",
            "  bpmn-inbox [GLOBAL OPTIONS] COMMAND [...]    run one operation and exit",
            "",
            "Commands:",
        ]
        let commands = CommandCatalog.all
        let width = commands.map { $0.name.count }.max() ?? 0
        let summaryColumn = width + 4
        for command in commands {
            // Long summaries wrap under the summary column, so the page fits 80 columns.
            let wrapped = wrap(command.summary, width: max(30, pageWidth - summaryColumn))
            for (index, text) in wrapped.enumerated() {
                let lead = index == 0 ? "  " + pad(command.name, to: width) + "  " : String(repeating: " ", count: summaryColumn)
                lines.append(lead + text)
            }
        }
        lines += ["", "Global options (before or after the command):"]
        lines += optionLines(Options.global + [helpOption, versionOption])
        lines += [
            "",
            "Queries are MongoDB-style JSON objects over instance fields (id, name, status,",
            "startedAt, ...), instance data (\"data.caseId\") and item fields",
            "(\"items.elementId\"). Run 'bpmn-inbox COMMAND --help' for the options of one",
            "command.",
            "",
            "Exit status: 0 on success, 1 when an operation fails, 2 for a command-line",
            "error such as an unknown option or invalid JSON, 3 when a query matched",
            "nothing (no waiting item, no instance, a message nobody received), 4 when",
            "the access rules refused the operation.",
        ]
        return lines.joined(separator: "\n")
    }

    /// Returns the page of `bpmn-inbox model --help`.
    static func group(_ group: CommandGroup) -> String {
        var lines = ["Usage: bpmn-inbox \(group.name) SUBCOMMAND [...]", "", group.summary.capitalizedFirst + ".", "", "Subcommands:"]
        let width = group.subcommands.map { $0.path[1].count }.max() ?? 0
        for command in group.subcommands {
            lines.append("  " + pad(command.path[1], to: width) + "  " + command.summary)
        }
        lines += ["", "Run 'bpmn-inbox \(group.name) SUBCOMMAND --help' for its options."]
        return lines.joined(separator: "\n")
    }

    /// Returns the page of `bpmn-inbox COMMAND --help`.
    static func command(_ command: CommandSpec) -> String {
        let usage = ["Usage:", "bpmn-inbox", "[GLOBAL OPTIONS]"] + command.synopsisParts
        var lines = wrap(parts: usage, width: pageWidth, indent: "      ")
        lines.append("")
        for paragraph in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            // Indented lines are examples, printed as written.
            if paragraph.hasPrefix("  ") || paragraph.isEmpty {
                lines.append(String(paragraph))
            } else {
                lines += wrap(String(paragraph), width: pageWidth)
            }
        }
        lines += CommandExamples.lines(for: command)
        if !command.arguments.isEmpty {
            lines += ["", "Arguments:"]
            let width = command.arguments.map { $0.name.count }.max() ?? 0
            for argument in command.arguments {
                lines.append("  " + pad(argument.name, to: width) + "  " + argument.help)
            }
        }
        if !command.options.isEmpty {
            lines += ["", "Options:"]
            lines += optionLines(command.options)
        }
        lines += ["", "Global options:"]
        lines += optionLines(Options.global + [helpOption])
        return lines.joined(separator: "\n")
    }

    /// Returns the help page of a command, of a group, or of the whole tool when both are nil.
    static func page(command: CommandSpec?, groupName: String?) -> String {
        if let command { return self.command(command) }
        if let match = CommandCatalog.groups.first(where: { $0.name == groupName }) { return group(match) }
        return tool
    }

    /// Help lines fit an 80-column terminal.
    private static let pageWidth = 79

    private static let helpOption = OptionSpec(name: "-h, --help", valueName: nil, help: "show this help")
    private static let versionOption = OptionSpec(name: "--version", valueName: nil, help: "print the version")

    /// Aligned `  --opt VALUE   help` lines; long help wraps under the help column.
    private static func optionLines(_ options: [OptionSpec]) -> [String] {
        let width = options.map { $0.synopsis.count }.max() ?? 0
        let helpColumn = width + 4
        var lines: [String] = []
        for option in options {
            let wrapped = wrap(option.help, width: max(30, pageWidth - helpColumn))
            for (index, text) in wrapped.enumerated() {
                let lead = index == 0 ? "  " + pad(option.synopsis, to: width) + "  " : String(repeating: " ", count: helpColumn)
                lines.append(lead + text)
            }
        }
        return lines
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Splits text into lines of at most `width` characters at spaces.
    private static func wrap(_ text: String, width: Int) -> [String] {
        wrap(parts: text.split(separator: " ").map(String.init), width: width, indent: "")
    }

    /// Joins parts with spaces into lines of at most `width` characters; continuation lines
    /// start with `indent`. A part longer than a line gets a line of its own.
    private static func wrap(parts: [String], width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts {
            if !current.isEmpty, current.count + 1 + part.count > width {
                lines.append(current)
                current = indent
            }
            current += current.isEmpty || current == indent ? part : " " + part
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
