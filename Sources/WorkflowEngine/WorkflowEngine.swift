import BPMNModel
import DecisionTables
import Foundation

/// The in-process BPMN engine. Its calls follow bpmn-server's engine API; each call is one
/// store write transaction, so a failed call leaves the database exactly as before.
///
/// Not thread-safe: use one engine per thread. Several processes may share one database.
public final class WorkflowEngine {
    public let store: WorkflowStore
    public let clock: Clock
    public let options: EngineOptions
    let models: ModelCache
    /// Created on first use. It opens JavaScriptCore only when a script runs, so calls that
    /// run none (lists, `taskCounts` for a shell prompt) never load the library.
    private(set) lazy var scripts = ScriptEngine(timeLimit: options.scriptTimeLimit, libraryFile: javaScriptCoreFile)
    /// The JavaScriptCore library file `scripts` opens; tests set another before the first
    /// script runs to check the error for a missing library.
    var javaScriptCoreFile = JavaScriptCoreLibrary.defaultFile
    /// The nesting depth of event deliveries in progress (events thrown by receivers).
    var dispatchDepth = 0
    /// The services folder loaded last, named in "service not found" messages.
    var servicesLocation = "any services folder, because none was loaded (the CLI loads services/*.js next to the database, or --services DIR)"
    /// Parsed DMN models by name and version.
    var decisionModels: [String: DecisionModel] = [:]
    /// Call activity items whose child is being started right now, in memory.
    var callsInProgress: Set<String> = []

    public init(store: WorkflowStore, clock: Clock = SystemClock(), options: EngineOptions = EngineOptions()) {
        self.store = store
        self.clock = clock
        self.options = options
        self.models = ModelCache(store: store)
    }

    // MARK: Models

    /// Returns the DMN parser's reason for rejecting `source`, when it is a DMN file at all.
    private static func dmnProblem(_ source: String) -> String? {
        do {
            _ = try DecisionModel.parse(string: source)
            return nil
        } catch let error as DMNParseError {
            if case .notDMN = error { return nil }
            return "invalid DMN: \(error)"
        } catch {
            return "invalid DMN: \(error)"
        }
    }

    /// Parses `source` (BPMN 2.0, or DMN for decision tables) and stores it as a new version
    /// of the model `name`.
    /// - Throws: `EngineError.invalidModel` with the parser's line and column, or naming an
    ///   element whose timer value cannot be read.
    @discardableResult
    public func importModel(name: String, source: String) throws -> ModelRecord {
        try requireWritable("model import")
        let definitions: Definitions
        do {
            definitions = try BPMNParser.parse(string: source)
        } catch let error as BPMNParseError {
            if case .notBPMN = error, let decisions = try importDecisionModel(name: name, source: source) {
                return decisions
            }
            if case .notBPMN = error, let reason = Self.dmnProblem(source) {
                throw EngineError.invalidModel(name: name, reason: reason)
            }
            throw EngineError.invalidModel(name: name, reason: error.description)
        }
        try ModelValidator.validate(definitions, name: name)
        let processes = definitions.processes.map(\.id)
        let startEvents = StartEventCatalog.startEvents(of: definitions)
        return try store.writeTransaction {
            let record = try store.saveModel(
                name: name, source: source, processes: processes, startEvents: startEvents,
                savedAt: clock.now())
            try scheduleTimerStarts(model: name, definitions: definitions)
            return record
        }
    }

    /// The newest version of every model, with instance counts.
    public func listModels() throws -> [ModelSummary] {
        try store.readTransaction { try store.listModels() }
    }

    /// The parsed model of the given version (the newest when nil).
    public func definitions(model name: String, version: Int? = nil) throws -> Definitions {
        try store.readTransaction { try models.definitions(name: name, version: version).definitions }
    }

    // MARK: Queries

    /// Instances matching a MongoDB-style query.
    public func findInstances(_ query: JSONValue, options: FindOptions = FindOptions()) throws -> [InstanceRecord] {
        let parsed = try Self.parseQuery(query)
        // The page form also applies `options.cursor` and `options.projection`.
        return try store.readTransaction { try store.findInstancePage(parsed, options: options).records }
    }

    /// Items matching a MongoDB-style query (item conditions apply to the returned item).
    public func findItems(_ query: JSONValue, options: FindOptions = FindOptions()) throws -> [ItemRecord] {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction { try store.findItemPage(parsed, options: options).records }
    }

    /// Waiting user tasks matching `query`, newest first, with their instance's name and data.
    public func pendingUserTasks(_ query: JSONValue = .emptyObject) throws -> [TaskSummary] {
        let parsed = try Self.parseQuery(query)
        let waiting = Query.and([
            parsed,
            .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .field(.item(.type), .eq(.string(NodeKind.userTask.typeName))),
        ])
        return try store.readTransaction {
            let items = try store.findItems(
                waiting, options: FindOptions(sort: [(key: .item(.startedAt), ascending: false)]))
            // The instance rows alone: a task needs its instance's name, data and version,
            // not the instance's items and tokens.
            let rows = try store.instances(ids: items.map(\.instanceId))
            let instances = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return items.compactMap { item in
                guard let instance = instances[item.instanceId] else { return nil }
                return TaskSummary(
                    item: item, instanceName: instance.name, instanceData: instance.data,
                    modelVersion: instance.modelVersion)
            }
        }
    }

    /// Loads one instance without changing it (bpmn-server's `get`).
    /// - Throws: `EngineError.instanceNotFound` when no instance matches.
    public func get(_ query: JSONValue) throws -> Execution {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            let found = try store.findInstances(parsed, options: FindOptions(limit: 1))
            guard let first = found.first, let state = try store.loadInstance(id: first.id) else {
                throw EngineError.instanceNotFound(query: query.jsonText)
            }
            return Execution(instance: state.instance, items: state.items, tokens: state.tokens)
        }
    }

    /// Returns the earliest due time among waiting timers and timer start events of models, or nil
    /// when nothing waits. The inbox and the worker use it to sleep until the next firing.
    public func nextTimerDue() throws -> Date? {
        let waiting = Query.and([
            .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .field(.item(.timeDue), .exists(true)),
        ])
        return try store.readTransaction {
            let item = try store.findItems(waiting, options: FindOptions(sort: [(key: .item(.timeDue), ascending: true)], limit: 1)).first?.timeDue
            let start = try nextTimerStartDue()
            return [item, start].compactMap { $0 }.min()
        }
    }

    /// Waiting items that wait for an event (timers, messages, signals), soonest timer first,
    /// with their instance: what `bpmn-inbox timers` and the instance detail show.
    public func waitingEvents(_ query: JSONValue = .emptyObject) throws -> [ItemRecord] {
        let parsed = try Self.parseQuery(query)
        let waiting = Query.and([
            parsed,
            .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .or([
                .field(.item(.timeDue), .exists(true)),
                .field(.item(.messageId), .exists(true)),
                .field(.item(.signalId), .exists(true)),
            ]),
        ])
        return try store.readTransaction {
            try store.findItems(waiting, options: FindOptions(sort: [(key: .item(.timeDue), ascending: true)]))
        }
    }

    /// The message and signal names models use, for forms that send them: from catch events,
    /// receive tasks, boundary events and start events of every model's newest version.
    public func eventNames() throws -> (messages: [String], signals: [String]) {
        var messages: Set<String> = []
        var signals: Set<String> = []
        for summary in try listModels() {
            guard let entry = try? store.readTransaction({ try models.definitions(name: summary.name, version: nil) }) else { continue }
            for message in entry.definitions.messages.values { messages.insert(message.name ?? message.id) }
            for signal in entry.definitions.signals.values { signals.insert(signal.name ?? signal.id) }
        }
        return (messages.sorted(), signals.sorted())
    }

    /// Returns the history of one instance, oldest first.
    public func history(instanceId: String) throws -> [HistoryRecord] {
        try store.readTransaction { try store.history(instanceId: instanceId) }
    }

    static func parseQuery(_ query: JSONValue) throws -> Query {
        do {
            return try Query.parse(query)
        } catch let error as QueryError {
            throw EngineError.invalidQuery(error)
        }
    }
}
