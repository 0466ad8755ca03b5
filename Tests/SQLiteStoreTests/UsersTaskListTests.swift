import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Recorded users, model tenants and the task list SQL of the store, on a database seeded
/// with SQL: 10,000 waiting user tasks and 40,000 ended ones, for a user in 1,000 groups.
final class UsersTaskListTests: StoreTestCase {
    private var store: SQLiteStore!
    private let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try openStore()
    }

    override func tearDownWithError() throws {
        store = nil
        try super.tearDownWithError()
    }

    /// Seeds the waiting tasks: every tenth is assigned to `user<i % 100>`, each offers the
    /// group `group<i % 1000>`, every seventh was due in 2025, and the priority is the JSON
    /// string of i % 90. Instance `inst<i>` contains task i and belongs to tenant "north" when
    /// i % 50 == 0.
    private func seedTasks() throws {
        let statements = [
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
            INSERT INTO instances (id, name, model_version, status, data, started_at, tenant_id)
            SELECT 'inst' || i, 'Perf', 1, 'running', '{}', printf('2025-12-01T00:%02d:%02d.000Z', (i / 60) % 60, i % 60),
                CASE WHEN i % 50 = 0 THEN 'north' END FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at,
                assignee, candidate_groups, due_date, priority)
            SELECT 'item' || i, 'inst' || i, 0, 'Task', 'Task', 'bpmn:UserTask', 'wait', 0,
                printf('2025-12-01T00:%02d:%02d.000Z', (i / 60) % 60, i % 60),
                CASE WHEN i % 10 = 0 THEN 'user' || (i % 100) END, json_array('group' || (i % 1000)),
                CASE WHEN i % 7 = 0 THEN '2025-06-01T00:00:00.000Z' ELSE '2027-01-01T00:00:00.000Z' END,
                '"' || (i % 90) || '"' FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
            INSERT INTO item_candidates (item_id, kind, name) SELECT 'item' || i, 'group', 'group' || (i % 1000) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at, candidate_groups)
            SELECT 'old' || i, 'inst' || (1 + i % 10000), 1 + i / 10000, 'Old', 'Old', 'bpmn:UserTask', 'end', 0,
                '2025-01-01T00:00:00.000Z', json_array('group' || (i % 1000)) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
            INSERT INTO item_candidates (item_id, kind, name) SELECT 'old' || i, 'group', 'group' || (i % 1000) FROM n
            """,
            "ANALYZE",
        ]
        for statement in statements {
            try store.connection.execute(statement, operation: "seeding tasks")
        }
    }

    private var manyGroups: AccessScope {
        AccessScope(userName: "user10", groups: (0..<1000).map { "group\($0)" })
    }

    private func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let started = Date()
        let result = try body()
        return (result, Date().timeIntervalSince(started) * 1000)
    }

    // MARK: Users

    func testSaveUserRoundTripsGroupsAdminAndTenant() throws {
        try store.saveUser(UserRecord(name: "alice", groups: ["sales", "hr"], isAdmin: true, tenantId: "north"))

        let loaded = try XCTUnwrap(store.user(named: "alice"))

        XCTAssertEqual(loaded.groups, ["hr", "sales"])
        XCTAssertTrue(loaded.isAdmin)
        XCTAssertEqual(loaded.tenantId, "north")
    }

    func testSaveUserReplacesGroups() throws {
        try store.saveUser(UserRecord(name: "alice", groups: ["sales"]))

        try store.saveUser(UserRecord(name: "alice", groups: ["hr"]))

        XCTAssertEqual(try store.listUsers().map(\.groups), [["hr"]])
    }

    func testRemoveUserRemovesGroups() throws {
        try store.saveUser(UserRecord(name: "alice", groups: ["sales"]))

        let removed = try store.removeUser(named: "alice")
        let again = try store.removeUser(named: "alice")
        let memberships = try store.connection.queryInteger("SELECT COUNT(*) FROM user_groups", operation: "test")

        XCTAssertTrue(removed)
        XCTAssertFalse(again)
        XCTAssertEqual(memberships, 0)
    }

    func testModelTenantsSetAndClear() throws {
        try store.setModelTenant(name: "Order", tenantId: "north")
        let set = try store.modelTenants()
        try store.setModelTenant(name: "Order", tenantId: nil)

        XCTAssertEqual(set, ["Order": "north"])
        XCTAssertEqual(try store.modelTenants(), [:])
    }

    // MARK: Task lists on 10,000 waiting tasks

    func testCountsOnTenThousandWaitingTasks() throws {
        try seedTasks()
        let scope = manyGroups

        let (mine, mineTime) = try timed { try store.countTasks(.mine, scope: scope, now: now) }
        let (groups, groupsTime) = try timed { try store.countTasks(.myGroups, scope: scope, now: now) }
        let (overdue, overdueTime) = try timed { try store.countTasks(.overdue, scope: scope, now: now) }
        print("count on 10,000 waiting tasks, 1,000 groups: mine \(mineTime) ms, groups \(groupsTime) ms, overdue \(overdueTime) ms")

        // user10 has the tasks i = 10, 110, 210, …; all 9,000 unassigned tasks offer one of
        // its groups; tenant "north" (every 50th task, all assigned) takes 28 overdue ones.
        XCTAssertEqual(mine, 100)
        XCTAssertEqual(groups, 9000)
        XCTAssertEqual(overdue, 1428 - 28)
        // A generous bound that catches a lost index (a full scan per task takes seconds).
        XCTAssertLessThan(mineTime + groupsTime + overdueTime, 1000)
    }

    func testMineUsesAssigneeIndex() throws {
        try seedTasks()
        let condition = TaskViewSQL(scope: manyGroups, now: now).condition(.mine)
        let plan = try store.connection.query(
            "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM items JOIN instances ON instances.id = items.instance_id WHERE \(condition)",
            operation: "test"
        ) { $0.text(3) ?? "" }

        XCTAssertTrue(plan.contains { $0.contains("items_waiting_by_assignee") }, plan.joined(separator: "\n"))
    }

    func testPriorityOrderPutsHighestFirst() throws {
        try seedTasks()

        let tasks = try store.findTasks(
            .all, scope: .unrestricted, query: .all, now: now, sort: .priority, limit: 3, offset: 0)

        XCTAssertEqual(tasks.map(\.item.priority), ["89", "89", "89"])
        XCTAssertEqual(tasks.first?.instanceName, "Perf")
    }

    func testTenantScopeSeesOnlyItsTasks() throws {
        try seedTasks()
        let north = AccessScope(userName: "nina", isAdmin: true, tenantId: "north")

        let count = try store.countTasks(.all, scope: north, now: now)

        XCTAssertEqual(count, 200)
    }
}

extension UsersTaskListTests {
    func testRejectWritesStopsEveryWrite() throws {
        try store.saveUser(UserRecord(name: "alice"))
        try store.rejectWrites()

        XCTAssertThrowsError(try store.saveUser(UserRecord(name: "bob"))) { error in
            guard case SQLiteStoreError.statementFailed(_, _, let code, _) = error else {
                return XCTFail("expected statementFailed, got \(error)")
            }
            XCTAssertEqual(code & 0xff, 8, "SQLITE_READONLY")
        }
        XCTAssertEqual(try store.listUsers().map(\.name), ["alice"])
    }
}
