import WorkflowEngine

/// Reads JSON given on the command line (`--data`, `--query`, `--assignment`, QUERY).
/// Every failure is a `UsageError` that names the option and quotes the text.
enum JSONArgument {
    /// Parses `text` as a JSON object.
    /// - Parameter label: the option or argument the text came from, such as `--data`.
    static func object(_ text: String, label: String, command: CommandSpec) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch let error as JSONSyntaxError {
            throw UsageError(
                "invalid JSON in \(label): '\(error.text)': \(error.reason); write an object "
                    + "such as '{\"amount\": 120}'", command: command)
        }
        guard value.objectValue != nil else {
            throw UsageError(
                "invalid \(label) '\(text)': expected a JSON object such as '{\"amount\": 120}'",
                command: command)
        }
        return value
    }

    /// Parses `text` as a query and checks its fields and operators.
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

    /// Parses the `--assignment` object and rejects keys the engine cannot assign.
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
