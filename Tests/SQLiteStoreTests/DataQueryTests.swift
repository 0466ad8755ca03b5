import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class DataQueryTests: QueryTestCase {
    func testScalarEquality() throws {
        XCTAssertEqual(try instanceIds(#"{"data.caseId": 1002}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": 1004}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.amount": 250.5}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": "Zürich"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.emoji": "📦 Kiste"}"#), ["i3"])
    }

    func testEqualityIsTypeSensitive() throws {
        XCTAssertEqual(try instanceIds(#"{"data.code": 5}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.code": "5"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": true}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": false}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": 1}"#), [])
    }

    func testNullMatchesMissingOrNull() throws {
        XCTAssertEqual(try instanceIds(#"{"data.note": null}"#), ["i1", "i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": null}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": null}"#), ["i3"])
    }

    func testExistsCountsNullAsPresent() throws {
        XCTAssertEqual(try instanceIds(#"{"data.note": {"$exists": true}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.note": {"$exists": false}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.customer": {"$exists": true}}"#), ["i1", "i2"])
    }

    func testNotEqualMatchesMissing() throws {
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$ne": "Bern"}}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.tags": {"$ne": "vip"}}"#), ["i2", "i3"])
    }

    func testOrderingOnNumbers() throws {
        XCTAssertEqual(try instanceIds(#"{"data.amount": {"$gt": 100}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.amount": {"$gte": 99}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"data.amount": {"$lt": 99}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.amount": {"$lte": 99}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$gt": "1000"}}"#), [])
    }

    func testOrderingOnStringsAndBooleans() throws {
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$lt": "C"}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$gt": "C"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": {"$gt": false}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": {"$lt": true}}"#), ["i2"])
    }

    func testOrderingAgainstNull() throws {
        XCTAssertEqual(try instanceIds(#"{"data.note": {"$gte": null}}"#), ["i1", "i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.note": {"$gt": null}}"#), [])
    }

    func testArrayContainsScalar() throws {
        XCTAssertEqual(try instanceIds(#"{"data.tags": "vip"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.tags": "none"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.scores": {"$gt": 5}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.scores": {"$lt": 2}}"#), ["i2"])
    }

    func testArrayAndObjectEquality() throws {
        XCTAssertEqual(try instanceIds(#"{"data.tags": ["urgent", "vip"]}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.tags": ["vip", "urgent"]}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.tags": []}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"data.list": [3]}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"data.list": [2]}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.obj": {"y": [1, 2], "x": 1}}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"data.obj": {"x": 1}}"#), [])
    }

    func testNumericSegmentIsIndexOrKey() throws {
        XCTAssertEqual(try instanceIds(#"{"data.tags.0": "urgent"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.tags.1": "urgent"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.lines.1.sku": "B2"}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.0": "zero-key"}"#), ["i3"])
    }

    func testInAndNotIn() throws {
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$in": [1001, 1003]}}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.tags": {"$in": ["vip", "normal"]}}"#), ["i1", "i2"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$nin": [1001, 1003]}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$in": ["1001"]}}"#), [])
    }

    func testNotInvertsPredicate() throws {
        XCTAssertEqual(try instanceIds(#"{"data.amount": {"$not": {"$gt": 100}}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.tags": {"$not": {"$in": ["vip"]}}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$not": {"$lt": "C"}}}"#), ["i1", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.approved": {"$not": {"$gt": false}}}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"$nor": [{"data.amount": {"$gt": 100}}]}"#), ["i2", "i3"])
        XCTAssertEqual(try instanceIds(#"{"data.scores": {"$not": {"$elemMatch": {"$gt": 5}}}}"#), ["i2", "i3"])
    }

    func testRegexOnValuesAndArrays() throws {
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$regex": "^zür", "$options": "i"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$regex": "^zür"}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.tags": {"$regex": "^vi"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$regex": "100"}}"#), [])
    }

    func testRegexMultilineOption() throws {
        XCTAssertEqual(try instanceIds(#"{"data.memo": {"$regex": "^second line$", "$options": "m"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.memo": {"$regex": "^second line$"}}"#), [])
    }

    func testRegexDotAllOption() throws {
        XCTAssertEqual(try instanceIds(#"{"data.dotted": {"$regex": "^a.b$", "$options": "s"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.dotted": {"$regex": "^a.b$"}}"#), [])
    }

    func testRegexExtendedOption() throws {
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$regex": "z ü r  # city", "$options": "ix"}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.customer.city": {"$regex": "z ü r  # city", "$options": "i"}}"#), [])
    }

    func testElemMatchNeedsOneElementForAllParts() throws {
        XCTAssertEqual(try instanceIds(#"{"data.lines": {"$elemMatch": {"sku": "B2", "qty": {"$gte": 5}}}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.lines": {"$elemMatch": {"sku": "A1", "qty": {"$gte": 5}}}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.scores": {"$elemMatch": {"$gt": 5, "$lt": 11}}}"#), ["i1"])
        XCTAssertEqual(try instanceIds(#"{"data.scores": {"$elemMatch": {"$gt": 2, "$lt": 3}}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.nested.a.b": {"$elemMatch": {"c": 1}}}"#), ["i3"])
        XCTAssertEqual(try instanceIds(#"{"data.caseId": {"$elemMatch": {"$gt": 1}}}"#), [])
    }

    func testOrderingAgainstArrayIsRejected() throws {
        guard case let .unsupportedQuery(key, op, _)? = try instanceQueryError(#"{"data.amount": {"$gt": [1]}}"#) else {
            return XCTFail("expected unsupportedQuery")
        }
        XCTAssertEqual(key, "data.amount")
        XCTAssertEqual(op, "$gt")
    }
}
