import WorkflowEngine

/// Reads `--sort`, `--offset`, `--cursor` and `--fields` into `FindOptions`.
enum PagingArguments {
    /// - Throws: `UsageError` naming the invalid value.
    static func options(_ arguments: ParsedArguments, command: CommandSpec) throws -> FindOptions {
        var options = FindOptions()
        if let text = arguments.value(AdminOptions.sort) {
            options.sort = try text.split(separator: ",").map { try sortKey(String($0), command: command) }
        }
        if let text = arguments.value(AdminOptions.offset) {
            guard let offset = Int(text), offset >= 0 else {
                throw UsageError("invalid --offset '\(text)': expected a whole number of 0 or more", command: command)
            }
            options.offset = offset
        }
        options.cursor = arguments.value(AdminOptions.cursor)
        if let text = arguments.value(AdminOptions.fields) {
            guard let projection = FindOptions.Projection(rawValue: text) else {
                throw UsageError("invalid --fields '\(text)': expected summary or full", command: command)
            }
            options.projection = projection
        }
        return options
    }

    private static func sortKey(_ text: String, command: CommandSpec) throws -> (key: QueryField, ascending: Bool) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, !name.isEmpty else {
            throw UsageError("invalid --sort key '\(text)': expected FIELD or FIELD:asc or FIELD:desc", command: command)
        }
        let direction = parts.count > 1 ? parts[1] : "asc"
        guard direction == "asc" || direction == "desc" else {
            throw UsageError("invalid --sort direction '\(direction)' of '\(name)': expected asc or desc", command: command)
        }
        do {
            return (key: try Query.parseField(name), ascending: direction == "asc")
        } catch let error as QueryError {
            throw UsageError("invalid --sort key: \(error.description)", command: command)
        }
    }
}
