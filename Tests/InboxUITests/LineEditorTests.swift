import XCTest

@testable import InboxUI

final class LineEditorTests: XCTestCase {
    func testInsertAtCursorAfterMovingLeft() {
        var editor = LineEditor("ac")

        editor.handle(.left)
        editor.handle(.character("b"))

        XCTAssertEqual(editor.text, "abc")
    }

    func testBackspaceDeletesBeforeCursor() {
        var editor = LineEditor("abc")

        editor.handle(.backspace)

        XCTAssertEqual(editor.text, "ab")
    }

    func testDeleteRemovesAtCursor() {
        var editor = LineEditor("abc")

        editor.handle(.home)
        editor.handle(.delete)

        XCTAssertEqual(editor.text, "bc")
    }

    func testControlUClearsLine() {
        var editor = LineEditor("abc")

        editor.handle(.control("u"))

        XCTAssertEqual(editor.text, "")
    }

    func testEndMovesCursorPastLastCharacter() {
        var editor = LineEditor("abc")

        editor.handle(.home)
        editor.handle(.end)
        editor.handle(.character("d"))

        XCTAssertEqual(editor.text, "abcd")
    }

    func testVisibleWindowScrollsToKeepCursorVisible() {
        let editor = LineEditor("0123456789")

        let window = editor.visibleWindow(width: 5)

        XCTAssertEqual(window.text, "6789")
        XCTAssertEqual(window.cursorColumn, 4)
    }

    func testVisibleWindowCountsWideCharacters() {
        let editor = LineEditor("中文")

        XCTAssertEqual(editor.visibleWindow(width: 10).cursorColumn, 4)
    }
}
