import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// `summary` and `full` projections, and status values that no record can have.
final class QueryProjectionTests: QueryTestCase {
    func testSummaryLeavesOutInstanceData() throws {
        let page = try store.findInstancePage(.all, options: FindOptions(projection: .summary))

        XCTAssertEqual(page.records.map(\.data), [.null, .null, .null])
        XCTAssertEqual(page.records.map(\.name), ["Leave", "Leave", "Order"])
    }

    func testFullKeepsInstanceData() throws {
        let page = try store.findInstancePage(.all, options: FindOptions(projection: .full))
        XCTAssertEqual(page.records.first?.data["caseId"], 1001)
    }

    func testSummaryLeavesOutItemVariables() throws {
        let query = try Query.parse(json(#"{"items.id": "a1"}"#))
        let summary = try store.findItemPage(query, options: FindOptions(projection: .summary))
        let full = try store.findItemPage(query, options: FindOptions())

        XCTAssertEqual(summary.records.first?.vars, .null)
        XCTAssertEqual(summary.records.first?.assignee, "alice")
        XCTAssertEqual(full.records.first?.vars, .emptyObject)
    }

    func testSummaryStillFiltersOnData() throws {
        let query = try Query.parse(json(#"{"data.caseId": {"$gte": 1002}}"#))
        let page = try store.findInstancePage(query, options: FindOptions(projection: .summary))
        XCTAssertEqual(page.records.map(\.id), ["i2", "i3"])
    }

    func testUnknownInstanceStatusIsRejected() throws {
        XCTAssertThrowsError(try Query.parse(json(#"{"status": "bogus"}"#))) { error in
            XCTAssertEqual(
                error as? QueryError,
                .invalidStatus(key: "status", value: "\"bogus\"", valid: ["running", "end", "failed", "terminated"]))
        }
    }

    func testUnknownItemStatusInListIsRejected() throws {
        XCTAssertThrowsError(try Query.parse(json(#"{"items.status": {"$in": ["wait", "waiting"]}}"#))) { error in
            guard case let .invalidStatus(key, value, valid)? = error as? QueryError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(key, "items.status")
            XCTAssertEqual(value, "\"waiting\"")
            XCTAssertEqual(valid, ["enter", "start", "wait", "end", "failed"])
        }
    }

    func testStatusOfWrongTypeIsRejected() throws {
        XCTAssertThrowsError(try Query.parse(json(#"{"status": {"$ne": 5}}"#))) { error in
            XCTAssertTrue(String(describing: error).contains("valid statuses"), "\(error)")
        }
    }

    func testValidStatusesAndNullPass() throws {
        XCTAssertEqual(try instanceIds(#"{"status": {"$in": ["end", "terminated"]}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"status": {"$not": {"$eq": "running"}}}"#), ["i2"])
        XCTAssertEqual(try instanceIds(#"{"status": null}"#), [])
        XCTAssertEqual(try instanceIds(#"{"status": {"$regex": "^run"}}"#), ["i1", "i3"])
    }
}
