import WorkflowEngine

/// `history`: who changed an instance, when, and with which data.
enum HistoryCommand {
    static func run(_ arguments: ParsedArguments, session: Session) throws {
        let instanceId = arguments.arguments[0]

        let rows = try session.engine().history(instanceId: instanceId, user: session.user)

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(rows.map(json)).prettyText)
            return
        }
        var table = TextTable([
            .init("AT"), .init("USER", maximumWidth: 16), .init("ACTION"), .init("ELEMENT", maximumWidth: 24),
            .init("MESSAGE", maximumWidth: 80),
        ])
        for row in rows {
            table.append([
                TextFormat.date(row.at), TextFormat.text(row.user), row.action, TextFormat.text(row.elementId),
                TextFormat.text(row.message),
            ])
        }
        Console.output(table.render())
    }

    /// Returns the JSON of a history row: `id`, `instanceId`, `at`, `user`, `action`,
    /// `itemId`, `elementId`, `data`, `message`. Absent values are null.
    static func json(_ row: HistoryRecord) -> JSONValue {
        .object([
            "id": row.id.map { .number(Double($0)) } ?? .null,
            "instanceId": .string(row.instanceId),
            "at": RecordJSON.date(row.at),
            "user": row.user.map(JSONValue.string) ?? .null,
            "action": .string(row.action),
            "itemId": row.itemId.map(JSONValue.string) ?? .null,
            "elementId": row.elementId.map(JSONValue.string) ?? .null,
            "data": row.data,
            "message": row.message.map(JSONValue.string) ?? .null,
        ])
    }
}
