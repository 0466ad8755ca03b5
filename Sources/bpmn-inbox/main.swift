import Foundation
import WorkflowEngine

/// Runs one command line and returns the exit status: 0 on success, 1 when an operation
/// failed, 2 when the command line is wrong.
func runTool(_ words: [String]) -> Int32 {
    do {
        switch try CommandLineParser.parse(words) {
        case let .help(command, groupName):
            Console.output(HelpText.page(command: command, groupName: groupName))
        case .version:
            Console.output("bpmn-inbox \(HelpText.version)")
        case .inbox(let arguments):
            try InboxCommand.open(session: Session(arguments: arguments))
        case let .run(command, arguments):
            try dispatch(command, arguments, session: Session(arguments: arguments))
        }
        return ExitStatus.success
    } catch let error as UsageError {
        Console.error(error.message)
        Console.note(error.hint)
        return ExitStatus.usage
    } catch let failure as CommandFailure {
        if !failure.isReported { Console.error(failure.message) }
        return failure.status
    } catch {
        Console.error(ErrorText.describe(error))
        return ExitStatus.failure
    }
}

private func dispatch(_ command: CommandSpec, _ arguments: ParsedArguments, session: Session) throws {
    switch command {
    case CommandCatalog.modelImport: try ModelCommands.importFiles(arguments, session: session)
    case CommandCatalog.modelList: try ModelCommands.list(arguments, session: session)
    case CommandCatalog.start: try ExecutionCommands.start(arguments, session: session)
    case CommandCatalog.invoke: try ExecutionCommands.invoke(arguments, session: session)
    case CommandCatalog.assign: try ExecutionCommands.assign(arguments, session: session)
    case CommandCatalog.message: try EventCommands.message(arguments, session: session)
    case CommandCatalog.signal: try EventCommands.signal(arguments, session: session)
    case CommandCatalog.retry: try EventCommands.retry(arguments, session: session)
    case CommandCatalog.instances: try QueryCommands.instances(arguments, session: session)
    case CommandCatalog.tasks: try QueryCommands.tasks(arguments, session: session)
    case CommandCatalog.items: try QueryCommands.items(arguments, session: session)
    case CommandCatalog.startEvent: try EventCommands.startEvent(arguments, session: session)
    case CommandCatalog.timers: try WaitingEventsCommand.list(arguments, session: session)
    case CommandCatalog.worker: try WorkerCommand.run(arguments, session: session)
    case CommandCatalog.demo: try DemoCommand.run(arguments, session: session)
    default: preconditionFailure("command '\(command.name)' is in the catalog but has no handler")
    }
}

exit(runTool(Array(CommandLine.arguments.dropFirst())))
