import WorkflowEngine

/// `message`, `signal`, `start-event` and `retry`: the engine calls that deliver events.
enum EventCommands {
    static func message(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.message
        let name = arguments.arguments[0]
        let data = try optionalObject(arguments, Options.data, command: command)
        let keyText = arguments.value(Options.key)
        let key = try keyText.map {
            try JSONArgument.query($0, label: Options.key.name, command: command)
        }

        let delivery: EventDelivery
        do {
            delivery = try session.engine().throwMessage(
                name, data: data, matchingKey: key, user: session.user,
                deliverToAll: arguments.flag(Options.deliverToAll))
        } catch let error as EngineError {
            guard case .ambiguousReceivers(let event, _) = error, event == name else { throw error }
            throw CommandFailure("\(error) (use \(Options.deliverToAll.name))")
        }
        guard !delivery.receivers.isEmpty else {
            throw CommandFailure(noReceiverMessage(name: name, keyText: keyText), status: ExitStatus.notDelivered)
        }
        try report(delivery, event: "message '\(name)'", json: arguments.flag(Options.json))
    }

    /// Returns the error for a message that reached no receiver. With `--key` it quotes the key,
    /// because a key that matches no instance is the usual cause when instances wait for the message.
    private static func noReceiverMessage(name: String, keyText: String?) -> String {
        let waitingList = ShellWord.command(["items", #"{"items.status": "wait"}"#, "--matching"])
        guard let keyText else {
            return "no instance waits for message '\(name)' and no model starts with it; list what "
                + "waits with: \(waitingList)"
        }
        return "no instance matching the key \(keyText) waits for message '\(name)', and no model starts "
            + "with it; check the key's fields against the waiting instances' data, listed by: \(waitingList)"
    }

    static func signal(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.signal
        let name = arguments.arguments[0]
        let data = try optionalObject(arguments, Options.data, command: command)
        let key = try arguments.value(Options.key).map {
            try JSONArgument.query($0, label: Options.key.name, command: command)
        }

        let delivery = try session.engine().throwSignal(name, data: data, matchingKey: key, user: session.user)
        try report(delivery, event: "signal '\(name)'", json: arguments.flag(Options.json))
    }

    static func startEvent(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.startEvent
        let instanceId = arguments.arguments[0]
        let elementId = arguments.arguments[1]
        let data = try optionalObject(arguments, Options.data, command: command)

        let execution: Execution
        do {
            execution = try session.engine().startEvent(
                instanceId: instanceId, elementId: elementId, data: data, user: session.user)
        } catch EngineError.instanceNotFound {
            throw CommandFailure(
                "instance '\(instanceId)' not found; list the instance ids with 'bpmn-inbox instances'")
        } catch EngineError.startNodeNotFound(let model, _) {
            throw CommandFailure(
                "model '\(model)' of instance \(instanceId) has no element '\(elementId)'; use an "
                    + "element id from the model file, such as the id of a start or catch event")
        }
        if arguments.flag(Options.json) {
            Console.output(RecordJSON.execution(execution).prettyText)
        } else {
            Console.output(ExecutionSummary.render(execution, action: "Triggered '\(elementId)' in"))
        }
    }

    static func retry(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.retry
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: command)
        let data = try optionalObject(arguments, Options.data, command: command)

        let executions = try session.engine().retry(query, data: data, user: session.user)
        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(executions.map(RecordJSON.execution)).prettyText)
        } else {
            let summaries = executions.map { ExecutionSummary.render($0, action: "Retried in") }
            Console.output(summaries.joined(separator: "\n\n"))
        }
    }

    // MARK: Helpers

    private static func optionalObject(
        _ arguments: ParsedArguments, _ option: OptionSpec, command: CommandSpec
    ) throws -> JSONValue {
        guard let text = arguments.value(option) else { return .emptyObject }
        return try JSONArgument.object(text, label: option.name, command: command)
    }

    /// Prints every receiver and the instances after delivery.
    /// - Throws: `CommandFailure` (already reported) when delivery to any receiver failed.
    private static func report(_ delivery: EventDelivery, event: String, json: Bool) throws {
        if json {
            Console.output(RecordJSON.delivery(delivery).prettyText)
        } else if delivery.receivers.isEmpty {
            Console.output("The \(event) reached no receiver.")
        } else {
            var table = TextTable([.init("INSTANCE"), .init("ELEMENT", maximumWidth: 30), .init("RESULT", maximumWidth: 60)])
            for receiver in delivery.receivers {
                let result = receiver.error.map { "failed: " + $0 } ?? (receiver.itemId == nil ? "started" : "delivered")
                table.append([receiver.instanceId, receiver.elementId, result])
            }
            Console.output("The \(event) reached \(TextFormat.count(delivery.receivers.count, "receiver")):\n" + table.render())
        }

        let failures = delivery.receivers.compactMap(\.error)
        for failure in failures {
            Console.error("\(event) failed: \(failure)")
        }
        if !failures.isEmpty {
            throw CommandFailure("\(TextFormat.count(failures.count, "receiver")) failed", isReported: true)
        }
    }
}
