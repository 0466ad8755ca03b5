import Foundation
import WorkflowEngine

/// The conditions of the task lists in SQL over `items JOIN instances`, written out by hand
/// so that SQLite drives each list from an index. "mine" reads the waiting items of one
/// assignee. The other lists either read the waiting user tasks and probe the
/// `item_candidates` primary key once per task, or (with `drivesFromCandidates`) first
/// collect from indexes the ids of the tasks the user may see. The general query translation
/// tests candidate membership with an `IN` subquery over every candidate row instead: for a
/// user in 1,000 groups with 10,000 waiting tasks, that took about 85 ms against 7 ms for the
/// probe (sqlite3 3.40.1 shell, development machine).
///
/// The rules are those of `AccessRules`. An admin can see every task of its tenant scope. Other
/// users can see tasks assigned to them, offering them as candidate user or through a group, or
/// naming no one. An empty assignee counts as none.
struct TaskViewSQL {
    let scope: AccessScope
    let now: Date
    /// Reads the tasks by the ids that the user's candidate rows (`item_candidates_by_name`)
    /// name, instead of scanning the waiting user tasks. For "all" and "overdue" the ids of
    /// the user's assigned tasks and of the tasks naming no candidate (`items_waiting_open`)
    /// join them. Faster when those ids are fewer than the waiting tasks, which
    /// `SQLiteStore.visibleRowsAreFewer` tests. For an admin, "all" and "overdue" test nothing.
    var drivesFromCandidates = false
    /// Leaves out the tenant test of a scope without a tenant. The caller sets it when no
    /// instance belongs to a tenant, so every instance passes the test and a count need not
    /// read instance rows at all.
    var skipsTenantTest = false

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

    /// Whether the conditions test a column of `instances`, which a count must then join.
    var testsInstances: Bool { !(scope.seesAllTenants || skipsTenantTest) }

    /// The condition for instances of the scope's tenant, or for every instance when an admin has no tenant.
    private var tenant: SQLFragment {
        if !testsInstances { return .alwaysTrue }
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

    /// Selects the ids of the waiting user tasks that name no candidate. Whether such a task
    /// is also unassigned is left to the caller.
    static let openTaskIds: SQLFragment = """
        SELECT id FROM items INDEXED BY items_waiting_open WHERE status = 'wait' \
        AND type = 'bpmn:UserTask' AND candidate_users = '[]' AND candidate_groups = '[]'
        """

    /// Selects `column` of the waiting user tasks assigned to `name`.
    static func assignedTasks(to name: String, select column: String) -> SQLFragment {
        "SELECT \(raw: column) FROM items WHERE status = 'wait' AND assignee = \(bind: name) AND type = 'bpmn:UserTask'"
    }

    /// The access rule for seeing a task. An admin may see every task of its tenant scope.
    private var visible: SQLFragment {
        if scope.isAdmin { return .alwaysTrue }
        return drivesFromCandidates ? visibleByIndex : visibleByProbe
    }

    /// The rule of `visibleByProbe` as an `IN` list of the ids the user may see, which SQLite
    /// fills from three indexes before it reads any task. The list also contains the tasks that
    /// name no candidate but are assigned to someone else, which the user may not see. Every
    /// other task in the list is assigned to the user or names a candidate (so it came from
    /// the user's candidate rows), which the second condition tests without a probe.
    private var visibleByIndex: SQLFragment {
        var sets: [SQLFragment] = [Self.openTaskIds]
        var ownOrOffered: [SQLFragment] = [
            unassigned, "items.candidate_users <> '[]'", "items.candidate_groups <> '[]'",
        ]
        if let name = scope.userName {
            sets.append(Self.assignedTasks(to: name, select: "id"))
            ownOrOffered.append("items.assignee = \(bind: name)")
        }
        if let rows = Self.candidateRows(of: scope, select: "item_id") {
            sets.append(rows)
        }
        return .and(["items.id IN (\(SQLFragment.joined(sets, separator: " UNION ALL ")))", .or(ownOrOffered)])
    }

    /// The access rule, tested on each task row.
    private var visibleByProbe: SQLFragment {
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
