import Foundation
import WorkflowEngine

/// `demo`: seeds a database with the example models and a few instances, then opens the inbox.
enum DemoCommand {
    static func run(_ arguments: ParsedArguments, session: Session) throws {
        if let tour = arguments.value(DiagramCommandOptions.tour) {
            try WalkthroughCommand.run(modelName: tour, arguments: arguments, session: session)
            return
        }
        let folder = try modelsFolder(arguments.value(Options.models))
        let files = try bpmnFiles(in: folder)

        // Mark the database first, so the engine gets the demo clock.
        let store = try session.store()
        try DemoSettings.checkMayBecomeDemo(store, path: session.databasePath, force: arguments.flag(DemoOptions.force))
        try DemoSettings.markAsDemo(store)
        let engine = try session.engine()

        var failures: [String] = []
        let imported = importMissingModels(files, engine: engine, failures: &failures)
        let started = try startSampleInstances(files, folder: folder, session: session, failures: &failures)

        Console.output(
            "Demo database \(session.databasePath): \(TextFormat.count(imported, "model")) imported, "
                + "\(files.count - imported) already there, \(TextFormat.count(started, "instance")) started.")
        if !failures.isEmpty {
            failures.forEach(Console.error)
            throw CommandFailure("the demo could not be seeded completely (\(TextFormat.count(failures.count, "problem")) above)")
        }

        if !arguments.flag(Options.noInbox) {
            try InboxCommand.open(session: session)
        }
    }

    // MARK: Finding the models

    /// Returns the folder given with --models, else the first that exists of `./examples`, the
    /// examples installed next to this executable (`<prefix>/share/bpmn-inbox/examples`) and
    /// `/usr/local/share/bpmn-inbox/examples`.
    static func modelsFolder(_ flag: String?) throws -> String {
        if let flag {
            guard isFolder(flag) else {
                throw CommandFailure("models folder '\(flag)' not found; give a folder of .bpmn files with --models")
            }
            return flag
        }

        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/bpmn-inbox/examples").path
        let candidates = ["examples", installed, "/usr/local/share/bpmn-inbox/examples"]
        guard let found = candidates.first(where: isFolder) else {
            throw CommandFailure(
                "no example models found in \(candidates.joined(separator: ", ")); give a folder of "
                    + ".bpmn files with --models DIR")
        }
        return found
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Returns the paths of the `.bpmn` files in `folder`, sorted by name.
    private static func bpmnFiles(in folder: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            let reason = FileAccess.readProblem(folder, noun: "the folder") ?? "\(error)"
            throw CommandFailure(
                "cannot list the models folder '\(folder)': \(reason); make it readable for this user "
                    + "or give another folder with --models")
        }
        let files = names.filter { $0.lowercased().hasSuffix(".bpmn") }.sorted()
        guard !files.isEmpty else {
            throw CommandFailure("the models folder '\(folder)' contains no .bpmn files; give another with --models")
        }
        return files.map { (folder as NSString).appendingPathComponent($0) }
    }

    // MARK: Seeding

    /// Imports the files whose model name is not in the database yet.
    /// - Returns: how many models were imported.
    private static func importMissingModels(_ files: [String], engine: WorkflowEngine, failures: inout [String]) -> Int {
        let existing: Set<String>
        do {
            existing = Set(try engine.listModels().map(\.name))
        } catch {
            failures.append("cannot list the models: \(ErrorText.describe(error))")
            return 0
        }

        var imported = 0
        for path in files where !existing.contains(ModelFile.defaultModelName(path: path)) {
            do {
                let file = try ModelFile.read(path: path, name: nil)
                _ = try file.importModel(into: engine)
                imported += 1
            } catch {
                failures.append(ErrorText.describe(error))
            }
        }
        return imported
    }

    /// Starts the sample instances of every model when no instance is running, so repeated
    /// demos do not pile up instances.
    /// - Returns: how many instances were started.
    private static func startSampleInstances(
        _ files: [String], folder: String, session: Session, failures: inout [String]
    ) throws -> Int {
        let engine = try session.engine()
        let running = try engine.findInstances(.object(["status": "running"]), options: FindOptions(limit: 1))
        guard running.isEmpty else { return 0 }

        var started = 0
        for path in files {
            let modelName = ModelFile.defaultModelName(path: path)
            let samples: [JSONValue]
            do {
                samples = try sampleData(for: modelName, folder: folder)
            } catch {
                failures.append(ErrorText.describe(error))
                continue
            }
            for data in samples {
                do {
                    _ = try engine.start(modelName, data: data, user: session.user)
                    started += 1
                } catch {
                    failures.append("cannot start '\(modelName)' with \(data.jsonText): \(ErrorText.describe(error))")
                }
            }
        }
        return started
    }

    /// Reads the data objects of `<folder>/<model name>.data.json`. A missing file gives one
    /// empty object, so the model still gets an instance.
    /// - Throws: `CommandFailure` naming the file when it is not a JSON array of objects.
    static func sampleData(for modelName: String, folder: String) throws -> [JSONValue] {
        let path = (folder as NSString).appendingPathComponent(modelName + ".data.json")
        guard FileManager.default.fileExists(atPath: path) else { return [.emptyObject] }

        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileAccess.readProblem(path) ?? "not valid UTF-8 text"
            throw CommandFailure(
                "cannot read the sample data '\(path)': \(reason); make it a readable UTF-8 JSON file "
                    + "or remove it to start one instance with empty data")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw CommandFailure("invalid sample data '\(path)': \(ErrorText.describe(error))")
        }
        guard let samples = value.arrayValue, samples.allSatisfy({ $0.objectValue != nil }) else {
            throw CommandFailure("invalid sample data '\(path)': expected a JSON array of objects")
        }
        return samples
    }
}
