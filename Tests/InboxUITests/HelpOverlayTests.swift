import XCTest

@testable import InboxUI

/// Scrolling the `?` help overlay at 80x24, where it is taller than the screen.
final class HelpOverlayTests: XCTestCase {
    private let lastLine = "Esc, q or ? closes this help"

    private func openHelp() throws -> InboxDriver {
        let driver = try InboxDriver(models: [])
        driver.press(.character("?"))
        XCTAssertTrue(driver.state.isShowingHelp)
        return driver
    }

    func testHelpIsTallerThanScreen() throws {
        let driver = try openHelp()

        XCTAssertGreaterThan(HelpLines.maximumScroll(in: driver.state.layout.size), 0)
        XCTAssertFalse(driver.render().contains(lastLine))
    }

    func testScrollStopsAtLastPage() throws {
        let driver = try openHelp()

        for _ in 0..<200 { driver.press(.character("j")) }

        XCTAssertEqual(driver.state.helpScroll, HelpLines.maximumScroll(in: driver.state.layout.size))
        XCTAssertTrue(driver.render().contains(lastLine))
    }

    func testFirstUpKeyAfterEndScrolls() throws {
        let driver = try openHelp()
        for _ in 0..<200 { driver.press(.character("j")) }
        let atEnd = driver.render()

        driver.press(.character("k"))

        XCTAssertNotEqual(driver.render(), atEnd)
        XCTAssertFalse(driver.render().contains(lastLine))
    }

    func testPageDownStopsAtLastPage() throws {
        let driver = try openHelp()

        for _ in 0..<30 { driver.press(.pageDown) }

        XCTAssertEqual(driver.state.helpScroll, HelpLines.maximumScroll(in: driver.state.layout.size))
    }

    func testResizeClampsScroll() throws {
        let driver = try openHelp()
        for _ in 0..<200 { driver.press(.character("j")) }

        driver.app.controller.resize(to: ScreenSize(rows: 140, columns: 100))

        XCTAssertEqual(driver.state.helpScroll, 0)
    }

    func testHelpListsControlCFormCancel() throws {
        let lines = HelpLines.build().map(\.text)

        let cancelLine = try XCTUnwrap(lines.first { $0.contains("cancel the form") }, lines.joined(separator: "\n"))
        XCTAssertTrue(cancelLine.contains("Esc / Ctrl-C"), cancelLine)
    }

    func testReadOnlyHelpDimsClaimKey() throws {
        let lines = HelpLines.build(readOnly: true)

        let claim = try XCTUnwrap(lines.first { $0.text.contains("claim the selected or marked tasks") })
        XCTAssertEqual(claim.spans.map(\.role), [.dim])
        let move = try XCTUnwrap(lines.first { $0.text.contains("move down") })
        XCTAssertTrue(move.spans.contains { $0.role == .helpKey })
    }

    func testWideHelpShowsWholeKeyColumn() {
        let width = HelpLines.innerWidth(in: ScreenSize(rows: 40, columns: 120))

        let lines = HelpLines.build(width: width).map(\.text)

        XCTAssertTrue(lines.contains { $0.contains("Home / End, Ctrl-A / Ctrl-E") }, lines.joined(separator: "\n"))
    }

    func testHelpWrapsInsteadOfCutting() {
        let width = HelpLines.innerWidth(in: ScreenSize(rows: 24, columns: 80))

        let lines = HelpLines.build(width: width).map(\.text)

        XCTAssertFalse(lines.contains { $0.contains("…") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.allSatisfy { TextWidth.width(of: $0) <= width }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("(live, with the instance") || $0.contains("instance state)") }, lines.joined(separator: "\n"))
    }
}
