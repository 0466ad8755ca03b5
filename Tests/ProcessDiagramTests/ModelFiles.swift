import BPMNModel
import Foundation
import XCTest

/// Paths of the models the diagram tests draw.
enum ModelFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let examples = repositoryRoot.appendingPathComponent("examples")
    static let snapshots = repositoryRoot.appendingPathComponent("Tests/ProcessDiagramTests/Snapshots")

    /// Returns the corpus folder, or skips the test when the corpus is not checked out.
    static func corpusFolder(_ relative: String) throws -> URL {
        let folder = corpus.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw XCTSkip("corpus not found at \(folder.path)")
        }
        return folder
    }

    /// Returns the `.bpmn` files of a folder, sorted by name.
    static func bpmnFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.lowercased().hasSuffix(".bpmn") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    static func load(_ url: URL) throws -> Definitions {
        try BPMNParser.parse(data: Data(contentsOf: url))
    }
}
