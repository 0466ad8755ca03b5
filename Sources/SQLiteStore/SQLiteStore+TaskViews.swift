import Foundation
import WorkflowEngine

extension SQLiteStore {
    /// Finds the tasks of one list with their instance's name, data and model version, in one
    /// statement. See `TaskViewSQL` for the conditions.
    /// - Throws: as `findItems` for `query`, and `SQLiteStoreError.invalidFindOptions` for a
    ///   negative limit or offset.
    public func findTasks(
        _ view: TaskView, scope: AccessScope, query: Query, now: Date, sort: TaskSort, limit: Int?, offset: Int
    ) throws -> [TaskSummary] {
        if let limit, limit < 0 { throw SQLiteStoreError.invalidFindOptions(option: "limit", value: limit) }
        guard offset >= 0 else { throw SQLiteStoreError.invalidFindOptions(option: "offset", value: offset) }

        let extra = try QueryTranslator(scope: .items).condition(for: query)
        let condition = SQLFragment.and([try taskViewSQL(view, scope: scope, now: now).condition(view), extra])
        let order = Self.taskOrder(sort, completed: view == .completedByMe)
        let paging: SQLFragment = " LIMIT \(bind: .integer(Int64(limit ?? -1))) OFFSET \(bind: .integer(Int64(offset)))"

        return try connection.query(
            """
            SELECT \(raw: Self.itemColumns), instances.name, instances.data, instances.model_version
            FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(condition) ORDER BY \(raw: order)\(paging)
            """,
            operation: "finding the tasks of list '\(view.rawValue)'"
        ) { row in
            TaskSummary(
                item: try decodeItem(row), instanceName: row.text(24) ?? "",
                instanceData: try instanceData(row.text(25)), modelVersion: row.int(26))
        }
    }

    /// Counts the tasks of one list with a single COUNT statement. Without a tenant to test
    /// (an admin of every tenant, or a database whose instances belong to no tenant), the count
    /// reads no instance rows.
    public func countTasks(_ view: TaskView, scope: AccessScope, now: Date) throws -> Int {
        let sql = try taskViewSQL(view, scope: scope, now: now)
        let condition = sql.condition(view)
        // The waiting tasks' index covers what the counts that test candidates read. The other
        // counts read narrower indexes of their own. A "my groups" list of a scope with neither
        // user nor group is the constant false, for which SQLite rejects a named partial index.
        let offersAnything = scope.userName != nil || !scope.groups.isEmpty
        let testsCandidates = (view == .myGroups && offersAnything) || (!scope.isAdmin && (view == .all || view == .overdue))
        let items: SQLFragment = testsCandidates ? "items INDEXED BY items_waiting_tasks" : "items"
        // Every item has its instance row (a foreign key with ON DELETE CASCADE), so leaving
        // out the join drops no task.
        let source: SQLFragment = sql.testsInstances ? "\(items) JOIN instances ON instances.id = items.instance_id" : items
        let count = try connection.queryInteger(
            "SELECT COUNT(*) FROM \(source) WHERE \(condition)",
            operation: "counting the tasks of list '\(view.rawValue)'")
        return Int(count ?? 0)
    }

    /// Returns the conditions of `view`, choosing for the lists that test who may see a task
    /// the plan that reads fewer rows.
    private func taskViewSQL(_ view: TaskView, scope: AccessScope, now: Date) throws -> TaskViewSQL {
        var sql = TaskViewSQL(scope: scope, now: now)
        if !scope.seesAllTenants && scope.tenantId == nil {
            sql.skipsTenantTest = try !instancesHaveTenants()
        }
        switch view {
        case .myGroups:
            sql.drivesFromCandidates = try candidateRowsAreFewer(scope)
        case .all, .overdue:
            sql.drivesFromCandidates = try !scope.isAdmin && visibleRowsAreFewer(scope)
        case .mine, .completedByMe:
            break
        }
        return sql
    }

    /// Returns whether any instance belongs to a tenant, read from the partial index
    /// `instances_by_tenant` in one probe.
    func instancesHaveTenants() throws -> Bool {
        let found = try connection.queryInteger(
            "SELECT EXISTS (SELECT 1 FROM instances WHERE tenant_id IS NOT NULL)",
            operation: "checking whether instances belong to tenants")
        return found == 1
    }

    /// Returns whether the scope's user and groups have fewer `item_candidates` rows than there
    /// are waiting user tasks. Candidate rows stay after a task ends, so in an old database a
    /// group's rows can outnumber the waiting tasks many times. Reading the smaller set is the
    /// faster plan: on the benchmark database (10,000 waiting tasks, 750 of them offered to
    /// the user's 50 groups) counting the list took 3 ms through the candidates against 15 ms
    /// through the waiting tasks, and with ten times as many candidate rows of ended tasks
    /// 59 ms against 26 ms (sqlite3 3.40.1 shell).
    func candidateRowsAreFewer(_ scope: AccessScope) throws -> Bool {
        guard let candidates = TaskViewSQL.candidateRows(of: scope, select: "1") else { return false }
        return try rowsAreFewerThanWaitingTasks([candidates])
    }

    /// Returns whether the ids that `TaskViewSQL` collects for a user who is not an admin
    /// (candidate rows, assigned tasks, tasks naming no candidate) are fewer than the waiting
    /// user tasks. On the benchmark database counting "all" took 2.5 ms through those ids
    /// against 20 ms through the waiting tasks (sqlite3 3.40.1 shell).
    func visibleRowsAreFewer(_ scope: AccessScope) throws -> Bool {
        var selects: [SQLFragment] = [TaskViewSQL.openTaskIds]
        if let name = scope.userName { selects.append(TaskViewSQL.assignedTasks(to: name, select: "1")) }
        if let candidates = TaskViewSQL.candidateRows(of: scope, select: "1") { selects.append(candidates) }
        return try rowsAreFewerThanWaitingTasks(selects)
    }

    /// Returns whether the rows of `selects` together are fewer than the waiting user tasks.
    /// Both sides are counted with a limit that grows fourfold until one side stays under it,
    /// so the test reads about twice the smaller count in index entries.
    private func rowsAreFewerThanWaitingTasks(_ selects: [SQLFragment]) throws -> Bool {
        let waiting: SQLFragment = "SELECT 1 FROM items WHERE status = 'wait' AND type = 'bpmn:UserTask'"

        var limit: Int64 = 256
        while true {
            var selected: Int64 = 0
            for select in selects { selected += try countRows(select, limit: limit) }
            let waitingCount = try countRows(waiting, limit: limit)
            // Each select's count stops at limit + 1, so the sum is exact when it is at most the
            // limit, and a capped sum already at or above the waiting count stays above it.
            if selected <= limit || waitingCount <= limit { return selected < waitingCount }
            limit *= 4
        }
    }

    /// Counts the rows of `select`, stopping at `limit + 1`.
    private func countRows(_ select: SQLFragment, limit: Int64) throws -> Int64 {
        let count = try connection.queryInteger(
            "SELECT COUNT(*) FROM (\(select) LIMIT \(bind: .integer(limit + 1)))",
            operation: "estimating the size of a task list")
        return count ?? 0
    }

    private func instanceData(_ text: String?) throws -> JSONValue {
        let value = text ?? "NULL"
        guard let data = try? JSONValue.parse(value) else {
            throw SQLiteStoreError.invalidStoredValue(
                path: path, table: "instances", column: "data", value: String(value.prefix(200)))
        }
        return data
    }

    /// Returns the ORDER BY list of a task sort. Each ends with the start time and the id, so
    /// the order is total and pages do not overlap.
    private static func taskOrder(_ sort: TaskSort, completed: Bool) -> String {
        let newest = completed ? "items.ended_at DESC, items.started_at DESC, items.id" : "items.started_at DESC, items.id"
        switch sort {
        case .priority:
            return "(\(numericPriority) IS NULL), \(numericPriority) DESC, \(newest)"
        case .dueDate:
            return "(items.due_date IS NULL), items.due_date, \(newest)"
        case .created:
            return newest
        case .model:
            return "instances.name, \(newest)"
        }
    }

    /// The priority as a number: JSON numbers as they are, numeric strings such as "5"
    /// converted, anything else NULL.
    private static let numericPriority = """
        (CASE json_type(items.priority) WHEN 'integer' THEN json_extract(items.priority, '$') \
        WHEN 'real' THEN json_extract(items.priority, '$') \
        WHEN 'text' THEN (CASE WHEN trim(json_extract(items.priority, '$')) GLOB '[-+.0-9]*' \
        AND trim(json_extract(items.priority, '$')) NOT GLOB '*[^-+.0-9eE]*' \
        THEN CAST(trim(json_extract(items.priority, '$')) AS REAL) END) END)
        """
}
