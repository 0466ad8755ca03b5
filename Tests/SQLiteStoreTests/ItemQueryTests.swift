import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class ItemQueryTests: QueryTestCase {
    // MARK: findInstances: item conditions hold for one item

    func testItemConditionsHoldForSameItem() throws {
        XCTAssertEqual(try instanceIds(#"{"items.elementId": "task_Buy", "items.status": "wait"}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"items.elementId": "task_Approve", "items.status": "end"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"items.elementId": "task_Approve", "items.status": "wait"}"#), ["i2"])
    }

    func testExplicitAndGroupsItemConditions() throws {
        let query = #"{"$and": [{"items.elementId": "task_Buy"}, {"items.status": "wait"}]}"#
        XCTAssertEqual(try instanceIds(query), ["i1", "i3"])
    }

    func testOrBranchesGroupTheirOwnItemConditions() throws {
        let mixed = #"{"$or": [{"items.elementId": "task_Approve", "items.status": "wait"}, {"data.caseId": 1003}]}"#
        XCTAssertEqual(try instanceIds(mixed), ["i2", "i3"])
        let single = #"{"$or": [{"items.elementId": "task_Ship", "items.status": "wait"}, {"id": "none"}]}"#
        XCTAssertEqual(try instanceIds(single), [])
    }

    func testNorWithItemConditions() throws {
        XCTAssertEqual(try instanceIds(#"{"$nor": [{"items.assignee": "bob"}]}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"$nor": [{"items.status": "wait"}]}"#), [])
    }

    func testInstanceAndItemConditionsCombine() throws {
        XCTAssertEqual(try instanceIds(#"{"name": "Leave", "items.status": "wait", "items.assignee": "bob"}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"items.id": "b2"}"#), ["i2"])
    }

    // MARK: findItems: item conditions test the returned item

    func testFindItemsFiltersItems() throws {
        XCTAssertEqual(try itemIds(#"{"items.status": "wait"}"#), ["a1", "b2", "c1"])
        XCTAssertEqual(try itemIds(#"{"items.elementId": "task_Buy", "items.status": "wait"}"#), ["a1", "c1"])
        XCTAssertEqual(try itemIds(#"{"items.type": "bpmn:SequenceFlow"}"#), ["a3"])
    }

    func testFindItemsMatchesInstanceConditions() throws {
        XCTAssertEqual(try itemIds(#"{"items.status": "wait", "data.caseId": 1002}"#), ["b2"])
        XCTAssertEqual(try itemIds(#"{"name": "Order"}"#), ["c1", "c2"])
        XCTAssertEqual(try itemIds(#"{"items.instanceId": "i3"}"#), ["c1", "c2"])
    }

    func testFindItemsWithOr() throws {
        XCTAssertEqual(try itemIds(#"{"$or": [{"items.elementId": "task_Ship"}, {"items.assignee": "bob"}]}"#), ["a2", "b2"])
        XCTAssertEqual(try itemIds(#"{"$or": [{"items.elementId": "task_Ship"}, {"data.caseId": 1003}]}"#), ["a2", "c1", "c2"])
    }

    // MARK: Item fields

    func testAssigneeAndUserName() throws {
        XCTAssertEqual(try itemIds(#"{"items.assignee": "alice"}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.assignee": null}"#), ["a2", "a3", "b1", "c1", "c2"])
        XCTAssertEqual(try itemIds(#"{"items.assignee": {"$exists": true}}"#), ["a1", "b2"])
        XCTAssertEqual(try itemIds(#"{"items.userName": "carol"}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.userName": "dave"}"#), [])
    }

    func testCandidateUsersMembership() throws {
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": "alice"}"#), ["c1"])
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": "zed"}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": {"$in": ["alice", "bob"]}}"#), ["a1", "c1"])
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": {"$ne": "alice"}}"#), ["a1", "a2", "a3", "b1", "b2", "c2"])
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": {"$nin": ["alice", "bob"]}}"#), ["a2", "a3", "b1", "b2", "c2"])
    }

    func testCandidateGroupsMembershipAndEquality() throws {
        XCTAssertEqual(try itemIds(#"{"items.candidateGroups": "hr"}"#), ["a1", "b2"])
        XCTAssertEqual(try itemIds(#"{"items.candidateGroups": ["sales", "hr"]}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.candidateGroups": ["hr", "sales"]}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.candidateGroups": {"$regex": "^sa"}}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.candidateGroups": {"$exists": true}}"#), ["a1", "a2", "a3", "b1", "b2", "c1", "c2"])
        XCTAssertEqual(try instanceIds(#"{"items.candidateGroups": "sales", "items.status": "wait"}"#), ["i1"])
    }

    func testPriorityKeepsItsJSONType() throws {
        XCTAssertEqual(try itemIds(#"{"items.priority": 5}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.priority": "5"}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.priority": "high"}"#), ["b2"])
        XCTAssertEqual(try itemIds(#"{"items.priority": {"$gte": 3}}"#), ["a1"])
    }

    func testIntegerItemFields() throws {
        XCTAssertEqual(try itemIds(#"{"items.seq": {"$gte": 2}}"#), ["a3"])
        XCTAssertEqual(try itemIds(#"{"items.seq": "2"}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.tokenId": 1}"#), ["a2"])
        XCTAssertEqual(try itemIds(#"{"items.tokenId": {"$lt": 0}}"#), [])
    }

    func testKeyAndCorrelationFields() throws {
        XCTAssertEqual(try itemIds(#"{"items.itemKey": "HR"}"#), ["c1"])
        XCTAssertEqual(try itemIds(#"{"items.messageId": "Paid"}"#), ["b2"])
        XCTAssertEqual(try itemIds(#"{"items.signalId": "Go"}"#), ["c2"])
        XCTAssertEqual(try itemIds(#"{"items.signalId": "Paid"}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.id": {"$in": ["b2", "c2"]}}"#), ["b2", "c2"])
    }

    func testItemDatesCompareAsDates() throws {
        XCTAssertEqual(try itemIds(#"{"items.timeDue": {"$lte": "2024-05-05T00:00:00Z"}}"#), ["b2"])
        XCTAssertEqual(try itemIds(#"{"items.timeDue": {"$lt": "2024-05-05"}}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.dueDate": {"$gt": "2024-05-10"}}"#), ["a1"])
        XCTAssertEqual(try itemIds(#"{"items.dueDate": {"$gt": "2024-05-10T13:00:00+00:00"}}"#), [])
        XCTAssertEqual(try itemIds(#"{"items.startedAt": {"$gte": "2024-06-01"}}"#), ["c1", "c2"])
        XCTAssertEqual(try itemIds(#"{"items.endedAt": {"$exists": false}}"#), ["a1", "a3", "b2", "c1"])
        XCTAssertEqual(try itemIds(#"{"items.followUpDate": {"$exists": true}}"#), [])
    }

    func testItemNameRegex() throws {
        XCTAssertEqual(try itemIds(#"{"items.name": {"$regex": "^task_(Buy|Ship)$"}}"#), ["a1", "a2", "b1", "c1"])
        XCTAssertEqual(try itemIds(#"{"items.name": {"$regex": "^TASK"}}"#), [])
    }

    func testUnparsableItemDateIsRejected() throws {
        XCTAssertThrowsError(try itemIds(#"{"items.dueDate": "next week"}"#)) { error in
            XCTAssertEqual(error as? SQLiteStoreError, .invalidDateOperand(key: "items.dueDate", value: #""next week""#))
        }
    }
}
