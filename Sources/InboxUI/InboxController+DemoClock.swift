import Foundation
import WorkflowEngine

/// The demo clock: `+` and `:clock` move it forward and fire what is due, and the offset is
/// shared through the database with the other inboxes on it.
extension InboxController {
    /// Moves the demo clock forward and fires what is due then. Without `duration` the clock
    /// moves to the next due item timer, or by an hour when none waits. With `duration`, an
    /// ISO 8601 duration such as `PT1H`, `P1D` or `+PT30M`, it moves by that much. The new
    /// offset is stored at once, so other inboxes on the database pick it up.
    func advanceDemoClock(by duration: String = "") {
        guard allowsChange("moving the demo clock") else { return }
        guard let clock = demoClock else {
            show("The clock cannot be moved: this inbox runs on the system clock, not the demo clock.", kind: .error)
            return
        }
        adoptStoredClockOffset()

        do {
            let (step, reason) = try clockStep(for: duration, from: clock.now())
            clock.advance(by: step)
            didMoveDemoClock = true
            let saveProblem = storeClockOffset(clock)
            state.clockOffset = clock.currentOffset
            lastTimerStartCheck = Date()

            let report = try fireDueTimers()
            refresh()
            let moved = "Clock moved \(DisplayFormat.duration(step)) \(reason), now \(DisplayFormat.offset(clock.currentOffset))"
            let text = report.isEmpty ? moved + "; nothing was due" : moved + ". " + report.text
            show(saveProblem.map { text + ". " + $0 } ?? text,
                 kind: report.failures.isEmpty && saveProblem == nil ? .success : .error)
        } catch let error as ClockStepError {
            show(error.description, kind: .error)
        } catch {
            state.clockOffset = clock.currentOffset
            refresh()
            show("Firing timers failed: \(Self.describe(error))", kind: .error)
        }
    }

    /// Moves the demo clock forward to the offset another process stored when that is ahead
    /// of this inbox's clock, so that both record history at the same time. The clock never
    /// moves backwards. A failed read leaves the clock as it is, and the next check retries.
    func adoptStoredClockOffset() {
        guard let clock = demoClock, let shared = sharedClockOffset,
            let stored = try? shared.load(), stored > clock.currentOffset
        else { return }

        clock.advance(by: stored - clock.currentOffset)
        state.clockOffset = clock.currentOffset
    }

    /// Stores the clock's offset unless a larger one is stored, and adopts the larger one.
    /// - Returns: nil when stored, else the text for the message line.
    private func storeClockOffset(_ clock: AdjustableClock) -> String? {
        guard let shared = sharedClockOffset else { return nil }
        do {
            let stored = try shared.raise(clock.currentOffset)
            if stored > clock.currentOffset { clock.advance(by: stored - clock.currentOffset) }
            return nil
        } catch {
            return "The clock offset was not saved (\(Self.describe(error))); it is saved again when the inbox quits"
        }
    }

    /// Returns how far to move the clock and the reason the message line gives.
    /// - Throws: `ClockStepError` when `duration` is not an ISO 8601 duration or is negative.
    private func clockStep(for duration: String, from now: Date) throws -> (TimeInterval, String) {
        let text = duration.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            return (try Self.clockStep(parsing: text, from: now), "by \(text.hasPrefix("+") ? String(text.dropFirst()) : text)")
        }

        guard let due = try engine.nextTimerDue() else { return (3600, "(no timer waits)") }
        let step = max(0, due.timeIntervalSince(now).rounded(.up))
        return (step, step > 0 ? "to the next timer" : "(a timer was already due)")
    }

    /// Returns the seconds an ISO 8601 duration (`PT1H`, `P1D`, `+PT30M`) adds to `now`, with
    /// months and years counted by the UTC calendar.
    /// - Throws: `ClockStepError` for text that is not a duration, or one with a minus sign.
    static func clockStep(parsing text: String, from now: Date) throws -> TimeInterval {
        if text.hasPrefix("-") { throw ClockStepError(argument: text, isBackwards: true) }

        let duration = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard let later = ISO8601.add(duration: duration, to: now) else {
            throw ClockStepError(argument: text, isBackwards: false)
        }
        return later.timeIntervalSince(now)
    }
}

/// An invalid argument of `:clock`.
struct ClockStepError: Error, CustomStringConvertible {
    var argument: String
    /// True when the argument has a minus sign, which would move the clock backwards.
    var isBackwards: Bool

    var description: String {
        if isBackwards {
            return "':clock \(argument)' would move the clock backwards, so later history would be dated before earlier history; "
                + "give a forward duration such as ':clock PT1H'."
        }
        return "':clock \(argument)' is not an ISO 8601 duration; give one such as ':clock PT1H', ':clock P1D' "
            + "or ':clock +PT30M', or ':clock' alone to jump to the next timer."
    }
}
