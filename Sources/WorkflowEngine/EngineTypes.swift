import BPMNModel
import Foundation

/// The user making an engine call. The inbox and CLI fill it from the login name and groups.
/// The engine adds the groups, admin flag and tenant that the database records for `name`
/// (see `AccessRules`), so a context only needs the values the caller has.
public struct UserContext: Sendable, Equatable {
    public var name: String
    public var groups: [String]
    public var isAdmin: Bool
    /// Limits the user to one tenant's instances and tasks. Nil: the tenant recorded for the
    /// user in the database applies, if any.
    public var tenantId: String?

    public init(name: String, groups: [String] = [], isAdmin: Bool = false, tenantId: String? = nil) {
        self.name = name
        self.groups = groups
        self.isAdmin = isAdmin
        self.tenantId = tenantId
    }

    /// The privileged caller of timers, workers, imports and tests: an admin of every
    /// tenant, recorded in the history as `system`. User calls never get it from the CLI or
    /// the inbox.
    public static let system = UserContext(name: "system", isAdmin: true)
}

/// Options of `start`.
public struct StartOptions: Sendable, Equatable {
    /// Any node id of the model; the default is the first plain start event of the first
    /// executable process.
    public var startNodeId: String?
    public var parentItemId: String?

    public init(startNodeId: String? = nil, parentItemId: String? = nil) {
        self.startNodeId = startNodeId
        self.parentItemId = parentItemId
    }
}

/// The result of an engine call: the instance as committed, with all its items in `seq`
/// order (bpmn-server's `IExecution`).
public struct Execution: Sendable, Equatable {
    public var instance: InstanceRecord
    public var items: [ItemRecord]
    public var tokens: [TokenRecord]

    public init(instance: InstanceRecord, items: [ItemRecord], tokens: [TokenRecord]) {
        self.instance = instance
        self.items = items
        self.tokens = tokens
    }

    public var id: String { instance.id }
    public var status: InstanceStatus { instance.status }

    /// Items waiting for a call (user tasks, receive tasks, catch events).
    public var waitingItems: [ItemRecord] { items.filter { $0.status == .wait } }
}

/// A waiting user task with what the inbox shows about it.
public struct TaskSummary: Sendable, Equatable {
    public var item: ItemRecord
    public var instanceName: String
    public var instanceData: JSONValue
    public var modelVersion: Int

    public init(item: ItemRecord, instanceName: String, instanceData: JSONValue, modelVersion: Int) {
        self.item = item
        self.instanceName = instanceName
        self.instanceData = instanceData
        self.modelVersion = modelVersion
    }
}

/// The source of the current time, so tests can move time deterministically.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Engine settings.
public struct EngineOptions: Sendable {
    /// CPU seconds a single script or condition may run before it is stopped.
    public var scriptTimeLimit: Double
    /// Node executions allowed in one call before it is treated as an endless loop. A
    /// parallel multi-instance activity over n elements takes about n steps.
    public var maximumStepsPerCall: Int
    /// Rejects every call that would change the database with `EngineError.readOnly`.
    public var readOnly: Bool
    /// The largest instance data, in bytes of compact UTF-8 JSON, that a call may pass in or
    /// leave behind (see `DataLimits`). Larger data fails with `EngineError.dataTooLarge`
    /// before anything is stored.
    public var maximumDataBytes: Int
    /// The deepest nesting of arrays and objects accepted in data passed to a call.
    public var maximumDataDepth: Int

    public init(
        scriptTimeLimit: Double = 1.0, maximumStepsPerCall: Int = 10_000, readOnly: Bool = false,
        maximumDataBytes: Int = DataLimits.defaultMaximumBytes, maximumDataDepth: Int = DataLimits.defaultMaximumDepth
    ) {
        self.scriptTimeLimit = scriptTimeLimit
        self.maximumStepsPerCall = maximumStepsPerCall
        self.readOnly = readOnly
        self.maximumDataBytes = maximumDataBytes
        self.maximumDataDepth = maximumDataDepth
    }
}

/// A clock that runs with the system clock plus an offset the caller can move: for
/// demonstrations (jump forward so a timer is due now) and for `--now` style simulated time.
/// Thread-safe.
public final class AdjustableClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval

    /// - Parameter offset: seconds added to the system time.
    public init(offset: TimeInterval = 0) {
        self.offset = offset
    }

    /// Creates a clock that shows `date` now and runs on from there.
    public convenience init(showing date: Date) {
        self.init(offset: date.timeIntervalSinceNow)
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return Date().addingTimeInterval(offset)
    }

    /// Seconds the clock is ahead of the system time (negative: behind).
    public var currentOffset: TimeInterval {
        lock.lock()
        defer { lock.unlock() }
        return offset
    }

    /// Moves the clock forward by `seconds` (backward when negative).
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        offset += seconds
        lock.unlock()
    }
}
