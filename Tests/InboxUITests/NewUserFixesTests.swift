import BPMNModel
import Foundation
import ProcessDiagram
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Message form keys, the Waiting tab's key, theme errors, the Overview's waiting rows and the
/// zoom a diagram opens at, on the example models and a real database.
final class NewUserFixesTests: XCTestCase {
    private typealias Key = EventFormFactory.Key

    private func laptopAndShop() throws -> (InboxDriver, laptop: Execution, shop: Execution) {
        let driver = try InboxDriver(models: [
            ("Laptop loan", try DiagramViewTests.exampleSource("Laptop loan")),
            ("Shop order", try DiagramViewTests.exampleSource("Shop order")),
        ])
        let started = try driver.engine.start(
            "Laptop loan", data: ["borrower": "alice"], user: UserContext(name: "ivan", groups: ["it"]))
        let laptop = try driver.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_hand_out"], data: ["assetTag": "LT-0042"],
            user: UserContext(name: "ivan", groups: ["it"]))
        let shop = try driver.engine.start("Shop order", data: ["orderId": "A-1001"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        return (driver, laptop, shop)
    }

    private func keyText(_ driver: InboxDriver) -> String {
        driver.state.form?.fieldText(Key.matchingKey) ?? "<no form>"
    }

    // MARK: Message form

    func testMessageKeyFollowsChosenMessage() throws {
        let (driver, laptop, shop) = try laptopAndShop()
        driver.selectInstance(laptop.id)
        driver.press(.character("m"))
        XCTAssertEqual(driver.state.form?.fieldText(Key.name), "device-lost")
        XCTAssertEqual(keyText(driver), #"{"data.assetTag":"LT-0042"}"#)

        driver.press(.right)

        XCTAssertEqual(driver.state.form?.fieldText(Key.name), "payment-received")
        XCTAssertEqual(keyText(driver), #"{"data.orderId":"A-1001"}"#)
        driver.press(.control("s"))
        XCTAssertNil(driver.state.form, driver.state.form?.failure ?? "")
        XCTAssertTrue(driver.messageText.hasPrefix("Message 'payment-received' reached Shop order"), driver.messageText)
    }

    func testMessageKeyClearedWhenSeveralWait() throws {
        let (driver, laptop, _) = try laptopAndShop()
        _ = try driver.engine.start("Shop order", data: ["orderId": "A-1002"], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(laptop.id)

        driver.press(.character("m"), .right)

        XCTAssertEqual(driver.state.form?.fieldText(Key.name), "payment-received")
        XCTAssertEqual(keyText(driver), "")
    }

    func testMessageKeyTypedByUserIsKept() throws {
        let (driver, laptop, _) = try laptopAndShop()
        driver.selectInstance(laptop.id)
        driver.press(.character("m"), .tab, .tab)
        for _ in 0..<80 { driver.press(.backspace) }
        driver.type(#"{"data.assetTag": "LT-0042"}"#)

        driver.press(.backTab, .backTab, .right)

        XCTAssertEqual(driver.state.form?.fieldText(Key.name), "payment-received")
        XCTAssertEqual(keyText(driver), #"{"data.assetTag": "LT-0042"}"#)
    }

    // MARK: Waiting tab

    func testWaitingTabKeyMentionsAnyInstanceQuery() throws {
        let (driver, laptop, _) = try laptopAndShop()
        var detail = driver.app.controller.loadInstanceDetail(laptop.instance)
        detail.tab = .waiting

        let text = InstanceDetailLines.page(detail, width: 200).lines.map(\.text).joined(separator: "\n")

        XCTAssertTrue(text.contains(#"    key {"data.assetTag":"LT-0042"}"#), text)
        XCTAssertTrue(text.contains("    or any query that matches this instance"), text)
    }

    func testDataKeyFromDocsReachesReceiver() throws {
        let (driver, laptop, _) = try laptopAndShop()

        let delivery = try driver.engine.throwMessage(
            "device-lost", data: .emptyObject, matchingKey: ["data.assetTag": "LT-0042"], user: UserContext(name: "ivan"))

        XCTAssertEqual(delivery.receivers.map(\.instanceId), [laptop.id])
    }

    // MARK: Overview

    func testOverviewWaitingRowsShareOneLayout() throws {
        let (driver, laptop, _) = try laptopAndShop()
        let detail = driver.app.controller.loadInstanceDetail(laptop.instance)

        for (width, expectsTwoRows) in [(30, true), (38, true), (60, false), (100, false)] {
            let lines = InstanceDetailLines.page(detail, width: width).lines.map(\.text)
            let start = try XCTUnwrap(lines.firstIndex(of: "Waiting for"), "\(lines)")
            let rows = Array(lines[(start + 1)...].prefix { !$0.isEmpty })
            let eventRows = rows.filter { $0.contains("message '") || $0.contains("signal '") || $0.contains("timer ") }
            XCTAssertEqual(eventRows.count, 3, "width \(width): \(rows)")
            XCTAssertEqual(rows.count, expectsTwoRows ? 6 : 3, "width \(width): \(rows)")
            XCTAssertTrue(eventRows.allSatisfy { $0.hasPrefix("    ") == expectsTwoRows }, "width \(width): \(rows)")
        }
    }

    func testOverviewWaitingEventsAlignInOneColumn() throws {
        let (driver, laptop, _) = try laptopAndShop()
        let detail = driver.app.controller.loadInstanceDetail(laptop.instance)

        let lines = InstanceDetailLines.page(detail, width: 80).lines.map(\.text)

        let recall = try XCTUnwrap(lines.first { $0.contains("signal 'laptop-recall'") })
        let lost = try XCTUnwrap(lines.first { $0.contains("message 'device-lost'") })
        XCTAssertEqual(recall.range(of: "signal")?.lowerBound.utf16Offset(in: recall), lost.range(of: "message")?.lowerBound.utf16Offset(in: lost))
    }

    // MARK: Themes

    func testThemeSwitchNamesReasonAndThemes() throws {
        let (driver, _, _) = try laptopAndShop()

        driver.app.controller.switchTheme(to: "nope")

        XCTAssertTrue(driver.messageText.hasPrefix("Theme 'nope' was not applied: no such theme (available: "), driver.messageText)
        XCTAssertTrue(driver.messageText.contains("default"), driver.messageText)
        XCTAssertTrue(driver.messageText.contains("mono"), driver.messageText)
        XCTAssertTrue(driver.messageText.hasSuffix("the theme stays 'default'."), driver.messageText)
    }

    func testThemeNotFoundNoticeListsThemes() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: "nope", terminalHasColors: true)

        XCTAssertTrue(selection.notices.first?.contains("available themes: ") ?? false, "\(selection.notices)")
        XCTAssertTrue(selection.notices.first?.contains("light") ?? false, "\(selection.notices)")
    }

    // MARK: Diagram zoom

    func testZoomPrefersWholeDrawing() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (70, 30), .short: (60, 18), .symbols: (40, 10)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .short)
    }

    func testZoomPrefersNamesFittingWidth() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (90, 40), .short: (70, 25), .symbols: (40, 12)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .short)
    }

    func testZoomPrefersNamesFittingHeightOverSymbols() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (200, 30), .short: (150, 18), .symbols: (70, 12)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .short)
    }

    func testZoomFallsBackToSymbols() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (200, 40), .short: (150, 25), .symbols: (70, 19)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .symbols)
    }

    func testZoomKeepsNamesWhenNothingFits() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (200, 40), .short: (150, 25), .symbols: (90, 22)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .short)
    }

    func testZoomKeepsNamesWhenSlightlyTooWide() {
        let sizes: [DiagramZoom: (width: Int, height: Int)] = [.full: (121, 29), .short: (91, 23), .symbols: (54, 13)]

        XCTAssertEqual(DiagramZoomChoice.choose(sizes: sizes, view: (80, 19)), .short)
    }

    func testShopOrderTourShowsNamesAt80x24() throws {
        let definitions = try BPMNParser.parse(string: try DiagramViewTests.exampleSource("Shop order"))

        let view = DiagramViewState(
            definitions: definitions, title: "Shop order", execution: nil, size: ScreenSize(rows: 24, columns: 80),
            showsCaptions: true)

        XCTAssertEqual(view.viewport.options.zoom, .short)
        XCTAssertEqual(view.viewport.origin, CellPoint(x: 0, y: 0))
    }
}
