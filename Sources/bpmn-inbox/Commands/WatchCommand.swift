import Foundation
import WorkflowEngine

/// `watch`: prints each change any process commits, until SIGINT or SIGTERM.
enum WatchCommand {
    /// Seconds between checks of the database's change counter.
    static let pollInterval: TimeInterval = 0.1

    static func run(_ arguments: ParsedArguments, session: Session) throws {
        let query = try arguments.value(Options.query).map {
            try JSONArgument.query($0, label: Options.query.name, command: CommandCatalog.watch)
        } ?? .emptyObject
        let asJSON = arguments.flag(AdminOptions.ndjson) || arguments.flag(Options.json)
        let stop = StopSignals()
        let feed = try ChangeFeed(engine: try session.engine(), query: query)

        while stop.receivedName == nil {
            for change in try feed.poll() {
                Console.output(asJSON ? json(change).jsonText : text(change))
            }
            stop.sleep(seconds: pollInterval)
        }
    }

    static func json(_ change: ChangeEvent) -> JSONValue {
        .object([
            "event": .string(change.event), "instanceId": .string(change.instanceId), "model": .string(change.model),
            "itemId": change.itemId.map(JSONValue.string) ?? .null,
            "elementId": change.elementId.map(JSONValue.string) ?? .null,
            "name": change.name.map(JSONValue.string) ?? .null, "user": change.user.map(JSONValue.string) ?? .null,
            "at": RecordJSON.date(change.at),
        ])
    }

    private static func text(_ change: ChangeEvent) -> String {
        var line = "\(TextFormat.date(change.at))  \(change.event)  \(change.model) \(change.instanceId)"
        if let elementId = change.elementId {
            // An element without a name is shown by its id once, not as "id (id)".
            if let name = change.name, name != elementId {
                line += "  \(name) (\(elementId))"
            } else {
                line += "  \(elementId)"
            }
        }
        if let user = change.user { line += "  by \(user)" }
        return line
    }
}
