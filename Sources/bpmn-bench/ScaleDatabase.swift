import Foundation
import SQLiteStore
import WorkflowEngine

/// Generates the inbox benchmark database: 100,000 instances with about 1,000,000 items, of
/// which 10,000 wait at a user task, with candidate groups out of 1,000 groups and some
/// assignees, starting from instances the engine itself ran.
///
/// The mix: ended approval instances, ended instances of a longer loop model (as many as it
/// takes to reach 10 items per instance on average), and waiting approval instances, half at
/// Approve and half at Review.
struct ScaleDatabase {
    let workspace: BenchWorkspace
    let scale: BenchScale

    /// Users are `user0` … `user<N-1>`; user k belongs to `groupsPerUser` consecutive groups
    /// from `group<k * groupsPerUser mod groups>` on.
    static func groups(ofUser index: Int, scale: BenchScale) -> [String] {
        (0..<scale.inboxGroupsPerUser).map { "group\((index * scale.inboxGroupsPerUser + $0) % scale.inboxGroups)" }
    }

    /// Users with assigned tasks: as many as groups, so each of them has about two.
    static func userCount(_ scale: BenchScale) -> Int { scale.inboxGroups }

    struct Summary {
        var instances: Int
        var items: Int
        var waitingTasks: Int
        var seconds: Double
    }

    /// Writes the database at `path` (which must not exist yet).
    func generate(at path: String) throws -> Summary {
        let started = Stopwatch.now()
        let engine = try workspace.openEngine(
            at: path, synchronous: .normal, options: EngineOptions(maximumStepsPerCall: 1_000_000))
        try engine.importModel(name: EngineThroughputBench.modelName, source: try workspace.benchModel("approval-js.bpmn"))
        try engine.importModel(name: "loop", source: OldInstanceBench.loopModel)
        let user = UserContext(name: "user0")

        let endedApproval = try engine.start(EngineThroughputBench.modelName, data: ["amount": 500], user: user)
        _ = try engine.invoke(["id": .string(endedApproval.id), "items.elementId": "Activity_Approve"], user: user)
        let endedLoop = try engine.start("loop", data: ["rounds": 3, "done": true], user: user)
        _ = try engine.invoke(["id": .string(endedLoop.id), "items.elementId": "Check"], user: user)
        let atApprove = try engine.start(EngineThroughputBench.modelName, data: ["amount": 500], user: user)
        let atReview = try engine.start(EngineThroughputBench.modelName, data: ["amount": 5000], user: user)

        let database = try RawDatabase(path: path)
        let itemCount = { (id: String) in try database.integer("SELECT count(*) FROM items WHERE instance_id = '\(id)'") }
        let plan = try mix(
            approvalItems: itemCount(endedApproval.id), loopItems: itemCount(endedLoop.id),
            waitingItems: itemCount(atApprove.id))

        let cloner = InstanceCloner(database: database)
        try database.execute("BEGIN IMMEDIATE")
        var next = 100
        let waitingFirst: Int
        let half = scale.inboxWaitingTasks / 2
        let users = Self.userCount(scale)
        try cloner.copy(instance: endedApproval.id, copies: next...(next + plan.endedApproval - 1), users: users)
        next += plan.endedApproval
        if plan.endedLoop > 0 {
            try cloner.copy(instance: endedLoop.id, copies: next...(next + plan.endedLoop - 1), users: users)
            next += plan.endedLoop
        }
        waitingFirst = next
        try cloner.copy(instance: atApprove.id, copies: next...(next + half - 1), users: users)
        try cloner.copy(instance: atReview.id, copies: (next + half)...(next + scale.inboxWaitingTasks - 1), users: users)
        try assignWaitingTasks(database, firstCopy: waitingFirst)
        try recordUsers(database)
        try database.execute("COMMIT")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE")

        return Summary(
            instances: try database.integer("SELECT count(*) FROM instances"),
            items: try database.integer("SELECT count(*) FROM items"),
            waitingTasks: try database.integer("SELECT count(*) FROM items WHERE status = 'wait' AND type = 'bpmn:UserTask'"),
            seconds: Stopwatch.milliseconds(since: started) / 1000)
    }

    /// Chooses how many copies of each ended template make `inboxInstances` instances with
    /// `inboxItemsPerInstance` items on average, given the waiting copies.
    private func mix(approvalItems: Int, loopItems: Int, waitingItems: Int) throws -> (endedApproval: Int, endedLoop: Int) {
        // The engine ran four template instances itself; they count toward the totals.
        let ended = scale.inboxInstances - scale.inboxWaitingTasks - 4
        let itemsLeft = scale.inboxInstances * scale.inboxItemsPerInstance - scale.inboxWaitingTasks * waitingItems
        guard ended > 0, loopItems > approvalItems else {
            throw BenchError.unexpected("inbox: cannot plan \(scale.inboxInstances) instances with \(scale.inboxWaitingTasks) waiting")
        }
        let loops = min(max((itemsLeft - ended * approvalItems) / (loopItems - approvalItems), 0), ended)
        return (ended - loops, loops)
    }

    /// Records the users with their groups, and the login user running the benchmark as an
    /// admin, so `bpmn-inbox --user user0` may act as user0.
    private func recordUsers(_ database: RawDatabase) throws {
        let users = Self.userCount(scale)
        let perUser = scale.inboxGroupsPerUser
        let login = String(cString: getpwuid(getuid()).pointee.pw_name)
        try database.execute(
            """
            WITH RECURSIVE user(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM user WHERE k < \(users - 1))
            INSERT INTO users (name) SELECT 'user' || k FROM user;
            WITH RECURSIVE user(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM user WHERE k < \(users - 1)),
                 membership(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM membership WHERE j < \(perUser - 1))
            INSERT OR IGNORE INTO user_groups (user_name, group_name)
              SELECT 'user' || k, 'group' || ((k * \(perUser) + j) % \(scale.inboxGroups)) FROM user, membership;
            INSERT OR REPLACE INTO users (name, is_admin) VALUES ('\(login.replacingOccurrences(of: "'", with: "''"))', 1);
            """)
    }

    /// Gives every copied waiting task two candidate groups, a priority, and for one task in
    /// five an assignee and for one in ten a due date in the past.
    private func assignWaitingTasks(_ database: RawDatabase, firstCopy: Int) throws {
        let groups = scale.inboxGroups
        let users = Self.userCount(scale)
        // The cloner writes the copy number into the instance data as `copy`.
        let number = "((SELECT json_extract(data, '$.copy') FROM instances WHERE instances.id = items.instance_id) - \(firstCopy))"
        try database.execute(
            """
            CREATE TEMP TABLE waiting AS
              SELECT id, \(number) AS k FROM items
              WHERE status = 'wait' AND type = 'bpmn:UserTask' AND length(id) > 36;
            UPDATE items SET
              candidate_groups = (SELECT json_array('group' || (k % \(groups)), 'group' || ((k * 7 + 3) % \(groups))) FROM waiting WHERE waiting.id = items.id),
              priority = (SELECT k % 5 FROM waiting WHERE waiting.id = items.id),
              assignee = (SELECT CASE WHEN k % 5 = 0 THEN 'user' || ((k / 5) % \(users)) END FROM waiting WHERE waiting.id = items.id),
              due_date = (SELECT CASE WHEN k % 10 = 1 THEN '2026-01-01T09:00:00.000Z' WHEN k % 10 = 2 THEN '2027-06-01T09:00:00.000Z' END FROM waiting WHERE waiting.id = items.id)
            WHERE id IN (SELECT id FROM waiting);
            INSERT OR IGNORE INTO item_candidates (item_id, kind, name)
              SELECT id, 'group', 'group' || (k % \(groups)) FROM waiting
              UNION ALL SELECT id, 'group', 'group' || ((k * 7 + 3) % \(groups)) FROM waiting;
            DROP TABLE waiting;
            """)
    }
}
