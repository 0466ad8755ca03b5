import XCTest

@testable import InboxUI

final class MemoryScreenTests: XCTestCase {
    func testWideCharacterFillsTwoCells() {
        let screen = MemoryScreen(rows: 1, columns: 10)

        screen.write("中x", at: CellPosition(row: 0, column: 0), role: .normal)

        XCTAssertEqual(screen.cells[0][0].text, "中")
        XCTAssertTrue(screen.cells[0][1].isContinuation)
        XCTAssertEqual(screen.cells[0][2].text, "x")
    }

    func testWideCharacterAtEdgeIsLeftOut() {
        let screen = MemoryScreen(rows: 1, columns: 3)

        screen.write("ab中", at: CellPosition(row: 0, column: 0), role: .normal)

        XCTAssertEqual(screen.line(0), "ab")
    }

    func testCombiningMarkJoinsPreviousCell() {
        let screen = MemoryScreen(rows: 1, columns: 5)

        screen.write("e\u{301}x", at: CellPosition(row: 0, column: 0), role: .normal)

        XCTAssertEqual(screen.cells[0][0].text, "e\u{301}")
        XCTAssertEqual(screen.cells[0][1].text, "x")
    }

    func testHalfOverwriteBlanksWideCharacter() {
        let screen = MemoryScreen(rows: 1, columns: 4)
        screen.write("中", at: CellPosition(row: 0, column: 0), role: .normal)

        screen.write("x", at: CellPosition(row: 0, column: 1), role: .normal)

        XCTAssertEqual(screen.line(0), " x")
    }

    func testColumnOfCountsCellsNotCharacters() {
        let screen = MemoryScreen(rows: 1, columns: 10)
        screen.write("中文 ab", at: CellPosition(row: 0, column: 0), role: .normal)

        XCTAssertEqual(screen.column(of: "ab", inRow: 0), 5)
    }
}
