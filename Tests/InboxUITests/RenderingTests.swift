import BPMNModel
import WorkflowEngine
import XCTest

@testable import InboxUI

final class RenderingTests: XCTestCase {
    private func sampleState(size: ScreenSize = ScreenSize(rows: 24, columns: 80)) -> InboxState {
        TestSupport.state(
            size: size,
            models: [TestSupport.model("Buy Used Car"), TestSupport.model("Leave Application")],
            instances: [TestSupport.instance(id: "i-1", name: "Buy Used Car")],
            tasks: [
                TestSupport.task(id: "1", name: "Buy", instanceName: "Buy Used Car"),
                TestSupport.task(id: "2", name: "Clean", instanceName: "Buy Used Car", assignee: nil),
            ])
    }

    // MARK: Layout

    func testLayoutAt80x24ShowsEveryPaneTitle() {
        let screen = TestSupport.render(sampleState())

        XCTAssertEqual(screen.find(" Models (2)")?.column, 0)
        XCTAssertEqual(screen.find(" Instances (1)")?.column, 0)
        XCTAssertEqual(screen.find(" Tasks (2)")?.column, 0)
        XCTAssertNotNil(screen.find(" Task"))
    }

    func testLayoutAt80x24StacksListPanesTopToBottom() throws {
        let screen = TestSupport.render(sampleState())

        let models = try XCTUnwrap(screen.find(" Models (2)")).row
        let instances = try XCTUnwrap(screen.find(" Instances (1)")).row
        let tasks = try XCTUnwrap(screen.find(" Tasks (2)")).row

        XCTAssertLessThan(models, instances)
        XCTAssertLessThan(instances, tasks)
        XCTAssertLessThan(tasks, 22)
    }

    func testStatusBarShowsUserDatabaseAndHints() {
        let screen = TestSupport.render(sampleState())
        let statusLine = screen.line(23)

        XCTAssertTrue(statusLine.hasPrefix(" alice "))
        XCTAssertTrue(statusLine.contains("inbox.sqlite"))
        XCTAssertTrue(statusLine.contains("? help"))
        XCTAssertTrue(statusLine.contains("q quit"))
    }

    func testStatusBarFillsWholeRowInItsRole() {
        let screen = TestSupport.render(sampleState())

        XCTAssertEqual(screen.role(row: 23, column: 79), .statusBar)
    }

    func testFocusedPaneTitleUsesFocusedRole() throws {
        let screen = TestSupport.render(sampleState())
        let tasks = try XCTUnwrap(screen.find(" Tasks (2)"))

        XCTAssertEqual(screen.role(row: tasks.row, column: 1), .paneTitleFocused)
    }

    func testSelectedRowIsHighlightedAcrossThePane() throws {
        let screen = TestSupport.render(sampleState())
        let row = try XCTUnwrap(screen.rows(containing: " Buy ").first { screen.role(row: $0, column: 1) == .selection })

        XCTAssertEqual(screen.role(row: row, column: 30), .selection)
    }

    func testTaskRowShowsAssigneeAndDash() {
        let screen = TestSupport.render(sampleState())

        XCTAssertFalse(screen.rows(containing: "alice").filter { $0 < 22 }.isEmpty)
        XCTAssertTrue(screen.text.contains(" Clean"))
    }

    func testInstanceTitleShowsTotalBeyondLoadedRows() {
        var state = sampleState()
        state.instanceTotal = 1200

        XCTAssertNotNil(TestSupport.render(state).find(" Instances (1 of 1200)"))
    }

    func testLargerScreenGivesTasksMoreRows() throws {
        let small = Layout(size: ScreenSize(rows: 24, columns: 80))
        let large = Layout(size: ScreenSize(rows: 50, columns: 160))

        XCTAssertGreaterThan(try XCTUnwrap(large.panes[.tasks]).height, try XCTUnwrap(small.panes[.tasks]).height)
    }

    // MARK: Wide characters

    func testWideNamesKeepFollowingColumnsAligned() throws {
        let state = TestSupport.state(tasks: [
            TestSupport.task(id: "1", name: "Buy", instanceName: "Car"),
            TestSupport.task(id: "2", name: "買い物", instanceName: "車"),
            TestSupport.task(id: "3", name: "🚗 Drive", instanceName: "Café\u{301}"),
            TestSupport.task(id: "4", name: "Cafe\u{301}", instanceName: "中文"),
        ])
        let screen = TestSupport.render(state)
        let rect = try XCTUnwrap(state.layout.panes[.tasks])

        let columns = (rect.row + 1...rect.row + 4).map { screen.column(of: "alice", inRow: $0) }

        XCTAssertEqual(columns.count, 4)
        XCTAssertNotNil(columns[0])
        XCTAssertEqual(Set(columns).count, 1, "assignee column starts at \(columns)")
    }

    func testTaskNameFitsEighteenCellsAt80Columns() throws {
        let name = "Check credit score"
        let state = TestSupport.state(tasks: [TestSupport.task(id: "abcdef1", name: name, instanceName: "Buy Used Car")])
        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        XCTAssertTrue(screen.line(row).contains(" \(name) "), screen.line(row))
        XCTAssertTrue(screen.line(row).contains(" alice "), screen.line(row))
        XCTAssertFalse(screen.line(row).contains("instan"), "instance id still shown: \(screen.line(row))")
    }

    func testTaskNameTakesSpareWidthWhenWide() throws {
        let name = "Check the credit of the buyer"
        let state = TestSupport.state(
            size: ScreenSize(rows: 30, columns: 120),
            tasks: [TestSupport.task(id: "abcdef1", name: name, instanceName: "Buy Used Car")])
        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        XCTAssertTrue(screen.line(row).contains(" \(name) "), screen.line(row))
        XCTAssertTrue(screen.line(row).contains(" Buy Used Car "), screen.line(row))
        XCTAssertTrue(screen.line(row).contains(" instan"), "instance id missing: \(screen.line(row))")
    }

    func testSeparatorStaysInPlaceAfterWideNames() throws {
        let state = TestSupport.state(tasks: [
            TestSupport.task(id: "1", name: String(repeating: "中", count: 40), instanceName: "車"),
        ])
        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        XCTAssertEqual(screen.column(of: "│", inRow: row), state.layout.separatorColumn)
    }

    func testLongNameIsTruncatedWithEllipsis() throws {
        let longName = "Approve the quarterly budget of the northern region"
        let state = TestSupport.state(tasks: [TestSupport.task(id: "1", name: longName, instanceName: "Budget")])
        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        XCTAssertTrue(screen.line(row).contains("…"))
        XCTAssertFalse(screen.line(row).contains(longName))
    }

    func testTruncatedWideNameDoesNotSplitCharacter() throws {
        let state = TestSupport.state(tasks: [
            TestSupport.task(id: "1", name: String(repeating: "中", count: 30), instanceName: "Car"),
        ])
        let screen = TestSupport.render(state)
        let row = try XCTUnwrap(state.layout.panes[.tasks]).row + 1

        let ellipsis = try XCTUnwrap(screen.column(of: "…", inRow: row))
        XCTAssertFalse(screen.cells[row][ellipsis].isContinuation)
        XCTAssertEqual(screen.cells[row][ellipsis - 1].text.isEmpty || screen.cells[row][ellipsis - 1].text == " ", true)
    }

    func testControlCharactersInDataAreSanitized() {
        let state = TestSupport.state(tasks: [
            TestSupport.task(id: "1", name: "Bad\u{1B}[2Jname", instanceName: "Car\nX"),
        ])

        let text = TestSupport.render(state).text

        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("Bad\u{FFFD}[2Jname"))
    }

    // MARK: Small screens and overlays

    func testTooSmallScreenNamesTheNeededSize() {
        let screen = TestSupport.render(sampleState(size: ScreenSize(rows: 12, columns: 50)))

        XCTAssertTrue(screen.text.contains("Terminal too small: 50x12."))
        XCTAssertTrue(screen.text.contains("needs at least 60x16"))
        XCTAssertFalse(screen.text.contains("Models"))
    }

    func testMinimumSizeShowsPanes() {
        let screen = TestSupport.render(sampleState(size: ScreenSize(rows: 16, columns: 60)))

        XCTAssertNotNil(screen.find(" Tasks (2)"))
        XCTAssertTrue(screen.line(15).hasPrefix(" alice "))
    }

    func testHelpOverlayListsEveryBinding() {
        var state = sampleState(size: ScreenSize(rows: 60, columns: 100))
        state.isShowingHelp = true

        let text = TestSupport.render(state).text

        for binding in KeyMap.list {
            XCTAssertTrue(text.contains(binding.keyLabels), "help has no '\(binding.keyLabels)'")
        }
        for binding in KeyMap.form {
            XCTAssertTrue(text.contains(binding.keyLabels), "help has no '\(binding.keyLabels)'")
        }
    }

    func testHelpOverlayFitsAt80x24() {
        var state = sampleState()
        state.isShowingHelp = true

        let screen = TestSupport.render(state)

        XCTAssertNotNil(screen.find("┌─ Keys "))
        XCTAssertNotNil(screen.find("Tab"))
    }

    func testFormErrorAppearsBesideField() throws {
        var state = sampleState()
        let amount = FormField(id: "amount", label: "Amount", type: "long")
        var form = FormState(
            purpose: .start(modelName: "M"), title: "Start M",
            inputs: [FormFactory.input(for: amount, conditions: []), FormInput(key: "", label: "Data (JSON)", kind: .jsonObject)])
        _ = form.inputs[0].handle(.character("x"))
        XCTAssertNil(form.validatedData())
        state.form = form

        let screen = TestSupport.render(state)
        let label = try XCTUnwrap(screen.find("Amount"))
        let error = try XCTUnwrap(screen.find("! 'x' is not a whole number"))

        XCTAssertEqual(error.row, label.row + 1)
        XCTAssertGreaterThan(error.column, label.column)
        XCTAssertEqual(screen.role(row: error.row, column: error.column), .formError)
    }

    func testFormShowsYesNoEncoding() {
        var state = sampleState()
        let field = FormField(id: "needsCleaning", label: "Cleaning Required?", type: "boolean")
        let input = FormFactory.input(for: field, conditions: [#"$(item.data.needsCleaning=="Yes")"#])
        state.form = FormState(purpose: .start(modelName: "M"), title: "Start M", inputs: [input])

        XCTAssertTrue(TestSupport.render(state).text.contains(#"[ ] sends "No""#))
    }

    func testFormPlacesCursorInFocusedTextInput() throws {
        var state = sampleState()
        var form = FormFactory.startForm(modelName: "M", definitions: nil)
        for character in "{}" { _ = form.handle(.character(character)) }
        state.form = form

        let screen = TestSupport.render(state)
        let cursor = try XCTUnwrap(screen.cursor)
        let value = try XCTUnwrap(screen.find("{}"))

        XCTAssertEqual(cursor, CellPosition(row: value.row, column: value.column + 2))
    }
}

extension RenderingTests {
    func testDialogShowsEveryNoticeWrapped() {
        var state = sampleState()
        state.dialog = Dialog(title: "Start-up notices", paragraphs: [
            "theme 'ocean' not found in /home/alice/.config/bpmn-inbox/themes, /usr/local/share/bpmn-inbox/themes; using the built-in 'default' theme",
            "terminal type 'xterm-ghostty' is unknown here",
        ])

        let text = TestSupport.render(state).text

        XCTAssertTrue(text.contains("┌─ Start-up notices "))
        XCTAssertTrue(text.contains("using the built-in 'default'"))
        XCTAssertTrue(text.contains("terminal type 'xterm-ghostty' is unknown here"))
    }
}
