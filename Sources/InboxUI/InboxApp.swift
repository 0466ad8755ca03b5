import CNcursesw
import Foundation
import WorkflowEngine

/// The signal that asked the inbox to stop (SIGTERM or SIGHUP), or 0. Written only by
/// `recordStopSignal`.
private nonisolated(unsafe) var pendingStopSignal: Int32 = 0
/// Set to 1 by `recordInterrupt` when SIGINT arrives; the run loop clears it and treats
/// it as the Ctrl-C key.
private nonisolated(unsafe) var pendingInterrupt: Int32 = 0

/// Set to 1 by `recordSuspend` when SIGTSTP arrives from outside (`kill -TSTP`); the run
/// loop clears it and suspends as for the Ctrl-Z key.
private nonisolated(unsafe) var pendingSuspend: Int32 = 0

private func recordSuspend(_ signal: Int32) {
    pendingSuspend = 1
}

private func recordStopSignal(_ signal: Int32) {
    pendingStopSignal = signal
}

private func recordInterrupt(_ signal: Int32) {
    pendingInterrupt = 1
}

/// Restores the terminal before the process dies of a crash signal, then lets the
/// signal's default action run.
private func restoreTerminalAndReraise(_ signal: Int32) {
    endwin()
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}

/// The terminal inbox: panes for models, instances and waiting user tasks, with forms
/// to start instances and to complete and assign tasks.
public final class InboxApp {
    let controller: InboxController
    let renderer = InboxRenderer()
    private let themeName: String?
    /// Whether to ask the terminal for mouse clicks and wheel turns.
    public var usesMouse = true
    /// The style that announces new tasks for the user. When nil, only the status bar announces them.
    public var notification: NotificationStyle?
    /// True when the engine rejects every change, which the status bar then shows.
    public var isReadOnly: Bool {
        get { controller.state.isReadOnly }
        set { controller.state.isReadOnly = newValue }
    }

    /// - Parameters:
    ///   - engine: the engine, working on the database at `databasePath`.
    ///   - user: who starts, completes and assigns.
    ///   - databasePath: shown in the status bar.
    ///   - themeName: a theme name (see `ThemeLoader`) or a path to a `.theme` file; nil
    ///     uses `default`, or `mono` when `NO_COLOR` is set.
    ///   - demoClock: the engine's clock when it is an `AdjustableClock`. The `+` key moves
    ///     it to the next timer, and the status bar shows its offset. Nil disables `+`.
    public init(
        engine: WorkflowEngine, user: UserContext, databasePath: String, themeName: String?,
        demoClock: AdjustableClock? = nil
    ) {
        self.controller = InboxController(
            engine: engine, user: user, databasePath: databasePath, size: ScreenSize(rows: 24, columns: 80),
            demoClock: demoClock)
        self.themeName = themeName
    }

    /// Returns a number that changes when another process commits to the database, or nil
    /// when it cannot be read. Give it `SQLiteStore.dataVersion()` of the engine's own store,
    /// whose value ignores the inbox's own commits. The inbox reads it on every tick (about
    /// every 250 ms) and refreshes when it changes. Without it, changes made by other
    /// processes show at the next periodic refresh, every 5 s.
    public var dataVersion: (() -> Int?)? {
        get { controller.dataVersion }
        set { controller.dataVersion = newValue }
    }

    /// The demo clock's offset as the database stores it. When set, moving the clock stores
    /// the new offset at once (never lowering the stored one), and the inbox moves its clock
    /// forward to a larger offset another process stored when it notices that process's commit.
    public var sharedClockOffset: SharedClockOffset? {
        get { controller.sharedClockOffset }
        set { controller.sharedClockOffset = newValue }
    }

    /// Whether the user moved the demo clock in this run, so its offset needs saving.
    public var didMoveDemoClock: Bool { controller.didMoveDemoClock }

    /// Runs the inbox until the user quits or SIGTERM or SIGHUP arrives, then restores
    /// the terminal. SIGINT acts as the Ctrl-C key: it cancels an open form and quits
    /// otherwise. SIGTSTP acts as the Ctrl-Z key: it suspends the inbox to the shell. The
    /// terminal is in raw mode, so Ctrl-C normally arrives as a key; the
    /// signal comes from `kill -INT` or a terminal left in cbreak mode.
    /// - Throws: `InboxError` when there is no usable terminal. Engine errors never end
    ///   the loop; they are shown on screen.
    public func run() throws {
        installSignalHandlers()
        defer { restoreSignalHandlers() }

        let screen = try NcursesScreen(mouse: usesMouse)
        defer { screen.close() }

        controller.terminalHasColors = screen.hasColors
        let selection = ThemeLoader().load(name: themeName, terminalHasColors: screen.hasColors)
        screen.apply(selection.theme)
        controller.state.themeName = selection.theme.name
        controller.resize(to: screen.size)
        controller.refresh()
        showStartupNotices(selection.notices, unknownTerminal: screen.unknownTerminalType)

        runLoop(on: screen)
    }

    private func runLoop(on screen: NcursesScreen) {
        var needsDrawing = true
        while pendingStopSignal == 0 {
            if pendingInterrupt != 0 {
                pendingInterrupt = 0
                guard controller.handle(.control("c")) else { return }
                needsDrawing = true
            }
            if pendingSuspend != 0 || controller.isSuspendRequested {
                suspend(screen)
                needsDrawing = true
            }
            if needsDrawing {
                renderer.render(controller.state, on: screen)
                needsDrawing = false
            }

            guard let key = screen.readKey() else {
                if screen.isInputLost { return }
                needsDrawing = controller.tick()
                applyRequests(on: screen)
                continue
            }

            if key == .resize {
                screen.updateSize()
                controller.resize(to: screen.size)
            }
            guard controller.handle(key) else { return }
            controller.tick()
            applyRequests(on: screen)
            needsDrawing = true
        }
    }

    /// Stops the inbox until the shell continues it, then lays the panes out for the size the
    /// terminal has after the resume. Timers and refreshes run as usual at the next tick.
    /// Without a job-control shell, which could continue the process, it shows a message instead.
    private func suspend(_ screen: NcursesScreen) {
        pendingSuspend = 0
        controller.isSuspendRequested = false
        guard JobControl.hasJobControlShell() else {
            controller.show(
                "Ctrl-Z cannot suspend the inbox: it was not started from a shell with job control, "
                    + "so nothing could resume it. Quit with q instead.",
                kind: .error)
            return
        }

        screen.suspendToShell()
        controller.resize(to: screen.size)
    }

    /// Applies what the controller asked of the terminal: a new theme from `:theme`, and the
    /// announcement of new tasks.
    private func applyRequests(on screen: NcursesScreen) {
        if let theme = controller.requestedTheme {
            screen.apply(theme)
            controller.requestedTheme = nil
        }
        if let text = controller.pendingNotification {
            controller.pendingNotification = nil
            guard let notification else { return }
            let insideTmux = !(ProcessInfo.processInfo.environment["TMUX"] ?? "").isEmpty
            screen.notify(bell: notification == .bell, sequence: notification.sequence(for: text, insideTmux: insideTmux))
        }
    }

    private func showStartupNotices(_ notices: [String], unknownTerminal: String?) {
        var lines = notices
        if let unknownTerminal {
            lines.append(
                "terminal type '\(unknownTerminal)' is unknown here, so xterm-256color is used; "
                    + "install its description (infocmp -x | ssh HOST -- tic -x -) to remove this message")
        }
        guard !lines.isEmpty else { return }
        controller.showDialog(title: "Start-up notices", paragraphs: lines)
        controller.show(lines[0], kind: .error)
    }

    // MARK: Driving the state (tests)

    /// Applies one key as the run loop does. Returns false when the key quits.
    @discardableResult
    func handle(_ key: Key) -> Bool {
        controller.handle(key)
    }

    /// Runs the work between keys once, as the run loop does when no key arrives.
    /// - Returns: whether the screen needs drawing.
    @discardableResult
    func tick(now: Date = Date()) -> Bool {
        controller.tick(now: now)
    }

    /// Draws the current state onto `screen`, resizing the layout to the screen first.
    func render(on screen: Screen) {
        if controller.state.layout.size != screen.size {
            controller.resize(to: screen.size)
        }
        renderer.render(controller.state, on: screen)
    }

    // MARK: Signals

    private static let stopSignals = [SIGTERM, SIGHUP]
    private static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Installs signal handlers before ncurses starts, so that ncurses keeps them and does
    /// not install its own SIGTSTP handler. Stop signals, SIGINT and SIGTSTP set flags,
    /// which the loop checks every `NcursesScreen.keyTimeout`
    /// milliseconds. Crash signals restore the terminal before the process dies.
    private func installSignalHandlers() {
        pendingStopSignal = 0
        pendingInterrupt = 0
        pendingSuspend = 0
        signal(SIGINT) { recordInterrupt($0) }
        signal(SIGTSTP) { recordSuspend($0) }
        for stopSignal in Self.stopSignals {
            signal(stopSignal) { recordStopSignal($0) }
        }
        for crashSignal in Self.crashSignals {
            signal(crashSignal) { restoreTerminalAndReraise($0) }
        }
    }

    private func restoreSignalHandlers() {
        for number in [SIGINT, SIGTSTP] + Self.stopSignals + Self.crashSignals {
            signal(number, SIG_DFL)
        }
    }
}
