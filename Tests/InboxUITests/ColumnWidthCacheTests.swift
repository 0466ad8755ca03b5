import Foundation
import XCTest

@testable import InboxUI

/// The widest cells a pane keeps per row set, and the ASCII shortcuts of measuring and folding.
final class ColumnWidthCacheTests: XCTestCase {
    private let rows = [
        PaneRow(id: "1", cells: ["Review", "東京オフィス", "2"]),
        PaneRow(id: "2", cells: ["Approve expense report", "Zürich"]),
        PaneRow(id: "3", cells: ["é\u{301}", "🙂", "100"]),
    ]

    func testWidestCellsMeasureEachColumn() {
        XCTAssertEqual(ColumnLayout.widestCells(of: rows), [22, 12, 3])
    }

    func testWidthsFromCacheEqualWidthsFromRows() {
        let specs = [ColumnSpec(minimum: 4, weight: 3), ColumnSpec(minimum: 3, weight: 1), ColumnSpec(minimum: 1, weight: 0, isOptional: true)]

        for width in [10, 20, 40, 80] {
            XCTAssertEqual(
                ColumnLayout.widths(specs, widestCells: ColumnLayout.widestCells(of: rows), width: width),
                ColumnLayout.widths(specs, rows: rows, width: width), "width \(width)")
        }
    }

    func testPaneKeepsWidestCellsOfFilteredRows() {
        var pane = ListPaneState()
        pane.setRows(rows)

        pane.setFilter("zur")

        XCTAssertEqual(pane.widestCells, [22, 6])
    }

    func testASCIIFoldingMatchesFoundationFolding() {
        for text in ["Review", "MIXED case 42", "a\u{1F}B", "~!@#"] {
            let foundation = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            XCTAssertEqual(PaneRow.folded(text), foundation, text)
        }
    }

    func testFilterFindsAccentedRowWithASCIIFilter() {
        var pane = ListPaneState()
        pane.setRows(rows)

        pane.setFilter("ZURICH")

        XCTAssertEqual(pane.rows.map(\.id), ["2"])
    }

    func testTabIsNotMeasuredAsPrintableASCII() {
        XCTAssertFalse(TextWidth.isPrintableASCII("a\tb"))
        XCTAssertEqual(TextWidth.sanitized("a\tb"), "a b")
    }
}
