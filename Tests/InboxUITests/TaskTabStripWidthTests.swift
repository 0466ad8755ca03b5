import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The task view strip on the Tasks pane's title row keeps all five views with their counts
/// at 80 columns for counts of up to three digits.
final class TaskTabStripWidthTests: XCTestCase {
    /// Renders a state listing `taskCount` tasks with `counts` per view and returns the Tasks
    /// pane's title row.
    private func titleRow(size: ScreenSize, taskCount: Int, counts: [TaskView: Int]) throws -> String {
        let tasks = (0..<taskCount).map { TestSupport.task(id: "t\($0)", name: "Task \($0)", instanceName: "Order") }
        var state = TestSupport.state(size: size, tasks: tasks)
        state.taskCounts = counts
        let screen = TestSupport.render(state)
        let rect = try XCTUnwrap(state.layout.panes[.tasks])
        return String(screen.line(rect.row).dropFirst(rect.column).prefix(rect.width))
    }

    func testTwoDigitCountsKeepEveryView() throws {
        let counts: [TaskView: Int] = [.mine: 3, .myGroups: 5, .all: 14, .overdue: 2, .completedByMe: 40]

        let row = try titleRow(size: ScreenSize(rows: 24, columns: 80), taskCount: 14, counts: counts)

        XCTAssertEqual(row, " Tasks (14) M 3 G 5 A 14 L 2 D 40           ")
    }

    func testThreeDigitCountsKeepEveryView() throws {
        let counts: [TaskView: Int] = [.mine: 120, .myGroups: 345, .all: 999, .overdue: 101, .completedByMe: 876]

        let row = try titleRow(size: ScreenSize(rows: 24, columns: 80), taskCount: 140, counts: counts)

        for label in ["M 120", "G 345", "A 999", "L 101", "D 876"] {
            XCTAssertTrue(row.contains(label), "'\(label)' missing from '\(row)'")
        }
        XCTAssertFalse(row.contains("/5)"), row)
    }

    func testOneDigitCountsKeepShortTitles() throws {
        let counts: [TaskView: Int] = [.mine: 1, .myGroups: 1, .all: 4, .overdue: 1, .completedByMe: 9]

        let row = try titleRow(size: ScreenSize(rows: 24, columns: 80), taskCount: 4, counts: counts)

        XCTAssertTrue(row.contains("Mine 1 Grp 1 All 4 Late 1 Done 9"), row)
    }

    func testWideScreenKeepsFullTitles() throws {
        let counts: [TaskView: Int] = [.mine: 1, .myGroups: 1, .all: 4, .overdue: 1, .completedByMe: 12]

        let row = try titleRow(size: ScreenSize(rows: 40, columns: 120), taskCount: 4, counts: counts)

        XCTAssertTrue(row.contains(" Tasks (4) Mine 1 My groups 1 All 4 Overdue 1 Completed 12"), row)
    }

    func testNarrowStripShowsCurrentViewWithPosition() {
        var state = TestSupport.state()
        state.taskCounts = [.mine: 3, .myGroups: 5, .all: 14, .overdue: 2, .completedByMe: 40]
        state.taskView = .all

        let segments = TaskTabStrip.segments(state, width: 14)

        XCTAssertEqual(segments.map(\.text), ["All 14 (3/5)"])
    }

    func testNarrowerStripDropsPositionFirst() {
        var state = TestSupport.state()
        state.taskCounts = [.mine: 3, .myGroups: 5, .all: 14, .overdue: 2, .completedByMe: 40]
        state.taskView = .all

        let segments = TaskTabStrip.segments(state, width: 8)

        XCTAssertEqual(segments.map(\.text), ["All 14"])
    }

    func testClickOnLetterTabSelectsItsView() {
        var state = TestSupport.state()
        state.taskCounts = [.mine: 3, .myGroups: 5, .all: 14, .overdue: 2, .completedByMe: 40]
        let stripStart = TaskTabStrip.titleWidth(state)
        let segments = TaskTabStrip.segments(state, width: 44 - stripStart)
        let late = segments.first { $0.view == .overdue }

        let view = late.flatMap { TaskTabStrip.view(atColumn: stripStart + $0.column, state: state, width: 44) }

        XCTAssertEqual(view, .overdue)
    }
}
