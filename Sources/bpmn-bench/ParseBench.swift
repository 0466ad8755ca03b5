import BPMNModel
import Foundation

/// Part `parse`: milliseconds per `BPMNParser.parse` of models held in memory, so file reading
/// is not timed. The models are the largest corpus model, MIWG's B.2.0 reference and the
/// generated `large.bpmn` that SpiffWorkflow's parse benchmark also parses. `DiagramBench`
/// follows.
struct ParseBench {
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport

    /// Result key, location (corpus, peers folder or bench models) and relative path.
    private enum Location { case corpus, peers, models }
    private static let models: [(key: String, location: Location, path: String)] = [
        ("parse.workflow_bpmn_txt", .corpus, "bpmn-web/processes/workflow.bpmn.txt.bpmn"),
        ("parse.miwg_b_2_0", .corpus, "miwg/Reference/B.2.0.bpmn"),
        ("parse.large", .peers, "large.bpmn"),
        ("parse.approval", .models, "approval-js.bpmn"),
    ]

    func run() throws {
        for model in Self.models {
            guard let url = locate(model.location, model.path) else {
                report.note(model.key + ".skipped", "\(model.path) not found; pass --corpus DIR or --peers DIR")
                continue
            }
            let data = try Data(contentsOf: url)
            try measure(key: model.key, data: data)
        }
        try DiagramBench(workspace: workspace, scale: scale, report: report).run()
    }

    private func locate(_ location: Location, _ path: String) -> URL? {
        let base: URL
        switch location {
        case .corpus: base = workspace.arguments.corpusDirectory
        case .peers: base = workspace.arguments.peersDirectory
        case .models: base = workspace.arguments.modelsDirectory
        }
        let url = base.appendingPathComponent(path)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    private func measure(key: String, data: Data) throws {
        let text = String(decoding: data, as: UTF8.self)
        let warmUp = try BPMNParser.parse(string: text)
        let nodes = warmUp.processes.reduce(0) { $0 + $1.body.nodes.count }

        var samples = Samples()
        for _ in 0..<scale.parseIterations {
            let (_, time) = try Stopwatch.measure { try BPMNParser.parse(string: text) }
            samples.append(time)
        }
        report.record(key + ".bytes", Double(data.count))
        report.record(key + ".top_level_nodes", Double(nodes))
        report.record(key + ".ms_per_parse", samples.median)
    }
}
