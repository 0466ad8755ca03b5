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
/// order and all its tokens in id order (bpmn-server's `IExecution`).
///
/// An engine call loads only the live part of an instance (see `InstanceRun`), so an
/// execution it returns reads the older ended items and tokens from the store the first time
/// `items` or `tokens` is read, and keeps them. They are read as stored at that moment,
/// limited to those that existed when the call committed. Read them on the thread that uses
/// the engine, because a store connection serves one thread at a time.
public struct Execution: Sendable, Equatable {
    public var instance: InstanceRecord
    private var itemList: LazyList<ItemRecord>
    private var tokenList: LazyList<TokenRecord>

    public init(instance: InstanceRecord, items: [ItemRecord], tokens: [TokenRecord]) {
        self.instance = instance
        self.itemList = LazyList(complete: items)
        self.tokenList = LazyList(complete: tokens)
    }

    /// Creates an execution whose items and tokens beyond the loaded ones are read when first
    /// used. Each read returns the records that were not loaded.
    init(
        instance: InstanceRecord, loadedItems: [ItemRecord], readOtherItems: @escaping () throws -> [ItemRecord],
        loadedTokens: [TokenRecord], readOtherTokens: @escaping () throws -> [TokenRecord]
    ) {
        self.instance = instance
        self.itemList = LazyList(loaded: loadedItems, readOthers: readOtherItems) { $0.seq < $1.seq }
        self.tokenList = LazyList(loaded: loadedTokens, readOthers: readOtherTokens) { $0.id < $1.id }
    }

    /// Every item of the instance in `seq` order. When the read of the ended items fails,
    /// this returns the items the call loaded; `loadItems()` raises the error instead.
    public var items: [ItemRecord] {
        get { itemList.records }
        set { itemList = LazyList(complete: newValue) }
    }

    /// Every token of the instance in id order. When the read of the ended tokens fails, this
    /// returns the tokens the call loaded; `loadTokens()` raises the error instead.
    public var tokens: [TokenRecord] {
        get { tokenList.records }
        set { tokenList = LazyList(complete: newValue) }
    }

    /// Returns every item of the instance, reading the ended ones the call did not load from
    /// the store on first use.
    /// - Throws: the store's error when that read fails.
    public func loadItems() throws -> [ItemRecord] {
        try itemList.load()
    }

    /// Returns every token of the instance, reading the ended ones the call did not load.
    /// - Throws: the store's error when that read fails.
    public func loadTokens() throws -> [TokenRecord] {
        try tokenList.load()
    }

    public var id: String { instance.id }
    public var status: InstanceStatus { instance.status }

    /// Items waiting for a call (user tasks, receive tasks, catch events). A call loads every
    /// item that has not ended, so this reads nothing from the store.
    public var waitingItems: [ItemRecord] { itemList.loaded.filter { $0.status == .wait } }

    /// How many items and tokens the call loaded, without reading the others: what tests
    /// check to see that a call on a long history read only the live part.
    var loadedItemCount: Int { itemList.loaded.count }
    var loadedTokenCount: Int { tokenList.loaded.count }

    public static func == (lhs: Execution, rhs: Execution) -> Bool {
        lhs.instance == rhs.instance && lhs.tokens == rhs.tokens && lhs.items == rhs.items
    }
}

/// Records that are either complete, or the loaded ones plus a read of the others on first use.
/// The lock makes the one-time read safe to race from two threads; the store itself must
/// still be used from one thread (see `Execution`).
private final class LazyList<Record: Sendable>: @unchecked Sendable {
    /// The records the call loaded, in order, or every record when nothing is left to read.
    let loaded: [Record]
    private var readOthers: (() throws -> [Record])?
    private let inOrder: (Record, Record) -> Bool
    private var complete: [Record]?
    private let lock = NSLock()

    init(complete records: [Record]) {
        loaded = records
        complete = records
        inOrder = { _, _ in false }
    }

    init(loaded: [Record], readOthers: @escaping () throws -> [Record], inOrder: @escaping (Record, Record) -> Bool) {
        self.loaded = loaded
        self.readOthers = readOthers
        self.inOrder = inOrder
    }

    var records: [Record] {
        (try? load()) ?? loaded
    }

    func load() throws -> [Record] {
        lock.lock()
        defer { lock.unlock() }
        if let complete { return complete }

        let others = try readOthers?() ?? []
        let merged = (loaded + others).sorted(by: inOrder)
        complete = merged
        readOthers = nil
        return merged
    }
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
