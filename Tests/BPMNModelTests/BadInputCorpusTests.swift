import BPMNModel
import Foundation
import XCTest

/// Every real model in the shared corpus loads or fails with a `BPMNParseError` that gives a
/// position or an element and a reason, each within a second.
final class BadInputCorpusTests: XCTestCase {
    /// The maximum time one file may take to load or fail, in seconds. A debug build parses the
    /// largest corpus file (907 KB) in under 0.1 s on a 2-core machine.
    private let perFileLimit: TimeInterval = 1.0

    private struct Outcome {
        var loaded = 0
        var rejected: [String] = []
        var problems: [String] = []
        var slowest: (path: String, seconds: TimeInterval) = ("", 0)
    }

    private func walk(_ relativeFolder: String, extensions: [String]) throws -> Outcome {
        let folder = try Corpus.folder(relativeFolder)
        var outcome = Outcome()
        for url in Corpus.files(under: folder, extensions: extensions) {
            let path = relativeFolder + "/" + url.path.dropFirst(folder.path.count + 1)
            let data = try Data(contentsOf: url)
            let began = Date()
            do {
                _ = try BPMNParser.parse(data: data)
                outcome.loaded += 1
            } catch let error as BPMNParseError {
                outcome.rejected.append("\(path): \(error)")
                if let problem = Self.problem(with: error) { outcome.problems.append("\(path): \(problem)") }
            } catch {
                outcome.problems.append("\(path): not a BPMNParseError: \(error)")
            }
            let seconds = Date().timeIntervalSince(began)
            if seconds > outcome.slowest.seconds { outcome.slowest = (path, seconds) }
            if seconds > perFileLimit {
                outcome.problems.append("\(path): took \(String(format: "%.2f", seconds)) s")
            }
        }
        return outcome
    }

    /// Returns what an error lacks for a user to find and fix the problem, or nil.
    private static func problem(with error: BPMNParseError) -> String? {
        switch error {
        case let .malformedXML(line, column, reason):
            if line < 1 || column < 1 { return "position \(line):\(column) is not 1-based" }
            return reason.isEmpty ? "no reason" : nil
        case let .notBPMN(rootElement, _):
            return rootElement.isEmpty ? "no root element named" : nil
        case let .invalidElement(_, element, reason):
            return element.isEmpty || reason.isEmpty ? "no element or reason" : nil
        }
    }

    func testMiwgFilesLoadOrFailClearly() throws {
        let outcome = try walk("miwg", extensions: [".bpmn"])
        print("miwg: \(outcome.loaded) loaded, \(outcome.rejected.count) rejected, slowest \(outcome.slowest.path) "
            + String(format: "%.3f s", outcome.slowest.seconds))
        outcome.rejected.forEach { print("  rejected \($0)") }

        XCTAssertEqual(outcome.loaded + outcome.rejected.count, 831)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertGreaterThanOrEqual(outcome.rejected.filter { $0.contains("GenMyModel") && $0.contains("invalid XML") }.count, 4)
    }

    func testBpmnWebFilesLoadOrFailClearly() throws {
        let outcome = try walk("bpmn-web", extensions: [".bpmn"])
        print("bpmn-web: \(outcome.loaded) loaded, \(outcome.rejected.count) rejected, slowest \(outcome.slowest.path) "
            + String(format: "%.3f s", outcome.slowest.seconds))

        XCTAssertGreaterThan(outcome.loaded, 50)
        XCTAssertEqual(outcome.problems, [])
    }
}
