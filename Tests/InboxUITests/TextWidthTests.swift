import XCTest

@testable import InboxUI

final class TextWidthTests: XCTestCase {
    func testASCIIIsOneColumnPerCharacter() {
        XCTAssertEqual(TextWidth.width(of: "Buy Used Car"), 12)
    }

    func testCJKTakesTwoColumns() {
        XCTAssertEqual(TextWidth.width(of: "中文"), 4)
    }

    func testEmojiTakesTwoColumns() {
        XCTAssertEqual(TextWidth.width(of: "🚗"), 2)
    }

    func testCombiningMarkTakesNoColumn() {
        XCTAssertEqual(TextWidth.width(of: "Cafe\u{301}"), 4)
    }

    func testTruncationEndsWithEllipsis() {
        XCTAssertEqual(TextWidth.truncated("Buy Used Car", to: 8), "Buy Use…")
    }

    func testTruncationNeverSplitsWideCharacter() {
        let cut = TextWidth.truncated("中文字符", to: 4)

        XCTAssertEqual(cut, "中…")
        XCTAssertEqual(TextWidth.width(of: cut), 3)
    }

    func testTruncationKeepsTextThatFits() {
        XCTAssertEqual(TextWidth.truncated("中文", to: 4), "中文")
    }

    func testFittedPadsToExactWidth() {
        XCTAssertEqual(TextWidth.width(of: TextWidth.fitted("中文字符", to: 6)), 6)
    }

    func testTruncationFromStartKeepsTheEnd() {
        XCTAssertEqual(TextWidth.truncatedFromStart("/var/lib/inbox.sqlite", to: 13), "…inbox.sqlite")
    }

    func testSanitizingReplacesControlCharacters() {
        XCTAssertEqual(TextWidth.sanitized("a\nb\u{1B}[31mc\td"), "a\u{FFFD}b\u{FFFD}[31mc d")
    }

    func testSanitizingReplacesBidirectionalOverride() {
        XCTAssertEqual(TextWidth.sanitized("ab\u{202E}cd"), "ab\u{FFFD}cd")
    }

    func testWrappingBreaksAtSpaces() {
        XCTAssertEqual(TextWidth.wrapped("one two three four", to: 9), ["one two", "three", "four"])
    }

    func testWrappingSplitsLongWords() {
        XCTAssertEqual(TextWidth.wrapped("中文字符串", to: 4), ["中文", "字符", "串"])
    }
}
