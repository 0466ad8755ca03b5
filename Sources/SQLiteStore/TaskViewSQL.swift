import Foundation
import WorkflowEngine

/// The conditions of the task lists in SQL over `items JOIN instances`, written out by hand
/// so that SQLite drives each list from an index. "mine" reads the waiting items of one
/// assignee. The other lists read the waiting user tasks and probe the `item_candidates`
/// primary key once per task. The general query translation tests candidate membership with
/// an `IN` subquery instead: for a user in 1,000 groups with 10,000 waiting tasks, that took
/// about 85 ms against 7 ms for the probe (sqlite3 3.40.1 shell, development machine).
///
/// The rules are those of `AccessRules`. An admin can see every task of its tenant scope. Other
/// users can see tasks assigned to them, offering them as candidate user or through a group, or
/// naming no one. An empty assignee counts as none.
struct TaskViewSQL {
    let scope: AccessScope
    let now: Date
    /// Reads the "my groups" list through `item_candidates_by_name` (the user's candidate rows,
    /// then each task by id) instead of scanning the waiting user tasks. Faster when the user's
    /// groups have fewer candidate rows than there are waiting tasks, which
    /// `SQLiteStore.candidateRowsAreFewer` tests.
    var drivesFromCandidates = false

    /// Returns the condition of `view`, without the caller's extra query.
    func condition(_ view: TaskView) -> SQLFragment {
        let userTask: SQLFragment = "items.type = 'bpmn:UserTask'"
        let waiting: SQLFragment = "items.status = 'wait'"
        switch view {
        case .mine:
            guard let name = scope.userName else { return .alwaysFalse }
            return .and([waiting, userTask, tenant, "items.assignee = \(bind: name)"])
        case .myGroups:
            let offered = drivesFromCandidates ? offeredToUserByIndex : offeredToUser
            return .and([waiting, userTask, tenant, unassigned, offered])
        case .all:
            return .and([waiting, userTask, tenant, visible])
        case .overdue:
            let due: SQLFragment = "items.due_date < \(bind: StoredDate.text(from: now))"
            return .and([waiting, userTask, tenant, due, visible])
        case .completedByMe:
            guard let name = scope.userName else { return .alwaysFalse }
            let completed: SQLFragment = """
                items.id IN (SELECT item_id FROM history WHERE user = \(bind: name) \
                AND action = 'invoke' AND item_id IS NOT NULL)
                """
            return .and(["items.status = 'end'", userTask, tenant, completed])
        }
    }

    /// The condition for instances of the scope's tenant, or for every instance when an admin has no tenant.
    private var tenant: SQLFragment {
        if scope.seesAllTenants { return .alwaysTrue }
        return "instances.tenant_id IS \(bind: .text(scope.tenantId))"
    }

    private var unassigned: SQLFragment { "(items.assignee IS NULL OR items.assignee = '')" }

    /// The task names the user as candidate user, or one of the user's groups.
    private var offeredToUser: SQLFragment {
        var tests: [SQLFragment] = []
        if let name = scope.userName {
            tests.append("(c.kind = 'user' AND c.name = \(bind: name))")
        }
        if !scope.groups.isEmpty {
            let names = SQLFragment.joined(scope.groups.map { "\(bind: $0)" }, separator: ", ")
            tests.append("(c.kind = 'group' AND c.name IN (\(names)))")
        }
        guard !tests.isEmpty else { return .alwaysFalse }
        return "EXISTS (SELECT 1 FROM item_candidates AS c WHERE c.item_id = items.id AND \(SQLFragment.or(tests)))"
    }

    /// The same test as `offeredToUser`, written as an `IN` list that SQLite fills from the
    /// candidate index before it reads any task.
    private var offeredToUserByIndex: SQLFragment {
        guard let rows = Self.candidateRows(of: scope, select: "item_id") else { return .alwaysFalse }
        return "items.id IN (\(rows))"
    }

    /// Selects `column` of the `item_candidates` rows naming the scope's user or one of its
    /// groups, one indexed search per kind, or returns nil when the scope has neither.
    static func candidateRows(of scope: AccessScope, select column: String) -> SQLFragment? {
        var searches: [SQLFragment] = []
        if !scope.groups.isEmpty {
            let names = SQLFragment.joined(scope.groups.map { "\(bind: $0)" }, separator: ", ")
            searches.append("SELECT \(raw: column) FROM item_candidates WHERE kind = 'group' AND name IN (\(names))")
        }
        if let name = scope.userName {
            searches.append("SELECT \(raw: column) FROM item_candidates WHERE kind = 'user' AND name = \(bind: name)")
        }
        guard !searches.isEmpty else { return nil }
        return SQLFragment.joined(searches, separator: " UNION ALL ")
    }

    /// The access rule for seeing a task.
    private var visible: SQLFragment {
        if scope.isAdmin { return .alwaysTrue }
        var branches: [SQLFragment] = [
            "(\(unassigned) AND items.candidate_users = '[]' AND items.candidate_groups = '[]')",
            offeredToUser,
        ]
        if let name = scope.userName {
            branches.insert("items.assignee = \(bind: name)", at: 0)
        }
        return .or(branches)
    }
}
