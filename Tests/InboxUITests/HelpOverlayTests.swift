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

        for _ in 0..<40 { driver.press(.character("j")) }

        XCTAssertEqual(driver.state.helpScroll, HelpLines.maximumScroll(in: driver.state.layout.size))
        XCTAssertTrue(driver.render().contains(lastLine))
    }

    func testFirstUpKeyAfterEndScrolls() throws {
        let driver = try openHelp()
        for _ in 0..<40 { driver.press(.character("j")) }
        let atEnd = driver.render()

        driver.press(.character("k"))

        XCTAssertNotEqual(driver.render(), atEnd)
        XCTAssertFalse(driver.render().contains(lastLine))
    }

    func testPageDownStopsAtLastPage() throws {
        let driver = try openHelp()

        for _ in 0..<10 { driver.press(.pageDown) }

        XCTAssertEqual(driver.state.helpScroll, HelpLines.maximumScroll(in: driver.state.layout.size))
    }

    func testResizeClampsScroll() throws {
        let driver = try openHelp()
        for _ in 0..<40 { driver.press(.character("j")) }

        driver.app.controller.resize(to: ScreenSize(rows: 60, columns: 100))

        XCTAssertEqual(driver.state.helpScroll, 0)
    }

    func testHelpListsControlCFormCancel() throws {
        let lines = HelpLines.build().map(\.text)

        let cancelLine = try XCTUnwrap(lines.first { $0.contains("cancel the form") }, lines.joined(separator: "\n"))
        XCTAssertTrue(cancelLine.contains("Esc / Ctrl-C"), cancelLine)
    }
}
