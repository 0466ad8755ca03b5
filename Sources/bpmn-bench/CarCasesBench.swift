import Foundation
import SQLiteStore
import WorkflowEngine

/// Part `cars`: bpmn-web's "Buy Used Car" process as its stress script drives it, with one start
/// and four invokes per case (Buy with cleaning and repairs, Clean, Repair, Drive). It runs on
/// an empty database and on one that contains 100,000 other instances of the same model.
struct CarCasesBench {
    static let corpusPath = "bpmn-web/test-processes/Buy Used Car.bpmn"
    static let modelName = "Buy Used Car"
    let workspace: BenchWorkspace
    let scale: BenchScale
    let report: BenchReport
    private let user = UserContext(name: "user1")

    init(workspace: BenchWorkspace, scale: BenchScale, report: BenchReport) {
        self.workspace = workspace
        self.scale = scale
        self.report = report
    }

    func run() throws {
        guard let url = workspace.corpusFile(Self.corpusPath) else {
            report.note("cars.skipped", "corpus file \(Self.corpusPath) not found under \(workspace.arguments.corpusDirectory.path); pass --corpus DIR")
            return
        }
        let source = try workspace.readText(url, hint: "pass --corpus DIR")

        let emptyPath = workspace.freshDatabasePath("cars-empty.sqlite")
        let loadedPath = workspace.freshDatabasePath("cars-loaded.sqlite")
        defer {
            workspace.removeDatabase(at: emptyPath)
            workspace.removeDatabase(at: loadedPath)
        }
        try prepare(path: emptyPath, source: source, otherInstances: 0)
        try prepare(path: loadedPath, source: source, otherInstances: scale.carBackgroundInstances)

        // Alternate the two databases, so drift of a shared machine hits both alike.
        var empty = CaseFigures()
        var loaded = CaseFigures()
        for round in 0..<2 {
            log("cars: round \(round + 1) of 2, \(scale.carCases) cases on each database (synchronous=NORMAL)")
            empty.add(try measure(path: emptyPath, synchronous: .normal, firstCase: 100_000 + round * scale.carCases))
            loaded.add(try measure(path: loadedPath, synchronous: .normal, firstCase: 200_000 + round * scale.carCases))
        }
        log("cars: \(scale.carCases) cases on the empty database (synchronous=FULL)")
        var full = CaseFigures()
        full.add(try measure(path: emptyPath, synchronous: .full, firstCase: 300_000))

        empty.record(as: "cars.normal", in: report)
        loaded.record(as: "cars.loaded.normal", in: report)
        full.record(as: "cars.full", in: report)
        report.record("cars.loaded.other_instances", Double(scale.carBackgroundInstances))
        report.record("cars.loaded_vs_empty", median(loaded.casesPerSecond) / median(empty.casesPerSecond))
    }

    /// Creates the database with the model and `otherInstances` instances in a realistic mix
    /// (70% ended, 10% each waiting at Buy, at Clean and Repair, at Drive).
    private func prepare(path: String, source: String, otherInstances: Int) throws {
        let engine = try workspace.openEngine(at: path, synchronous: .normal)
        try engine.importModel(name: Self.modelName, source: source)
        guard otherInstances > 0 else { return }

        log("cars: generating \(otherInstances) other instances")
        let started = Stopwatch.now()
        let ended = try runCase(engine, caseId: 1, stopAfter: 4).id
        let atBuy = try runCase(engine, caseId: 2, stopAfter: 0).id
        let atCleanRepair = try runCase(engine, caseId: 3, stopAfter: 1).id
        let atDrive = try runCase(engine, caseId: 4, stopAfter: 3).id
        let tenth = max(otherInstances / 10, 1)
        let plan = [(ended, otherInstances - 3 * tenth), (atBuy, tenth), (atCleanRepair, tenth), (atDrive, tenth)]

        let database = try RawDatabase(path: path)
        let cloner = InstanceCloner(database: database)
        try database.execute("BEGIN IMMEDIATE")
        var next = 10
        for (template, count) in plan where count > 0 {
            try cloner.copy(instance: template, copies: next...(next + count - 1))
            next += count
        }
        try database.execute("COMMIT")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE")

        let total = try database.integer("SELECT count(*) FROM instances")
        guard total >= otherInstances else {
            throw BenchError.unexpected("cars: the generated database contains \(total) instances, expected \(otherInstances)")
        }
        report.record("cars.loaded.generate_s", Stopwatch.milliseconds(since: started) / 1000)
    }

    private func measure(path: String, synchronous: SynchronousMode, firstCase: Int) throws -> CaseRound {
        let engine = try workspace.openEngine(at: path, synchronous: synchronous)
        for warmUp in 0..<10 { _ = try runCase(engine, caseId: firstCase - 1 - warmUp, stopAfter: 4) }

        var starts = Samples()
        var invokes = Samples()
        let cpuBefore = processCPUMilliseconds()
        let begin = Stopwatch.now()
        for index in 0..<scale.carCases {
            let timings = try runCase(engine, caseId: firstCase + index, stopAfter: 4)
            starts.append(timings.start)
            for invoke in timings.invokes { invokes.append(invoke) }
        }
        let seconds = Stopwatch.milliseconds(since: begin) / 1000
        let cpuPerCase = (processCPUMilliseconds() - cpuBefore) / Double(scale.carCases)
        return (Double(scale.carCases) / seconds, cpuPerCase, starts, invokes)
    }

    /// Runs one case: the start and then the first `stopAfter` of the four invokes.
    /// - Returns: the instance id and the duration of each call in milliseconds.
    private func runCase(_ engine: WorkflowEngine, caseId: Int, stopAfter: Int) throws -> (id: String, start: Double, invokes: [Double]) {
        let (started, startTime) = try Stopwatch.measure {
            try engine.start(Self.modelName, data: ["caseId": .number(Double(caseId))], user: user)
        }
        let id = JSONValue.string(started.id)
        let steps: [(String, JSONValue)] = [
            ("task_Buy", ["needsCleaning": "Yes", "needsRepairs": "Yes"]),
            ("task_clean", .emptyObject),
            ("task_repair", .emptyObject),
            ("task_Drive", .emptyObject),
        ]
        var invokes: [Double] = []
        var last = started
        for (elementId, data) in steps.prefix(stopAfter) {
            let (execution, time) = try Stopwatch.measure {
                try engine.invoke(["id": id, "items.elementId": .string(elementId)], data: data, user: user)
            }
            invokes.append(time)
            last = execution
        }
        if stopAfter == 4, last.status != .end {
            throw BenchError.unexpected("cars: case \(caseId) is \(last.status.rawValue) after Drive, expected end")
        }
        return (started.id, startTime, invokes)
    }
}

/// One round of cases: cases per second, CPU milliseconds per case, and each call's duration.
typealias CaseRound = (casesPerSecond: Double, cpuPerCase: Double, starts: Samples, invokes: Samples)

/// Cases per second of several rounds and the pooled call durations.
private struct CaseFigures {
    var casesPerSecond: [Double] = []
    var cpuPerCase: [Double] = []
    var starts = Samples()
    var invokes = Samples()

    mutating func add(_ round: CaseRound) {
        casesPerSecond.append(round.casesPerSecond)
        cpuPerCase.append(round.cpuPerCase)
        for value in round.starts.values { starts.append(value) }
        for value in round.invokes.values { invokes.append(value) }
    }

    func record(as prefix: String, in report: BenchReport) {
        report.record(prefix + ".cases_per_s", median(casesPerSecond))
        report.record(prefix + ".cpu_ms_per_case", median(cpuPerCase))
        report.recordLatency(prefix + ".start", starts)
        report.recordLatency(prefix + ".invoke", invokes)
    }
}
