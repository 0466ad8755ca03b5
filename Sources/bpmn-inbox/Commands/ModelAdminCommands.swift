import Foundation
import WorkflowEngine

/// `model show`, `model versions`, `model diff`, `model export`, `model delete`,
/// `model rename` and `model events`.
enum ModelAdminCommands {
    static func show(_ arguments: ParsedArguments, session: Session) throws {
        let version = try versionOption(arguments, command: CommandCatalog.modelShow)
        let outline = try session.engine().modelOutline(name: arguments.arguments[0], version: version)

        if arguments.flag(Options.json) {
            Console.output(ModelJSON.outline(outline).prettyText)
        } else {
            Console.output(ModelJSON.outlineText(outline))
        }
    }

    static func versions(_ arguments: ParsedArguments, session: Session) throws {
        let versions = try session.engine().modelVersions(name: arguments.arguments[0], user: session.user)
        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(versions.map(ModelJSON.version)).prettyText)
            return
        }
        var table = TextTable([.init("VERSION"), .init("SAVED"), .init("RUNNING"), .init("TOTAL")])
        for version in versions {
            table.append([
                String(version.version), TextFormat.date(version.savedAt), String(version.runningInstances),
                String(version.totalInstances),
            ])
        }
        Console.output(table.render())
    }

    static func diff(_ arguments: ParsedArguments, session: Session) throws {
        let command = CommandCatalog.modelDiff
        let from = try versionNumber(arguments.arguments[1], label: "FROM", command: command)
        let to = try versionNumber(arguments.arguments[2], label: "TO", command: command)
        let diff = try session.engine().diffModel(name: arguments.arguments[0], from: from, to: to)

        if arguments.flag(Options.json) {
            Console.output(ModelJSON.diff(diff).prettyText)
            return
        }
        if diff.isEmpty {
            Console.output("Versions \(from) and \(to) of '\(diff.model)' have the same elements.")
            return
        }
        for element in diff.added { Console.output("+ \(describe(element))") }
        for element in diff.removed { Console.output("- \(describe(element))") }
        for element in diff.changed {
            let changes = element.changes.map { property in
                "\(property) \(quotedValue(element.oldValues[property])) → \(quotedValue(element.newValues[property]))"
            }
            Console.output("~ \(describe(element)): \(changes.joined(separator: ", "))")
        }
    }

    static func export(_ arguments: ParsedArguments, session: Session) throws {
        let version = try versionOption(arguments, command: CommandCatalog.modelExport)
        let record = try session.engine().modelRecord(name: arguments.arguments[0], version: version)
        FileHandle.standardOutput.write(Data(record.source.utf8))
    }

    static func delete(_ arguments: ParsedArguments, session: Session) throws {
        let name = arguments.arguments[0]
        let removed = try session.engine().deleteModel(name: name, user: session.user)
        if arguments.flag(Options.json) {
            Console.output(JSONValue.object(["name": .string(name), "versionsDeleted": .number(Double(removed))]).prettyText)
        } else {
            Console.output("Deleted model '\(name)' (\(removed) version\(removed == 1 ? "" : "s")).")
        }
    }

    static func rename(_ arguments: ParsedArguments, session: Session) throws {
        let (name, newName) = (arguments.arguments[0], arguments.arguments[1])
        try session.engine().renameModel(name: name, to: newName, user: session.user)
        if arguments.flag(Options.json) {
            Console.output(JSONValue.object(["name": .string(newName), "previousName": .string(name)]).prettyText)
        } else {
            Console.output("Renamed model '\(name)' to '\(newName)'.")
        }
    }

    static func events(_ arguments: ParsedArguments, session: Session) throws {
        let query = try arguments.value(Options.query).map {
            try JSONArgument.object($0, label: Options.query.name, command: CommandCatalog.modelEvents)
        } ?? .emptyObject
        let events = try session.engine().findEvents(query)

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(events.map(ModelJSON.event)).prettyText)
            return
        }
        var table = TextTable([
            .init("MODEL", maximumWidth: 30), .init("VERSION"), .init("ELEMENT"), .init("NAME", maximumWidth: 30),
            .init("TYPE"), .init("MESSAGE/SIGNAL", maximumWidth: 30),
        ])
        for entry in events {
            table.append([
                entry.model, String(entry.version), entry.event.elementId, TextFormat.text(entry.event.name),
                entry.event.subType, TextFormat.text(entry.event.messageName ?? entry.event.signalName),
            ])
        }
        Console.output(table.render())
    }

    // MARK: Helpers

    /// Returns a property value of `model diff` in single quotes, shortened to 60 characters,
    /// or `(none)` for a property the version lacks.
    private static func quotedValue(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return value.count > 60 ? "'\(value.prefix(59))…'" : "'\(value)'"
    }

    private static func describe(_ element: ModelDiff.Element) -> String {
        "\(element.id) (\(element.type)\(element.name.map { " '\($0)'" } ?? ""))"
    }

    private static func versionOption(_ arguments: ParsedArguments, command: CommandSpec) throws -> Int? {
        try arguments.value(AdminOptions.version).map { try versionNumber($0, label: AdminOptions.version.name, command: command) }
    }

    private static func versionNumber(_ text: String, label: String, command: CommandSpec) throws -> Int {
        guard let number = Int(text), number > 0 else {
            throw UsageError("invalid \(label) '\(text)': expected a version number such as 1", command: command)
        }
        return number
    }
}
