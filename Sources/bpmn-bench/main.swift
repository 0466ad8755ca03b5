import Foundation

/// bpmn-bench: measures the engine, the store and the inbox (see docs/BENCHMARKS.md). Figures
/// go to standard output as JSON (and to --json FILE); progress goes to standard error.
func runBench() -> Int32 {
    let arguments: BenchArguments
    do {
        arguments = try BenchArguments.parse(Array(CommandLine.arguments.dropFirst()))
    } catch BenchError.helpRequested {
        print(BenchArguments.usage)
        return 0
    } catch {
        log("bpmn-bench: \(error)")
        return 2
    }

    if let database = arguments.inboxChildDatabase {
        return InboxScreenChild.run(database: database, arguments: arguments)
    }

    let report = BenchReport()
    let workspace: BenchWorkspace
    do {
        workspace = try BenchWorkspace(arguments: arguments)
    } catch {
        log("bpmn-bench: cannot create the work folder: \(error)")
        return 1
    }
    defer { workspace.cleanUp() }

    log("bpmn-bench: parts \(arguments.parts.map(\.rawValue).joined(separator: ", ")), scale \(arguments.scale.name), work folder \(workspace.directory.path)")
    for part in arguments.parts {
        let started = Stopwatch.now()
        do {
            try run(part, workspace: workspace, report: report)
        } catch {
            log("bpmn-bench: part \(part.rawValue) failed: \(error)")
            return 1
        }
        report.record("bench.\(part.rawValue).duration_s", Stopwatch.milliseconds(since: started) / 1000)
    }
    let partNames = arguments.parts.count == 1 ? arguments.parts[0].rawValue : "all"
    report.record("bench.\(partNames).peak_rss_mib", peakResidentMebibytes())

    do {
        let data = try report.jsonData()
        if let path = arguments.jsonPath {
            try data.write(to: URL(fileURLWithPath: path))
        }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    } catch {
        log("bpmn-bench: cannot write the figures: \(error)")
        return 1
    }
    return 0
}

private func run(_ part: BenchPart, workspace: BenchWorkspace, report: BenchReport) throws {
    let scale = workspace.arguments.scale
    switch part {
    case .engine: try EngineThroughputBench(workspace: workspace, scale: scale, report: report).run()
    case .cars: try CarCasesBench(workspace: workspace, scale: scale, report: report).run()
    case .inbox: try InboxScaleBench(workspace: workspace, scale: scale, report: report).run()
    case .old: try OldInstanceBench(workspace: workspace, scale: scale, report: report).run()
    case .parse: try ParseBench(workspace: workspace, scale: scale, report: report).run()
    case .scripts: try ScriptBench(workspace: workspace, scale: scale, report: report).run()
    }
}

exit(runBench())
