import WorkflowEngine

/// `claim` and `unclaim`: take a waiting user task, or give it back to its candidates.
enum ClaimCommands {
    static func claim(_ arguments: ParsedArguments, session: Session) throws {
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: CommandCatalog.claim)

        let execution = try session.engine().claim(query, user: session.user)
        report(execution, action: "Claimed", json: arguments.flag(Options.json))
    }

    static func unclaim(_ arguments: ParsedArguments, session: Session) throws {
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: CommandCatalog.unclaim)

        let execution = try session.engine().unclaim(query, user: session.user)
        report(execution, action: "Unclaimed", json: arguments.flag(Options.json))
    }

    /// Prints the instance as committed: JSON, or the summary `invoke` prints.
    private static func report(_ execution: Execution, action: String, json: Bool) {
        if json {
            Console.output(RecordJSON.execution(execution).prettyText)
        } else {
            Console.output(ExecutionSummary.render(execution, action: "\(action) a task in"))
        }
    }
}
