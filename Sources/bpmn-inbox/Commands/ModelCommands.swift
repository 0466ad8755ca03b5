import Foundation
import WorkflowEngine

/// `model import` and `model list`.
enum ModelCommands {
    /// Imports every file it can and reports each failure.
    /// - Throws: `UsageError` when `--name` is empty or given with several files.
    ///   `CommandFailure` when at least one file failed, after the others were imported.
    static func importFiles(_ arguments: ParsedArguments, session: Session) throws {
        let paths = try arguments.arguments.flatMap(modelFiles)
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
        let asJSON = arguments.flag(Options.json)
        var failures = 0
        var imported: [JSONValue] = []
        for path in paths {
            do {
                let file = try ModelFile.read(path: path, name: name)
                let record = try file.importModel(into: engine)
                imported.append(.object(["name": .string(record.name), "version": .number(Double(record.version)), "file": .string(path)]))
                if !asJSON { Console.output("Imported '\(record.name)' version \(record.version) from \(path)") }
            } catch {
                Console.error(ErrorText.describe(error))
                failures += 1
            }
        }
        if asJSON { Console.output(JSONValue.array(imported).prettyText) }

        if failures > 0 {
            // One file's error is already the whole story; several get a count.
            throw CommandFailure(
                "\(failures) of \(paths.count) files could not be imported", isReported: paths.count == 1)
        }
    }

    /// Expands a folder to its `.dmn` files (decisions first, so business rule tasks find
    /// them) and then its `.bpmn` files, each sorted by name. Any other path is kept.
    private static func modelFiles(_ path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }

        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        let files = names.filter { $0.hasSuffix(".dmn") } + names.filter { $0.hasSuffix(".bpmn") }
        guard !files.isEmpty else {
            throw CommandFailure("folder '\(path)' has no .bpmn or .dmn files; give a folder of models or the files themselves")
        }
        return files.map { (path as NSString).appendingPathComponent($0) }
    }

    static func list(_ arguments: ParsedArguments, session: Session) throws {
        let engine = try session.engine()
        let models = try engine.listModels(user: session.user)
        let versions = Dictionary(grouping: try engine.modelVersions(user: session.user), by: \.name)

        if arguments.flag(Options.json) {
            let list = models.map { model -> JSONValue in
                var object = RecordJSON.model(model).objectValue ?? [:]
                object["versions"] = .array((versions[model.name] ?? []).map(ModelJSON.version))
                return .object(object)
            }
            Console.output(JSONValue.array(list).prettyText)
            return
        }
        if models.isEmpty {
            Console.output("No models yet; import one with 'bpmn-inbox model import FILE.bpmn'.")
            return
        }

        var table = TextTable([
            .init("NAME", maximumWidth: 40), .init("VERSION"), .init("SAVED"), .init("RUNNING"),
            .init("TOTAL"), .init("PER VERSION", maximumWidth: 30), .init("PROCESSES", maximumWidth: 40),
        ])
        for model in models {
            // "v1 0/2, v2 1/1": running/total instances of each version.
            let perVersion = (versions[model.name] ?? []).map { "v\($0.version) \($0.runningInstances)/\($0.totalInstances)" }
            table.append([
                model.name, String(model.version), TextFormat.date(model.savedAt),
                String(model.runningInstances), String(model.totalInstances), perVersion.joined(separator: ", "),
                TextFormat.list(model.processes),
            ])
        }
        Console.output(table.render())
    }
}
