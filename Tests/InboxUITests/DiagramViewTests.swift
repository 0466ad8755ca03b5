import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The diagram view inside the inbox, on a real database, rendered into a memory screen.
final class DiagramViewTests: XCTestCase {
    static func exampleSource(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("examples/\(name).bpmn"), encoding: .utf8)
    }

    private func makeDriver() throws -> (InboxDriver, String) {
        let driver = try InboxDriver(models: [("Expense approval", try Self.exampleSource("Expense approval"))])
        let execution = try driver.engine.start(
            "Expense approval", data: .object(["requester": .string("alice")]), user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        return (driver, execution.id)
    }

    func testDOnTaskOpensItsInstanceDiagram() throws {
        let (driver, id) = try makeDriver()
        driver.press(.character("d"))
        let screen = driver.render()

        XCTAssertNotNil(driver.state.diagram)
        XCTAssertTrue(screen.contains("instance \(id)") || screen.contains("instance " + id.prefix(8)), screen)
        XCTAssertTrue(screen.contains("Submit"), screen)
        XCTAssertTrue(screen.contains("● waiting 1"), screen)
    }

    func testWaitingTaskUsesWaitingStyle() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        driver.render()

        let marker = try XCTUnwrap(driver.screen.find("●╮"), driver.screen.text)
        XCTAssertEqual(driver.screen.role(row: marker.row, column: marker.column), .formValueFocused)
    }

    func testDiagramFollowsInstanceAfterRefresh() throws {
        let (driver, id) = try makeDriver()
        driver.press(.character("d"))
        _ = try driver.engine.invoke(
            .object(["id": .string(id), "items.elementId": "task_submit"]), data: .object(["amount": 5000]),
            user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        let screen = driver.render()

        XCTAssertTrue(screen.contains("✓"), "the completed task is not marked:\n\(screen)")
        XCTAssertTrue(screen.contains("● waiting 1"), screen)
    }

    func testEscapeClosesDiagram() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        driver.press(.escape)

        XCTAssertNil(driver.state.diagram)
        XCTAssertTrue(driver.render().contains("Tasks"))
    }

    func testEnterShowsSelectedElementDetails() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"), .tab, .enter)
        let screen = driver.render()

        XCTAssertTrue(screen.contains("Element"), screen)
        XCTAssertTrue(screen.contains("bpmn:"), screen)
    }

    func testDetailsListTheInstanceItems() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        driver.app.controller.state.diagram?.viewport.select("task_submit")
        driver.press(.enter)
        let screen = driver.render()

        XCTAssertTrue(screen.contains("1 in this instance"), screen)
        XCTAssertTrue(screen.contains("wait"), screen)
    }

    func testZoomOutChangesLevel() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        let before = try XCTUnwrap(driver.state.diagram?.viewport.options.zoom)
        driver.press(.character("-"))
        let after = try XCTUnwrap(driver.state.diagram?.viewport.options.zoom)

        XCTAssertEqual(after.rawValue, min(before.rawValue + 1, 2))
        XCTAssertTrue(driver.render().contains("zoom \(after)"))
    }

    func testModelPaneDiagramHasNoInstanceState() throws {
        let (driver, _) = try makeDriver()
        driver.app.controller.state.focus = .models
        driver.press(.character("d"))
        let screen = driver.render()

        XCTAssertNil(driver.state.diagram?.highlight)
        XCTAssertTrue(screen.contains("(●) end"), screen)
    }

    func testScrollStopsAtDrawingEdge() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        for _ in 0..<50 { driver.press(.character("h")) }

        XCTAssertEqual(driver.state.diagram?.viewport.origin.x, 0)
    }

    func testClickSelectsElementAndShowsDetails() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        let view = try XCTUnwrap(driver.state.diagram)
        let rect = try XCTUnwrap(view.viewport.layout.rects["task_submit"])
        let position = CellPosition(
            row: rect.midY - view.viewport.origin.y + DiagramViewState.chromeRows.top, column: rect.midX - view.viewport.origin.x)

        driver.press(.click(position))

        XCTAssertEqual(driver.state.diagram?.viewport.selectedId, "task_submit")
        XCTAssertEqual(driver.state.diagram?.detailsId, "task_submit")
    }

    func testWheelScrollsDown() throws {
        let (driver, _) = try makeDriver()
        driver.press(.character("d"))
        let layoutHeight = try XCTUnwrap(driver.state.diagram?.viewport.layout.height)
        let viewHeight = try XCTUnwrap(driver.state.diagram?.viewport.size.height)
        driver.press(.wheelDown(CellPosition(row: 5, column: 5)))

        XCTAssertEqual(driver.state.diagram?.viewport.origin.y, min(3, max(0, layoutHeight - viewHeight)))
    }
}
