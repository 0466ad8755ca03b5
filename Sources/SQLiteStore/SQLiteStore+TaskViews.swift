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

    /// Counts the tasks of one list with a single COUNT statement.
    public func countTasks(_ view: TaskView, scope: AccessScope, now: Date) throws -> Int {
        let condition = try taskViewSQL(view, scope: scope, now: now).condition(view)
        let count = try connection.queryInteger(
            "SELECT COUNT(*) FROM items JOIN instances ON instances.id = items.instance_id WHERE \(condition)",
            operation: "counting the tasks of list '\(view.rawValue)'")
        return Int(count ?? 0)
    }

    /// Returns the conditions of `view`, choosing for "my groups" the plan that reads fewer rows.
    private func taskViewSQL(_ view: TaskView, scope: AccessScope, now: Date) throws -> TaskViewSQL {
        var sql = TaskViewSQL(scope: scope, now: now)
        if view == .myGroups { sql.drivesFromCandidates = try candidateRowsAreFewer(scope) }
        return sql
    }

    /// Returns whether the scope's user and groups have fewer `item_candidates` rows than there
    /// are waiting user tasks. Candidate rows stay after a task ends, so in an old database a
    /// group's rows can outnumber the waiting tasks many times. Reading the smaller set is the
    /// faster plan: on the benchmark database (10,000 waiting tasks, 750 of them offered to
    /// the user's 50 groups) counting the list took 3 ms through the candidates against 15 ms
    /// through the waiting tasks, and with ten times as many candidate rows of ended tasks
    /// 59 ms against 26 ms (sqlite3 3.40.1 shell). Both sides are counted with a limit that
    /// grows fourfold until one side stays under it, so the test reads about twice the
    /// smaller count in index entries.
    func candidateRowsAreFewer(_ scope: AccessScope) throws -> Bool {
        guard let candidates = TaskViewSQL.candidateRows(of: scope, select: "1") else { return false }
        let waiting: SQLFragment = "SELECT 1 FROM items WHERE status = 'wait' AND type = 'bpmn:UserTask'"

        var limit: Int64 = 256
        while true {
            let candidateCount = try countRows(candidates, limit: limit)
            let waitingCount = try countRows(waiting, limit: limit)
            if candidateCount <= limit || waitingCount <= limit { return candidateCount < waitingCount }
            limit *= 4
        }
    }

    /// Counts the rows of `select`, stopping at `limit + 1`.
    private func countRows(_ select: SQLFragment, limit: Int64) throws -> Int64 {
        let count = try connection.queryInteger(
            "SELECT COUNT(*) FROM (\(select) LIMIT \(bind: .integer(limit + 1)))",
            operation: "estimating the size of the task list 'myGroups'")
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
