import BPMNModel
import Foundation
import ProcessDiagram
import WorkflowEngine

/// One step of a demo tour or replay: the instance after the step, what changed, and a
/// caption.
public struct DiagramStep: Sendable {
    public var caption: String
    public var execution: Execution
    /// Elements and flows that the step reached, drawn emphasized.
    public var changedIds: Set<String>

    public init(caption: String, execution: Execution, changedIds: Set<String>) {
        self.caption = caption
        self.execution = execution
        self.changedIds = changedIds
    }
}

/// The source of a `DiagramPlayer`'s steps: a live engine for the demo tour, or an instance's
/// recorded items for `replay`.
public protocol DiagramStepSource: AnyObject {
    /// Returns the state shown before the first step.
    func firstStep() throws -> DiagramStep
    /// Performs or reads the next step, or returns nil when there is none.
    func nextStep() throws -> DiagramStep?
    /// Moves the clock to the next timer and fires it. Nil when nothing waits for a timer or
    /// the source has no clock.
    func advanceToNextTimer() throws -> DiagramStep?
    /// True when `advanceToNextTimer` can move a clock. The player offers the `t` key only then.
    var canAdvanceClock: Bool { get }
}

extension DiagramStepSource {
    public var canAdvanceClock: Bool { true }
}

/// The full-screen diagram of a tour or replay. Space steps, `p` plays and pauses, `t` moves
/// the clock to the next timer (only when the source has a clock) and `q` quits. The diagram
/// view's keys scroll and zoom.
public final class DiagramPlayer {
    private let definitions: Definitions
    private let title: String
    private let themeName: String?
    private let source: DiagramStepSource
    /// Seconds between steps while playing.
    public var playInterval: TimeInterval = 1.5
    private(set) var view: DiagramViewState?
    private(set) var isPlaying = false
    private(set) var isFinished = false
    private var lastStepAt = Date.distantPast

    public init(definitions: Definitions, title: String, themeName: String?, source: DiagramStepSource) {
        self.definitions = definitions
        self.title = title
        self.themeName = themeName
        self.source = source
    }

    /// Runs until the user quits.
    /// - Throws: `InboxError` when there is no usable terminal; errors of the first step.
    public func run() throws {
        let screen = try NcursesScreen(mouse: false)
        defer { screen.close() }
        let selection = ThemeLoader().load(name: themeName, terminalHasColors: screen.hasColors)
        screen.apply(selection.theme)

        try start(size: screen.size)
        draw(on: screen)
        while true {
            if let key = screen.readKey() {
                if key == .control("z") {
                    suspend(screen)
                    continue
                }
                if key == .resize { screen.updateSize() }
                guard handle(key, size: screen.size) else { return }
                draw(on: screen)
            } else {
                if screen.isInputLost { return }
                if tick(now: Date()) { draw(on: screen) }
            }
        }
    }

    /// Stops the player until the shell continues it (Ctrl-Z), as the inbox does. Without a
    /// job-control shell to continue it, the caption reports that instead.
    private func suspend(_ screen: NcursesScreen) {
        if JobControl.hasJobControlShell() {
            isPlaying = false
            screen.suspendToShell()
            view?.resize(to: screen.size)
        } else {
            view?.caption = "Ctrl-Z cannot suspend: this was not started from a shell with job control. Quit with q."
        }
        draw(on: screen)
    }

    /// Shows the first step on a screen of `size`.
    func start(size: ScreenSize) throws {
        let first = try source.firstStep()
        var view = DiagramViewState(definitions: definitions, title: title, execution: first.execution, size: size, showsCaptions: true)
        view.caption = first.caption + " Press Space to step, p to play."
        view.changedIds = first.changedIds
        self.view = view
    }

    /// Handles one key and returns false when the user quits.
    func handle(_ key: Key, size: ScreenSize) -> Bool {
        guard var view else { return false }
        switch key {
        case .character(" "):
            isPlaying = false
            step()
            return true
        case .character("p"):
            isPlaying.toggle()
            if isPlaying, !isFinished { step() }
            return true
        case .character("t") where source.canAdvanceClock:
            advanceClock()
            return true
        case .resize:
            view.resize(to: size)
            self.view = view
            return true
        default:
            let result = view.handle(key)
            self.view = view
            return result != .close
        }
    }

    /// Steps while playing, once `playInterval` has passed, and returns whether to redraw.
    func tick(now: Date) -> Bool {
        guard isPlaying, !isFinished, now.timeIntervalSince(lastStepAt) >= playInterval else { return false }
        step()
        return true
    }

    private func step() {
        lastStepAt = Date()
        do {
            if let next = try source.nextStep() {
                show(next)
            } else if let timer = try source.advanceToNextTimer() {
                show(timer)
            } else {
                isFinished = true
                isPlaying = false
                view?.caption = "The end: nothing more happens. Press q to quit."
                view?.changedIds = []
            }
        } catch {
            isPlaying = false
            view?.caption = "Step failed: \(error)"
        }
    }

    private func advanceClock() {
        do {
            if let step = try source.advanceToNextTimer() {
                show(step)
            } else {
                view?.caption = "No timer waits."
            }
        } catch {
            view?.caption = "The timer failed: \(error)"
        }
    }

    private func show(_ step: DiagramStep) {
        guard var view else { return }
        view.update(execution: step.execution)
        view.caption = step.caption
        view.changedIds = step.changedIds
        if let first = step.changedIds.sorted().first(where: { view.viewport.layout.rects[$0] != nil }) {
            view.viewport.scrollIntoView(first)
        }
        self.view = view
    }

    /// The player's own keys, shown before the diagram view's in the hint row.
    var playerHints: [(String, String)] {
        var hints = [("Space", "step"), ("p", isPlaying ? "pause" : "play")]
        if source.canAdvanceClock { hints.append(("t", "next timer")) }
        return hints
    }

    func draw(on screen: Screen) {
        guard let view else { return }
        screen.clear()
        screen.setCursor(nil)
        DiagramScreen.draw(view, on: screen)
        DiagramScreen.drawHintRow(DiagramScreen.hints(extra: playerHints), row: screen.size.rows - 1, width: screen.size.columns, on: screen)
        screen.present()
    }
}
