import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Task views, claims, marks, the command line, mouse and notifications on a real engine and
/// SQLite file, driven by keys.
final class TaskInboxEndToEndTests: XCTestCase {
    private static let assigned = TmuxModels.review.replacingOccurrences(
        of: #"camunda:candidateUsers="alice,bob""#, with: #"camunda:assignee="alice""#)

    private func reviews(_ count: Int) throws -> InboxDriver {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        for caseId in 1...count {
            try driver.engine.start("Review", data: ["caseId": .number(Double(caseId))], user: UserContext(name: "alice"))
        }
        driver.app.controller.refresh()
        return driver
    }

    private func query(_ task: TaskSummary) -> JSONValue {
        ["id": .string(task.item.instanceId), "items.id": .string(task.item.id)]
    }

    private func command(_ text: String, on driver: InboxDriver) {
        driver.press(.character(":"))
        driver.type(text)
        driver.press(.enter)
    }

    // MARK: Views and order

    func testNumberKeysSwitchTaskView() throws {
        let driver = try reviews(2)

        driver.press(.character("1"))
        XCTAssertEqual(driver.state.taskView, .mine)
        XCTAssertEqual(driver.state.tasks.count, 0)

        driver.press(.character("3"))
        XCTAssertEqual(driver.state.taskView, .all)
        XCTAssertEqual(driver.state.tasks.count, 2)
    }

    func testTabTitlesShowCounts() throws {
        let driver = try reviews(2)

        let text = driver.render()

        XCTAssertTrue(text.contains("Mine 0"), text)
        XCTAssertTrue(text.contains("All 2"), text)
    }

    func testSortKeyCyclesOrders() throws {
        let driver = try reviews(1)

        driver.press(.character("o"))
        XCTAssertEqual(driver.state.taskSort, .priority)
        driver.press(.character("o"), .character("o"), .character("o"))
        XCTAssertEqual(driver.state.taskSort, .created)
    }

    func testFilterIgnoresCaseAndAccents() {
        let row = PaneRow(id: "1", cells: ["Approve Müller", "École"])

        XCTAssertTrue(row.matches("MULL"))
        XCTAssertTrue(row.matches("ecole"))
        XCTAssertFalse(row.matches("miller"))
    }

    func testOverdueDueDateIsMarked() {
        var task = TestSupport.task(id: "1", name: "Buy", instanceName: "Car")
        task.item.dueDate = TestSupport.referenceDate.addingTimeInterval(-60)

        let rows = PaneRows.taskRows([task], now: TestSupport.referenceDate)

        XCTAssertTrue(rows[0].cells[3].hasPrefix("!"), rows[0].cells[3])
    }

    func testCompletedViewShowsEndDate() {
        var task = TestSupport.task(id: "1", name: "Buy", instanceName: "Car")
        task.item.endedAt = TestSupport.referenceDate

        let rows = PaneRows.taskRows([task], now: TestSupport.referenceDate, completed: true)

        XCTAssertEqual(rows[0].cells[3], DisplayFormat.compactDay(TestSupport.referenceDate, now: TestSupport.referenceDate))
    }

    func testEscapeClearsMarksWithoutFilter() throws {
        let driver = try reviews(2)
        driver.press(.character("V"))

        driver.press(.escape)

        XCTAssertEqual(driver.state.marked, [])
    }

    func testPasteIntoCommandLineDoesNotRun() throws {
        let driver = try reviews(1)
        driver.press(.character(":"), .pasteBegin)
        driver.type("quit")
        driver.press(.enter, .pasteEnd)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "quit ")
    }

    // MARK: Claim, unclaim, bulk

    func testClaimKeyAssignsSelectedTaskToUser() throws {
        let driver = try reviews(1)

        driver.press(.character("c"))

        XCTAssertEqual(driver.state.tasks.first?.item.assignee, "alice")
        XCTAssertEqual(driver.messageText, "Claimed Review (Review).")
        XCTAssertEqual(driver.state.taskCounts[.mine], 1)
    }

    func testUnclaimKeyGivesTaskBack() throws {
        let driver = try reviews(1)
        driver.press(.character("c"))

        driver.press(.character("u"))

        XCTAssertNil(driver.state.tasks.first?.item.assignee)
        XCTAssertEqual(driver.state.taskCounts[.mine], 0)
    }

    func testBulkClaimReportsEachFailure() throws {
        let driver = try reviews(2)
        driver.press(.character("V"))
        XCTAssertEqual(driver.state.marked.count, 2)
        let claimedByBob = try XCTUnwrap(driver.state.tasks.last)
        _ = try driver.engine.claim(query(claimedByBob), user: UserContext(name: "bob"))

        driver.press(.character("c"))

        XCTAssertTrue(driver.messageText.hasPrefix("Claimed 1 of 2 tasks; 1 failed: Review (Review): "), driver.messageText)
        XCTAssertTrue(driver.messageText.contains("bob"), driver.messageText)
        XCTAssertEqual(driver.state.dialog?.title, "Could not claim 1 of 2")
        XCTAssertEqual(driver.state.marked, [claimedByBob.item.id])
    }

    func testBulkCompleteUsesOneFormForMarkedTasks() throws {
        let driver = try reviews(2)
        driver.press(.character("V"), .enter)
        XCTAssertEqual(driver.state.form?.title, "Complete 2 × Review - Review")

        driver.press(.character(" "), .control("s"))

        XCTAssertNil(driver.state.form, driver.state.form?.failure ?? "")
        XCTAssertEqual(driver.messageText, "Completed 2 of 2 tasks.")
        XCTAssertEqual(driver.state.tasks.count, 0)
    }

    func testBulkCompleteRejectsMixedForms() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review), ("Waits", TmuxModels.waits)])
        try driver.engine.start("Review", user: UserContext(name: "alice"))
        try driver.engine.importModel(name: "Other", source: TmuxModels.review.replacingOccurrences(of: "name=\"Review\"", with: "name=\"Check\""))
        try driver.engine.start("Other", user: UserContext(name: "alice"))
        driver.app.controller.refresh()

        driver.press(.character("V"), .enter)

        XCTAssertNil(driver.state.form)
        XCTAssertTrue(driver.messageText.contains("different forms"), driver.messageText)
    }

    func testBulkAssignChangesEveryMarkedTask() throws {
        let driver = try reviews(2)
        driver.press(.character("V"), .character("a"))
        XCTAssertEqual(driver.state.form?.title, "Assign 2 marked tasks")
        driver.press(.tab, .tab, .tab)
        driver.type("2030-01-31")

        driver.press(.control("s"))

        XCTAssertNil(driver.state.form, driver.state.form?.failure ?? "")
        XCTAssertEqual(driver.messageText, "Assigned 2 of 2 tasks.")
        XCTAssertEqual(driver.state.tasks.compactMap(\.item.dueDate).count, 2)
    }

    func testAssignCommandAssignsSelectedTask() throws {
        let driver = try reviews(1)

        command("assign alice", on: driver)

        XCTAssertEqual(driver.state.tasks.first?.item.assignee, "alice")
        XCTAssertEqual(driver.messageText, "Assigned to alice: Review (Review).")
    }

    // MARK: Safety

    func testSubmitAfterSomeoneElseCompletedSaysSo() throws {
        let driver = try reviews(1)
        driver.press(.enter)
        let task = try XCTUnwrap(driver.state.tasks.first)
        _ = try driver.engine.invoke(query(task), data: ["approved": true], user: UserContext(name: "bob"))

        driver.press(.control("s"))

        XCTAssertNotNil(driver.state.form)
        XCTAssertTrue(driver.messageText.contains("no longer waits: bob completed it"), driver.messageText)
        let history = try driver.engine.history(instanceId: task.item.instanceId).filter { $0.action == "invoke" }
        XCTAssertEqual(history.map(\.user), ["bob"])
    }

    func testReadOnlyEngineRefusalIsShown() throws {
        let driver = try reviews(1)
        let store = try SQLiteStore(path: driver.path)
        let readOnly = WorkflowEngine(store: store, clock: driver.clock, options: EngineOptions(readOnly: true))
        let app = InboxApp(engine: readOnly, user: UserContext(name: "alice"), databasePath: driver.path, themeName: nil)
        app.isReadOnly = true
        app.controller.refresh()

        app.handle(.character("c"))

        XCTAssertTrue(app.controller.state.message?.text.contains("read-only") ?? false, app.controller.state.message?.text ?? "")
        XCTAssertNil(try driver.engine.tasks(view: .all, user: UserContext(name: "alice")).first?.item.assignee)
    }

    func testNewTaskForUserIsCountedAndAnnounced() throws {
        let driver = try InboxDriver(models: [("Assigned", Self.assigned)])
        driver.press(.character("3"))

        try driver.engine.start("Assigned", user: UserContext(name: "bob"))
        driver.app.tick(now: Date().addingTimeInterval(60))

        XCTAssertEqual(driver.state.newTaskCount, 1)
        XCTAssertEqual(driver.app.controller.pendingNotification, "New task for you: Review (Assigned)")
        driver.press(.character("1"))
        XCTAssertEqual(driver.state.newTaskCount, 0)
    }

    func testOwnClaimIsNotAnnounced() throws {
        let driver = try reviews(1)

        driver.press(.character("c"))
        driver.app.tick(now: Date().addingTimeInterval(60))

        XCTAssertEqual(driver.state.newTaskCount, 0)
        XCTAssertNil(driver.app.controller.pendingNotification)
    }

    // MARK: Command line

    func testCommandLineCompletesCommandName() throws {
        let driver = try reviews(1)

        driver.press(.character(":"))
        driver.type("the")
        driver.press(.tab)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "theme ")
    }

    func testCommandLineCompletesModelName() throws {
        let driver = try reviews(1)

        driver.press(.character(":"))
        driver.type("start re")
        driver.press(.tab)

        XCTAssertEqual(driver.state.commandLine?.editor.text, "start Review")
    }

    func testStartCommandOpensStartForm() throws {
        let driver = try reviews(1)

        command("start Review", on: driver)

        XCTAssertEqual(driver.state.form?.title, "Start Review")
    }

    func testUnknownCommandNamesHelp() throws {
        let driver = try reviews(1)

        command("frobnicate", on: driver)

        XCTAssertEqual(driver.messageText, "Unknown command ':frobnicate'; press : then Tab to list the commands, or ? for help.")
    }

    func testFilterCommandNarrowsByData() throws {
        let driver = try reviews(3)

        command(#"filter {"data.caseId": {"$gt": 1}}"#, on: driver)

        XCTAssertEqual(driver.state.tasks.count, 2)
        XCTAssertEqual(driver.messageText, #"Filter {"data.caseId": {"$gt": 1}}: 2 tasks."#)
    }

    func testFilterCommandRejectsBadJSONWithColumn() throws {
        let driver = try reviews(1)

        command(#"filter {"data.caseId": }"#, on: driver)

        XCTAssertTrue(driver.messageText.hasPrefix("Invalid filter query at column 17"), driver.messageText)
        XCTAssertNil(driver.state.dataFilter)
    }

    func testSavedFilterIsStoredInDatabase() throws {
        let driver = try reviews(3)
        command(#"filter {"data.caseId": 2}"#, on: driver)

        command("save-filter second", on: driver)

        let reopened = InboxApp(engine: driver.engine, user: UserContext(name: "alice"), databasePath: driver.path, themeName: nil)
        XCTAssertEqual(reopened.controller.state.savedFilters, ["second": #"{"data.caseId": 2}"#])
        reopened.handle(.character(":"))
        for character in "filter second" { reopened.handle(.character(character)) }
        reopened.handle(.enter)
        XCTAssertEqual(reopened.controller.state.tasks.count, 1)
    }

    func testTabCommandShowsInstanceTab() throws {
        let driver = try reviews(1)
        driver.press(.backTab)

        command("tab history", on: driver)

        XCTAssertEqual(driver.state.detailInstance?.tab, .history)
        XCTAssertTrue(driver.render().contains("History (1)"), driver.render())
    }

    func testThemeCommandLoadsBuiltInTheme() throws {
        let driver = try reviews(1)

        command("theme dark", on: driver)

        XCTAssertEqual(driver.app.controller.requestedTheme, Theme.builtInDark)
        XCTAssertEqual(driver.state.themeName, "dark")
    }

    func testThemeCommandKeepsThemeForUnknownName() throws {
        let driver = try reviews(1)

        command("theme no-such-theme", on: driver)

        XCTAssertNil(driver.app.controller.requestedTheme)
        XCTAssertEqual(driver.state.dialog?.title, "Theme 'no-such-theme' not applied")
    }

    // MARK: Mouse

    func testClickSelectsRowAndFocusesPane() throws {
        let driver = try reviews(3)
        driver.app.controller.state.focus = .models
        let rect = try XCTUnwrap(driver.state.layout.panes[.tasks])

        driver.press(.click(CellPosition(row: rect.row + 3, column: 2)))

        XCTAssertEqual(driver.state.focus, .tasks)
        XCTAssertEqual(driver.state.pane(.tasks).selectedIndex, 2)
    }

    func testClickOnTabSelectsView() throws {
        let driver = try reviews(1)
        driver.render()
        let position = try XCTUnwrap(driver.screen.find("Mine 0"))

        driver.press(.click(position))

        XCTAssertEqual(driver.state.taskView, .mine)
    }

    func testWheelMovesSelectionOfPaneUnderPointer() throws {
        let driver = try reviews(5)
        let rect = try XCTUnwrap(driver.state.layout.panes[.tasks])

        driver.press(.wheelDown(CellPosition(row: rect.row + 1, column: 1)))

        XCTAssertEqual(driver.state.pane(.tasks).selectedIndex, 3)
    }

    // MARK: Instance detail tabs

    func testInstanceTabsAndJSONFolding() throws {
        let driver = try InboxDriver(models: [("Review", TmuxModels.review)])
        let execution = try driver.engine.start("Review", data: ["customer": ["name": "Zoë"]], user: UserContext(name: "alice"))
        driver.app.controller.refresh()
        driver.selectInstance(execution.id)

        driver.press(.character("2"))
        XCTAssertEqual(driver.state.detailInstance?.tab, .data)
        try driver.moveDetailCursor(to: "customer: {")
        driver.press(.enter)

        XCTAssertEqual(driver.state.collapsedPaths, ["customer"])
        XCTAssertTrue(driver.render().contains("customer: {… 1 key}"), driver.render())
    }

    func testWaitingTabNamesCandidates() throws {
        let driver = try reviews(1)
        let instanceId = try XCTUnwrap(driver.state.tasks.first?.item.instanceId)
        driver.selectInstance(instanceId)

        driver.press(.character("5"))

        let lines = driver.app.controller.detailPage().lines.map(\.text)
        XCTAssertTrue(lines.contains("    users: alice, bob"), lines.joined(separator: "\n"))
    }

    // MARK: Notifications

    func testOSC9SequenceDropsControlCharacters() {
        XCTAssertEqual(NotificationStyle.osc9.sequence(for: "New\u{7} task; now"), "\u{1B}]9;New task now\u{07}")
    }

    func testTmuxWrapsNotificationSequence() {
        XCTAssertEqual(
            NotificationStyle.osc777.sequence(for: "x", insideTmux: true),
            "\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;bpmn-inbox;x\u{07}\u{1B}\\")
    }

    func testNotifyOptionRejectsUnknownValue() {
        XCTAssertThrowsError(try NotificationStyle(option: "popup")) { error in
            XCTAssertEqual("\(error)", "invalid --notify value 'popup'; use one of: bell, osc9, osc777")
        }
    }
}
