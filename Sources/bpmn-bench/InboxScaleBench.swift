import Foundation

/// Part `inbox`: the inbox and the task queries on a generated database of 100,000 instances
/// (see `ScaleDatabase`). The screen measurements run in a child process (`InboxScreenChild`),
/// so its peak resident memory is the inbox's alone. `bpmn-inbox count` runs as its own
/// process, as a shell prompt would run it.
struct InboxScaleBench {
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport

    /// The user the measurements act as: it has `inboxGroupsPerUser` groups.
    static let userIndex = 0

    func run() throws {
        let path = workspace.freshDatabasePath("inbox-scale.sqlite")
        defer { workspace.removeDatabase(at: path) }
        log("inbox: generating \(scale.inboxInstances) instances, \(scale.inboxWaitingTasks) waiting tasks, \(scale.inboxGroups) groups")
        let summary = try ScaleDatabase(workspace: workspace, scale: scale).generate(at: path)
        report.record("inbox.scale.instances", Double(summary.instances))
        report.record("inbox.scale.items", Double(summary.items))
        report.record("inbox.scale.waiting_tasks", Double(summary.waitingTasks))
        report.record("inbox.scale.groups", Double(scale.inboxGroups))
        report.record("inbox.scale.generate_s", summary.seconds)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        report.record("inbox.scale.db_mib", Double(bytes) / 1_048_576)

        try runScreenChild(database: path)
        try timeCountCommand(database: path)
    }

    private var user: String { "user\(Self.userIndex)" }
    private var groups: [String] { ScaleDatabase.groups(ofUser: Self.userIndex, scale: scale) }

    private func runScreenChild(database: String) throws {
        log("inbox: measuring the inbox on the in-memory screen (child process)")
        let arguments = [
            "--inbox-child", database, "--inbox-user", user, "--inbox-groups", groups.joined(separator: ","),
            "--scale", scale.name,
        ]
        let result = try ChildProcess.run(executable: ChildProcess.currentExecutable(), arguments: arguments)
        guard result.status == 0 else {
            throw BenchError.unexpected("inbox: the measuring child exited with status \(result.status): \(result.standardError)")
        }
        guard let document = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
            let figures = document["figures"] as? [String: Double]
        else {
            throw BenchError.unexpected("inbox: the measuring child printed no figures: \(result.standardOutput.prefix(300))")
        }
        for (key, value) in figures.sorted(by: { $0.key < $1.key }) { report.record(key, value) }
        for (key, value) in (document["notes"] as? [String: String] ?? [:]) { report.note(key, value) }
    }

    /// Times `bpmn-inbox count` as the user (whose groups are recorded in the database), when
    /// the binary has that command.
    private func timeCountCommand(database: String) throws {
        let binary = workspace.arguments.inboxBinary
            ?? URL(fileURLWithPath: ChildProcess.currentExecutable()).deletingLastPathComponent().appendingPathComponent("bpmn-inbox").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            report.note("inbox.scale.count.skipped", "no bpmn-inbox binary at \(binary); pass --bpmn-inbox FILE")
            return
        }
        let arguments = ["--db", database, "--user", user, "count", "--json"]
        let probe = try ChildProcess.run(executable: binary, arguments: arguments)
        guard probe.status == 0 else {
            report.note("inbox.scale.count.skipped", "'bpmn-inbox count' failed (status \(probe.status)): \(probe.standardError.prefix(200))")
            return
        }
        var samples = Samples()
        for _ in 0..<max(scale.inboxFrames / 10, 3) {
            let (result, time) = try Stopwatch.measure { try ChildProcess.run(executable: binary, arguments: arguments) }
            guard result.status == 0 else {
                throw BenchError.unexpected("inbox: 'bpmn-inbox count' failed: \(result.standardError)")
            }
            samples.append(time)
        }
        report.recordLatency("inbox.scale.count_command", samples)

        // The same process without the database: what starting the binary costs.
        var baseline = Samples()
        for _ in 0..<samples.count {
            baseline.append(try Stopwatch.measure { try ChildProcess.run(executable: binary, arguments: ["--version"]) }.milliseconds)
        }
        report.recordLatency("inbox.scale.version_command", baseline)
    }
}
