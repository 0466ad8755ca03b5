import WorkflowEngine

/// Reads JSON given on the command line (`--data`, `--query`, `--assignment`, `--key`, QUERY).
/// A value may also be `@FILE` or `-` (standard input), as `JSONArgumentSource` reads them.
/// Invalid JSON is a `UsageError` that names the option and quotes the text or gives the
/// file's line and column. A file that cannot be read is a `CommandFailure`.
enum JSONArgument {
    /// Parses `value` (JSON text, `@FILE` or `-`) as a JSON object.
    /// - Parameter label: the option or argument the value came from, such as `--data`.
    static func object(_ value: String, label: String, command: CommandSpec) throws -> JSONValue {
        let source = try JSONArgumentSource.read(value, label: label, command: command)
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(source.text)
        } catch let error as JSONSyntaxError {
            throw UsageError(
                "invalid JSON in \(label): \(source.describe(error)); write an object "
                    + "such as '{\"amount\": 120}'", command: command)
        }
        guard parsed.objectValue != nil else {
            let shownValue = source.origin.map { "from \($0)" } ?? "'\(value)'"
            throw UsageError(
                "invalid \(label) \(shownValue): expected a JSON object such as '{\"amount\": 120}'",
                command: command)
        }
        return parsed
    }

    /// Parses `text` (JSON text, `@FILE` or `-`) as a query and checks its fields and operators.
    static func query(_ text: String, label: String, command: CommandSpec) throws -> JSONValue {
        let value = try object(text, label: label, command: command)
        do {
            _ = try Query.parse(value)
        } catch let error as QueryError {
            throw UsageError("invalid \(label): \(error.description)", command: command)
        }
        return value
    }

    /// The keys `assign` may change, as the engine accepts them.
    static let assignmentKeys: Set<String> = [
        "assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority",
    ]

    /// Parses the `--assignment` object (JSON text, `@FILE` or `-`) and rejects keys the engine
    /// cannot assign.
    static func assignment(_ text: String, command: CommandSpec) throws -> JSONValue {
        let label = Options.assignment.name
        let value = try object(text, label: label, command: command)
        let unknown = (value.objectValue ?? [:]).keys.filter { !assignmentKeys.contains($0) }.sorted()
        if let key = unknown.first {
            let hint = Suggestion.closest(to: key, among: assignmentKeys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError(
                "invalid \(label) key '\(key)'\(hint); allowed keys: "
                    + assignmentKeys.sorted().joined(separator: ", "), command: command)
        }
        return value
    }
}
