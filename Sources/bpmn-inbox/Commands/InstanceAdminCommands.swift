import Foundation
import SQLiteStore
import WorkflowEngine

/// `get`, `delete`, `terminate`, `restart`, `upgrade` and `snapshots`.
enum InstanceAdminCommands {
    static func get(_ arguments: ParsedArguments, session: Session) throws {
        let engine = try session.engine()
        let query = try instanceQuery(arguments.arguments[0], command: CommandCatalog.get, engine: engine)
        let execution = try engine.get(query, user: session.user)

        if arguments.flag(Options.json) {
            var object = RecordJSON.execution(execution).objectValue ?? [:]
            object["tokens"] = .array(execution.tokens.map(RecordCoding.encode))
            Console.output(JSONValue.object(object).prettyText)
            return
        }
        Console.output(ExecutionSummary.render(execution, action: "Found"))
    }

    /// Deletes what `DeleteQuery` selects. When nothing matches, it prints nothing on standard
    /// output and fails with exit status 3, as `get` and `terminate` do.
    static func delete(_ arguments: ParsedArguments, session: Session) throws {
        let query = try DeleteQuery.resolve(arguments)
        let report = try session.engine().deleteInstances(query, user: session.user)

        if report.deletedIds.isEmpty {
            let isEverything = query.objectValue?.isEmpty ?? false
            let message = isEverything
                ? "there are no instances you may delete"
                : "no instance matches \(query.jsonText); " + NextStep.instanceNotFoundHint(query: query.jsonText)
            throw CommandFailure(message, status: ExitStatus.nothingMatched)
        }
        if arguments.flag(Options.json) {
            Console.output(JSONValue.object(["deleted": .array(report.deletedIds.map(JSONValue.string))]).prettyText)
        } else {
            Console.output("Deleted \(report.deletedIds.count) instance\(report.deletedIds.count == 1 ? "" : "s").")
        }
    }

    static func terminate(_ arguments: ParsedArguments, session: Session) throws {
        let engine = try session.engine()
        let given = arguments.arguments[0]
        if given.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            throw UsageError(
                "terminate takes one instance id, not a query such as \(given); find the id with: "
                    + "bpmn-inbox instances --query \(Shell.quoted(given))", command: CommandCatalog.terminate)
        }
        let id = try engine.resolveInstanceId(given)
        let execution = try engine.terminate(instanceId: id, user: session.user)
        output(execution, action: "Terminated", arguments: arguments)
    }

    static func restart(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.restart
        let engine = try session.engine()
        var query = try instanceQuery(arguments.arguments[0], command: command, engine: engine)
        let data = try arguments.value(Options.data).map { try JSONArgument.object($0, label: Options.data.name, command: command) }
            ?? .emptyObject

        let namesItem = (query.objectValue ?? [:]).keys.contains { $0.hasPrefix("items.") }
        if arguments.value(AdminOptions.item) == nil, !namesItem {
            throw UsageError(
                "QUERY selects an instance but not the item to restart at; add --item with an element id "
                    + "such as --item task_Buy, or an \"items.elementId\" key", command: command)
        }
        let instances = query
        if let item = arguments.value(AdminOptions.item) {
            let itemCondition = JSONValue.object([
                "$or": .array([.object(["items.id": .string(item)]), .object(["items.elementId": .string(item)])])
            ])
            query = .object(["$and": .array([query, itemCondition])])
        }
        do {
            let execution = try engine.restart(query, data: data, user: session.user)
            output(execution, action: "Restarted", arguments: arguments)
        } catch EngineError.noMatchingItem {
            throw CommandFailure(
                noItemToRestart(instances: instances, item: arguments.value(AdminOptions.item)), status: ExitStatus.nothingMatched)
        }
    }

    /// Returns the message of a restart whose item matched nothing. It names the instance
    /// and the item as given, not the combined query, and how to list the instance's items.
    private static func noItemToRestart(instances: JSONValue, item: String?) -> String {
        let listing = "bpmn-inbox items \(Shell.quoted(instances.jsonText))"
        let object = instances.objectValue ?? [:]
        let target = object.count == 1 ? object["id"]?.stringValue.map { "instance \($0)" } : nil
        guard let item else {
            return "no item matches \(instances.jsonText), so there is nothing to restart at; "
                + "list the items of the matching instances with: \(listing)"
        }
        let subject = target.map { "\($0) has no item" }
            ?? "no instance that matches \(instances.jsonText) has an item"
        return "\(subject) with the id or element id '\(item)'; list the instance's items with: \(listing)"
    }

    static func upgrade(_ arguments: ParsedArguments, session: Session) throws {
        let model = arguments.arguments[0]
        let afterNodes = (arguments.value(AdminOptions.afterNodes) ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let report = try session.engine().upgrade(model: model, afterNodes: afterNodes, user: session.user)

        if arguments.flag(Options.json) {
            Console.output(
                JSONValue.object([
                    "model": .string(report.model), "toVersion": .number(Double(report.toVersion)),
                    "moved": .array(report.moved.map { .object(["instanceId": .string($0.instanceId), "fromVersion": .number(Double($0.fromVersion))]) }),
                    "skipped": .array(report.skipped.map {
                        .object(["instanceId": .string($0.instanceId), "version": .number(Double($0.version)), "reason": .string($0.reason)])
                    }),
                ]).prettyText)
            return
        }
        Console.output("Moved \(report.moved.count) instance\(report.moved.count == 1 ? "" : "s") of '\(model)' to version \(report.toVersion).")
        for moved in report.moved {
            Console.output("  \(moved.instanceId): version \(moved.fromVersion) -> \(report.toVersion)")
        }
        if !report.skipped.isEmpty {
            Console.output("Left \(report.skipped.count) unchanged:")
            for skipped in report.skipped {
                Console.output("  \(skipped.instanceId) (version \(skipped.version)): \(skipped.reason)")
            }
        }
    }

    static func snapshots(_ arguments: ParsedArguments, session: Session) throws {
        let engine = try session.engine()
        switch arguments.arguments[0] {
        case "on": try engine.setSavePoints(enabled: true, user: session.user)
        case "off": try engine.setSavePoints(enabled: false, user: session.user)
        case "status": break
        default:
            throw UsageError(
                "invalid STATE '\(arguments.arguments[0])': expected on, off or status", command: CommandCatalog.snapshots)
        }

        let enabled = try engine.savePointsEnabled()
        if arguments.flag(Options.json) {
            Console.output(JSONValue.object(["snapshots": .string(enabled ? "on" : "off")]).prettyText)
        } else {
            Console.output("Save points for restart are \(enabled ? "on" : "off").")
        }
    }

    /// `invoke --no-wait`: prints the execution once the item has ended, then runs the
    /// deferred rest of the instance before the process exits.
    static func invokeWithoutWaiting(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.invoke
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: command)
        let data = try arguments.value(Options.data).map { try JSONArgument.object($0, label: Options.data.name, command: command) }
            ?? .emptyObject
        let engine = try session.engine()

        let execution = try engine.invokeWithoutWaiting(query, data: data, user: session.user)
        output(execution, action: "Completed", arguments: arguments)
        try engine.runDeferredWork()
    }

    // MARK: Helpers

    /// Reads QUERY: a JSON object (inline, `@FILE` or `-`), or an instance id or id prefix (as
    /// the inbox shows it).
    static func instanceQuery(_ text: String, command: CommandSpec, engine: WorkflowEngine) throws -> JSONValue {
        let isJSON = text.trimmingCharacters(in: .whitespaces).hasPrefix("{") || JSONArgumentSource.isIndirect(text)
        guard isJSON else {
            return .object(["id": .string(try engine.resolveInstanceId(text))])
        }
        return try JSONArgument.query(text, label: "QUERY", command: command)
    }

    private static func output(_ execution: Execution, action: String, arguments: ParsedArguments) {
        if arguments.flag(Options.json) {
            Console.output(RecordJSON.execution(execution).prettyText)
        } else {
            Console.output(ExecutionSummary.render(execution, action: action))
        }
    }
}
