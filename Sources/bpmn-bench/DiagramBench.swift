import BPMNModel
import Foundation
import ProcessDiagram

/// The diagram half of part `parse`: laying out the largest corpus model for the terminal once,
/// and drawing 120x40 frames of it while scrolling, as the inbox's diagram view does.
struct DiagramBench {
    static let corpusPath = "bpmn-web/processes/workflow.bpmn.txt.bpmn"
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport

    func run() throws {
        guard let url = workspace.corpusFile(Self.corpusPath) else {
            report.note("diagram.skipped", "corpus file \(Self.corpusPath) not found; pass --corpus DIR")
            return
        }
        let definitions = try BPMNParser.parse(data: try Data(contentsOf: url))
        let key = "diagram.workflow_bpmn_txt"

        var layouts = Samples()
        for _ in 0..<max(scale.parseIterations / 5, 2) {
            layouts.append(Stopwatch.measure { DiagramLayout(definitions: definitions) }.milliseconds)
        }
        report.record(key + ".layout_ms", layouts.median)

        // Scroll right and down across the drawing, one frame per step, wrapping at the end.
        var viewport = DiagramViewport(definitions: definitions, width: 120, height: 40)
        var frames = Samples()
        var drawnCells = 0
        for step in 0..<(scale.parseIterations * 4) {
            if step % 40 == 39 {
                viewport.scroll(dx: -viewport.layout.width, dy: -viewport.layout.height)
            } else {
                viewport.scroll(dx: 6, dy: 2)
            }
            let (frame, time) = Stopwatch.measure { viewport.frame(highlight: nil) }
            frames.append(time)
            drawnCells = frame.plainLines().reduce(0) { $0 + $1.count }
        }
        guard drawnCells > 0 else {
            throw BenchError.unexpected("diagram: the frames of \(Self.corpusPath) are empty")
        }
        report.record(key + ".width_cells", Double(viewport.layout.width))
        report.record(key + ".height_cells", Double(viewport.layout.height))
        report.recordLatency(key + ".frame", frames)
    }
}
