import XCTest

@testable import InboxUI

/// Decoding of CSI and SS3 sequences that ncurses leaves undecoded.
final class EscapeSequenceTests: XCTestCase {
    func testSGRPressIsClickAtZeroBasedCell() {
        XCTAssertEqual(EscapeSequence.decode("[<0;20;14M"), .click(CellPosition(row: 13, column: 19)))
    }

    func testSGRClickBeyondColumn223() {
        XCTAssertEqual(EscapeSequence.decode("[<0;300;2M"), .click(CellPosition(row: 1, column: 299)))
    }

    func testSGRReleaseIsDropped() {
        XCTAssertNil(EscapeSequence.decode("[<0;20;14m"))
    }

    func testSGRWheelTurns() {
        XCTAssertEqual(EscapeSequence.decode("[<64;5;6M"), .wheelUp(CellPosition(row: 5, column: 4)))
        XCTAssertEqual(EscapeSequence.decode("[<65;5;6M"), .wheelDown(CellPosition(row: 5, column: 4)))
    }

    func testSGRMotionIsDropped() {
        XCTAssertNil(EscapeSequence.decode("[<32;5;6M"))
    }

    func testModifiedArrowIsArrow() {
        XCTAssertEqual(EscapeSequence.decode("[1;5A"), .up)
    }

    func testTildeKeys() {
        XCTAssertEqual(EscapeSequence.decode("[5~"), .pageUp)
        XCTAssertEqual(EscapeSequence.decode("[3;2~"), .delete)
        XCTAssertEqual(EscapeSequence.decode("[15~"), .function(5))
    }

    func testSS3FunctionKey() {
        XCTAssertEqual(EscapeSequence.decode("OP"), .function(1))
    }

    func testUnknownSequenceIsDropped() {
        XCTAssertNil(EscapeSequence.decode("[99~"))
        XCTAssertNil(EscapeSequence.decode("[?1u"))
    }

    func testCompletionStopsAtFinalByte() {
        XCTAssertFalse(EscapeSequence.isComplete("["))
        XCTAssertFalse(EscapeSequence.isComplete("[<"))
        XCTAssertFalse(EscapeSequence.isComplete("[<0;20"))
        XCTAssertTrue(EscapeSequence.isComplete("[<0;20;14M"))
        XCTAssertTrue(EscapeSequence.isComplete("[99~"))
    }
}
