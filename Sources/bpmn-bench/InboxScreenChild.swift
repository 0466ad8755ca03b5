import Foundation
import SQLiteStore
import WorkflowEngine

// TODO: drive the inbox through a public InboxUI entry point once there is one, so the release
// build needs no -enable-testing.
#if INBOX_TESTABLE
@testable import InboxUI
#endif

/// The child process of part `inbox`. It opens the inbox on an in-memory 80x24 screen over the
/// generated database. It times the first frame, frames while scrolling the Tasks pane, while
/// switching its task views and while switching panes, a full refresh, and the task queries of
/// one user, and prints the figures as JSON on standard output.
///
/// It drives `InboxApp` through internal methods (`handle`, `render`, `tick`), so it needs
/// InboxUI compiled with testing enabled: debug builds are, and `make bench` builds the release
/// binary with `-enable-testing`.
enum InboxScreenChild {
    static func run(database: String, arguments: BenchArguments) -> Int32 {
        #if INBOX_TESTABLE
        do {
            let report = BenchReport()
            try measure(database: database, arguments: arguments, report: report)
            FileHandle.standardOutput.write(try report.jsonData())
            return 0
        } catch {
            log("bpmn-bench: inbox measurement failed: \(error)")
            return 1
        }
        #else
        log("bpmn-bench: this build cannot drive the inbox (InboxUI was compiled without testing); "
            + "build with 'swift build -c release -Xswiftc -enable-testing -Xswiftc -DINBOX_TESTABLE' as 'make bench' does")
        return 3
        #endif
    }

    #if INBOX_TESTABLE
    private static func measure(database: String, arguments: BenchArguments, report: BenchReport) throws {
        let scale = arguments.scale
        let user = UserContext(name: arguments.inboxChildUser, groups: arguments.inboxChildGroups)
        let screen = MemoryScreen(rows: 24, columns: 80)

        // First frame: from opening the database to the drawn task list.
        let begin = Stopwatch.now()
        let store = try SQLiteStore(path: database)
        let engine = WorkflowEngine(store: store)
        let app = InboxApp(engine: engine, user: user, databasePath: database, themeName: "mono")
        app.render(on: screen)
        app.controller.refresh()
        app.render(on: screen)
        report.record("inbox.scale.first_frame_ms", Stopwatch.milliseconds(since: begin))
        guard app.controller.state.tasks.count > 0 else {
            throw BenchError.unexpected("inbox: the Tasks pane is empty after the first refresh:\n\(screen.text)")
        }
        report.record("inbox.scale.tasks_loaded", Double(app.controller.state.tasks.count))

        // The periodic refresh would land in a few frames; it is timed on its own below.
        app.controller.autoRefreshInterval = .infinity
        try focusTasks(app)
        report.recordLatency("inbox.scale.frame", try frames(app, screen: screen, key: .character("j"), count: scale.inboxFrames))
        // `]` moves the Tasks pane to its next task view (Mine, My groups, All, ...), which queries.
        report.recordLatency("inbox.scale.view_switch", try frames(app, screen: screen, key: .character("]"), count: scale.inboxFrames))
        report.recordLatency("inbox.scale.switch", try frames(app, screen: screen, key: .tab, count: scale.inboxFrames))

        var refreshes = Samples()
        for _ in 0..<5 {
            refreshes.append(Stopwatch.measure { app.controller.refresh() }.milliseconds)
        }
        report.recordLatency("inbox.scale.refresh", refreshes)

        try measureQueries(engine: engine, user: user, report: report)
        report.record("inbox.scale.peak_rss_mib", peakResidentMebibytes())
    }

    private static func focusTasks(_ app: InboxApp) throws {
        for _ in 0..<8 where app.controller.state.focus != .tasks {
            app.handle(.tab)
        }
        guard app.controller.state.focus == .tasks else {
            throw BenchError.unexpected("inbox: Tab never focused the Tasks pane")
        }
    }

    /// Presses `key` `count` times, each followed by the run loop's tick and a full render,
    /// and returns the time of each frame.
    private static func frames(_ app: InboxApp, screen: MemoryScreen, key: Key, count: Int) throws -> Samples {
        var samples = Samples()
        for _ in 0..<count {
            let begin = Stopwatch.now()
            app.handle(key)
            app.tick()
            app.render(on: screen)
            samples.append(Stopwatch.milliseconds(since: begin))
        }
        return samples
    }

    /// Times the task lists of the user, 20 times each. The lists are "mine" (assigned to the
    /// user), "my groups" (unassigned, offered to the user or one of the user's groups) and
    /// "all", one inbox page of 100 each, and the whole "my groups" list. Then it times the
    /// counts of every list, and `pendingUserTasks` with equivalent queries for comparison.
    private static func measureQueries(engine: WorkflowEngine, user: UserContext, report: BenchReport) throws {
        let lists: [(String, TaskView, Int?)] = [
            ("mine", .mine, 100), ("groups", .myGroups, 100), ("all", .all, 100), ("groups_whole", .myGroups, nil),
        ]
        for (name, view, limit) in lists {
            let (samples, found) = try repeatQuery { try engine.tasks(view: view, user: user, limit: limit).count }
            report.recordLatency("inbox.scale.query_\(name)", samples)
            report.record("inbox.scale.query_\(name).tasks", Double(found))
        }

        let (counts, views) = try repeatQuery { try engine.taskCounts(user: user).count }
        report.recordLatency("inbox.scale.task_counts", counts)
        report.record("inbox.scale.task_counts.views", Double(views))
        for view in TaskView.allCases {
            let (samples, count) = try repeatQuery { try engine.taskCounts(user: user, views: [view])[view] ?? 0 }
            report.record("inbox.scale.count_\(view.rawValue)_ms_p50", samples.median)
            report.record("inbox.scale.count_\(view.rawValue).tasks", Double(count))
        }

        let pending: [(String, JSONValue)] = [
            ("mine", ["items.assignee": .string(user.name)]),
            ("groups", ["items.candidateGroups": ["$in": .array(user.groups.map(JSONValue.string))]]),
        ]
        for (name, query) in pending {
            let (samples, found) = try repeatQuery { try engine.pendingUserTasks(query).count }
            report.recordLatency("inbox.scale.pending_user_tasks_\(name)", samples)
            report.record("inbox.scale.pending_user_tasks_\(name).tasks", Double(found))
        }
    }

    /// Runs `query` 20 times and returns the durations and the last result.
    private static func repeatQuery(_ query: () throws -> Int) throws -> (Samples, Int) {
        var samples = Samples()
        var found = 0
        for _ in 0..<20 {
            let (result, time) = try Stopwatch.measure(query)
            samples.append(time)
            found = result
        }
        return (samples, found)
    }
    #endif
}
