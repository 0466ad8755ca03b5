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
            let session = try Session(arguments: arguments)
            do {
                try dispatch(command, InstanceIdArguments.resolved(arguments, for: command, session: session), session: session)
            } catch {
                throw QueryMistake.usageError(for: error, command: command) ?? NextStep.annotated(error, command: command)
            }
        }
        return ExitStatus.success
    } catch let error as UsageError {
        Console.error(error.message)
        Console.note(error.hint)
        return ExitStatus.usage
    } catch let failure as CommandFailure {
        if !failure.isReported { Console.error(failure.message) }
        return failure.status
    } catch let error as EngineError where Refusal.isRefusal(error) {
        Console.error(ErrorText.describe(error))
        return ExitStatus.refused
    } catch let error as EngineError where error.meansNothingMatched {
        Console.error(ErrorText.describe(error))
        return ExitStatus.nothingMatched
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
    case CommandCatalog.invoke where arguments.flag(AdminOptions.noWait):
        try InstanceAdminCommands.invokeWithoutWaiting(arguments, session: session)
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
    case CommandCatalog.diagram: try DiagramCommand.run(arguments, session: session)
    case CommandCatalog.replay: try ReplayCommand.run(arguments, session: session)
    case CommandCatalog.claim: try ClaimCommands.claim(arguments, session: session)
    case CommandCatalog.unclaim: try ClaimCommands.unclaim(arguments, session: session)
    case CommandCatalog.count: try CountCommand.run(arguments, session: session)
    case CommandCatalog.history: try HistoryCommand.run(arguments, session: session)
    case CommandCatalog.userAdd: try UserCommands.add(arguments, session: session)
    case CommandCatalog.userList: try UserCommands.list(arguments, session: session)
    case CommandCatalog.userRemove: try UserCommands.remove(arguments, session: session)
    case CommandCatalog.configGet: try UserCommands.configGet(arguments, session: session)
    case CommandCatalog.configSet: try UserCommands.configSet(arguments, session: session)
    case CommandCatalog.modelTenant: try UserCommands.modelTenant(arguments, session: session)
    case CommandCatalog.modelShow: try ModelAdminCommands.show(arguments, session: session)
    case CommandCatalog.modelVersions: try ModelAdminCommands.versions(arguments, session: session)
    case CommandCatalog.modelDiff: try ModelAdminCommands.diff(arguments, session: session)
    case CommandCatalog.modelExport: try ModelAdminCommands.export(arguments, session: session)
    case CommandCatalog.modelDelete: try ModelAdminCommands.delete(arguments, session: session)
    case CommandCatalog.modelRename: try ModelAdminCommands.rename(arguments, session: session)
    case CommandCatalog.modelEvents: try ModelAdminCommands.events(arguments, session: session)
    case CommandCatalog.get: try InstanceAdminCommands.get(arguments, session: session)
    case CommandCatalog.delete: try InstanceAdminCommands.delete(arguments, session: session)
    case CommandCatalog.terminate: try InstanceAdminCommands.terminate(arguments, session: session)
    case CommandCatalog.restart: try InstanceAdminCommands.restart(arguments, session: session)
    case CommandCatalog.upgrade: try InstanceAdminCommands.upgrade(arguments, session: session)
    case CommandCatalog.snapshots: try InstanceAdminCommands.snapshots(arguments, session: session)
    case CommandCatalog.watch: try WatchCommand.run(arguments, session: session)
    case CommandCatalog.export: try ExportCommands.export(arguments, session: session)
    case CommandCatalog.importInstances: try ExportCommands.importFile(arguments, session: session)
    case CommandCatalog.backup: try ExportCommands.backup(arguments, session: session)
    case CommandCatalog.completion: try DocumentationCommands.completion(arguments)
    case CommandCatalog.man: DocumentationCommands.man()
    default: preconditionFailure("command '\(command.name)' is in the catalog but has no handler")
    }
}

exit(runTool(Array(CommandLine.arguments.dropFirst())))
