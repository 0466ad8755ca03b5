import BPMNModel
import Foundation
import ProcessDiagram
import XCTest

/// Drawings of the example models and of corpus models at two terminal sizes, bare and with
/// an instance's state, compared with the files in Snapshots/.
final class DiagramSnapshotTests: XCTestCase {
    static let corpusModels = [
        "bpmn-web/processes/Buy Used Car.bpmn",
        "bpmn-web/processes/Complex Approval Process.bpmn",
        "bpmn-web/processes/Invoice.bpmn.bpmn",
        "bpmn-web/processes/SubProcess.bpmn",
        "bpmn-web/test-processes/boundary-event.bpmn",
        "bpmn-web/test-processes/Event Based Gateway.bpmn",
        "bpmn-web/test-processes/Cash Request.bpmn",
        "miwg/Reference/A.1.0.bpmn",
        "miwg/Reference/A.4.0.bpmn",
        "miwg/Reference/B.2.0.bpmn",
    ]

    static let sizes = [(120, 40), (80, 24)]

    /// Returns the snapshot text: the fitted view, the legend and, with an instance, a
    /// grid of role letters so the styles are compared too.
    static func snapshot(_ definitions: Definitions, width: Int, height: Int, withInstance: Bool) -> String {
        var viewport = DiagramViewport(definitions: definitions, width: width, height: height - 1)
        viewport.fit()
        let highlight = withInstance ? InstanceHighlight(items: SampleTrace.items(for: definitions)) : nil
        let frame = viewport.frame(highlight: highlight)
        var lines = frame.plainLines()
        lines.append(DiagramLegend.runs(highlight: highlight).map(\.text).joined())
        lines.append("zoom: \(viewport.options.zoom), drawing \(viewport.layout.width)x\(viewport.layout.height)")
        if withInstance {
            lines.append("roles:")
            for y in 0..<frame.height {
                var row = ""
                for x in 0..<frame.width { row.append(roleLetter(frame[x, y].role)) }
                while row.last == "." { row.removeLast() }
                lines.append(row)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func roleLetter(_ role: DiagramRole) -> Character {
        switch role {
        case .normal: return "."
        case .label: return "l"
        case .lane: return "p"
        case .waiting: return "W"
        case .done: return "d"
        case .failed: return "F"
        case .flowTaken: return "t"
        case .selected: return "S"
        case .link: return "m"
        }
    }

    private static func snapshotName(_ path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.replacingOccurrences(of: ".bpmn", with: "").replacingOccurrences(of: " ", with: "-")
    }

    private func checkAll(_ definitions: Definitions, name: String) throws {
        for (width, height) in Self.sizes {
            for withInstance in [false, true] {
                let text = Self.snapshot(definitions, width: width, height: height, withInstance: withInstance)
                let suffix = "@\(width)x\(height)" + (withInstance ? "-instance" : "")
                try SnapshotFile.assertMatches(text, named: name + suffix)
            }
        }
    }

    func testExampleModels() throws {
        let files = try ModelFiles.bpmnFiles(in: ModelFiles.examples)
        XCTAssertGreaterThanOrEqual(files.count, 4, "expected the example models in \(ModelFiles.examples.path)")
        for url in files {
            try checkAll(try ModelFiles.load(url), name: "example-" + Self.snapshotName(url.path))
        }
    }

    func testCorpusModels() throws {
        _ = try ModelFiles.corpusFolder("")
        for path in Self.corpusModels {
            let url = ModelFiles.corpus.appendingPathComponent(path)
            try checkAll(try ModelFiles.load(url), name: "corpus-" + Self.snapshotName(path))
        }
    }

    func testAutomaticLayoutOfExamples() throws {
        for url in try ModelFiles.bpmnFiles(in: ModelFiles.examples) {
            var definitions = try ModelFiles.load(url)
            definitions.diagram = Diagram()
            let layout = DiagramLayout(definitions: definitions)
            XCTAssertTrue(layout.isAutomatic, url.lastPathComponent)
            let text = DiagramRenderer.renderAll(layout).plainLines().joined(separator: "\n") + "\n"
            try SnapshotFile.assertMatches(text, named: "auto-" + Self.snapshotName(url.path))
        }
    }
}
