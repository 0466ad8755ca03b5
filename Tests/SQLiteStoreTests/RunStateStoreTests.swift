import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// The store calls of one engine call: the live part of an instance, ended items on demand,
/// the save that writes only changed items and tokens, and the migration behind them.
final class RunStateStoreTests: StoreTestCase {
    private var store: SQLiteStore!
    private let instanceId = "inst-1"

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try openStore()
    }

    /// Saves an instance with `ended` ended items (sequence flows and script tasks in turn) and
    /// one waiting task after them. Token 0 waits at the task and names the first ended item
    /// as its origin. Token 1 has ended.
    private func seedLongHistory(ended: Int) throws -> InstanceState {
        var items: [ItemRecord] = []
        for index in 0..<ended {
            let type = index.isMultiple(of: 2) ? "bpmn:SequenceFlow" : "bpmn:ScriptTask"
            items.append(item("ended-\(index)", of: instanceId, seq: index, elementId: "e\(index % 4)", status: .end, type: type))
        }
        items.append(item("waiting", of: instanceId, seq: ended, elementId: "Task", status: .wait))
        var waitingToken = token(0, of: instanceId, at: "Task")
        waitingToken.currentItemId = "waiting"
        waitingToken.originItemId = "ended-0"
        var endedToken = token(1, of: instanceId, at: "e1", status: .end)
        endedToken.currentItemId = "ended-1"
        var instance = InstanceRecord(
            id: instanceId, name: "M", modelVersion: 1, status: .running, data: ["n": 1], startedAt: utc(2026, 1, 1))
        instance.nextSeq = ended + 1
        let state = InstanceState(instance: instance, items: items, tokens: [waitingToken, endedToken])
        try store.writeTransaction { try store.saveInstance(state, changedItemIds: nil) }
        return state
    }

    // MARK: Reading the live part

    func testRunStateHoldsLiveAndNamedItems() throws {
        _ = try seedLongHistory(ended: 200)

        let state = try XCTUnwrap(try store.loadRunState(id: instanceId))

        XCTAssertEqual(state.items.map(\.id), ["ended-0", "waiting"], "the waiting item and the origin its live token names")
        XCTAssertEqual(state.tokens.map(\.id), [0, 1])
        XCTAssertEqual(state.instance.nextSeq, 201)
    }

    func testRunStateHoldsLiveTokensAndNewest() throws {
        var state = try seedLongHistory(ended: 4)
        // 2 ended, 3 (parent 2) ended, 4 (parent 3) waits, 5 ended, 6 ended and newest.
        for (id, parent, status) in [(2, nil, TokenStatus.end), (3, 2, .end), (4, 3, .wait), (5, nil, .end), (6, nil, .end)] {
            var added = token(id, of: instanceId, at: "n\(id)", status: status)
            added.parentTokenId = parent
            state.tokens.append(added)
        }
        try store.writeTransaction { try store.saveInstance(state, changedItemIds: []) }

        let loaded = try XCTUnwrap(try store.loadRunState(id: instanceId))

        XCTAssertEqual(loaded.tokens.map(\.id), [0, 4, 6], "the live tokens and the newest, not the ended links 1, 2, 3 or 5")
        XCTAssertEqual(try store.tokens(ids: [5, 1, 99], instanceId: instanceId).map(\.id), [1, 5])
        XCTAssertEqual(try store.tokens(instanceId: instanceId, below: 6, excluding: [0, 2]).map(\.id), [1, 3, 4, 5])
    }

    func testLiveTokenQueryUsesPartialIndex() throws {
        let plan = try store.connection.query(
            "EXPLAIN QUERY PLAN \(SQLiteStore.liveTokensQuery(instanceId: instanceId))", operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")

        XCTAssertTrue(plan.contains("USING INDEX tokens_live_by_instance"), plan)
        XCTAssertTrue(plan.contains("USING PRIMARY KEY (instance_id=? AND id=?)"), plan)
        XCTAssertFalse(plan.contains("SCAN tokens"), plan)
    }

    func testRunStateOfMissingInstanceIsNil() throws {
        XCTAssertNil(try store.loadRunState(id: "no-such-instance"))
    }

    func testItemsByElementReadOneInstance() throws {
        _ = try seedLongHistory(ended: 20)
        let other = InstanceRecord(id: "inst-2", name: "M", modelVersion: 1, status: .running, data: [:], startedAt: utc(2026, 1, 1))
        let otherItem = item("other-e1", of: "inst-2", seq: 0, elementId: "e1", status: .end)
        try store.writeTransaction {
            try store.saveInstance(InstanceState(instance: other, items: [otherItem], tokens: []), changedItemIds: nil)
        }

        let found = try store.items(elementIds: ["e1"], instanceId: instanceId)

        XCTAssertEqual(found.map(\.id), ["ended-1", "ended-5", "ended-9", "ended-13", "ended-17"])
    }

    func testLastItemFindsLatestFlowBeforeSeq() throws {
        _ = try seedLongHistory(ended: 20)

        let flow = try store.lastEndedItem(ofType: "bpmn:SequenceFlow", tokenId: 0, before: 15, instanceId: instanceId)

        XCTAssertEqual(flow?.id, "ended-14")
    }

    func testItemsBeforeSeqLeaveOutExcludedAndLater() throws {
        _ = try seedLongHistory(ended: 10)

        let found = try store.items(instanceId: instanceId, before: 5, excluding: ["ended-2"])

        XCTAssertEqual(found.map(\.id), ["ended-0", "ended-1", "ended-3", "ended-4"])
    }

    func testLiveItemQueryUsesStatusIndex() throws {
        let plan = try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT \(raw: SQLiteStore.itemColumns) FROM items
            WHERE items.instance_id = \(bind: instanceId) AND items.status IN (\(raw: SQLiteStore.liveItemStatuses))
            ORDER BY items.seq
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")

        XCTAssertTrue(plan.contains("items_by_instance_status (instance_id=? AND status=?)"), plan)
    }

    func testWaitingItemFindUsesStatusIndex() throws {
        let query = Query.and([
            .field(.instance(.id), .eq(.string(instanceId))), .field(.item(.elementId), .eq("Task")),
            .field(.item(.status), .eq("wait")),
        ])
        let translator = QueryTranslator(scope: .items)
        let condition = try translator.condition(for: query)
        let order = SQLFragment.joined(try translator.orderTerms(for: []), separator: ", ")

        let plan = try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT items.id FROM items JOIN instances ON instances.id = items.instance_id
            WHERE \(condition) ORDER BY \(order) LIMIT 50
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")

        XCTAssertTrue(plan.contains("items_by_instance_status (instance_id=? AND status=?)"), plan)
    }

    func testLastFlowQueryReadsNoHistory() throws {
        let plan = try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT items.id FROM items
            WHERE items.instance_id = \(bind: instanceId) AND items.status = 'end' AND items.seq < 10
              AND items.token_id = 0 AND items.type = 'bpmn:SequenceFlow'
            ORDER BY items.seq DESC LIMIT 1
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")

        XCTAssertTrue(plan.contains("items_by_instance_status (instance_id=? AND status=? AND seq<?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testElementQueryStaysInOneInstance() throws {
        let plan = try store.connection.query(
            """
            EXPLAIN QUERY PLAN SELECT items.id FROM items INDEXED BY items_by_instance_status
            WHERE items.element_id IN ('a', 'b') AND items.instance_id = \(bind: instanceId)
            """,
            operation: "test"
        ) { $0.text(3) ?? "" }.joined(separator: "\n")

        XCTAssertTrue(plan.contains("items_by_instance_status (instance_id=?)"), plan)
    }

    // MARK: Saving a change set

    func testChangeSetWritesOnlyListedTokens() throws {
        var state = try seedLongHistory(ended: 4)
        state.tokens[0].currentNodeId = "Moved"
        state.tokens[1].currentNodeId = "NotListed"

        try store.writeTransaction {
            try store.saveInstance(state, changedItemIds: [], changedTokenIds: [0])
        }

        let stored = try XCTUnwrap(try store.loadInstance(id: instanceId))
        XCTAssertEqual(stored.tokens.map(\.currentNodeId), ["Moved", "e1"])
    }

    func testChangeSetInsertsNewTokenAndKeepsOthers() throws {
        var state = try seedLongHistory(ended: 4)
        state.tokens = [token(2, of: instanceId, at: "New")]

        try store.writeTransaction {
            try store.saveInstance(state, changedItemIds: [], changedTokenIds: [2])
        }

        let stored = try XCTUnwrap(try store.loadInstance(id: instanceId))
        XCTAssertEqual(stored.tokens.map(\.id), [0, 1, 2])
        XCTAssertEqual(stored.tokens.last, token(2, of: instanceId, at: "New"))
    }

    func testChangeSetRoundTripsItemsAndTokens() throws {
        var state = try XCTUnwrap(try { _ = try seedLongHistory(ended: 30); return try store.loadRunState(id: instanceId) }())
        let index = try XCTUnwrap(state.items.firstIndex { $0.id == "waiting" })
        state.items[index].status = .end
        state.items[index].endedAt = utc(2026, 1, 2)
        state.items[index].output = ["approved": true]
        state.items[index].candidateGroups = ["clerks"]
        let added = item("added", of: instanceId, seq: 31, elementId: "Next", status: .wait)
        state.items.append(added)
        state.tokens[0].currentItemId = "added"
        state.instance.nextSeq = 32
        state.instance.data = ["n": 2]

        try store.writeTransaction {
            try store.saveInstance(state, changedItemIds: ["waiting", "added"], changedTokenIds: [0])
        }

        let stored = try XCTUnwrap(try store.loadInstance(id: instanceId))
        XCTAssertEqual(stored.items.count, 32)
        XCTAssertEqual(stored.items.first { $0.id == "waiting" }, state.items[index])
        XCTAssertEqual(stored.items.last, added)
        XCTAssertEqual(stored.tokens[0], state.tokens[0])
        XCTAssertEqual(stored.instance, state.instance)
    }

    func testChangeSetKeepsFixedInstanceColumns() throws {
        var state = try seedLongHistory(ended: 2)
        state.instance.name = "Renamed"
        state.instance.status = .end

        try store.writeTransaction {
            try store.saveInstance(state, changedItemIds: [], changedTokenIds: [])
        }

        let stored = try XCTUnwrap(try store.loadInstance(id: instanceId))
        XCTAssertEqual(stored.instance.name, "M", "an engine call never renames; rename has its own call")
        XCTAssertEqual(stored.instance.status, .end)
    }

    func testChangeSetRejectsUnknownTokenId() throws {
        let state = try seedLongHistory(ended: 2)
        let before = try contents(of: store)

        XCTAssertThrowsError(
            try store.writeTransaction { try store.saveInstance(state, changedItemIds: [], changedTokenIds: [7]) }
        ) { error in
            XCTAssertTrue("\(error)".contains("changed token 7"), "\(error)")
        }
        XCTAssertEqual(try contents(of: store), before)
    }

    // MARK: Migration

    func testMigrationKeepsTokensAndDropsRowid() throws {
        let path = databasePath("old.db")
        let previous = Array(Schema.migrations.prefix(3))
        do {
            let old = try SQLiteStore(path: path, busyTimeout: 5, synchronous: .full, migrations: previous)
            store = old
            _ = try seedLongHistory(ended: 6)
        }
        let expected = try XCTUnwrap(try store.loadInstance(id: instanceId))
        store = nil

        let upgraded = try SQLiteStore(path: path)
        let tableSQL = try upgraded.connection.query(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'tokens'", operation: "test"
        ) { $0.text(0) ?? "" }.joined()
        let indexes = try upgraded.connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name", operation: "test"
        ) { $0.text(0) ?? "" }

        XCTAssertEqual(try upgraded.userVersion(), Schema.latestVersion)
        XCTAssertEqual(try upgraded.loadInstance(id: instanceId), expected)
        XCTAssertTrue(tableSQL.contains("WITHOUT ROWID"), tableSQL)
        XCTAssertTrue(indexes.contains("items_by_instance_status"), "\(indexes)")
        XCTAssertFalse(indexes.contains("items_by_instance_seq"), "\(indexes)")
        XCTAssertEqual(try upgraded.loadRunState(id: instanceId)?.items.map(\.id), ["ended-0", "waiting"])
    }

    func testMigratedTokensCascadeWithInstance() throws {
        _ = try seedLongHistory(ended: 2)

        XCTAssertEqual(try store.deleteInstances(ids: [instanceId]), 1)

        let left = try store.connection.queryInteger("SELECT COUNT(*) FROM tokens", operation: "test")
        XCTAssertEqual(left, 0)
    }

    func testSavePointTriggerStillCopiesTokens() throws {
        try store.setSetting("snapshots", value: "on")
        let state = try seedLongHistory(ended: 2)

        try store.writeTransaction {
            try store.appendHistory([HistoryRecord(instanceId: instanceId, at: utc(2026, 1, 1), user: nil, action: "start")])
        }

        let copied = try store.connection.queryInteger(
            "SELECT COUNT(*) FROM save_point_tokens WHERE instance_id = \(bind: instanceId)", operation: "test")
        XCTAssertEqual(copied, Int64(state.tokens.count))
    }
}
