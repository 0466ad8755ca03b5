import Foundation
import WorkflowEngine

/// `worker`: the headless timer scheduler for servers, and `worker --once` for cron.
enum WorkerCommand {
    /// The maximum sleep between passes in seconds. A timer that another process writes
    /// fires at most this much later than its due time.
    static let maximumSleep: TimeInterval = 1
    /// The sleep in seconds when a timer is due but did not fire (its instance is busy in
    /// another process, or no longer running), so the worker does not spin.
    static let stuckTimerSleep: TimeInterval = 0.25

    static func run(_ arguments: ParsedArguments, session: Session) throws {
        if arguments.flag(Options.once) {
            try runOnce(session: session)
        } else {
            try runUntilStopped(session: session)
        }
    }

    /// Fires every timer that is due now and returns.
    /// - Throws: `CommandFailure` when the database cannot be read or written. Failed firings
    ///   are printed and leave the exit status 0, because the engine retries them.
    private static func runOnce(session: Session) throws {
        let firer = TimerFirer(engine: try session.engine())

        var counts = PassCounts()
        do {
            try continueDeferredWork(firer.engine)
            try firePass(firer, counts: &counts) { false }
        } catch {
            throw CommandFailure(
                "firing timers in '\(session.databasePath)' failed: \(ErrorText.describe(error)); "
                    + "\(TextFormat.count(counts.fired, "timer")) fired before the error")
        }
        if counts.fired == 0, counts.failed == 0 {
            Console.output("No timers are due.")
        }
    }

    /// Fires due timers and sleeps until the next one is due, until SIGTERM or SIGINT. Every
    /// error is printed and the loop goes on, so a locked or briefly unreadable database
    /// does not stop the scheduler.
    private static func runUntilStopped(session: Session) throws {
        let stopSignals = StopSignals()
        let engine = try session.engine()
        let firer = TimerFirer(engine: engine)
        let pid = ProcessInfo.processInfo.processIdentifier
        Console.output("worker started: database \(session.databasePath), process \(pid)")

        var total = PassCounts()
        var errors = 0
        while stopSignals.receivedName == nil {
            var sleep = maximumSleep
            do {
                try continueDeferredWork(engine)
                try firePass(firer, counts: &total) { stopSignals.receivedName != nil }
                sleep = try secondsUntilNextTimer(engine)
            } catch {
                errors += 1
                Console.error("worker: \(ErrorText.describe(error)); trying again in \(Int(maximumSleep)) s")
            }
            stopSignals.sleep(seconds: sleep)
        }

        let signal = stopSignals.receivedName ?? "a signal"
        Console.output(
            "worker stopped by \(signal): \(TextFormat.count(total.fired, "timer")) fired, "
                + "\(TextFormat.count(total.failed, "firing")) failed, \(TextFormat.count(errors, "error"))")
    }

    /// Firings of one or more passes.
    struct PassCounts {
        var fired = 0
        var failed = 0
    }

    /// Fires due timers one at a time until none is due or `shouldStop` returns true, prints
    /// a line per firing (successes on standard output, failures on standard error) and adds
    /// them to `counts`.
    private static func firePass(_ firer: TimerFirer, counts: inout PassCounts, shouldStop: () -> Bool) throws {
        while !shouldStop() {
            switch try firer.fireNext() {
            case .nothingDue:
                return
            case .firedElsewhere:
                continue
            case .firing(let firing):
                if firing.isFailure {
                    counts.failed += 1
                    Console.error(firing.line)
                } else {
                    counts.fired += 1
                    Console.output(firing.line)
                }
            }
        }
    }

    /// Moves on the instances whose `invoke --no-wait` committed the completed item but not
    /// what follows it (its process may have been killed before it went on), one line each.
    private static func continueDeferredWork(_ engine: WorkflowEngine) throws {
        for execution in try engine.runDeferredWork() {
            Console.output("continued instance \(execution.id) (\(execution.instance.name)) after a no-wait invoke")
        }
    }

    /// Returns how long to sleep: until the next timer is due, at most `maximumSleep`.
    private static func secondsUntilNextTimer(_ engine: WorkflowEngine) throws -> TimeInterval {
        guard let due = try engine.nextTimerDue() else { return maximumSleep }
        let seconds = due.timeIntervalSince(engine.clock.now())
        if seconds <= 0 { return stuckTimerSleep }
        return min(seconds, maximumSleep)
    }
}
