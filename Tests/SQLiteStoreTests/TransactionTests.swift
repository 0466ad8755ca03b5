import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class TransactionTests: StoreTestCase {
    private struct Abort: Error, Equatable {}

    private func instance(_ id: String, data: JSONValue = .emptyObject) -> InstanceState {
        let record = InstanceRecord(
            id: id, name: "M", modelVersion: 1, status: .running, data: data, startedAt: utc(2024, 1, 1))
        let task = item("\(id)-task", of: id, seq: 0, elementId: "task", status: .wait) { $0.candidateGroups = ["hr"] }
        return InstanceState(instance: record, items: [task], tokens: [token(0, of: id, at: "task")])
    }

    private func populatedStore() throws -> SQLiteStore {
        let store = try openStore()
        _ = try store.saveModel(name: "M", source: "<x/>", processes: ["P"], startEvents: [], savedAt: utc(2024, 1, 1))
        try store.saveInstance(instance("keep"), changedItemIds: nil)
        try store.appendHistory([HistoryRecord(instanceId: "keep", at: utc(2024, 1, 1), user: "u", action: "start")])
        try store.setSetting("demo", value: "true")
        return store
    }

    func testThrowRollsBackEveryWrite() throws {
        let store = try populatedStore()
        let before = try contents(of: store)

        XCTAssertThrowsError(
            try store.writeTransaction {
                var changed = instance("keep", data: ["changed": true])
                changed.items[0].status = .end
                changed.tokens = []
                try store.saveInstance(changed, changedItemIds: nil)
                try store.saveInstance(instance("new"), changedItemIds: nil)
                _ = try store.saveModel(name: "M", source: "<y/>", processes: [], startEvents: [], savedAt: utc(2024, 2, 1))
                try store.appendHistory([HistoryRecord(instanceId: "keep", at: utc(2024, 2, 1), user: nil, action: "invoke")])
                try store.setSetting("demo", value: nil)
                throw Abort()
            }
        ) { error in
            XCTAssertEqual(error as? Abort, Abort())
        }

        XCTAssertEqual(try contents(of: store), before)
        XCTAssertFalse(before.isEmpty)
    }

    func testRollbackIsVisibleToAnotherStore() throws {
        let store = try populatedStore()
        let other = try openStore()
        let before = try contents(of: other)

        _ = try? store.writeTransaction {
            try store.saveInstance(instance("ghost"), changedItemIds: nil)
            throw Abort()
        }

        XCTAssertEqual(try contents(of: other), before)
        XCTAssertNil(try other.loadInstance(id: "ghost"))
    }

    func testReturnValueOfCommittedTransaction() throws {
        let store = try openStore()
        let value = try store.writeTransaction { () -> Int in
            try store.setSetting("a", value: "1")
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertEqual(try openStore().setting("a"), "1")
    }

    func testFailedNestedTransactionUndoesOnlyItsWrites() throws {
        let store = try openStore()

        try store.writeTransaction {
            try store.setSetting("outer", value: "1")
            do {
                try store.writeTransaction {
                    try store.setSetting("inner", value: "1")
                    try store.setSetting("outer", value: "changed by inner")
                    throw Abort()
                }
            } catch is Abort {
                // The outer transaction goes on without the inner writes.
            }
            try store.setSetting("after", value: "1")
        }

        let reopened = try openStore()
        XCTAssertEqual(try reopened.setting("outer"), "1")
        XCTAssertNil(try reopened.setting("inner"))
        XCTAssertEqual(try reopened.setting("after"), "1")
    }

    func testNestedTransactionCommitsOnlyWithOuter() throws {
        let store = try openStore()

        XCTAssertThrowsError(
            try store.writeTransaction {
                try store.writeTransaction { try store.setSetting("inner", value: "1") }
                throw Abort()
            })

        XCTAssertNil(try openStore().setting("inner"))
    }

    func testReadInsideWriteSeesUncommittedWrites() throws {
        let store = try openStore()

        let seen = try store.writeTransaction { () -> String? in
            try store.setSetting("k", value: "v")
            return try store.readTransaction { try store.setting("k") }
        }

        XCTAssertEqual(seen, "v")
    }

    func testWriteInsideReadIsRejected() throws {
        let store = try openStore()

        XCTAssertThrowsError(try store.readTransaction { try store.writeTransaction { () } }) { error in
            XCTAssertEqual(error as? SQLiteStoreError, .writeInsideReadTransaction(path: databasePath()))
        }
        try store.writeTransaction { try store.setSetting("usable", value: "yes") }
        XCTAssertEqual(try store.setting("usable"), "yes")
    }

    func testStoreIsUsableAfterFailedTransaction() throws {
        let store = try openStore()
        _ = try? store.writeTransaction { throw Abort() }
        _ = try? store.readTransaction { throw Abort() }

        try store.writeTransaction { try store.setSetting("k", value: "v") }

        XCTAssertEqual(try store.setting("k"), "v")
    }
}
