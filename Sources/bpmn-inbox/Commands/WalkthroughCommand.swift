import BPMNModel
import Foundation
import InboxUI
import ProcessDiagram
import SQLiteStore
import WorkflowEngine

/// `demo --tour MODEL`: the narrated walk-through of an example model.
enum WalkthroughCommand {
    /// The maximum number of steps a tour prints without a terminal, so a model that loops
    /// cannot hang it.
    static let maximumPrintedSteps = 200

    static func run(modelName requested: String, arguments: ParsedArguments, session: Session) throws {
        let interval = try DiagramCommand.withUsage(of: CommandCatalog.demo) {
            try parseInterval(arguments.value(DiagramCommandOptions.interval))
        }
        let folder = try DemoCommand.modelsFolder(arguments.value(Options.models))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.lowercased().hasSuffix(".bpmn") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
        let names = files.map { ModelFile.defaultModelName(path: $0) }
        guard let modelName = names.first(where: { $0 == requested }) ?? names.first(where: { $0.lowercased() == requested.lowercased() }) else {
            throw CommandFailure(
                "no model '\(requested)' in '\(folder)'; the tour can show: "
                    + (names.isEmpty ? "(none)" : names.map { "'\($0)'" }.joined(separator: ", ")))
        }

        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("bpmn-inbox-tour-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }

        let store = try SQLiteStore(path: workspace.appendingPathComponent("tour.sqlite").path)
        try DemoSettings.markAsDemo(store)
        let clock = AdjustableClock(showing: WalkthroughTour.startTime)
        let engine = WorkflowEngine(store: store, clock: clock)
        for path in files {
            _ = try ModelFile.read(path: path, name: nil).importModel(into: engine)
        }
        let startData = try DemoCommand.sampleData(for: modelName, folder: folder).first ?? .emptyObject
        let definitions = try engine.definitions(model: modelName)
        let tour = WalkthroughTour(modelName: modelName, definitions: definitions, engine: engine, clock: clock, startData: startData)

        guard Console.isInteractive else {
            try printSteps(tour, definitions: definitions, maximum: maximumPrintedSteps)
            return
        }
        let player = DiagramPlayer(definitions: definitions, title: "Tour: \(modelName)", themeName: session.themeName, source: tour)
        player.playInterval = interval
        try player.run()
    }

    /// Prints every step's caption and then the final state's diagram, for runs without a
    /// terminal (scripts, tests, logs).
    static func printSteps(_ source: DiagramStepSource, definitions: Definitions, maximum: Int) throws {
        var step = try source.firstStep()
        Console.output("step 0: " + step.caption)
        var number = 0
        while number < maximum, let next = try source.nextStep() ?? source.advanceToNextTimer() {
            number += 1
            step = next
            Console.output("step \(number): " + next.caption)
        }
        let layout = DiagramLayout(definitions: definitions)
        let highlight = InstanceHighlight(items: DiagramTraces.traces(step.execution.items))
        Console.output(DiagramRenderer.renderAll(layout, highlight: highlight).plainLines().joined(separator: "\n"))
    }

    /// Parses `--interval` (seconds between steps while playing).
    static func parseInterval(_ value: String?) throws -> TimeInterval {
        guard let value else { return 1.5 }
        guard let seconds = Double(value), seconds >= 0.2, seconds <= 60 else {
            throw UsageError("invalid --interval '\(value)'; give seconds from 0.2 to 60, such as 1.5")
        }
        return seconds
    }
}
