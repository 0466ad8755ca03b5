import WorkflowEngine

/// `instances`, `tasks` and `items`: read-only listings.
enum QueryCommands {
    static func instances(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.instances
        let query = try optionalQuery(arguments, command: command)
        let limit = try arguments.value(Options.limit).map { try parseLimit($0, command: command) }

        var options = try PagingArguments.options(arguments, command: command)
        options.limit = limit
        if options.sort.isEmpty { options.sort = [(key: .instance(.startedAt), ascending: false)] }
        let page = try session.engine().findInstancePage(query, options: options, user: session.user)
        let instances = page.records
        if let next = page.nextCursor { Console.note("next page: --cursor \(next)") }

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(instances.map(RecordJSON.instance)).prettyText)
            return
        }
        if instances.isEmpty {
            Console.output("No instances match \(query.jsonText).")
            return
        }
        var table = TextTable([
            .init("ID"), .init("MODEL", maximumWidth: 30), .init("STATUS"), .init("STARTED"),
            .init("ENDED"), .init("DATA", maximumWidth: 50),
        ])
        for instance in instances {
            table.append([
                instance.id, instance.name, instance.status.rawValue, TextFormat.date(instance.startedAt),
                TextFormat.date(instance.endedAt), instance.data.jsonText,
            ])
        }
        Console.output(table.render())
    }

    static func tasks(_ arguments: ParsedArguments, session: Session) throws {
        let query = try optionalQuery(arguments, command: CommandCatalog.tasks)

        let tasks = try TaskListCommand.tasks(arguments, query: query, session: session)

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(tasks.map(RecordJSON.task)).prettyText)
            return
        }
        if tasks.isEmpty {
            Console.output("No waiting user tasks match \(query.jsonText).")
            return
        }
        var table = TextTable([
            .init("ITEM ID"), .init("TASK", maximumWidth: 30), .init("MODEL", maximumWidth: 24),
            .init("INSTANCE"), .init("ASSIGNEE", maximumWidth: 16), .init("CANDIDATES", maximumWidth: 30),
            .init("DUE"), .init("PRIORITY"),
        ])
        for task in tasks {
            let item = task.item
            table.append([
                item.id, TextFormat.itemName(item), task.instanceName, item.instanceId,
                TextFormat.text(item.assignee), ExecutionSummary.candidates(item), TextFormat.date(item.dueDate),
                TextFormat.json(item.priority),
            ])
        }
        Console.output(table.render())
    }

    static func items(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.items
        let query = try JSONArgument.query(arguments.arguments[0], label: "QUERY", command: command)
        let engine = try session.engine()

        var items: [ItemRecord] = []
        let paging = [Options.limit, AdminOptions.sort, AdminOptions.offset, AdminOptions.cursor, AdminOptions.fields]
        if arguments.flag(Options.matching) {
            var options = try PagingArguments.options(arguments, command: command)
            options.limit = try arguments.value(Options.limit).map { try parseLimit($0, command: command) }
            let page = try engine.findItemPage(query, options: options, user: session.user)
            items = page.records
            if let next = page.nextCursor { Console.note("next page: --cursor \(next)") }
        } else if let option = paging.first(where: { arguments.values[$0.name] != nil }) {
            throw UsageError("\(option.name) applies to the items a query matches; add --matching", command: command)
        } else {
            let order = FindOptions(sort: [(key: .instance(.startedAt), ascending: true)])
            for instance in try engine.findInstances(query, options: order, user: session.user) {
                items += try engine.get(.object(["id": .string(instance.id)]), user: session.user).items
            }
        }

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(items.map(RecordJSON.item)).prettyText)
            return
        }
        if items.isEmpty {
            Console.output("No items match \(query.jsonText).")
            return
        }
        var table = TextTable([
            .init("INSTANCE"), .init("SEQ"), .init("ITEM ID"), .init("ELEMENT", maximumWidth: 30),
            .init("NAME", maximumWidth: 30), .init("TYPE"), .init("STATUS"), .init("STARTED"), .init("ENDED"),
        ])
        for item in items {
            table.append([
                item.instanceId, String(item.seq), item.id, item.elementId, TextFormat.text(item.name),
                TextFormat.type(item), TextFormat.status(item), TextFormat.date(item.startedAt),
                TextFormat.date(item.endedAt),
            ])
        }
        Console.output(table.render())
    }

    // MARK: Helpers

    private static func optionalQuery(_ arguments: ParsedArguments, command: CommandSpec) throws -> JSONValue {
        guard let text = arguments.value(Options.query) else { return .emptyObject }
        return try JSONArgument.query(text, label: Options.query.name, command: command)
    }

    private static func parseLimit(_ text: String, command: CommandSpec) throws -> Int {
        guard let limit = Int(text), limit > 0 else {
            throw UsageError("invalid --limit '\(text)': expected a whole number above 0", command: command)
        }
        return limit
    }
}
