import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// A clock that tests move by hand, so timers fire deterministically.
final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = start
    }

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }
}

/// A real SQLite file in a fresh temporary folder, with an engine on it that can be
/// closed and reopened (`restart()`), as a process restart would.
final class EngineHarness {
    let folder: URL
    let path: String
    let clock: ManualClock
    private(set) var engine: WorkflowEngine

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    init(clock: ManualClock = ManualClock(), options: EngineOptions = EngineOptions()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bpmn-inbox-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("inbox.sqlite").path
        self.clock = clock
        self.options = options
        engine = WorkflowEngine(store: try SQLiteStore(path: path), clock: clock, options: options)
    }

    private let options: EngineOptions

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Drops the engine and its store and opens new ones on the same file.
    func restart() throws {
        engine = WorkflowEngine(store: try SQLiteStore(path: path), clock: clock, options: options)
    }

    /// Imports a fixture model under `name`.
    func importFixture(_ file: String, as name: String) throws {
        let source = try String(contentsOf: Self.fixtures.appendingPathComponent(file), encoding: .utf8)
        try engine.importModel(name: name, source: source)
    }

    /// Imports a corpus model, or skips the test when the corpus is not next to the repository.
    func importCorpus(_ relativePath: String, as name: String) throws {
        let url = Self.corpus.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus not found at \(url.path); place the shared corpus beside the repository")
        }
        try engine.importModel(name: name, source: try String(contentsOf: url, encoding: .utf8))
    }
}

extension Execution {
    /// Items of one element, in seq order.
    func items(_ elementId: String) -> [ItemRecord] {
        items.filter { $0.elementId == elementId }
    }

    /// Statuses of one element's items, in seq order; cancelled items read `cancelled`.
    func statuses(_ elementId: String) -> [String] {
        items(elementId).map { $0.isCancelled ? "cancelled" : $0.status.rawValue }
    }
}
