import Foundation
import SQLiteStore
import WorkflowEngine

/// `export`, `import` and `backup`.
enum ExportCommands {
    static func export(_ arguments: ParsedArguments, session: Session) throws {
        let query = try arguments.value(Options.query).map {
            try JSONArgument.query($0, label: Options.query.name, command: CommandCatalog.export)
        } ?? .emptyObject
        Console.output(try session.engine().exportInstances(query).prettyText)
    }

    static func importFile(_ arguments: ParsedArguments, session: Session) throws {
        let path = arguments.arguments[0]
        let contents = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data = contents else {
            let reason = FileAccess.readProblem(path) ?? "it cannot be read"
            throw CommandFailure("cannot read '\(path)': \(reason); give a readable file written by 'bpmn-inbox export'")
        }
        let archive: JSONValue
        do {
            archive = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        } catch {
            let reason = (error as? JSONSyntaxError)?.reason ?? "\(error)"
            throw CommandFailure(
                "'\(path)' is not JSON: \(reason); give a file that 'bpmn-inbox export' wrote, such as "
                    + "instances.json from: bpmn-inbox --db other.sqlite export > instances.json")
        }
        let report = try session.engine().importInstances(archive, user: session.user)

        if arguments.flag(Options.json) {
            Console.output(
                JSONValue.object([
                    "imported": .array(report.imported.map(JSONValue.string)),
                    "skipped": .array(report.skipped.map(JSONValue.string)),
                    "importedModels": .array(report.importedModels.map(JSONValue.string)),
                ]).prettyText)
            return
        }
        Console.output("Imported \(report.imported.count) instances; skipped \(report.skipped.count) already present.")
        for model in report.importedModels { Console.output("Imported model \(model).") }
    }

    static func backup(_ arguments: ParsedArguments, session: Session) throws {
        let destination = arguments.arguments[0]
        let source = (session.databasePath as NSString).standardizingPath
        guard (destination as NSString).standardizingPath != source else {
            throw UsageError("FILE '\(destination)' is the database itself; give another file", command: CommandCatalog.backup)
        }
        try session.store().backup(to: destination)

        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        if arguments.flag(Options.json) {
            Console.output(JSONValue.object(["file": .string(destination), "bytes": .number(Double(size))]).prettyText)
        } else {
            Console.output("Copied '\(session.databasePath)' to '\(destination)' (\(size) bytes).")
        }
    }
}
