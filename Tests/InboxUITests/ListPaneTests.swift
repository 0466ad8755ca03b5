import XCTest

@testable import InboxUI

final class ListPaneTests: XCTestCase {
    private func rows(_ ids: [String]) -> [PaneRow] {
        ids.map { PaneRow(id: $0, cells: ["row " + $0]) }
    }

    func testRefreshKeepsSelectedID() {
        var pane = ListPaneState()
        pane.setRows(rows(["a", "b", "c"]))
        pane.move(by: 1, visibleHeight: 5)

        pane.setRows(rows(["new", "a", "b", "c"]))

        XCTAssertEqual(pane.selectedRow?.id, "b")
    }

    func testRemovedSelectionFallsToSamePosition() {
        var pane = ListPaneState()
        pane.setRows(rows(["a", "b", "c"]))
        pane.move(by: 2, visibleHeight: 5)

        pane.setRows(rows(["a", "b"]))

        XCTAssertEqual(pane.selectedRow?.id, "b")
    }

    func testFilterMatchesAnyColumnIgnoringCase() {
        var pane = ListPaneState()
        pane.setRows([PaneRow(id: "1", cells: ["Buy", "Car"]), PaneRow(id: "2", cells: ["Clean", "Bike"])])

        pane.setFilter("car")

        XCTAssertEqual(pane.rows.map(\.id), ["1"])
    }

    func testClearingFilterRestoresRowsAndSelection() {
        var pane = ListPaneState()
        pane.setRows(rows(["a", "b", "c"]))
        pane.setFilter("row c")

        pane.setFilter("")

        XCTAssertEqual(pane.rows.count, 3)
        XCTAssertEqual(pane.selectedRow?.id, "c")
    }

    func testMovingPastBottomScrollsByOneRow() {
        var pane = ListPaneState()
        pane.setRows(rows((0..<10).map(String.init)))

        pane.move(by: 3, visibleHeight: 3)

        XCTAssertEqual(pane.scrollOffset, 1)
    }

    func testMoveStopsAtEnds() {
        var pane = ListPaneState()
        pane.setRows(rows(["a", "b"]))

        pane.move(by: -5, visibleHeight: 3)

        XCTAssertEqual(pane.selectedRow?.id, "a")
    }

    func testColumnLayoutDropsOptionalColumnsWhenNarrow() {
        let specs = [ColumnSpec(minimum: 6, weight: 1), ColumnSpec(minimum: 10, weight: 0, isOptional: true)]

        let widths = ColumnLayout.widths(specs, rows: [], width: 12)

        XCTAssertEqual(widths, [11, 0])
    }

    func testColumnLayoutDropsOptionalForPreferredWidth() {
        let specs = [
            ColumnSpec(minimum: 4, weight: 1, preferredWidth: 10),
            ColumnSpec(minimum: 4, weight: 0, isOptional: true),
        ]

        XCTAssertEqual(ColumnLayout.widths(specs, rows: [], width: 14), [13, 0])
        XCTAssertEqual(ColumnLayout.widths(specs, rows: [], width: 16), [10, 4])
    }

    func testColumnLayoutGivesFirstColumnUnusedWidth() {
        let specs = [ColumnSpec(minimum: 4, weight: 1), ColumnSpec(minimum: 4, weight: 1)]
        let rows = [PaneRow(id: "1", cells: ["a long task name", "Car"])]

        XCTAssertEqual(ColumnLayout.widths(specs, rows: rows, width: 40), [34, 4])
    }

    func testColumnLayoutKeepsFlexibleMinimum() {
        let specs = [ColumnSpec(minimum: 6, weight: 8), ColumnSpec(minimum: 6, weight: 1)]
        let rows = [PaneRow(id: "1", cells: ["name", "instance"])]

        XCTAssertEqual(ColumnLayout.widths(specs, rows: rows, width: 20)[1], 6)
    }

    func testColumnLayoutUsesWholeWidth() {
        let specs = PaneRows.taskColumns

        let widths = ColumnLayout.widths(specs, rows: [], width: 41)

        XCTAssertEqual(widths.reduce(0, +) + widths.filter { $0 > 0 }.count, 41)
    }
}
