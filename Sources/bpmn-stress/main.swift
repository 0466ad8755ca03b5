import Foundation
import SQLiteStore
import WorkflowEngine

// A driver for the stress, crash and fault tests: many of these processes run engine
// operations on one database at once, and are killed at random points. Not installed; the
// tests start it from the build folder.
//
//   bpmn-stress setup --db PATH
//   bpmn-stress run --db PATH --label p3 --seed 42 --operations 500 [--check ACKS]...
//   bpmn-stress check --db PATH [ACKS]...
//
// `run` prints `ack` lines (see `Acknowledgement`) as operations commit, `failure` lines on
// standard error for unexpected errors, and `summary done=N skipped=N failed=N` at the end.
// With `--check`, it first checks the database and the acknowledgements of earlier runs,
// prints `checked ...` and `ready`, and exits 1 without running anything when a check fails.
// Exit status: 0 when every operation and check passed, 1 otherwise, 2 for bad arguments.

/// The parsed command line.
struct DriverArguments {
    var command: String
    var databasePath = ""
    var label = "p0"
    var seed: UInt64 = 1
    var operations = 100
    var checkFiles: [String] = []
    var positional: [String] = []

    init(_ words: [String]) throws {
        guard let first = words.first else { throw DriverUsageError("missing command: setup, run or check") }
        command = first
        var rest = words.dropFirst()
        while let word = rest.popFirst() {
            switch word {
            case "--db": databasePath = try Self.value(of: word, from: &rest)
            case "--label": label = try Self.value(of: word, from: &rest)
            case "--seed": seed = try Self.number(of: word, from: &rest)
            case "--operations": operations = Int(try Self.number(of: word, from: &rest) as UInt64)
            case "--check": checkFiles.append(try Self.value(of: word, from: &rest))
            default: positional.append(word)
            }
        }
        guard !databasePath.isEmpty else { throw DriverUsageError("missing --db PATH") }
    }

    private static func value(of option: String, from words: inout ArraySlice<String>) throws -> String {
        guard let value = words.popFirst() else { throw DriverUsageError("\(option) needs a value") }
        return value
    }

    private static func number(of option: String, from words: inout ArraySlice<String>) throws -> UInt64 {
        let text = try value(of: option, from: &words)
        guard let number = UInt64(text) else { throw DriverUsageError("\(option) needs a whole number, not '\(text)'") }
        return number
    }
}

struct DriverUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Imports the stress models unless the database has them.
func setUp(_ engine: WorkflowEngine) throws {
    let existing = Set(try engine.listModels().map(\.name))
    if !existing.contains(StressModels.orderName) {
        _ = try engine.importModel(name: StressModels.orderName, source: StressModels.order)
    }
    if !existing.contains(StressModels.holdName) {
        _ = try engine.importModel(name: StressModels.holdName, source: StressModels.hold)
    }
}

/// Runs the checks and prints their result. Returns whether everything passed.
func check(_ store: SQLiteStore, acknowledgementFiles: [String]) throws -> Bool {
    let acknowledgements = try Acknowledgement.read(files: acknowledgementFiles)
    let result = try StressCheck(store: store).run(acknowledgements: acknowledgements)
    for violation in result.violations {
        StandardOutput.write("violation: \(violation)\n")
    }
    let integrity = result.integrity == ["ok"] ? "ok" : result.integrity.joined(separator: "; ")
    StandardOutput.write(
        "checked instances=\(result.report.instances) items=\(result.report.items) "
            + "history=\(result.report.historyRows) acks=\(result.acknowledged) "
            + "violations=\(result.violations.count) integrity=\(integrity)\n")
    return result.violations.isEmpty && result.integrity == ["ok"]
}

func runOperations(_ engine: WorkflowEngine, arguments: DriverArguments) -> Bool {
    let labelBits = UInt64(bitPattern: Int64(arguments.label.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) }))
    var operations = StressOperations(
        engine: engine, processLabel: arguments.label,
        generator: SeededGenerator(seed: arguments.seed ^ (labelBits &* 0x9E37_79B9)))
    var done = 0
    var skipped = 0
    var failed = 0
    for index in 1...max(arguments.operations, 1) {
        switch operations.runOne(index) {
        case .done(let acknowledgements):
            acknowledgements.forEach { $0.emit() }
            done += 1
        case .skipped:
            skipped += 1
        case .failed(let message):
            StandardOutput.error("failure \(message)")
            failed += 1
        }
    }
    StandardOutput.write("summary done=\(done) skipped=\(skipped) failed=\(failed)\n")
    return failed == 0
}

func main() -> Int32 {
    let arguments: DriverArguments
    do {
        arguments = try DriverArguments(Array(CommandLine.arguments.dropFirst()))
    } catch {
        StandardOutput.error("bpmn-stress: \(error)")
        return 2
    }

    do {
        let store = try SQLiteStore(path: arguments.databasePath)
        let engine = WorkflowEngine(store: store)
        switch arguments.command {
        case "setup":
            try setUp(engine)
            return 0
        case "check":
            return try check(store, acknowledgementFiles: arguments.positional) ? 0 : 1
        case "run":
            if !arguments.checkFiles.isEmpty {
                guard try check(store, acknowledgementFiles: arguments.checkFiles) else { return 1 }
            }
            StandardOutput.write("ready\n")
            return runOperations(engine, arguments: arguments) ? 0 : 1
        default:
            StandardOutput.error("bpmn-stress: unknown command '\(arguments.command)'; use setup, run or check")
            return 2
        }
    } catch {
        StandardOutput.error("failure \(error)")
        return 1
    }
}

exit(main())
