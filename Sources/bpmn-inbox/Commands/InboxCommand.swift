import InboxUI
import WorkflowEngine

/// Opens the terminal inbox: the default when no command is given, and the end of `demo`.
enum InboxCommand {
    /// - Throws: `UsageError` for an invalid `--notify` value; `CommandFailure` when standard
    ///   input or output is not a terminal.
    static func open(session: Session) throws {
        let notification = try session.notifyStyle.map { value in
            do {
                return try NotificationStyle(option: value)
            } catch {
                throw UsageError("\(error)")
            }
        }

        guard Console.isInteractive else {
            throw CommandFailure(
                "the inbox needs a terminal, but standard input or output is not one; run it in a "
                    + "terminal, or use a command such as 'bpmn-inbox tasks' (see 'bpmn-inbox --help')")
        }

        let engine = try session.engine()
        let store = try session.store()
        let app = InboxApp(
            engine: engine, user: session.user, databasePath: session.databasePath,
            themeName: session.themeName, demoClock: session.demoClock)
        app.usesMouse = session.usesMouse
        app.notification = notification
        app.isReadOnly = session.isReadOnly
        // The store's data_version ignores this connection's own commits, so it changes only
        // when another process writes.
        app.dataVersion = { try? store.dataVersion() }

        // A --now clock is for this run only, so the demo goes on from its own offset; a
        // read-only inbox writes nothing, not even the clock.
        if !session.isClockSimulated, session.demoClock != nil {
            app.sharedClockOffset = SharedClockOffset(
                load: { try DemoSettings.clockOffset(store) },
                raise: { try DemoSettings.raiseClockOffset(to: $0, in: store) })
        }
        let savedClock = session.isClockSimulated || session.isReadOnly ? nil : session.demoClock
        defer { if app.didMoveDemoClock { saveDemoClock(savedClock, in: store) } }
        try app.run()
    }

    /// Stores how far the inbox moved the demo clock, unless another process stored a larger
    /// offset, so later commands and inboxes go on from there. A failure is reported and does
    /// not change the exit status.
    private static func saveDemoClock(_ clock: AdjustableClock?, in store: WorkflowStore) {
        guard let clock else { return }
        do {
            _ = try DemoSettings.raiseClockOffset(to: clock.currentOffset, in: store)
        } catch {
            Console.error("cannot save the demo clock offset: \(ErrorText.describe(error))")
        }
    }
}
