import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Cursor paging: every page continues after the previous page's last row, in any order.
final class QueryCursorTests: QueryTestCase {
    /// Reads every page of `limit` rows and returns the ids page by page.
    private func instancePages(
        _ query: String = "{}", sort: [(key: QueryField, ascending: Bool)] = [], limit: Int
    ) throws -> [[String]] {
        var pages: [[String]] = []
        var cursor: String?
        repeat {
            let options = FindOptions(sort: sort, limit: limit, cursor: cursor)
            let page = try store.findInstancePage(try Query.parse(json(query)), options: options)
            pages.append(page.records.map(\.id))
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 10
        return pages
    }

    private func itemPages(_ query: String, sort: [(key: QueryField, ascending: Bool)] = [], limit: Int) throws -> [[String]] {
        var pages: [[String]] = []
        var cursor: String?
        repeat {
            let options = FindOptions(sort: sort, limit: limit, cursor: cursor)
            let page = try store.findItemPage(try Query.parse(json(query)), options: options)
            pages.append(page.records.map(\.id))
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 10
        return pages
    }

    func testDefaultOrderPages() throws {
        XCTAssertEqual(try instancePages(limit: 2), [["i1", "i2"], ["i3"]])
    }

    func testFullLastPageEndsWithEmptyPage() throws {
        XCTAssertEqual(try instancePages(limit: 3), [["i1", "i2", "i3"], []])
    }

    func testDescendingDataPathPages() throws {
        let sort: [(key: QueryField, ascending: Bool)] = [(.data("caseId"), false)]
        XCTAssertEqual(try instancePages(sort: sort, limit: 1), [["i3"], ["i2"], ["i1"], []])
    }

    func testMixedTypesAndMissingValuesPage() throws {
        // Missing (i3) sorts before the number 5 (i2), which sorts before the string "5" (i1).
        let ascending: [(key: QueryField, ascending: Bool)] = [(.data("code"), true)]
        XCTAssertEqual(try instancePages(sort: ascending, limit: 1).flatMap { $0 }, ["i3", "i2", "i1"])
        let descending: [(key: QueryField, ascending: Bool)] = [(.data("code"), false)]
        XCTAssertEqual(try instancePages(sort: descending, limit: 1).flatMap { $0 }, ["i1", "i2", "i3"])
    }

    func testNullColumnPagesInBothDirections() throws {
        // Only i2 has an end time; SQLite sorts NULL first when ascending, last when descending.
        let ascending: [(key: QueryField, ascending: Bool)] = [(.instance(.endedAt), true)]
        XCTAssertEqual(try instancePages(sort: ascending, limit: 1).flatMap { $0 }, ["i1", "i3", "i2"])
        let descending: [(key: QueryField, ascending: Bool)] = [(.instance(.endedAt), false)]
        XCTAssertEqual(try instancePages(sort: descending, limit: 1).flatMap { $0 }, ["i2", "i1", "i3"])
    }

    func testTiesAreBrokenById() throws {
        let sort: [(key: QueryField, ascending: Bool)] = [(.instance(.name), true)]
        XCTAssertEqual(try instancePages(sort: sort, limit: 1).flatMap { $0 }, ["i1", "i2", "i3"])
    }

    func testItemPagesFollowQuery() throws {
        XCTAssertEqual(try itemPages(#"{"items.status": "wait"}"#, limit: 2), [["a1", "b2"], ["c1"]])
        let sort: [(key: QueryField, ascending: Bool)] = [(.item(.startedAt), false)]
        XCTAssertEqual(try itemPages(#"{"items.status": "wait"}"#, sort: sort, limit: 2), [["c1", "b2"], ["a1"]])
    }

    func testCursorSkipsRowsInsertedBeforeIt() throws {
        let first = try store.findInstancePage(.all, options: FindOptions(limit: 2))
        let early = InstanceRecord(
            id: "i0", name: "Leave", modelVersion: 1, status: .running, data: .emptyObject, startedAt: utc(2024, 4, 1))
        try store.saveInstance(InstanceState(instance: early, items: [], tokens: []), changedItemIds: nil)

        let second = try store.findInstancePage(.all, options: FindOptions(limit: 2, cursor: first.nextCursor))

        XCTAssertEqual(first.records.map(\.id), ["i1", "i2"])
        XCTAssertEqual(second.records.map(\.id), ["i3"])
    }

    func testCursorOfOtherQueryIsRejected() throws {
        let page = try store.findInstancePage(.all, options: FindOptions(limit: 1))
        let other = try Query.parse(json(#"{"name": "Leave"}"#))

        XCTAssertThrowsError(try store.findInstancePage(other, options: FindOptions(limit: 1, cursor: page.nextCursor))) { error in
            XCTAssertEqual((error as? InvalidCursorError)?.reason, "it belongs to another query or sort order")
        }
    }

    func testCursorOfOtherSortIsRejected() throws {
        let page = try store.findInstancePage(.all, options: FindOptions(limit: 1))
        let options = FindOptions(sort: [(key: .data("caseId"), ascending: true)], limit: 1, cursor: page.nextCursor)

        XCTAssertThrowsError(try store.findInstancePage(.all, options: options)) { error in
            XCTAssertTrue(error is InvalidCursorError, "\(error)")
        }
    }

    func testDamagedCursorIsRejected() throws {
        for text in ["not-a-cursor", "W10", "WyJ4Iiwge319"] {
            XCTAssertThrowsError(try store.findInstancePage(.all, options: FindOptions(limit: 1, cursor: text)), text) { error in
                XCTAssertTrue(error is InvalidCursorError, "\(text): \(error)")
            }
        }
    }

    func testCursorKeepsTextWithQuotesAndUnicode() throws {
        let keys: [SQLiteValue] = [.text("O'Brien \"quoted\" 📦"), .integer(-3), .real(2.5), .null]
        let cursor = FindCursor(fingerprint: "abc", keys: keys)

        XCTAssertEqual(try FindCursor(text: cursor.text), cursor)
    }
}
