import WorkflowEngine

/// `start`, `invoke` and `assign`: the engine calls that change an instance. Each is one
/// engine transaction, so a failure leaves the database as it was.
enum ExecutionCommands {
    static func start(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.start
        let modelName = arguments.arguments[0]
        let data = try optionalObject(arguments, Options.data, command: command)
        let options = StartOptions(startNodeId: arguments.value(Options.startNode))

        let engine = try session.engine()
        let execution: Execution
        do {
            execution = try engine.start(modelName, data: data, user: session.user, options: options)
        } catch EngineError.modelNotFound(let name) {
            throw modelNotFoundFailure(name, engine: engine, user: session.user)
        }
        report(execution, action: "Started", json: arguments.flag(Options.json))
    }

    static func invoke(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.invoke
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: command)
        let data = try optionalObject(arguments, Options.data, command: command)

        let execution = try session.engine().invoke(query, data: data, user: session.user)
        report(execution, action: "Invoked", json: arguments.flag(Options.json))
    }

    static func assign(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.assign
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: command)
        let assignment = try JSONArgument.assignment(arguments.value(Options.assignment) ?? "{}", command: command)
        let data = try optionalObject(arguments, Options.data, command: command)

        let execution = try session.engine().assign(query, data: data, assignment: assignment, user: session.user)
        report(execution, action: "Assigned in", json: arguments.flag(Options.json))
    }

    // MARK: Helpers

    private static func optionalObject(
        _ arguments: ParsedArguments, _ option: OptionSpec, command: CommandSpec
    ) throws -> JSONValue {
        guard let text = arguments.value(option) else { return .emptyObject }
        return try JSONArgument.object(text, label: option.name, command: command)
    }

    private static func report(_ execution: Execution, action: String, json: Bool) {
        if json {
            Console.output(RecordJSON.execution(execution).prettyText)
        } else {
            Console.output(ExecutionSummary.render(execution, action: action))
        }
    }

    /// Returns the failure for a model the engine did not find for `user`, with the closest name
    /// among the models `user` may see when the name looks mistyped. A model of another tenant
    /// is reported as not found, like a missing one, so the message does not reveal it.
    static func modelNotFoundFailure(_ name: String, engine: WorkflowEngine, user: UserContext) -> CommandFailure {
        let message = EngineError.modelNotFound(name: name).description
        guard let visible = try? engine.listModels(user: user),
            let closest = Suggestion.closest(to: name, among: visible.map(\.name)), closest != name
        else {
            return CommandFailure(message)
        }
        return CommandFailure(message + "; did you mean '\(closest)'?")
    }
}
