import Foundation
import WorkflowEngine
import XCTest

/// Every bpmn-web model imports and starts, with the demo services and decision of this test's
/// fixtures, except the listed models, each of which fails for the stated reason. None crashes
/// the engine.
final class CorpusStartTests: XCTestCase {
    /// Models that cannot start, with a phrase of the error they must give.
    private let expectedFailures: [String: String] = [
        "test-processes/undefined.bpmn": "invalid XML at line 1, column 1",
        "test-processes/pizza store example.bpmn": "has no timeDate, timeDuration or timeCycle",
        "test-processes/test-system-crash.bpmn": "SyntaxError",
        "test-processes/bpmn-server-arch.bpmn": "took more than 10000 steps",
    ]

    func testEveryBpmnWebModelStartsOrReportsWhy() throws {
        let root = EngineHarness.corpus.appendingPathComponent("bpmn-web")
        guard FileManager.default.fileExists(atPath: root.path) else {
            throw XCTSkip("corpus not found at \(root.path); place the shared corpus beside the repository")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".bpmn") }.sorted()
        XCTAssertGreaterThan(files.count, 90)

        var failures: [String: String] = [:]
        for file in files {
            let harness = try EngineHarness()
            try harness.engine.loadServices(from: EngineHarness.fixtures.appendingPathComponent("services"))
            try harness.importFixture("vacation.dmn", as: "vacation-rules")
            try harness.importCorpus("bpmn-web/test-processes/Buy Used Car.bpmn", as: "Buy Used Car")
            let source = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            do {
                try harness.engine.importModel(name: "model", source: source)
                _ = try harness.engine.start("model", data: ["caseId": 1, "age": 30], user: UserContext(name: "user1"))
            } catch let error as EngineError {
                failures[file] = error.description
            }
        }

        for (file, message) in failures.sorted(by: { $0.key < $1.key }) {
            guard let expected = expectedFailures[file] else {
                XCTFail("\(file) failed: \(message)")
                continue
            }
            XCTAssertTrue(message.contains(expected), "\(file): expected '\(expected)' in: \(message)")
        }
        for file in expectedFailures.keys where failures[file] == nil {
            XCTFail("\(file) was expected to fail but started")
        }
    }
    func testBlankLaneNameAddsNoGroup() throws {
        let path = "bpmn-web/processes/Complex Approval Process.bpmn"
        guard FileManager.default.fileExists(atPath: EngineHarness.corpus.appendingPathComponent(path).path) else {
            throw XCTSkip("corpus not found at \(EngineHarness.corpus.path); place the shared corpus beside the repository")
        }
        let harness = try EngineHarness()
        try harness.importCorpus(path, as: "approval")

        let started = try harness.engine.start("approval")

        let tasks = started.waitingItems.filter { $0.type == "bpmn:UserTask" }
        XCTAssertFalse(tasks.isEmpty)
        XCTAssertEqual(tasks.flatMap(\.candidateGroups), [])
    }
}
