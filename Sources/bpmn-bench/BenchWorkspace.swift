import Foundation
import SQLiteStore
import WorkflowEngine

/// The folder of the databases a run generates, and the model files it reads.
final class BenchWorkspace {
    let directory: URL
    let arguments: BenchArguments
    private let removeAtEnd: Bool

    /// Uses `arguments.workDirectory`, or a new temporary folder that `cleanUp` removes.
    init(arguments: BenchArguments) throws {
        self.arguments = arguments
        if let path = arguments.workDirectory {
            directory = URL(fileURLWithPath: path)
            removeAtEnd = false
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("bpmn-bench-\(UUID().uuidString)")
            removeAtEnd = true
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        if removeAtEnd { try? FileManager.default.removeItem(at: directory) }
    }

    /// Returns the path of a database file named `name` in the folder, after deleting any
    /// earlier file of that name with its WAL and shared-memory files.
    func freshDatabasePath(_ name: String) -> String {
        let path = directory.appendingPathComponent(name).path
        removeDatabase(at: path)
        return path
    }

    func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Opens an engine on the database at `path` with the given commit mode.
    func openEngine(
        at path: String, synchronous: SynchronousMode = .full, options: EngineOptions = EngineOptions()
    ) throws -> WorkflowEngine {
        let store = try SQLiteStore(path: path, synchronous: synchronous)
        return WorkflowEngine(store: store, options: options)
    }

    /// Reads a model of `bench/models`.
    func benchModel(_ fileName: String) throws -> String {
        try readText(arguments.modelsDirectory.appendingPathComponent(fileName),
                     hint: "run from the repository, or pass --models DIR")
    }

    /// Returns the corpus file at `relativePath`, or nil when the corpus is not there.
    func corpusFile(_ relativePath: String) -> URL? {
        let url = arguments.corpusDirectory.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    func readText(_ url: URL, hint: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchError.missingFile(path: url.path, hint: hint)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
