import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class RecordRoundTripTests: StoreTestCase {
    private func fullState() throws -> InstanceState {
        let data = try json(
            #"{"größe": "大", "nested": {"list": [1, 2.5, "drei", null, true, {"deep": ["x"]}]}, "emoji": "🚚", "quote": "say \"hi\"\n"}"#)
        let instance = InstanceRecord(
            id: "inst-1", name: "Bestellung ✓", modelVersion: 3, status: .end, data: data,
            startedAt: utc(2024, 5, 1, 12, 0, 0, milliseconds: 123), endedAt: utc(2024, 5, 2, 23, 59, 59, milliseconds: 999),
            parentItemId: "caller-item", tenantId: "tenant-7", nextSeq: 12, revision: 4)

        var task = ItemRecord(
            id: "item-1", instanceId: "inst-1", seq: 7, elementId: "task_Prüfen", name: "Prüfen 🔍",
            type: "bpmn:UserTask", status: .wait, tokenId: 2, itemKey: "HR.2", userName: "jürgen",
            startedAt: utc(2024, 5, 1, 12, 0, 1, milliseconds: 1), endedAt: nil)
        task.assignee = "alice"
        task.candidateUsers = ["bob", "çelik"]
        task.candidateGroups = ["hr", "sales", "hr"]
        task.dueDate = utc(2024, 6, 30, 17, milliseconds: 500)
        task.followUpDate = utc(2024, 6, 1)
        task.priority = "7"
        task.messageId = "Payment received"
        task.signalId = "Stop"
        task.timeDue = utc(2024, 5, 3, 4, 5, 6, milliseconds: 789)
        task.vars = try json(#"{"counter": 3, "note": "ünïcode"}"#)
        task.output = try json(#"[{"ok": true}]"#)
        task.statusDetails = try json(#"{"error": "boom", "bpmnError": "E1"}"#)

        let flow = ItemRecord(
            id: "item-0", instanceId: "inst-1", seq: 6, elementId: "flow", name: nil, type: "bpmn:SequenceFlow",
            status: .end, tokenId: 2)

        let tokens = [
            TokenRecord(
                instanceId: "inst-1", id: 0, kind: .primary, status: .running, dataPath: "", parentTokenId: nil,
                originItemId: nil, startNodeId: "start", currentNodeId: "gateway", currentItemId: "item-0"),
            TokenRecord(
                instanceId: "inst-1", id: 2, kind: .eventSubProcess, status: .wait, dataPath: "sub.0",
                parentTokenId: 0, originItemId: "item-0", startNodeId: "sub_start", currentNodeId: "task_Prüfen",
                currentItemId: "item-1", itemKey: "HR.2"),
        ]
        return InstanceState(instance: instance, items: [flow, task], tokens: tokens)
    }

    func testInstanceRoundTripKeepsEveryField() throws {
        let store = try openStore()
        let state = try fullState()

        try store.saveInstance(state, changedItemIds: nil)

        XCTAssertEqual(try store.loadInstance(id: "inst-1"), state)
    }

    func testRoundTripSurvivesReopen() throws {
        let state = try fullState()
        try openStore().saveInstance(state, changedItemIds: nil)

        let reopened = try openStore()

        XCTAssertEqual(try reopened.loadInstance(id: "inst-1"), state)
    }

    func testLoadOfUnknownInstanceIsNil() throws {
        XCTAssertNil(try openStore().loadInstance(id: "nope"))
    }

    func testFindReturnsFullRecords() throws {
        let store = try openStore()
        let state = try fullState()
        try store.saveInstance(state, changedItemIds: nil)

        XCTAssertEqual(try store.findInstances(.all, options: FindOptions()), [state.instance])
        XCTAssertEqual(try store.findItems(.all, options: FindOptions()), state.items)
    }

    func testSaveWritesOnlyChangedItems() throws {
        let store = try openStore()
        var state = try fullState()
        try store.saveInstance(state, changedItemIds: nil)

        state.items[0].status = .start
        state.items[1].status = .end
        state.items[1].endedAt = utc(2024, 5, 4)
        state.instance.revision = 5
        try store.saveInstance(state, changedItemIds: ["item-1"])

        let loaded = try XCTUnwrap(store.loadInstance(id: "inst-1"))
        XCTAssertEqual(loaded.items[0].status, .end)
        XCTAssertEqual(loaded.items[1], state.items[1])
        XCTAssertEqual(loaded.instance.revision, 5)
    }

    func testSaveReplacesTokens() throws {
        let store = try openStore()
        var state = try fullState()
        try store.saveInstance(state, changedItemIds: nil)

        state.tokens = [token(5, of: "inst-1", at: "end", status: .end)]
        try store.saveInstance(state, changedItemIds: [])

        XCTAssertEqual(try store.loadInstance(id: "inst-1")?.tokens, state.tokens)
    }

    func testCandidateIndexFollowsItemChanges() throws {
        let store = try openStore()
        var state = try fullState()
        try store.saveInstance(state, changedItemIds: nil)
        let bobQuery = try Query.parse(json(#"{"items.candidateUsers": "bob"}"#))
        XCTAssertEqual(try store.findItems(bobQuery, options: FindOptions()).map(\.id), ["item-1"])

        state.items[1].candidateUsers = ["carol"]
        try store.saveInstance(state, changedItemIds: ["item-1"])

        XCTAssertEqual(try store.findItems(bobQuery, options: FindOptions()).map(\.id), [])
        let carolQuery = try Query.parse(json(#"{"items.candidateUsers": "carol"}"#))
        XCTAssertEqual(try store.findItems(carolQuery, options: FindOptions()).map(\.id), ["item-1"])
    }

    func testSaveRejectsUnknownChangedItem() throws {
        let store = try openStore()
        XCTAssertThrowsError(try store.saveInstance(try fullState(), changedItemIds: ["ghost"])) { error in
            guard case let .invalidInstanceState(instanceId, reason)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(instanceId, "inst-1")
            XCTAssertTrue(reason.contains("ghost"))
        }
        XCTAssertNil(try store.loadInstance(id: "inst-1"))
    }

    func testSaveRejectsItemOfAnotherInstance() throws {
        let store = try openStore()
        var state = try fullState()
        state.items[0].instanceId = "other"

        XCTAssertThrowsError(try store.saveInstance(state, changedItemIds: nil)) { error in
            guard case .invalidInstanceState? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }

    // MARK: Models

    func testModelRoundTrip() throws {
        let store = try openStore()
        let events = [
            StartEventRecord(elementId: "start", name: "Start", processId: "Process_1", subType: "none"),
            StartEventRecord(
                elementId: "msgStart", name: nil, processId: "Process_1", subType: "message", messageName: "Order ✓"),
            StartEventRecord(
                elementId: "sigStart", name: "Signal", processId: "Process_2", subType: "signal", signalName: "Go"),
        ]

        let saved = try store.saveModel(
            name: "Bestellung", source: "<definitions>ü</definitions>", processes: ["Process_1", "Process_2"],
            startEvents: events, savedAt: utc(2024, 5, 1, 9, 30, milliseconds: 250))

        XCTAssertEqual(saved.version, 1)
        XCTAssertEqual(saved.startEvents, events)
        XCTAssertEqual(try store.model(name: "Bestellung", version: nil), saved)
        XCTAssertEqual(try store.model(name: "Bestellung", version: 1), saved)
    }

    func testModelVersionsIncrementPerName() throws {
        let store = try openStore()
        let first = try store.saveModel(name: "A", source: "v1", processes: [], startEvents: [], savedAt: utc(2024, 1, 1))
        let second = try store.saveModel(name: "A", source: "v2", processes: [], startEvents: [], savedAt: utc(2024, 1, 2))
        let other = try store.saveModel(name: "B", source: "b1", processes: [], startEvents: [], savedAt: utc(2024, 1, 3))

        XCTAssertEqual(first.version, 1)
        XCTAssertEqual(second.version, 2)
        XCTAssertEqual(other.version, 1)
        XCTAssertEqual(try store.model(name: "A", version: nil)?.source, "v2")
        XCTAssertEqual(try store.model(name: "A", version: 1)?.source, "v1")
        XCTAssertNil(try store.model(name: "A", version: 3))
        XCTAssertNil(try store.model(name: "C", version: nil))
    }

    func testSavedAtIsRoundedToMilliseconds() throws {
        let store = try openStore()
        let precise = Date(timeIntervalSince1970: 1_714_550_400.123_456)

        let saved = try store.saveModel(name: "A", source: "x", processes: [], startEvents: [], savedAt: precise)

        XCTAssertEqual(StoredDate.text(from: saved.savedAt), "2024-05-01T08:00:00.123Z")
        XCTAssertEqual(try store.model(name: "A", version: nil)?.savedAt, saved.savedAt)
    }

    func testListModelsShowsNewestVersionWithCounts() throws {
        let store = try openStore()
        _ = try store.saveModel(name: "Leave", source: "1", processes: ["P"], startEvents: [], savedAt: utc(2024, 1, 1))
        let leave = try store.saveModel(name: "Leave", source: "2", processes: ["P", "Q"], startEvents: [], savedAt: utc(2024, 1, 2))
        let order = try store.saveModel(name: "Order", source: "1", processes: [], startEvents: [], savedAt: utc(2024, 1, 3))
        let idle = try store.saveModel(name: "Idle", source: "1", processes: [], startEvents: [], savedAt: utc(2024, 1, 4))
        for (id, name, version, status) in [
            ("l1", "Leave", 1, InstanceStatus.running), ("l2", "Leave", 2, .end), ("l3", "Leave", 2, .running),
            ("o1", "Order", 1, .end),
        ] {
            let instance = InstanceRecord(
                id: id, name: name, modelVersion: version, status: status, data: .emptyObject, startedAt: utc(2024, 2, 1))
            try store.saveInstance(InstanceState(instance: instance, items: [], tokens: []), changedItemIds: nil)
        }

        let summaries = try store.listModels()

        XCTAssertEqual(summaries, [
            ModelSummary(name: "Idle", version: 1, savedAt: idle.savedAt, processes: [], runningInstances: 0, totalInstances: 0),
            ModelSummary(name: "Leave", version: 2, savedAt: leave.savedAt, processes: ["P", "Q"], runningInstances: 2, totalInstances: 3),
            ModelSummary(name: "Order", version: 1, savedAt: order.savedAt, processes: [], runningInstances: 0, totalInstances: 1),
        ])
    }

    // MARK: History and settings

    func testHistoryRoundTripInAppendOrder() throws {
        let store = try openStore()
        let instance = InstanceRecord(
            id: "h1", name: "M", modelVersion: 1, status: .running, data: .emptyObject, startedAt: utc(2024, 1, 1))
        try store.saveInstance(InstanceState(instance: instance, items: [], tokens: []), changedItemIds: nil)
        let records = [
            HistoryRecord(instanceId: "h1", at: utc(2024, 1, 1, 0, 0, 0, milliseconds: 5), user: "ålice", action: "start",
                          data: try json(#"{"amount": 5, "names": ["ü", null]}"#)),
            HistoryRecord(instanceId: "h1", at: utc(2024, 1, 1), user: nil, action: "invoke", itemId: "it",
                          elementId: "task", message: "done ✓"),
        ]

        try store.appendHistory(records)
        try store.appendHistory([HistoryRecord(instanceId: "h1", at: utc(2023, 1, 1), user: "bob", action: "assign")])

        let loaded = try store.history(instanceId: "h1")
        XCTAssertEqual(loaded.map(\.action), ["start", "invoke", "assign"])
        let ids = loaded.compactMap(\.id)
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(ids, ids.sorted())
        var expected = records[0]
        expected.id = loaded[0].id
        XCTAssertEqual(loaded[0], expected)
        expected = records[1]
        expected.id = loaded[1].id
        XCTAssertEqual(loaded[1], expected)
        XCTAssertEqual(try store.history(instanceId: "other"), [])
    }

    func testHistoryOfUnknownInstanceFailsAtCommit() throws {
        let store = try openStore()
        let orphan = HistoryRecord(instanceId: "nobody", at: utc(2024, 1, 1), user: nil, action: "start")

        XCTAssertThrowsError(try store.appendHistory([orphan])) { error in
            guard case .statementFailed? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
        }
        XCTAssertEqual(try store.history(instanceId: "nobody"), [])
    }

    func testSettingsSetOverwriteAndRemove() throws {
        let store = try openStore()
        XCTAssertNil(try store.setting("demo"))

        try store.setSetting("demo", value: "true")
        XCTAssertEqual(try store.setting("demo"), "true")

        try store.setSetting("demo", value: "false ✓")
        XCTAssertEqual(try store.setting("demo"), "false ✓")

        try store.setSetting("demo", value: nil)
        XCTAssertNil(try store.setting("demo"))
    }
}
