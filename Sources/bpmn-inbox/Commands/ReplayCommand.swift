import Foundation
import InboxUI
import ProcessDiagram
import WorkflowEngine

/// `replay`: plays an instance's recorded run on its diagram.
enum ReplayCommand {
    static func run(_ arguments: ParsedArguments, session: Session) throws {
        let instanceId = arguments.arguments[0]
        let interval = try DiagramCommand.withUsage(of: CommandCatalog.replay) {
            try WalkthroughCommand.parseInterval(arguments.value(DiagramCommandOptions.interval))
        }
        let engine = try session.engine()
        let execution = try DiagramCommand.loadInstance(instanceId, engine: engine)
        let definitions = try DiagramCommand.definitions(
            of: execution.instance.name, version: execution.instance.modelVersion, engine: engine)
        let source = ReplaySource(execution: execution, definitions: definitions)

        guard Console.isInteractive else {
            try WalkthroughCommand.printSteps(source, definitions: definitions, maximum: source.stepCount + 1)
            return
        }
        let player = DiagramPlayer(
            definitions: definitions, title: "Replay: \(execution.instance.name) \(execution.instance.id)",
            themeName: session.themeName, source: source)
        player.playInterval = interval
        try player.run()
    }
}
