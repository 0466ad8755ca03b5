import Foundation

/// Sorting and paging of a find call.
public struct FindOptions: Sendable, Equatable {
    public enum SortKey: Sendable, Equatable {
        case field(QueryField)
    }

    public var sort: [(key: QueryField, ascending: Bool)]
    public var limit: Int?
    public var offset: Int

    public init(sort: [(key: QueryField, ascending: Bool)] = [], limit: Int? = nil, offset: Int = 0) {
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    public static func == (lhs: FindOptions, rhs: FindOptions) -> Bool {
        lhs.limit == rhs.limit && lhs.offset == rhs.offset && lhs.sort.count == rhs.sort.count
            && zip(lhs.sort, rhs.sort).allSatisfy { $0.key == $1.key && $0.ascending == $1.ascending }
    }
}

/// Persistence for models, instances, items, tokens and history.
///
/// The engine runs every API call inside `writeTransaction`, so all writes of one call
/// commit together or not at all. Implementations translate `Query` to their own query
/// language; they never load every row to filter in memory.
public protocol WorkflowStore: AnyObject {
    /// Runs `body` in one write transaction: commits when it returns, rolls back when it
    /// throws (and rethrows the error). Nested calls join the outer transaction.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T

    /// Runs `body` on one consistent snapshot of the database.
    func readTransaction<T>(_ body: () throws -> T) throws -> T

    // MARK: Models

    /// Stores a new version of the model `name` (version 1 for a new name).
    func saveModel(
        name: String, source: String, processes: [String], startEvents: [StartEventRecord],
        savedAt: Date
    ) throws -> ModelRecord

    /// The given version of a model, or its newest version when `version` is nil.
    func model(name: String, version: Int?) throws -> ModelRecord?

    /// The newest version of every model with its instance counts, sorted by name.
    func listModels() throws -> [ModelSummary]

    // MARK: Instances

    /// Loads the instance with its items (in `seq` order) and tokens, or returns nil.
    func loadInstance(id: String) throws -> InstanceState?

    /// Inserts or updates the instance row, the items whose ids are in `changedItemIds`
    /// (all items when nil), and replaces the instance's tokens.
    func saveInstance(_ state: InstanceState, changedItemIds: Set<String>?) throws

    /// Instances matching the query (item conditions hold for one item of the instance).
    func findInstances(_ query: Query, options: FindOptions) throws -> [InstanceRecord]

    /// Items matching the query; instance and data conditions apply to the item's instance.
    func findItems(_ query: Query, options: FindOptions) throws -> [ItemRecord]

    /// Counts the matching instances, for pane titles and paging.
    func countInstances(_ query: Query) throws -> Int

    // MARK: History

    func appendHistory(_ records: [HistoryRecord]) throws

    /// Returns the history of one instance, oldest first.
    func history(instanceId: String) throws -> [HistoryRecord]

    // MARK: Settings

    /// Returns a value from the database's key-value settings (such as `demo` = `true`).
    func setting(_ key: String) throws -> String?

    func setSetting(_ key: String, value: String?) throws
}
