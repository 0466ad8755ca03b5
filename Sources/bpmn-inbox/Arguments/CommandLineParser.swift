/// Turns the words after the program name into an `Invocation`.
///
/// Global options may appear anywhere. Options take their value as `--opt value` or
/// `--opt=value`. A `--` ends the options, so later words are arguments even when they start
/// with a dash.
enum CommandLineParser {
    /// - Throws: `UsageError` naming the unknown command or option, the missing value or
    ///   argument, the option that does not apply to the command, or the option whose value
    ///   must not be empty (`--db`, `--user`).
    static func parse(_ words: [String]) throws -> Invocation {
        let tokens = try tokenize(words)

        let target: Target
        do {
            target = try resolve(tokens.words)
        } catch let error as UsageError {
            if let unknown = tokens.unknownOptions.first {
                throw unknownOptionError(unknown, command: nil)
            }
            throw error
        }
        if let unknown = tokens.unknownOptions.first {
            throw unknownOptionError(unknown, command: target.command)
        }

        if tokens.wantsHelp || target.isHelpCommand {
            return .help(command: target.command, groupName: target.groupName)
        }
        if tokens.wantsVersion {
            return .version
        }
        if let groupName = target.groupName, target.command == nil {
            throw UsageError("missing subcommand of '\(groupName)'", groupName: groupName)
        }

        let parsed = try collect(tokens.options, arguments: target.arguments, for: target.command)
        guard let command = target.command else { return .inbox(parsed) }
        try checkArguments(parsed.arguments, of: command)
        for option in command.requiredOptions where !parsed.flag(option) {
            throw UsageError("missing required option '\(option.synopsis)'", command: command)
        }
        return .run(command, parsed)
    }

    // MARK: Splitting words into options and positional words

    private struct Tokens {
        var words: [String] = []
        var options: [(spec: OptionSpec, value: String)] = []
        var unknownOptions: [String] = []
        var wantsHelp = false
        var wantsVersion = false
    }

    private static func tokenize(_ arguments: [String]) throws -> Tokens {
        var tokens = Tokens()
        var index = 0
        var optionsEnded = false

        while index < arguments.count {
            let word = arguments[index]
            index += 1

            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                tokens.words.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "-h" || word == "--help" {
                tokens.wantsHelp = true
                continue
            }
            if let modelVersion = modelVersionAlias(word, next: index < arguments.count ? arguments[index] : nil) {
                tokens.options.append((AdminOptions.version, modelVersion.value))
                index += modelVersion.wordsUsed - 1
                continue
            }
            if word == "--version" {
                tokens.wantsVersion = true
                continue
            }

            let (name, inlineValue) = splitInlineValue(word)
            guard let spec = Options.named(name) else {
                tokens.unknownOptions.append(name)
                continue
            }
            guard spec.takesValue else {
                if inlineValue != nil {
                    throw UsageError("option '\(name)' takes no value; write it as '\(name)'")
                }
                tokens.options.append((spec, ""))
                continue
            }
            if let inlineValue {
                tokens.options.append((spec, inlineValue))
                continue
            }
            guard index < arguments.count, !isOptionLike(arguments[index]) else {
                throw UsageError(
                    "missing value for '\(name)'; write '\(spec.synopsis)' or '\(name)=\(spec.valueName ?? "")'")
            }
            tokens.options.append((spec, arguments[index]))
            index += 1
        }
        return tokens
    }

    /// Reads `--version N` and `--version=N`, with N a whole number, as `--model-version N`,
    /// the spelling that help and the man page show. `--version` without a number still
    /// prints the tool's version.
    /// - Returns: the value and the number of words read (1 or 2), or nil for another word.
    private static func modelVersionAlias(_ word: String, next: String?) -> (value: String, wordsUsed: Int)? {
        let isNumber = { (text: String) in !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
        if word.hasPrefix("--version=") {
            return (String(word.dropFirst("--version=".count)), 1)
        }
        guard word == "--version", let next, isNumber(next) else { return nil }
        return (next, 2)
    }

    /// Splits `--opt=value` into its name and value; other words have no inline value.
    private static func splitInlineValue(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// Returns whether a word looks like a long option. Such a word is not taken as the value of
    /// the option before it, so a forgotten value is reported instead of swallowing the next option.
    private static func isOptionLike(_ word: String) -> Bool {
        word.hasPrefix("--") && word.count > 2
    }

    private static func unknownOptionError(_ name: String, command: CommandSpec?) -> UsageError {
        let known = Options.all.filter { command?.accepts($0) ?? Options.global.contains($0) }
        let suggestion = Suggestion.closest(to: name, among: known.map(\.name) + ["--help", "--version"])
        let place = command.map { " for '\($0.name)'" } ?? ""
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        return UsageError("unknown option '\(name)'\(place)\(hint)", command: command)
    }

    // MARK: Finding the command

    private struct Target {
        var command: CommandSpec?
        var groupName: String?
        var arguments: [String]
        var isHelpCommand: Bool
    }

    private static func resolve(_ words: [String]) throws -> Target {
        var remaining = words[...]
        let isHelpCommand = remaining.first == "help"
        if isHelpCommand { remaining = remaining.dropFirst() }

        guard let first = remaining.first else {
            return Target(command: nil, groupName: nil, arguments: [], isHelpCommand: isHelpCommand)
        }
        remaining = remaining.dropFirst()

        if let group = CommandCatalog.groups.first(where: { $0.name == first }) {
            guard let second = remaining.first else {
                return Target(command: nil, groupName: group.name, arguments: [], isHelpCommand: isHelpCommand)
            }
            guard let command = group.subcommands.first(where: { $0.path[1] == second }) else {
                let names = group.subcommands.map { $0.path[1] }
                let hint = Suggestion.closest(to: second, among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError(
                    "unknown subcommand '\(second)' of '\(group.name)'\(hint)", groupName: group.name)
            }
            return Target(
                command: command, groupName: group.name, arguments: Array(remaining.dropFirst()),
                isHelpCommand: isHelpCommand)
        }

        guard let command = CommandCatalog.topLevel.first(where: { $0.path[0] == first }) else {
            throw UsageError("unknown command '\(first)'\(unknownCommandHint(first))")
        }
        return Target(command: command, groupName: nil, arguments: Array(remaining), isHelpCommand: isHelpCommand)
    }

    /// Returns "; did you mean 'NAME'?" for a typo or a synonym of a command, else "". A synonym
    /// gets the command's summary too, because the two words do not look alike.
    private static func unknownCommandHint(_ word: String) -> String {
        guard let suggestion = Suggestion.command(for: word, among: CommandCatalog.firstWords) else { return "" }

        let summary = CommandCatalog.topLevel.first { $0.path == [suggestion.name] }?.summary
        guard suggestion.isSynonym, let summary else { return "; did you mean '\(suggestion.name)'?" }
        return "; did you mean '\(suggestion.name)' (\(summary))?"
    }

    // MARK: Checking options and arguments against the command

    private static func collect(
        _ options: [(spec: OptionSpec, value: String)], arguments: [String], for command: CommandSpec?
    ) throws -> ParsedArguments {
        var parsed = ParsedArguments(arguments: arguments)
        for (spec, value) in options {
            let applies = command?.accepts(spec) ?? Options.global.contains(spec)
            guard applies else {
                let target = command.map { "'\($0.name)'" } ?? "opening the inbox"
                let alias = spec == AdminOptions.version
                    ? " ('--version N' is the same as '--model-version N'; '--version' alone prints the tool's version)" : ""
                throw UsageError("option '\(spec.name)' does not apply to \(target)\(alias)", command: command)
            }
            if let emptyValueError = spec.emptyValueError, value.isEmpty {
                throw UsageError(emptyValueError, command: command)
            }
            if parsed.values[spec.name] != nil, !spec.isRepeatable {
                throw UsageError("option '\(spec.name)' is given more than once; give it once", command: command)
            }
            parsed.values[spec.name, default: []].append(value)
        }
        return parsed
    }

    private static func checkArguments(_ arguments: [String], of command: CommandSpec) throws {
        let expected = command.arguments
        let isVariadic = expected.last?.isVariadic ?? false

        let requiredCount = expected.filter { !$0.isOptional }.count
        if arguments.count < requiredCount {
            let missing = expected[arguments.count]
            throw UsageError("missing argument \(missing.name) (\(missing.help))", command: command)
        }
        if arguments.count > expected.count, !isVariadic {
            let extra = arguments[expected.count]
            throw UsageError("unexpected argument '\(extra)' after '\(command.name)'", command: command)
        }
        // No command gives an empty word a meaning, so `signal ""` is a typo, not a name.
        if let index = arguments.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let spec = expected[min(index, expected.count - 1)]
            throw UsageError(
                spec.emptyValueError ?? "argument \(spec.name) is empty; give \(spec.help)", command: command)
        }
    }
}
