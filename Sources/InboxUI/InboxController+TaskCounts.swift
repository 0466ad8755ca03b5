import WorkflowEngine

/// A point in the history of the database's data. It moves when another connection commits
/// and when the inbox's own connection changes a row. So while it stays the same, only the
/// task counts that depend on the clock can have changed.
struct DataStamp: Equatable {
    /// `WorkflowStore.changeCounter()`: moves with other connections' commits.
    var otherCommits: Int
    /// `WorkflowStore.ownChangeCount()`: moves with every write of the inbox's engine calls
    /// (claims, completions, assignments, starts, events, timers), even rolled-back ones.
    var ownChanges: Int
}

extension InboxController {
    /// The views whose counts depend on the clock as well as the data.
    static let clockDependentViews: [TaskView] = [.overdue]

    /// Updates the counts in the tab titles. Counting every view costs a query per view (about
    /// 20 ms with 10,000 waiting tasks), and switching views or the order changes no count, so
    /// the counts are read again only when the data stamp moved since they were read. The
    /// views in `clockDependentViews` change as due dates pass and are counted every time.
    /// - Throws: the engine's error when a count fails; the old counts then stay.
    func updateTaskCounts() throws {
        let stamp = currentDataStamp()
        if let stamp, stamp == taskCountsStamp {
            let counts = try engine.taskCounts(user: user, views: Self.clockDependentViews)
            state.taskCounts.merge(counts) { _, new in new }
            return
        }

        // The stamp is read before the counts, so a commit landing in between moves the stamp
        // again and the next update counts once more.
        state.taskCounts = try engine.taskCounts(user: user)
        taskCountsStamp = stamp
    }

    /// Returns the current data stamp, or nil when the store cannot report one; the counts are
    /// then read on every update.
    func currentDataStamp() -> DataStamp? {
        guard let otherCommits = try? engine.store.changeCounter(),
            let ownChanges = try? engine.store.ownChangeCount()
        else { return nil }
        return DataStamp(otherCommits: otherCommits, ownChanges: ownChanges)
    }
}
