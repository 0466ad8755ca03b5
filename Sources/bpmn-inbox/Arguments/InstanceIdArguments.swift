import WorkflowEngine

/// Expands instance ids given as prefixes (at least 6 characters, as the inbox shows them)
/// to whole ids, for every command that takes an instance id as an argument or option.
enum InstanceIdArguments {
    /// The commands whose first argument is an instance id.
    private static var commandsWithIdArgument: [CommandSpec] {
        [CommandCatalog.startEvent, CommandCatalog.history, CommandCatalog.replay]
    }

    /// Returns the arguments with their instance id prefixes replaced by whole ids.
    /// - Throws: the engine's error for an unknown id, a short or an ambiguous prefix.
    static func resolved(_ arguments: ParsedArguments, for command: CommandSpec, session: Session) throws -> ParsedArguments {
        var resolved = arguments
        if commandsWithIdArgument.contains(command), let first = arguments.arguments.first {
            resolved.arguments[0] = try session.engine().resolveInstanceId(first)
        }
        if command == CommandCatalog.diagram, let value = arguments.value(DiagramCommandOptions.instance) {
            resolved.values[DiagramCommandOptions.instance.name] = [try session.engine().resolveInstanceId(value)]
        }
        return resolved
    }
}
