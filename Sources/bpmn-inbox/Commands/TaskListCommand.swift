import WorkflowEngine

/// Reads the task list options of `tasks` (--view, --order, --limit, --offset, --mine) and
/// fetches the list from the engine, filtered in SQL by the access rules.
enum TaskListCommand {
    /// The --view words and the lists they name.
    static let views: [(word: String, view: TaskView)] = [
        ("mine", .mine), ("groups", .myGroups), ("all", .all), ("overdue", .overdue), ("done", .completedByMe),
    ]

    /// The --order words and the orders they name.
    static let orders: [(word: String, sort: TaskSort)] = [
        ("created", .created), ("priority", .priority), ("due", .dueDate), ("model", .model),
    ]

    /// Returns the tasks of the list the options name, for the session's user.
    /// - Throws: `UsageError` for an unknown view or order or a bad number.
    static func tasks(_ arguments: ParsedArguments, query: JSONValue, session: Session) throws -> [TaskSummary] {
        let command = CommandCatalog.tasks
        let view = try arguments.value(AccessOptions.view).map { try parseView($0, command: command) } ?? .all
        let sort = try arguments.value(AccessOptions.order).map { try parseOrder($0, command: command) } ?? .created
        let limit = try arguments.value(Options.limit).map { try parseCount($0, option: Options.limit, minimum: 1, command: command) }
        let offset = try arguments.value(AdminOptions.offset).map {
            try parseCount($0, option: AdminOptions.offset, minimum: 0, command: command)
        } ?? 0

        return try session.engine().tasks(
            view: view, user: session.user, query: query, sort: sort, limit: limit, offset: offset)
    }

    static func parseView(_ text: String, command: CommandSpec) throws -> TaskView {
        if let match = views.first(where: { $0.word == text }) { return match.view }
        throw UsageError(
            "invalid --view '\(text)': expected one of \(views.map(\.word).joined(separator: ", "))", command: command)
    }

    static func parseOrder(_ text: String, command: CommandSpec) throws -> TaskSort {
        if let match = orders.first(where: { $0.word == text }) { return match.sort }
        throw UsageError(
            "invalid --order '\(text)': expected one of \(orders.map(\.word).joined(separator: ", "))", command: command)
    }

    private static func parseCount(_ text: String, option: OptionSpec, minimum: Int, command: CommandSpec) throws -> Int {
        guard let value = Int(text), value >= minimum else {
            throw UsageError("invalid \(option.name) '\(text)': expected a whole number of \(minimum) or more", command: command)
        }
        return value
    }
}
