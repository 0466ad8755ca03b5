import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Base class for query tests: a store holding three instances.
///
/// - `i1` "Leave" v1, running, started 2024-05-01T08:00Z, tenant "t1". Items: `a1` task_Buy
///   waiting (assignee alice, users [bob], groups [sales, hr], due 2024-05-10T12:00Z,
///   priority 5), `a2` task_Ship ended, `a3` a sequence flow.
/// - `i2` "Leave" v1, ended, started 2024-05-02, parent item `a1`. Items: `b1` task_Buy
///   ended, `b2` task_Approve waiting (assignee bob, groups [hr], priority "high",
///   message "Paid", timer due 2024-05-05).
/// - `i3` "Order" v2, running, started 2024-06-01. Items: `c1` task_Buy waiting
///   (users [alice], item key "HR"), `c2` the start event, ended.
class QueryTestCase: StoreTestCase {
    var store: SQLiteStore!

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try openStore()
        try store.saveInstance(try firstInstance(), changedItemIds: nil)
        try store.saveInstance(try secondInstance(), changedItemIds: nil)
        try store.saveInstance(try thirdInstance(), changedItemIds: nil)
    }

    override func tearDownWithError() throws {
        store = nil
        try super.tearDownWithError()
    }

    /// Returns the ids of the instances matching the JSON query, sorted.
    func instanceIds(_ query: String) throws -> [String] {
        try store.findInstances(try Query.parse(json(query)), options: FindOptions()).map(\.id).sorted()
    }

    /// Returns the ids of the items matching the JSON query, sorted.
    func itemIds(_ query: String) throws -> [String] {
        try store.findItems(try Query.parse(json(query)), options: FindOptions()).map(\.id).sorted()
    }

    /// Returns the error a query raises in `findInstances`, or nil when it runs.
    func instanceQueryError(_ query: String) throws -> SQLiteStoreError? {
        let parsed = try Query.parse(json(query))
        do {
            _ = try store.findInstances(parsed, options: FindOptions())
            return nil
        } catch let error as SQLiteStoreError {
            return error
        }
    }

    private func firstInstance() throws -> InstanceState {
        let data = try json(
            """
            {"caseId": 1001, "customer": {"city": "Zürich", "name": "Ann"}, "tags": ["urgent", "vip"],
             "amount": 250.5, "approved": true, "note": null, "scores": [3, 10], "code": "5",
             "lines": [{"sku": "A1", "qty": 2}, {"sku": "B2", "qty": 5}],
             "memo": "first line\\nsecond line", "dotted": "a\\nb"}
            """)
        let instance = InstanceRecord(
            id: "i1", name: "Leave", modelVersion: 1, status: .running, data: data,
            startedAt: utc(2024, 5, 1, 8), tenantId: "t1", nextSeq: 3, revision: 1)
        let items = [
            item("a1", of: "i1", seq: 0, elementId: "task_Buy", status: .wait) {
                $0.assignee = "alice"
                $0.candidateUsers = ["bob"]
                $0.candidateGroups = ["sales", "hr"]
                $0.dueDate = self.utc(2024, 5, 10, 12)
                $0.priority = 5
                $0.userName = "carol"
                $0.startedAt = self.utc(2024, 5, 1, 8)
            },
            item("a2", of: "i1", seq: 1, elementId: "task_Ship", status: .end) {
                $0.startedAt = self.utc(2024, 5, 1, 9)
                $0.endedAt = self.utc(2024, 5, 1, 10)
                $0.tokenId = 1
            },
            item("a3", of: "i1", seq: 2, elementId: "flow_1", status: .end, type: "bpmn:SequenceFlow"),
        ]
        return InstanceState(instance: instance, items: items, tokens: [token(0, of: "i1", at: "task_Buy")])
    }

    private func secondInstance() throws -> InstanceState {
        let data = try json(
            """
            {"caseId": 1002, "customer": {"city": "Bern"}, "tags": ["normal"], "amount": 99,
             "approved": false, "code": 5, "scores": [1, 2]}
            """)
        let instance = InstanceRecord(
            id: "i2", name: "Leave", modelVersion: 1, status: .end, data: data,
            startedAt: utc(2024, 5, 2), endedAt: utc(2024, 5, 3), parentItemId: "a1", nextSeq: 2)
        let items = [
            item("b1", of: "i2", seq: 0, elementId: "task_Buy", status: .end) {
                $0.startedAt = self.utc(2024, 5, 2)
                $0.endedAt = self.utc(2024, 5, 2, 1)
            },
            item("b2", of: "i2", seq: 1, elementId: "task_Approve", status: .wait) {
                $0.assignee = "bob"
                $0.candidateGroups = ["hr"]
                $0.priority = "high"
                $0.messageId = "Paid"
                $0.timeDue = self.utc(2024, 5, 5)
                $0.startedAt = self.utc(2024, 5, 2, 2)
            },
        ]
        return InstanceState(instance: instance, items: items, tokens: [])
    }

    private func thirdInstance() throws -> InstanceState {
        let data = try json(
            """
            {"caseId": 1003, "Name": "O'Brien; DROP TABLE items;--", "tags": [],
             "nested": {"a": {"b": [{"c": 1}]}}, "list": [[1, 2], [3]], "obj": {"x": 1, "y": [1, 2]},
             "0": "zero-key", "emoji": "📦 Kiste"}
            """)
        let instance = InstanceRecord(
            id: "i3", name: "Order", modelVersion: 2, status: .running, data: data,
            startedAt: utc(2024, 6, 1), nextSeq: 2)
        let items = [
            item("c1", of: "i3", seq: 1, elementId: "task_Buy", status: .wait) {
                $0.candidateUsers = ["alice"]
                $0.itemKey = "HR"
                $0.startedAt = self.utc(2024, 6, 1, 0, 0, 1)
            },
            item("c2", of: "i3", seq: 0, elementId: "start", status: .end, type: "bpmn:StartEvent") {
                $0.signalId = "Go"
                $0.startedAt = self.utc(2024, 6, 1)
                $0.endedAt = self.utc(2024, 6, 1)
            },
        ]
        return InstanceState(instance: instance, items: items, tokens: [token(0, of: "i3", at: "task_Buy")])
    }
}
