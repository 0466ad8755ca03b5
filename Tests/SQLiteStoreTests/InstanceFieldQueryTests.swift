import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class InstanceFieldQueryTests: QueryTestCase {
    func testEqualityOnTextFields() throws {
        XCTAssertEqual(try instanceIds(#"{"id": "i2"}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"id": "missing"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"instanceId": "i3"}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"name": "Leave"}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"status": "end"}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"tenantId": "t1"}"#), ["i1"])
    }

    func testEqualityNeverMixesTypes() throws {
        XCTAssertEqual(try instanceIds(#"{"modelVersion": "2"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": 2}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"name": 5}"#), [])
        XCTAssertEqual(try instanceIds(#"{"name": ["Leave"]}"#), [])
    }

    func testNotEqual() throws {
        XCTAssertEqual(try instanceIds(#"{"name": {"$ne": "Leave"}}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"status": {"$ne": "running"}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"tenantId": {"$ne": "t1"}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$ne": "1"}}"#), ["i1", "i2", "i3"])
    }

    func testOrderingOnIntegerField() throws {
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$gt": 1}}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$gte": 1}}"#), ["i1", "i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$lt": 1}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$lte": 1}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$gte": 1, "$lt": 2}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$gt": "1"}}"#), [])
    }

    func testInAndNotIn() throws {
        XCTAssertEqual(try instanceIds(#"{"id": {"$in": ["i1", "i3", "other"]}}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"id": {"$in": []}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"id": {"$nin": ["i1", "i3"]}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"parentItemId": {"$in": [null, "a1"]}}"#), ["i1", "i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"parentItemId": {"$nin": [null]}}"#), ["i2"])
    }

    func testExistsAndNull() throws {
        XCTAssertEqual(try instanceIds(#"{"tenantId": {"$exists": true}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"tenantId": {"$exists": false}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"parentItemId": null}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"parentItemId": "a1"}"#), ["i2"])
    }

    func testRegexWithCaseOption() throws {
        XCTAssertEqual(try instanceIds(#"{"name": {"$regex": "^ord", "$options": "i"}}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"name": {"$regex": "^ord"}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"name": {"$regex": "ea"}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$regex": "1"}}"#), [])
    }

    func testNotInvertsPredicate() throws {
        XCTAssertEqual(try instanceIds(#"{"modelVersion": {"$not": {"$gt": 1}}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"name": {"$not": {"$regex": "^L"}}}"#), ["i3"])
    }

    func testElemMatchOnScalarFieldMatchesNothing() throws {
        XCTAssertEqual(try instanceIds(#"{"name": {"$elemMatch": {"$eq": "Leave"}}}"#), [])
    }

    func testDatesCompareAsDates() throws {
        XCTAssertEqual(try instanceIds(#"{"startedAt": {"$gte": "2024-05-02"}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"startedAt": {"$lt": "2024-05-01T10:00:00+02:00"}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"startedAt": {"$lte": "2024-05-01T10:00:00+02:00"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"startedAt": "2024-05-01T08:00:00Z"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"startedAt": "2024-05-01T08:00:00.001Z"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"endedAt": {"$gt": "2024-05-02T23:59:59.999Z"}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"endedAt": null}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"startedAt": {"$in": ["2024-06-01", "2024-05-02T00:00:00Z"]}}"#), ["i2", "i3"])
    }

    func testUnparsableDateOperandIsRejected() throws {
        XCTAssertEqual(
            try instanceQueryError(#"{"startedAt": {"$gt": "yesterday"}}"#),
            .invalidDateOperand(key: "startedAt", value: #""yesterday""#))
        XCTAssertEqual(
            try instanceQueryError(#"{"endedAt": 1714550400}"#),
            .invalidDateOperand(key: "endedAt", value: "1714550400"))
        XCTAssertEqual(
            try instanceQueryError(#"{"startedAt": "2024-02-30"}"#),
            .invalidDateOperand(key: "startedAt", value: #""2024-02-30""#))
    }

    func testLogicalOperators() throws {
        XCTAssertEqual(try instanceIds(#"{"$or": [{"id": "i1"}, {"modelVersion": 2}]}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"$and": [{"name": "Leave"}, {"status": "running"}]}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"$nor": [{"status": "end"}, {"name": "Order"}]}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"$or": [{"id": "x"}, {"id": "y"}]}"#), [])
    }

    func testEmptyQueryMatchesAll() throws {
        XCTAssertEqual(try instanceIds("{}"), ["i1", "i2", "i3"])
    }
}
