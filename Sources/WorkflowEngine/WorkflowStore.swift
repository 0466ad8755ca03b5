import Foundation

/// Sorting and paging of a find call.
public struct FindOptions: Sendable, Equatable {
    public enum SortKey: Sendable, Equatable {
        case field(QueryField)
    }

    /// The set of columns a find loads: `summary` leaves out instance data and item variables.
    public enum Projection: String, Sendable, Equatable, CaseIterable {
        case summary, full
    }

    public var sort: [(key: QueryField, ascending: Bool)]
    public var limit: Int?
    public var offset: Int
    /// The `nextCursor` of the previous page: the find continues after the last row of that
    /// page, in the same query and sort order. Rows added or removed meanwhile shift nothing.
    public var cursor: String?
    public var projection: Projection

    public init(
        sort: [(key: QueryField, ascending: Bool)] = [], limit: Int? = nil, offset: Int = 0,
        cursor: String? = nil, projection: Projection = .full
    ) {
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.cursor = cursor
        self.projection = projection
    }

    public static func == (lhs: FindOptions, rhs: FindOptions) -> Bool {
        lhs.limit == rhs.limit && lhs.offset == rhs.offset && lhs.cursor == rhs.cursor
            && lhs.projection == rhs.projection && lhs.sort.count == rhs.sort.count
            && zip(lhs.sort, rhs.sort).allSatisfy { $0.key == $1.key && $0.ascending == $1.ascending }
    }
}

/// One page of a find: the rows and, when more rows may follow, the cursor of the next page.
public struct FindPage<Record: Sendable>: Sendable {
    public var records: [Record]
    /// Pass as `FindOptions.cursor` to read the next page; nil after the last page.
    public var nextCursor: String?

    public init(records: [Record], nextCursor: String?) {
        self.records = records
        self.nextCursor = nextCursor
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

    /// The newest version of every model, sorted by name, counting only the instances of the
    /// tenants `scope` reaches (see `AccessQueries.instances`).
    func listModels(reaching scope: AccessScope) throws -> [ModelSummary]

    // MARK: Instances

    /// Loads the instance with its items (in `seq` order) and tokens, or returns nil.
    func loadInstance(id: String) throws -> InstanceState?

    /// Inserts or updates the instance row, the items whose ids are in `changedItemIds`
    /// (all items when nil), and replaces the instance's tokens.
    func saveInstance(_ state: InstanceState, changedItemIds: Set<String>?) throws

    // MARK: Instances, the part one engine call reads and writes

    /// Loads the instance row with the live part of its tokens and items, or returns nil.
    /// Tokens: every running or waiting token, token 0 and the token with the highest id. Items: every item not ended, and the ended items a live token names (current
    /// or origin item), in `seq` order. The cost grows with the live part, not the history.
    func loadRunState(id: String) throws -> InstanceState?

    /// Reads the tokens of one instance with the given ids, in id order; unknown ids are left out.
    func tokens(ids: [Int], instanceId: String) throws -> [TokenRecord]

    /// Reads the tokens of one instance with an id below `id` whose ids are not in
    /// `excludedIds`, in id order.
    func tokens(instanceId: String, below id: Int, excluding excludedIds: Set<Int>) throws -> [TokenRecord]

    /// Reads the items of one instance with the given ids, in `seq` order; unknown ids are
    /// left out.
    func items(ids: [String], instanceId: String) throws -> [ItemRecord]

    /// Reads the items of one instance whose element id is one of `elementIds`, in `seq` order.
    func items(elementIds: [String], instanceId: String) throws -> [ItemRecord]

    /// Reads the ended item of type `type` with the highest `seq` below `seq` on token `tokenId`.
    func lastEndedItem(ofType type: String, tokenId: Int, before seq: Int, instanceId: String) throws -> ItemRecord?

    /// Reads the items of one instance with a `seq` below `seq` whose ids are not in
    /// `excludedIds`, in `seq` order.
    func items(instanceId: String, before seq: Int, excluding excludedIds: Set<String>) throws -> [ItemRecord]

    /// Inserts or updates the instance row, the items in `changedItemIds` and the tokens in
    /// `changedTokenIds`, and leaves every other item and token as stored.
    func saveInstance(_ state: InstanceState, changedItemIds: Set<String>, changedTokenIds: Set<Int>) throws

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

    // MARK: Paging, administration and change feed

    /// Finds one page of `findInstances`, with the cursor of the next page when
    /// `options.limit` rows were returned.
    func findInstancePage(_ query: Query, options: FindOptions) throws -> FindPage<InstanceRecord>

    /// Finds one page of `findItems`, with the cursor of the next page.
    func findItemPage(_ query: Query, options: FindOptions) throws -> FindPage<ItemRecord>

    /// Lists every stored version of the model `name`, oldest first, with instance counts.
    /// The list is empty when there is no such model.
    func modelVersions(name: String) throws -> [ModelVersionSummary]

    /// Lists every stored version of the model `name`, or of every model when `name` is nil,
    /// sorted by name and version, counting only the instances of the tenants `scope` reaches.
    func modelVersions(name: String?, reaching scope: AccessScope) throws -> [ModelVersionSummary]

    /// Lists the start events of the newest version of every model, with the model name.
    func latestStartEvents() throws -> [(model: String, version: Int, event: StartEventRecord)]

    /// Removes every version of the model `name` and returns how many were removed.
    func deleteModel(name: String) throws -> Int

    /// Renames every version of a model and the instances started from it.
    func renameModel(name: String, to newName: String) throws

    /// Removes the instances with their items, tokens, history and save points, and returns
    /// how many instance rows were removed.
    func deleteInstances(ids: [String]) throws -> Int

    /// Lists the ids of instances whose id starts with `prefix`, at most `limit`, sorted.
    func instanceIds(withPrefix prefix: String, limit: Int) throws -> [String]

    /// Returns the instance as it was saved at the end of the earliest call that stored
    /// `itemId`, or nil when no save point contains that item.
    func savePoint(instanceId: String, containing itemId: String) throws -> InstanceState?

    /// Removes items of one instance (for `restart`, which drops the items a save point lacks).
    func removeItems(ids: [String], instanceId: String) throws

    /// Reads the history rows with an id above `afterId`, oldest first, at most `limit`.
    func historyRows(after afterId: Int64, limit: Int) throws -> [HistoryRecord]

    /// Returns the highest history row id, or 0 when the history is empty.
    func lastHistoryId() throws -> Int64

    /// Returns a counter that changes whenever another connection commits to the database.
    func changeCounter() throws -> Int

    /// Returns the number of rows this connection has inserted, updated or deleted since it
    /// opened, rolled-back changes included. Together with `changeCounter()` it shows a caller
    /// whether the data may have changed, through any connection, since it last read them.
    func ownChangeCount() throws -> Int

    /// Reads the instance rows with the given ids, without their items and tokens; unknown
    /// ids are left out. The order is unspecified.
    func instances(ids: [String]) throws -> [InstanceRecord]

    /// Lists the ids of instances with a token left `running` between calls: work that
    /// `invokeWithoutWaiting` deferred. At most `limit`, oldest start first.
    func instancesWithDeferredWork(limit: Int) throws -> [String]

    // MARK: Users and task views

    /// Returns the recorded user `name`, or nil.
    func user(named name: String) throws -> UserRecord?

    /// Returns every recorded user, sorted by name.
    func listUsers() throws -> [UserRecord]

    /// Inserts the user, or replaces the groups, admin flag and tenant of a recorded one.
    func saveUser(_ user: UserRecord) throws

    /// Removes the user and returns whether it was recorded.
    func removeUser(named name: String) throws -> Bool

    /// Returns the tenant of every model that belongs to one, by model name.
    func modelTenants() throws -> [String: String]

    /// Makes the model `name` belong to `tenantId`, or shared by all tenants when nil.
    func setModelTenant(name: String, tenantId: String?) throws

    /// The user tasks of one task list that `scope` may see and that match `query` (as in
    /// `findItems`), with their instance's name, data and model version, in `sort` order.
    /// The store applies the rules of `AccessRules` in its own query language.
    /// - Parameter now: the time `overdue` compares due dates with.
    func findTasks(
        _ view: TaskView, scope: AccessScope, query: Query, now: Date, sort: TaskSort, limit: Int?, offset: Int
    ) throws -> [TaskSummary]

    /// Counts the tasks `findTasks` returns for the view without a query or limit.
    func countTasks(_ view: TaskView, scope: AccessScope, now: Date) throws -> Int
}
