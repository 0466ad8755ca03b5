import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Paths and builders shared by the InboxUI tests.
enum TestSupport {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// Reads the Buy Used Car model from the corpus, or skips the test naming where it was
    /// expected.
    static func buyUsedCarSource() throws -> String {
        let file = corpus.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip("corpus not found at \(file.path)")
        }
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// Creates an empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("inbox-ui-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Creates a real engine on a new SQLite file in `directory`.
    static func makeEngine(in directory: URL, clock: Clock = SystemClock()) throws -> (WorkflowEngine, String) {
        let path = directory.appendingPathComponent("inbox.sqlite").path
        let store = try SQLiteStore(path: path)
        return (WorkflowEngine(store: store, clock: clock), path)
    }

    static let referenceDate = Date(timeIntervalSince1970: 1_714_550_400)

    static func task(
        id: String, name: String, instanceName: String, assignee: String? = "alice", due: Date? = nil
    ) -> TaskSummary {
        var item = ItemRecord(
            id: id, instanceId: "instance-" + id, seq: 1, elementId: "task_" + id, name: name,
            type: "bpmn:UserTask", status: .wait, tokenId: 0, startedAt: referenceDate)
        item.assignee = assignee
        item.dueDate = due
        return TaskSummary(item: item, instanceName: instanceName, instanceData: ["caseId": 7], modelVersion: 1)
    }

    static func instance(id: String, name: String) -> InstanceRecord {
        InstanceRecord(
            id: id, name: name, modelVersion: 1, status: .running, data: ["caseId": 7],
            startedAt: referenceDate)
    }

    static func model(_ name: String) -> ModelSummary {
        ModelSummary(
            name: name, version: 1, savedAt: referenceDate, processes: ["Process_1"],
            runningInstances: 1, totalInstances: 2)
    }

    /// Builds a state filled with the given rows, as a refresh would leave it.
    static func state(
        size: ScreenSize = ScreenSize(rows: 24, columns: 80), models: [ModelSummary] = [],
        instances: [InstanceRecord] = [], tasks: [TaskSummary] = []
    ) -> InboxState {
        var state = InboxState(userName: "alice", databasePath: "/var/lib/inbox/inbox.sqlite", size: size)
        state.models = models
        state.instances = instances
        state.instanceTotal = instances.count
        state.tasks = tasks
        state.panes[.models]?.setRows(PaneRows.modelRows(models))
        state.panes[.instances]?.setRows(PaneRows.instanceRows(instances))
        state.panes[.tasks]?.setRows(PaneRows.taskRows(tasks))
        if let first = tasks.first { state.detail = .task(first, nil) }
        return state
    }

    /// Draws `state` onto a new memory screen of its layout's size.
    static func render(_ state: InboxState) -> MemoryScreen {
        let screen = MemoryScreen(rows: state.layout.size.rows, columns: state.layout.size.columns)
        InboxRenderer().render(state, on: screen)
        return screen
    }
}

extension MemoryScreen {
    /// Returns the rows whose text contains `needle`.
    func rows(containing needle: String) -> [Int] {
        (0..<size.rows).filter { line($0).contains(needle) }
    }
}
