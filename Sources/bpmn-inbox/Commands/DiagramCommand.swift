import BPMNModel
import Foundation
import InboxUI
import ProcessDiagram
import WorkflowEngine

/// `diagram`: prints a model's diagram, optionally with an instance's state.
enum DiagramCommand {
    static func run(_ arguments: ParsedArguments, session: Session) throws {
        let modelArgument = arguments.arguments[0]
        let (width, zoom, colors) = try withUsage(of: CommandCatalog.diagram) {
            (
                try parseWidth(arguments.value(DiagramCommandOptions.width)),
                try parseZoom(arguments.value(DiagramCommandOptions.zoom)),
                try DiagramOutput.ColorChoice.parse(arguments.value(DiagramCommandOptions.color))
            )
        }
        let isTerminal = isatty(STDOUT_FILENO) == 1

        let (definitions, execution) = try loadModel(
            modelArgument, instanceId: arguments.value(DiagramCommandOptions.instance), session: session)
        let highlight = execution.map { InstanceHighlight(items: DiagramTraces.traces($0.items)) }

        let limit = width ?? (isTerminal ? TerminalColumns.current() : nil)
        let options = DiagramOptions(ignoresDiagram: arguments.flag(DiagramCommandOptions.autoLayout))
        let layout = chooseLayout(definitions, options: options, zoom: zoom, width: limit)
        let shownWidth = min(layout.width, limit ?? layout.width)
        let frame = DiagramRenderer.renderFrame(
            layout, highlight: highlight, viewport: CellRect(x: 0, y: 0, width: shownWidth, height: layout.height))

        let styled = colors.usesStyles(isTerminal: isTerminal, environment: ProcessInfo.processInfo.environment)
        var lines = DiagramOutput.lines(frame, styled: styled)
        lines.append(legend(highlight, styled: styled, width: limit))
        if styled {
            Console.outputStyled(lines.joined(separator: "\n"))
        } else {
            Console.output(lines.joined(separator: "\n"))
        }

        if layout.width > shownWidth {
            Console.note(
                "note: the drawing is \(layout.width) columns wide and was cut at \(shownWidth); "
                    + "give a larger --width or --zoom symbols, or scroll it in the inbox with 'd'")
        }
    }

    /// Loads the model from a `.bpmn` file or by name from the database, and the instance
    /// when `instanceId` is given (whose model version is then drawn).
    /// - Throws: `CommandFailure` when the file, model or instance is not found, or the
    ///   instance belongs to another model.
    static func loadModel(_ argument: String, instanceId: String?, session: Session) throws -> (Definitions, Execution?) {
        if instanceId == nil, argument.lowercased().hasSuffix(".bpmn") || FileManager.default.fileExists(atPath: argument) {
            guard let data = FileManager.default.contents(atPath: argument) else {
                throw CommandFailure("cannot read the model file '\(argument)'; check the path, or give a model name as 'model list' shows it")
            }
            do {
                return (try BPMNParser.parse(data: data), nil)
            } catch {
                throw CommandFailure("invalid BPMN file '\(argument)': \(error)")
            }
        }

        let engine = try session.engine()
        guard let instanceId else {
            return (try definitions(of: argument, version: nil, engine: engine), nil)
        }
        let execution = try loadInstance(instanceId, engine: engine)
        guard execution.instance.name == argument else {
            throw CommandFailure(
                "instance '\(instanceId)' runs model '\(execution.instance.name)', not '\(argument)'; "
                    + "run: \(ShellWord.command(["diagram", execution.instance.name, "--instance", instanceId]))")
        }
        let definitions = try definitions(of: argument, version: execution.instance.modelVersion, engine: engine)
        return (definitions, execution)
    }

    static func loadInstance(_ id: String, engine: WorkflowEngine) throws -> Execution {
        do {
            return try engine.get(.object(["id": .string(id)]))
        } catch EngineError.instanceNotFound {
            throw CommandFailure("instance '\(id)' not found; 'bpmn-inbox instances' lists the instance ids")
        }
    }

    static func definitions(of model: String, version: Int?, engine: WorkflowEngine) throws -> Definitions {
        do {
            return try engine.definitions(model: model, version: version)
        } catch {
            let known = (try? engine.listModels().map(\.name)) ?? []
            let hint = known.isEmpty ? "import one with 'model import FILE'" : "known models: " + known.joined(separator: ", ")
            if case EngineError.modelNotFound = error {
                throw CommandFailure("model '\(model)' not found; \(hint)")
            }
            throw CommandFailure("cannot load model '\(model)': \(error); \(hint)")
        }
    }

    /// Runs `body` and attaches `command` to a usage error it throws, so the hint names
    /// that command's help instead of the list of commands.
    static func withUsage<T>(of command: CommandSpec, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as UsageError {
            if error.command == nil { error.command = command }
            throw error
        }
    }

    /// Uses `zoom` when given; otherwise the level with the most text that fits `width`
    /// (symbols when none does, full without a width).
    static func chooseLayout(_ definitions: Definitions, options: DiagramOptions, zoom: DiagramZoom?, width: Int?) -> DiagramLayout {
        var options = options
        if let zoom {
            options.zoom = zoom
            return DiagramLayout(definitions: definitions, options: options)
        }
        var layout = DiagramLayout(definitions: definitions, options: options)
        guard let width else { return layout }
        for next in [DiagramZoom.short, .symbols] where layout.width > width {
            options.zoom = next
            layout = DiagramLayout(definitions: definitions, options: options)
        }
        return layout
    }

    static func parseWidth(_ value: String?) throws -> Int? {
        guard let value else { return nil }
        guard let width = Int(value), (20...10_000).contains(width) else {
            throw UsageError("invalid --width '\(value)'; give a number of columns from 20 to 10000")
        }
        return width
    }

    static func parseZoom(_ value: String?) throws -> DiagramZoom? {
        guard let value else { return nil }
        switch value.lowercased() {
        case "full": return .full
        case "short": return .short
        case "symbols": return .symbols
        default: throw UsageError("invalid --zoom '\(value)'; use 'full', 'short' or 'symbols'")
        }
    }

    private static func legend(_ highlight: InstanceHighlight?, styled: Bool, width: Int?) -> String {
        var text = ""
        var used = 0
        for run in DiagramLegend.runs(highlight: highlight) {
            let room = (width ?? Int.max) - used
            guard room > 0 else { break }
            let part = ProcessDiagram.DisplayWidth.truncated(run.text, to: room)
            used += ProcessDiagram.DisplayWidth.width(of: part)
            text += styled ? DiagramOutput.styledText(part, role: run.role) : part
        }
        return text
    }
}
