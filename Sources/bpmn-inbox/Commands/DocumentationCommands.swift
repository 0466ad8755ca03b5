import Foundation

/// `completion` and `man`.
enum DocumentationCommands {
    static func completion(_ arguments: ParsedArguments) throws {
        switch arguments.arguments[0] {
        case "bash": Console.output(Completion.bash)
        case "zsh": Console.output(Completion.zsh)
        default:
            throw UsageError("invalid SHELL '\(arguments.arguments[0])': expected bash or zsh", command: CommandCatalog.completion)
        }
    }

    static func man() {
        FileHandle.standardOutput.write(Data(ManPage.roff.utf8))
    }
}
