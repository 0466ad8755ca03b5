import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// The two plans of the "all" and "overdue" lists of a user who is not an admin: through the
/// ids the user may see (candidate rows, assigned tasks, tasks naming no candidate) when those
/// are fewer than the waiting tasks, through the waiting tasks otherwise. Both must list the
/// same tasks.
final class VisibleListPlanTests: StoreTestCase {
    private var store: SQLiteStore!
    private let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// user7 in two of the twenty groups.
    private let scope = AccessScope(userName: "user7", groups: ["group1", "group2"])

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try openStore()
        try seedWaitingTasks()
    }

    override func tearDownWithError() throws {
        store = nil
        try super.tearDownWithError()
    }

    /// Seeds 200 waiting user tasks. Task i offers `group<i % 20>`, every fifth is assigned to
    /// `user<i % 3>`, and every seventh was due at the end of 2025. Then 30 more tasks
    /// name no candidate: `open1`–`open10` unassigned, `open11`–`open20` assigned to user1,
    /// `open21`–`open25` assigned to user7 and `open26`–`open30` with an empty assignee; the
    /// even ones were due at the end of 2025.
    private func seedWaitingTasks() throws {
        let statements = [
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 230)
            INSERT INTO instances (id, name, model_version, status, data, started_at)
            SELECT 'inst' || i, 'Plan', 1, 'running', '{}', printf('2025-12-01T00:00:%02d.000Z', i % 60) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at,
                assignee, candidate_groups, due_date)
            SELECT printf('item%03d', i), 'inst' || i, 0, 'Task', 'Task', 'bpmn:UserTask', 'wait', 0,
                printf('2025-12-01T00:00:%02d.000Z', i % 60),
                CASE WHEN i % 5 = 0 THEN 'user' || (i % 3) END, json_array('group' || (i % 20)),
                CASE WHEN i % 7 = 0 THEN '2025-12-31T00:00:00.000Z' END FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO item_candidates (item_id, kind, name) SELECT printf('item%03d', i), 'group', 'group' || (i % 20) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at,
                assignee, due_date)
            SELECT 'open' || i, 'inst' || (200 + i), 0, 'Open', 'Open', 'bpmn:UserTask', 'wait', 0,
                printf('2025-12-02T00:00:%02d.000Z', i),
                CASE WHEN i BETWEEN 11 AND 20 THEN 'user1' WHEN i BETWEEN 21 AND 25 THEN 'user7'
                    WHEN i > 25 THEN '' END,
                CASE WHEN i % 2 = 0 THEN '2025-12-31T00:00:00.000Z' END FROM n
            """,
        ]
        for statement in statements {
            try store.connection.execute(statement, operation: "seeding tasks")
        }
    }

    /// Adds 4,000 ended user tasks that offered group1 or group2, as an old database has.
    private func seedEndedTasks() throws {
        let statements = [
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at, candidate_groups)
            SELECT 'old' || i, 'inst' || (1 + i % 200), 1 + i / 200, 'Old', 'Old', 'bpmn:UserTask', 'end', 0,
                '2025-01-01T00:00:00.000Z', json_array('group' || (1 + i % 2)) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
            INSERT INTO item_candidates (item_id, kind, name) SELECT 'old' || i, 'group', 'group' || (1 + i % 2) FROM n
            """,
        ]
        for statement in statements {
            try store.connection.execute(statement, operation: "seeding ended tasks")
        }
    }

    /// Returns the ids of `view` read with one plan, sorted by id.
    private func listIds(_ view: TaskView, drivesFromCandidates: Bool) throws -> [String] {
        var sql = TaskViewSQL(scope: scope, now: now)
        sql.drivesFromCandidates = drivesFromCandidates
        return try store.connection.query(
            """
            SELECT items.id FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(sql.condition(view)) ORDER BY items.id
            """,
            operation: "test"
        ) { $0.text(0) ?? "" }
    }

    private func plan(_ view: TaskView) throws -> String {
        var sql = TaskViewSQL(scope: scope, now: now)
        sql.drivesFromCandidates = true
        return try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT COUNT(*) FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(sql.condition(view))
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")
    }

    func testAllListsTheSameTasksInBothPlans() throws {
        let byIds = try listIds(.all, drivesFromCandidates: true)
        let byWaitingTasks = try listIds(.all, drivesFromCandidates: false)

        // 20 tasks offer group1 or group2, none assigned; open1-10, open21-25 and open26-30.
        XCTAssertEqual(byIds.count, 40)
        XCTAssertEqual(byIds, byWaitingTasks)
    }

    func testAllLeavesOutOpenTasksOfOthers() throws {
        let ids = try listIds(.all, drivesFromCandidates: true)

        XCTAssertFalse(ids.contains("open11"))
        XCTAssertTrue(ids.contains("open26"))
    }

    func testOverdueListsTheSameTasksInBothPlans() throws {
        let byIds = try listIds(.overdue, drivesFromCandidates: true)
        let byWaitingTasks = try listIds(.overdue, drivesFromCandidates: false)

        XCTAssertFalse(byIds.isEmpty)
        XCTAssertEqual(byIds, byWaitingTasks)
    }

    func testFewVisibleRowsChooseTheIdPlan() throws {
        XCTAssertTrue(try store.visibleRowsAreFewer(scope))
        XCTAssertTrue(try plan(.all).contains("items_waiting_open"))
    }

    func testManyEndedCandidateRowsChooseWaitingTasks() throws {
        try seedEndedTasks()

        XCTAssertFalse(try store.visibleRowsAreFewer(scope))
    }

    func testChosenPlanCountsAndListsAlike() throws {
        for seedsEndedTasks in [false, true] {
            if seedsEndedTasks { try seedEndedTasks() }

            for view in [TaskView.all, .overdue] {
                let count = try store.countTasks(view, scope: scope, now: now)
                let tasks = try store.findTasks(view, scope: scope, query: .all, now: now, sort: .created, limit: nil, offset: 0)

                XCTAssertEqual(count, tasks.count, "\(view) with ended tasks: \(seedsEndedTasks)")
                XCTAssertEqual(
                    tasks.map(\.item.id).sorted(), try listIds(view, drivesFromCandidates: false),
                    "\(view) with ended tasks: \(seedsEndedTasks)")
            }
        }
    }

    func testAdminCountWithoutTenantCountsEveryWaitingTask() throws {
        let admin = AccessScope(userName: "boss", isAdmin: true)

        XCTAssertEqual(try store.countTasks(.all, scope: admin, now: now), 230)
        XCTAssertEqual(
            try store.countTasks(.all, scope: admin, now: now),
            try store.findTasks(.all, scope: admin, query: .all, now: now, sort: .created, limit: nil, offset: 0).count)
    }

    func testScopeWithoutUserCountsOpenTasks() throws {
        let nobody = AccessScope(userName: nil)

        // open1-10 and open26-30 are unassigned; the even ones are overdue.
        XCTAssertEqual(try store.countTasks(.all, scope: nobody, now: now), 15)
        XCTAssertEqual(try store.countTasks(.overdue, scope: nobody, now: now), 8)
        XCTAssertEqual(try store.countTasks(.myGroups, scope: nobody, now: now), 0)
    }

    func testCountWithoutTenantsReadsNoInstanceRows() throws {
        XCTAssertFalse(try store.instancesHaveTenants())
        XCTAssertEqual(try store.countTasks(.all, scope: scope, now: now), 40)
    }

    func testTenantInstanceLeftOutOfCount() throws {
        // open1, visible to user7 until its instance belongs to a tenant.
        try store.connection.execute("UPDATE instances SET tenant_id = 'acme' WHERE id = 'inst201'", operation: "test")

        XCTAssertTrue(try store.instancesHaveTenants())
        XCTAssertEqual(try store.countTasks(.all, scope: scope, now: now), 39)
        XCTAssertEqual(
            try store.findTasks(.all, scope: scope, query: .all, now: now, sort: .created, limit: nil, offset: 0).count, 39)
    }

    func testInstancesByIdsReadsEachRowOnce() throws {
        let ids = (1...600).map { "inst\($0 % 230 + 1)" } + ["missing"]

        let records = try store.instances(ids: ids)

        XCTAssertEqual(records.count, 230)
        XCTAssertEqual(Set(records.map(\.id)).count, 230)
    }

    func testOwnChangeCountMovesWithOwnWrites() throws {
        let before = try store.ownChangeCount()

        try store.connection.execute("UPDATE items SET assignee = 'user7' WHERE id = 'item001'", operation: "test")

        XCTAssertEqual(try store.ownChangeCount(), before + 1)
    }
}
