import WorkflowEngine

/// Adds the command-line next step to engine errors whose message states what failed but not
/// what to do. The engine's messages serve every caller of the API, so the commands to run
/// next are added here.
enum NextStep {
    /// Returns `error` with a next step appended as a `CommandFailure` that keeps the error's
    /// exit status, or `error` itself when it needs none.
    static func annotated(_ error: Error, command: CommandSpec) -> Error {
        guard let engineError = error as? EngineError, let hint = hint(for: engineError, command: command) else {
            return error
        }
        return CommandFailure("\(engineError); \(hint)", status: status(of: engineError))
    }

    /// Returns the exit status that `main` gives an engine error.
    private static func status(of error: EngineError) -> Int32 {
        if Refusal.isRefusal(error) { return ExitStatus.refused }
        if error.meansNothingMatched { return ExitStatus.nothingMatched }
        return ExitStatus.failure
    }

    private static func hint(for error: EngineError, command: CommandSpec) -> String? {
        switch error {
        case .instanceNotFound(let query):
            return instanceNotFoundHint(query: query)
        case let .instanceNotRunning(instanceId, _):
            return notRunningHint(instanceId: instanceId, command: command)
        default:
            return nil
        }
    }

    /// Returns the step after "no instance matches QUERY": list the ids, or try the query
    /// with `instances`. Instances of tenants the user does not reach are not found either.
    static func instanceNotFoundHint(query: String) -> String {
        let parsed = try? JSONValue.parse(query)
        let idOnly = parsed?.objectValue.map { $0.count == 1 && $0["id"]?.stringValue != nil } ?? false
        let tenantNote = "; instances of a tenant you do not reach are not found either"
        if idOnly {
            return "list the instance ids with 'bpmn-inbox instances' (the first "
                + "\(WorkflowEngine.minimumInstancePrefix) characters of an id are enough)" + tenantNote
        }
        return "see which instances match with: bpmn-inbox instances --query \(Shell.quoted(query))" + tenantNote
    }

    /// Returns the step after "instance ID is not running": `delete` after `terminate`, and
    /// `restart` after the other commands that need a running instance.
    private static func notRunningHint(instanceId: String, command: CommandSpec) -> String {
        let running = "list the running instances with: bpmn-inbox instances --query '{\"status\": \"running\"}'"
        let idQuery = Shell.quoted(JSONValue.object(["id": .string(instanceId)]).jsonText)
        if command == CommandCatalog.terminate {
            return "it has already ended, so there is nothing to terminate; to remove it, run: "
                + "bpmn-inbox delete \(idQuery); or \(running)"
        }
        return "only a running instance can take that; to re-open an ended one at an item, run: "
            + "bpmn-inbox restart \(instanceId) --item ELEMENT; or \(running)"
    }
}

/// Quoting for commands that a message suggests, so they can be pasted into a POSIX shell.
enum Shell {
    /// Returns `text` in single quotes, each `'` written as `'\''`.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
