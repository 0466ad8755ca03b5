import Foundation

/// The parts of the suite, in the order `bpmn-bench` runs them.
enum BenchPart: String, CaseIterable {
    case engine, cars, inbox, old, parse, scripts
}

/// The workload size of each part. `full` is the suite of docs/BENCHMARKS.md, and `smoke` runs
/// every code path with tiny counts, for the test suite.
struct BenchScale {
    var name: String
    /// Instances started and completed per synchronous mode in the engine part.
    var engineInstances: Int
    /// Buy Used Car cases per measurement, and the other instances of the loaded database.
    var carCases: Int
    var carBackgroundInstances: Int
    /// The generated inbox database.
    var inboxInstances: Int
    var inboxItemsPerInstance: Int
    var inboxWaitingTasks: Int
    var inboxGroups: Int
    var inboxGroupsPerUser: Int
    /// Frames drawn per inbox measurement (key presses).
    var inboxFrames: Int
    /// Items of history of the old instance, invokes per instance, multi-instance elements.
    var oldHistoryItems: Int
    var oldInvokes: Int
    var multiInstanceElements: Int
    /// Parses per model.
    var parseIterations: Int
    /// Conditions of the gateway in the scripts part, and calls per data size.
    var scriptConditions: Int
    var scriptCalls: Int

    static let full = BenchScale(
        name: "full", engineInstances: 2_000, carCases: 1_000, carBackgroundInstances: 100_000,
        inboxInstances: 100_000, inboxItemsPerInstance: 10, inboxWaitingTasks: 10_000, inboxGroups: 1_000,
        inboxGroupsPerUser: 50, inboxFrames: 200, oldHistoryItems: 10_000, oldInvokes: 200,
        multiInstanceElements: 1_000, parseIterations: 50, scriptConditions: 200, scriptCalls: 30)

    static let smoke = BenchScale(
        name: "smoke", engineInstances: 20, carCases: 10, carBackgroundInstances: 500,
        inboxInstances: 1_000, inboxItemsPerInstance: 10, inboxWaitingTasks: 100, inboxGroups: 20,
        inboxGroupsPerUser: 5, inboxFrames: 10, oldHistoryItems: 200, oldInvokes: 5,
        multiInstanceElements: 20, parseIterations: 2, scriptConditions: 20, scriptCalls: 3)
}

/// The parsed command line of `bpmn-bench`.
struct BenchArguments {
    var parts: [BenchPart] = BenchPart.allCases
    var scale = BenchScale.full
    var jsonPath: String?
    var workDirectory: String?
    var corpusDirectory: URL
    var modelsDirectory: URL
    var peersDirectory: URL
    /// Set for the child process that measures the inbox on an existing database.
    var inboxChildDatabase: String?
    var inboxChildUser = "user0"
    var inboxChildGroups: [String] = []
    /// The `bpmn-inbox` binary timed by the `count` measurement.
    var inboxBinary: String?

    static let usage = """
        usage: bpmn-bench [PART...] [--scale full|smoke] [--json FILE] [--work-dir DIR]
                          [--corpus DIR] [--models DIR] [--peers DIR] [--bpmn-inbox FILE]

        Runs the benchmark parts (all when none is named) and prints figures as JSON.
        PART is one of: \(BenchPart.allCases.map(\.rawValue).joined(separator: ", ")).

          --scale full|smoke   workload size: the documented suite (default) or tiny counts
          --json FILE          also write the figures to FILE
          --work-dir DIR       folder for the generated databases (default: a new temporary folder,
                               removed at the end)
          --corpus DIR         the BPMN corpus folder (default: the shared corpus folder beside the repository)
          --models DIR         the benchmark models (default: bench/models in the repository)
          --peers DIR          the peer benchmark folder with large.bpmn (default: the shared one beside the repository)
          --bpmn-inbox FILE    the bpmn-inbox binary for the `count` timing (default: next to bpmn-bench)
        """

    /// Parses `arguments` (without the program name).
    /// - Throws: `BenchError.usage` naming the unknown option, part or value.
    static func parse(_ arguments: [String]) throws -> BenchArguments {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var parsed = BenchArguments(
            corpusDirectory: repository.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
            modelsDirectory: repository.appendingPathComponent("bench/models"),
            peersDirectory: repository.deletingLastPathComponent().appendingPathComponent("shared/bench"))
        var parts: [BenchPart] = []
        var remaining = arguments[...]

        func value(of option: String) throws -> String {
            guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
                throw BenchError.usage("option \(option) needs a value")
            }
            return next
        }

        while let argument = remaining.popFirst() {
            switch argument {
            case "--scale":
                let name = try value(of: argument)
                switch name {
                case "full": parsed.scale = .full
                case "smoke": parsed.scale = .smoke
                default: throw BenchError.usage("unknown scale '\(name)'; use full or smoke")
                }
            case "--json": parsed.jsonPath = try value(of: argument)
            case "--work-dir": parsed.workDirectory = try value(of: argument)
            case "--corpus": parsed.corpusDirectory = URL(fileURLWithPath: try value(of: argument))
            case "--models": parsed.modelsDirectory = URL(fileURLWithPath: try value(of: argument))
            case "--peers": parsed.peersDirectory = URL(fileURLWithPath: try value(of: argument))
            case "--bpmn-inbox": parsed.inboxBinary = try value(of: argument)
            case "--inbox-child": parsed.inboxChildDatabase = try value(of: argument)
            case "--inbox-user": parsed.inboxChildUser = try value(of: argument)
            case "--inbox-groups":
                parsed.inboxChildGroups = try value(of: argument).split(separator: ",").map(String.init)
            case "--help", "-h":
                throw BenchError.helpRequested
            default:
                guard let part = BenchPart(rawValue: argument) else {
                    throw BenchError.usage(
                        "unknown part or option '\(argument)'; parts are "
                            + BenchPart.allCases.map(\.rawValue).joined(separator: ", "))
                }
                parts.append(part)
            }
        }
        if !parts.isEmpty { parsed.parts = parts }
        return parsed
    }
}

/// Failures of the benchmark program; each message names the value and what to do.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case helpRequested
    case missingFile(path: String, hint: String)
    case unexpected(String)

    var description: String {
        switch self {
        case .usage(let message): return "\(message)\n\n\(BenchArguments.usage)"
        case .helpRequested: return BenchArguments.usage
        case let .missingFile(path, hint): return "file not found: \(path); \(hint)"
        case .unexpected(let message): return message
        }
    }
}
