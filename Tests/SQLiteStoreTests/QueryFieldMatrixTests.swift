import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// One table of queries over every documented field and operator, with the rows each must
/// return (see `QueryTestCase` for the data).
final class QueryFieldMatrixTests: QueryTestCase {
    private let itemCases: [(query: String, expected: [String])] = [
        (#"{"items.id": {"$in": ["a1", "c2"]}}"#, ["a1", "c2"]),
        (#"{"items.elementId": {"$ne": "task_Buy"}}"#, ["a2", "a3", "b2", "c2"]),
        (#"{"items.name": {"$regex": "^task_B"}}"#, ["a1", "b1", "c1"]),
        (#"{"items.type": {"$nin": ["bpmn:UserTask"]}}"#, ["a3", "c2"]),
        (#"{"items.status": {"$in": ["end"]}, "items.endedAt": {"$gte": "2024-05-02"}}"#, ["b1", "c2"]),
        (#"{"items.itemKey": {"$exists": true}}"#, ["c1"]),
        (#"{"items.assignee": {"$not": {"$eq": "alice"}}}"#, ["a2", "a3", "b1", "b2", "c1", "c2"]),
        (#"{"items.candidateUsers": {"$in": ["alice", "bob"]}}"#, ["a1", "c1"]),
        (#"{"items.candidateGroups": "hr"}"#, ["a1", "b2"]),
        (#"{"items.dueDate": {"$lt": "2024-05-11"}}"#, ["a1"]),
        (#"{"items.followUpDate": {"$exists": true}}"#, []),
        (#"{"items.priority": {"$gte": 5}}"#, ["a1"]),
        (#"{"items.priority": {"$eq": "high"}}"#, ["b2"]),
        (#"{"items.startedAt": {"$gt": "2024-05-01T08:30:00Z", "$lte": "2024-05-02T02:00:00Z"}}"#, ["a2", "b1", "b2"]),
        (#"{"items.endedAt": {"$exists": false}}"#, ["a1", "a3", "b2", "c1"]),
        (#"{"$or": [{"items.status": "wait", "items.assignee": "bob"}, {"items.elementId": "start"}]}"#, ["b2", "c2"]),
        (#"{"$and": [{"items.status": "wait"}, {"name": "Order"}]}"#, ["c1"]),
        (#"{"items.elementId": "task_Buy", "status": {"$ne": "running"}}"#, ["b1"]),
    ]

    private let instanceCases: [(query: String, expected: [String])] = [
        (#"{"name": {"$eq": "Leave"}, "status": "end"}"#, ["i2"]),
        (#"{"startedAt": {"$gte": "2024-05-02T00:00:00+00:00"}}"#, ["i2", "i3"]),
        (#"{"endedAt": {"$lt": "2024-06-01"}}"#, ["i2"]),
        (#"{"data.tags": {"$elemMatch": {"$eq": "vip"}}}"#, ["i1"]),
        (#"{"data.scores": {"$elemMatch": {"$gt": 2, "$lt": 5}}}"#, ["i1"]),
        (#"{"$nor": [{"data.approved": true}, {"data.caseId": 1003}]}"#, ["i2"]),
        (#"{"id": {"$in": ["i1", "i3"]}, "items.status": "wait", "items.assignee": {"$exists": false}}"#, ["i3"]),
        (#"{"data.customer.city": {"$regex": "^z", "$options": "i"}}"#, ["i1"]),
        (#"{"items.candidateGroups": {"$in": ["sales"]}, "items.status": "end"}"#, []),
    ]

    func testEveryItemFieldAndOperator() throws {
        for (query, expected) in itemCases {
            XCTAssertEqual(try itemIds(query), expected, query)
        }
    }

    func testEveryInstanceFieldAndOperator() throws {
        for (query, expected) in instanceCases {
            XCTAssertEqual(try instanceIds(query), expected, query)
        }
    }
}
