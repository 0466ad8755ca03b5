import Foundation
import WorkflowEngine
import XCTest

/// Every bpmn-web model imports and starts, or fails with a typed engine error that names
/// what is missing; none crashes the engine.
final class CorpusStartTests: XCTestCase {
    func testEveryBpmnWebModelStartsOrReportsWhy() throws {
        let root = EngineHarness.corpus.appendingPathComponent("bpmn-web")
        guard FileManager.default.fileExists(atPath: root.path) else {
            throw XCTSkip("corpus not found at \(root.path); place the shared corpus beside the repository")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".bpmn") }.sorted()
        XCTAssertGreaterThan(files.count, 20)

        var started = 0
        var reasons: [String: Int] = [:]
        for file in files {
            let harness = try EngineHarness()
            let source = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            do {
                try harness.engine.importModel(name: "model", source: source)
                _ = try harness.engine.start("model", data: ["caseId": 1], user: UserContext(name: "user1"))
                started += 1
            } catch let error as EngineError {
                XCTAssertFalse(error.description.isEmpty, file)
                reasons[Self.kind(of: error), default: 0] += 1
                if ProcessInfo.processInfo.environment["CORPUS_VERBOSE"] != nil { print("\(file): \(error)") }
            }
        }
        print("bpmn-web: \(files.count) models, \(started) started; failures by kind: \(reasons.sorted { $0.key < $1.key })")
        XCTAssertGreaterThan(started, files.count / 2)
    }

    private static func kind(of error: EngineError) -> String {
        switch error {
        case .unsupportedElement(_, let type): return "unsupported \(type)"
        default: return String(describing: error).components(separatedBy: ":").first ?? "\(error)"
        }
    }
}
