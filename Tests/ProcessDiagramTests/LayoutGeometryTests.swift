import BPMNModel
@testable import ProcessDiagram
import XCTest

/// Every corpus model, laid out from BPMNDI and automatically, at every zoom: no two boxes
/// overlap and every line joins its two boxes orthogonally.
final class LayoutGeometryTests: XCTestCase {
    private func corpusModels() throws -> [(String, Definitions)] {
        var models: [(String, Definitions)] = []
        for folder in ["bpmn-web/processes", "bpmn-web/test-processes", "miwg/Reference"] {
            for url in try ModelFiles.bpmnFiles(in: try ModelFiles.corpusFolder(folder)) {
                // A file the parser rejects has no diagram to check.
                guard let definitions = try? ModelFiles.load(url) else { continue }
                models.append(("\(folder)/\(url.lastPathComponent)", definitions))
            }
        }
        XCTAssertGreaterThan(models.count, 100, "expected the whole corpus")
        return models
    }

    /// The maximum number of lines, over the whole corpus at one zoom level, that may run under
    /// a box. The router avoids boxes by cost only. When this limit was set, 1 of the 5562
    /// lines of the three zoom levels ran under a box.
    static let maximumHiddenLines = 2

    private func check(_ options: DiagramOptions) throws {
        var hidden: [String] = []
        for (name, definitions) in try corpusModels() {
            let layout = DiagramLayout(definitions: definitions, options: options)
            XCTAssertEqual(LayoutChecks.overlaps(in: layout), [], "\(name) at \(options.zoom)")
            XCTAssertEqual(LayoutChecks.brokenRoutes(in: layout), [], "\(name) at \(options.zoom)")
            XCTAssertEqual(LayoutChecks.unroutedEdges(in: layout), [], "\(name) at \(options.zoom)")
            hidden += LayoutChecks.linesUnderBoxes(in: layout).map { "\(name): \($0)" }
        }
        XCTAssertLessThanOrEqual(hidden.count, Self.maximumHiddenLines, "lines under boxes: \(hidden)")
    }

    func testCorpusFromDiagramAtFullZoom() throws {
        try check(DiagramOptions(zoom: .full))
    }

    func testCorpusFromDiagramAtShortZoom() throws {
        try check(DiagramOptions(zoom: .short))
    }

    func testCorpusFromDiagramAtSymbolZoom() throws {
        try check(DiagramOptions(zoom: .symbols))
    }

    func testCorpusWithoutDiagramSection() throws {
        try check(DiagramOptions(zoom: .full, ignoresDiagram: true))
    }

    func testCorpusWithoutDiagramSectionAtSymbolZoom() throws {
        try check(DiagramOptions(zoom: .symbols, ignoresDiagram: true))
    }
}
