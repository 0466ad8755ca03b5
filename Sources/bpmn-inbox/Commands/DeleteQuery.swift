import WorkflowEngine

/// The instances `delete` removes: QUERY, or every instance with `--all`. An empty QUERY
/// (`{}`, or a blank argument) matches every instance, so it needs `--all` as confirmation.
enum DeleteQuery {
    /// The usage error for an empty QUERY without `--all`.
    static let emptyQueryMessage =
        "an empty QUERY would delete every instance; give a query such as '{\"status\": \"end\"}', "
            + "or add --all to delete every instance you may delete"

    /// Returns the query to delete by: QUERY as given, or `{}` for `--all`.
    /// - Throws: `UsageError` (exit status 2) for an empty QUERY without `--all`, for `--all`
    ///   with a non-empty QUERY, and for neither; the errors of `JSONArgument.query`.
    static func resolve(_ arguments: ParsedArguments) throws -> JSONValue {
        let command = CommandCatalog.delete
        let deletesAll = arguments.flag(AdminOptions.deleteAll)

        guard let text = arguments.arguments.first else {
            if deletesAll { return .emptyObject }
            throw UsageError(
                "missing argument QUERY (a JSON object selecting the instances to delete); "
                    + "or give --all to delete every instance you may delete", command: command)
        }

        let query = try JSONArgument.query(text, label: "QUERY", command: command)
        let isEmpty = query.objectValue?.isEmpty ?? false
        if isEmpty, !deletesAll {
            throw UsageError(emptyQueryMessage, command: command)
        }
        if !isEmpty, deletesAll {
            throw UsageError(
                "--all deletes every instance, but QUERY \(query.jsonText) selects some; "
                    + "leave out --all to delete the matches, or QUERY to delete every instance", command: command)
        }
        return query
    }
}
