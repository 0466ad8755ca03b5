import WorkflowEngine
import XCTest

@testable import SQLiteStore

final class QueryPagingTests: QueryTestCase {
    private func instanceOrder(
        _ query: String = "{}", sort: [(key: QueryField, ascending: Bool)] = [], limit: Int? = nil, offset: Int = 0
    ) throws -> [String] {
        let options = FindOptions(sort: sort, limit: limit, offset: offset)
        return try store.findInstances(try Query.parse(json(query)), options: options).map(\.id)
    }

    private func itemOrder(_ query: String = "{}", sort: [(key: QueryField, ascending: Bool)] = []) throws -> [String] {
        try store.findItems(try Query.parse(json(query)), options: FindOptions(sort: sort)).map(\.id)
    }

    func testDefaultOrderIsStartTime() throws {
        XCTAssertEqual(try instanceOrder(), ["i1", "i2", "i3"])
        XCTAssertEqual(try itemOrder(), ["a1", "a2", "a3", "b1", "b2", "c2", "c1"])
    }

    func testSortByDataPath() throws {
        XCTAssertEqual(try instanceOrder(sort: [(.data("caseId"), false)]), ["i3", "i2", "i1"])
        XCTAssertEqual(try instanceOrder(sort: [(.data("amount"), true)]), ["i3", "i2", "i1"])
        XCTAssertEqual(try instanceOrder(sort: [(.data("amount"), false)]), ["i1", "i2", "i3"])
    }

    func testSortByDataPathOrdersTypesLikeMongo() throws {
        // Missing (i3) sorts before the number 5 (i2), which sorts before the string "5" (i1).
        XCTAssertEqual(try instanceOrder(sort: [(.data("code"), true)]), ["i3", "i2", "i1"])
    }

    func testSortBySeveralKeys() throws {
        let sort: [(key: QueryField, ascending: Bool)] = [(.instance(.name), true), (.instance(.startedAt), false)]
        XCTAssertEqual(try instanceOrder(sort: sort), ["i2", "i1", "i3"])
    }

    func testLimitAndOffset() throws {
        XCTAssertEqual(try instanceOrder(limit: 2), ["i1", "i2"])
        XCTAssertEqual(try instanceOrder(offset: 1), ["i2", "i3"])
        XCTAssertEqual(try instanceOrder(limit: 1, offset: 1), ["i2"])
        XCTAssertEqual(try instanceOrder(offset: 5), [])
        XCTAssertEqual(try instanceOrder(limit: 0), [])
    }

    func testNegativePagingIsRejected() throws {
        XCTAssertThrowsError(try instanceOrder(limit: -1)) { error in
            XCTAssertEqual(error as? SQLiteStoreError, .invalidFindOptions(option: "limit", value: -1))
        }
        XCTAssertThrowsError(try instanceOrder(offset: -2)) { error in
            XCTAssertEqual(error as? SQLiteStoreError, .invalidFindOptions(option: "offset", value: -2))
        }
    }

    func testSortItems() throws {
        XCTAssertEqual(try itemOrder(#"{"id": "i1"}"#, sort: [(.item(.seq), false)]), ["a3", "a2", "a1"])
        XCTAssertEqual(
            try itemOrder(#"{"items.status": "wait"}"#, sort: [(.item(.startedAt), false)]), ["c1", "b2", "a1"])
        XCTAssertEqual(
            try itemOrder(sort: [(.data("caseId"), false)]), ["c2", "c1", "b1", "b2", "a1", "a2", "a3"])
    }

    func testSortInstancesByItemFieldIsRejected() throws {
        XCTAssertThrowsError(try instanceOrder(sort: [(.item(.seq), true)])) { error in
            guard case let .unsupportedQuery(key, op, _)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(key, "items.seq")
            XCTAssertEqual(op, "sort")
        }
    }

    func testSortByArrayFieldIsRejected() throws {
        XCTAssertThrowsError(try itemOrder(sort: [(.item(.candidateGroups), true)])) { error in
            guard case let .unsupportedQuery(key, _, _)? = error as? SQLiteStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(key, "items.candidateGroups")
        }
    }

    func testCountInstances() throws {
        XCTAssertEqual(try store.countInstances(.all), 3)
        XCTAssertEqual(try store.countInstances(try Query.parse(json(#"{"name": "Leave"}"#))), 2)
        XCTAssertEqual(try store.countInstances(try Query.parse(json(#"{"items.status": "wait"}"#))), 3)
        XCTAssertEqual(try store.countInstances(try Query.parse(json(#"{"items.assignee": "zed"}"#))), 0)
    }
}
