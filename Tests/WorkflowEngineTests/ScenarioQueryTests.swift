import Foundation
import WorkflowEngine
import XCTest

/// bpmn-server's ds.js (item and instance search) and getFields scenarios on Buy Used Car.
final class ScenarioQueryTests: XCTestCase {
    private let user = UserContext(name: "user1")

    private func started(caseId: Int) throws -> (EngineHarness, Execution, ItemRecord) {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/test-processes/Buy Used Car.bpmn", as: "Buy Used Car")
        let execution = try harness.engine.start("Buy Used Car", data: ["caseId": .number(Double(caseId))], user: user)
        let buy = try XCTUnwrap(execution.items.first { $0.name == "Buy" })
        return (harness, execution, buy)
    }

    func testFindItemsByItemId() throws {
        let (harness, _, buy) = try started(caseId: 5001)
        let found = try harness.engine.findItems(["items.id": .string(buy.id)])
        XCTAssertEqual(found.map(\.id), [buy.id])
    }

    func testFindItemsByInstanceAndElement() throws {
        let (harness, execution, buy) = try started(caseId: 5002)
        let found = try harness.engine.findItems(["id": .string(execution.id), "items.elementId": "task_Buy"])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.id, buy.id)
    }

    func testFindItemsByDataAndElement() throws {
        let (harness, _, buy) = try started(caseId: 5003)
        let found = try harness.engine.findItems(["data.caseId": 5003, "items.elementId": "task_Buy"])
        XCTAssertEqual(found.first?.id, buy.id)
    }

    func testFindWaitingItemOfInstance() throws {
        let (harness, execution, _) = try started(caseId: 5004)
        let found = try harness.engine.findItems(["id": .string(execution.id), "items.status": "wait"])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.status, .wait)
    }

    func testFindInstancesByIdItemAndNestedData() throws {
        let (harness, execution, buy) = try started(caseId: 5005)

        XCTAssertEqual(try harness.engine.findInstances(["id": .string(execution.id)]).first?.id, execution.id)
        XCTAssertEqual(try harness.engine.findInstances(["items.id": .string(buy.id)]).first?.id, execution.id)
        XCTAssertEqual(try harness.engine.findInstances(["data.caseId": 5005]).map(\.id), [execution.id])
    }

    func testGetFieldsOfBuyTask() throws {
        let (harness, _, _) = try started(caseId: 5006)
        let outline = try harness.engine.modelOutline(name: "Buy Used Car")
        let buy = try XCTUnwrap(outline.userTasks.first { $0.elementId == "task_Buy" })

        XCTAssertEqual(buy.fields.map(\.id), ["needsRepairs", "needsCleaning"])
        XCTAssertEqual(buy.fields.map(\.label), ["Repairs Required?", "Cleaning Required?"])
        XCTAssertEqual(buy.fields.map(\.type), ["boolean", "boolean"])
    }

    func testUnknownStatusIsRejectedWithList() throws {
        let (harness, _, _) = try started(caseId: 5007)
        XCTAssertThrowsError(try harness.engine.findInstances(["status": "bogus"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("\"bogus\""), text)
            XCTAssertTrue(text.contains("running, end, failed, terminated"), text)
        }
    }

    func testPagesWithCursorCoverEveryItemOnce() throws {
        let (harness, _, _) = try started(caseId: 5008)
        for caseId in 5009...5013 { _ = try harness.engine.start("Buy Used Car", data: ["caseId": .number(Double(caseId))], user: user) }

        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try harness.engine.findInstancePage(
                [:], options: FindOptions(sort: [(key: .data("caseId"), ascending: false)], limit: 4, cursor: cursor))
            seen += page.records.map { $0.data["caseId"]?.jsonText ?? "" }
            cursor = page.nextCursor
        } while cursor != nil

        XCTAssertEqual(seen, ["5013", "5012", "5011", "5010", "5009", "5008"])
    }
}
