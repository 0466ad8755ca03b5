import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Values and keys that look like SQL must be treated as data.
final class QuerySafetyTests: QueryTestCase {
    private func allItemCount() throws -> Int {
        try store.findItems(.all, options: FindOptions()).count
    }

    func testInjectionInDataKeyIsHarmless() throws {
        XCTAssertEqual(try instanceIds(#"{"data.x'); DROP TABLE items;--": 1}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.x'); DROP TABLE items;--": {"$exists": false}}"#), ["i1", "i2", "i3"])
        XCTAssertEqual(try allItemCount(), 7)
    }

    func testInjectionInValuesIsHarmless() throws {
        XCTAssertEqual(try instanceIds(#"{"name": "x' OR '1'='1"}"#), [])
        XCTAssertEqual(try instanceIds(#"{"name": {"$regex": "' OR '1'='1"}}"#), [])
        XCTAssertEqual(try instanceIds(#"{"data.Name": "O'Brien; DROP TABLE items;--"}"#), ["i3"])
        XCTAssertEqual(try itemIds(#"{"items.candidateUsers": {"$in": ["x') OR 1=1 --"]}}"#), [])
        XCTAssertEqual(try allItemCount(), 7)
    }

    func testInjectionInSortPathIsHarmless() throws {
        let sort: [(key: QueryField, ascending: Bool)] = [(.data("x'); DROP TABLE items;--"), true)]
        XCTAssertEqual(try store.findInstances(.all, options: FindOptions(sort: sort)).count, 3)
        XCTAssertEqual(try allItemCount(), 7)
    }

    func testKeyWithDoubleQuoteIsRejected() throws {
        guard case let .unsupportedQuery(key, op, _)? = try instanceQueryError(#"{"data.a\" OR 1=1 --": 1}"#) else {
            return XCTFail("expected unsupportedQuery")
        }
        XCTAssertEqual(key, #"data.a" OR 1=1 --"#)
        XCTAssertEqual(op, "path")
    }

    func testInvalidRegexIsRejectedBeforeRunning() throws {
        let error = try instanceQueryError(#"{"name": {"$regex": "(unclosed"}}"#)
        guard case let .invalidRegex(key, pattern, _)? = error else {
            return XCTFail("expected invalidRegex, got \(String(describing: error))")
        }
        XCTAssertEqual(key, "name")
        XCTAssertEqual(pattern, "(unclosed")
        XCTAssertTrue(error?.description.contains("(unclosed") == true)
    }
}
