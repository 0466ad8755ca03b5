import Foundation
import WorkflowEngine

/// `model import` and `model list`.
enum ModelCommands {
    /// Imports every file it can and reports each failure.
    /// - Throws: `UsageError` when `--name` is empty or given with several files.
    ///   `CommandFailure` when at least one file failed, after the others were imported.
    static func importFiles(_ arguments: ParsedArguments, session: Session) throws {
        let paths = arguments.arguments
        let name = arguments.value(Options.modelName)
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw UsageError(
                "--name must not be empty or blank; give a model name, such as '--name Order', or leave out "
                    + "--name to name the model after the file", command: CommandCatalog.modelImport)
        }
        if name != nil, paths.count > 1 {
            throw UsageError(
                "--name sets the name of one model but \(paths.count) files were given; import them "
                    + "one at a time", command: CommandCatalog.modelImport)
        }

        let engine = try session.engine()
        var failures = 0
        for path in paths {
            do {
                let file = try ModelFile.read(path: path, name: name)
                let record = try file.importModel(into: engine)
                Console.output("Imported '\(record.name)' version \(record.version) from \(path)")
            } catch {
                Console.error(ErrorText.describe(error))
                failures += 1
            }
        }

        if failures > 0 {
            // One file's error is already the whole story; several get a count.
            throw CommandFailure(
                "\(failures) of \(paths.count) files could not be imported", isReported: paths.count == 1)
        }
    }

    static func list(_ arguments: ParsedArguments, session: Session) throws {
        let models = try session.engine().listModels()

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(models.map(RecordJSON.model)).prettyText)
            return
        }
        if models.isEmpty {
            Console.output("No models yet; import one with 'bpmn-inbox model import FILE.bpmn'.")
            return
        }

        var table = TextTable([
            .init("NAME", maximumWidth: 40), .init("VERSION"), .init("SAVED"), .init("RUNNING"),
            .init("TOTAL"), .init("PROCESSES", maximumWidth: 40),
        ])
        for model in models {
            table.append([
                model.name, String(model.version), TextFormat.date(model.savedAt),
                String(model.runningInstances), String(model.totalInstances), TextFormat.list(model.processes),
            ])
        }
        Console.output(table.render())
    }
}
