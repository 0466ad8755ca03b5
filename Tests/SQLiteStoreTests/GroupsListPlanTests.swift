import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// The two plans of the "my groups" list: through the candidate index when the user's groups
/// have fewer candidate rows than there are waiting tasks, through the waiting tasks otherwise.
/// Both must list the same tasks.
final class GroupsListPlanTests: StoreTestCase {
    private var store: SQLiteStore!
    private let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// user7 in two of the twenty groups, so 20 of the 200 waiting tasks offer it a group.
    /// (`seedWaitingTasks` adds one more that names user7 itself.)
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

    /// Seeds 200 waiting user tasks: task i offers `group<i % 20>`, every fifth is assigned to
    /// `user<i % 3>`, and task 7 also names user7 as candidate user.
    private func seedWaitingTasks() throws {
        let statements = [
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO instances (id, name, model_version, status, data, started_at)
            SELECT 'inst' || i, 'Plan', 1, 'running', '{}', printf('2025-12-01T00:00:%02d.000Z', i % 60) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO items (id, instance_id, seq, element_id, name, type, status, token_id, started_at,
                assignee, candidate_groups)
            SELECT printf('item%03d', i), 'inst' || i, 0, 'Task', 'Task', 'bpmn:UserTask', 'wait', 0,
                printf('2025-12-01T00:00:%02d.000Z', i % 60),
                CASE WHEN i % 5 = 0 THEN 'user' || (i % 3) END, json_array('group' || (i % 20)) FROM n
            """,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO item_candidates (item_id, kind, name) SELECT printf('item%03d', i), 'group', 'group' || (i % 20) FROM n
            """,
            "UPDATE items SET candidate_users = '[\"user7\"]' WHERE id = 'item007'",
            "INSERT INTO item_candidates (item_id, kind, name) VALUES ('item007', 'user', 'user7')",
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

    /// Returns the ids of the "my groups" list read with one plan, sorted by id.
    private func listIds(drivesFromCandidates: Bool) throws -> [String] {
        var sql = TaskViewSQL(scope: scope, now: now)
        sql.drivesFromCandidates = drivesFromCandidates
        return try store.connection.query(
            """
            SELECT items.id FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(sql.condition(.myGroups)) ORDER BY items.id
            """,
            operation: "test"
        ) { $0.text(0) ?? "" }
    }

    private func plan(drivesFromCandidates: Bool) throws -> String {
        var sql = TaskViewSQL(scope: scope, now: now)
        sql.drivesFromCandidates = drivesFromCandidates
        return try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT COUNT(*) FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(sql.condition(.myGroups))
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")
    }

    func testBothPlansListTheSameTasks() throws {
        let byCandidates = try listIds(drivesFromCandidates: true)
        let byWaitingTasks = try listIds(drivesFromCandidates: false)

        // group1 and group2 are offered by the 20 tasks with i % 20 in 1...2, none of them
        // assigned (i % 5 is never 0 there), and item007 names user7 as candidate user.
        XCTAssertEqual(byCandidates.count, 21)
        XCTAssertTrue(byCandidates.contains("item007"))
        XCTAssertEqual(byCandidates, byWaitingTasks)
    }

    func testFewCandidateRowsChooseCandidateIndex() throws {
        XCTAssertTrue(try store.candidateRowsAreFewer(scope))
        XCTAssertTrue(try plan(drivesFromCandidates: true).contains("item_candidates_by_name"))
    }

    func testManyEndedCandidateRowsChooseWaitingTasks() throws {
        try seedEndedTasks()

        XCTAssertFalse(try store.candidateRowsAreFewer(scope))
    }

    func testChosenPlanCountsAndListsAlike() throws {
        for seedsEndedTasks in [false, true] {
            if seedsEndedTasks { try seedEndedTasks() }

            let count = try store.countTasks(.myGroups, scope: scope, now: now)
            let tasks = try store.findTasks(
                .myGroups, scope: scope, query: .all, now: now, sort: .created, limit: nil, offset: 0)

            XCTAssertEqual(count, 21, "with ended tasks: \(seedsEndedTasks)")
            XCTAssertEqual(tasks.map(\.item.id).sorted(), try listIds(drivesFromCandidates: false))
        }
    }

    func testScopeWithoutUserOrGroupsListsNothing() throws {
        let nobody = AccessScope(userName: nil)

        XCTAssertFalse(try store.candidateRowsAreFewer(nobody))
        XCTAssertEqual(try store.countTasks(.myGroups, scope: nobody, now: now), 0)
    }
}
