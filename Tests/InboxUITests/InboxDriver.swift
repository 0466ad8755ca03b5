import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

@testable import InboxUI

/// An inbox on a real SQLite file and engine, driven by keys and rendered into a memory
/// screen of 80x24, for the end-to-end tests.
final class InboxDriver {
    let directory: URL
    let engine: WorkflowEngine
    let clock: AdjustableClock
    let path: String
    let app: InboxApp
    let screen = MemoryScreen(rows: 24, columns: 80)

    var state: InboxState { app.controller.state }

    /// Imports `models` (name to BPMN source) into a new database whose engine runs on an
    /// adjustable clock. The inbox gets that clock as its demo clock when `demoClock` is true.
    init(models: [(String, String)], demoClock: Bool = true) throws {
        directory = try TestSupport.temporaryDirectory()
        clock = AdjustableClock()
        (engine, path) = try TestSupport.makeEngine(in: directory, clock: clock)
        for (name, source) in models {
            try engine.importModel(name: name, source: source)
        }
        app = InboxApp(
            engine: engine, user: UserContext(name: "alice"), databasePath: path, themeName: nil,
            demoClock: demoClock ? clock : nil)
        app.render(on: screen)
        app.controller.refresh()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func press(_ keys: Key...) {
        for key in keys { app.handle(key) }
    }

    func type(_ text: String) {
        for character in text { app.handle(.character(character)) }
    }

    /// Renders the inbox and returns the whole screen as text.
    @discardableResult
    func render() -> String {
        app.render(on: screen)
        return screen.text
    }

    /// Renders the inbox and returns the text of a pane's rows below its title.
    func paneText(_ pane: PaneKind) throws -> String {
        app.render(on: screen)
        let rect = try XCTUnwrap(state.layout.panes[pane])
        return (rect.row + 1..<rect.bottom)
            .map { String(screen.line($0).dropFirst(rect.column).prefix(rect.width)) }
            .joined(separator: "\n")
    }

    /// Selects the instance with `id` and shows it in the focused detail pane.
    func selectInstance(_ id: String) {
        app.controller.selectInstance(id: id)
        XCTAssertEqual(state.detailInstance?.instance.id, id, messageText)
    }

    /// Moves the detail cursor to the first line whose text contains `needle`.
    /// - Throws: a failure naming the lines when no line contains it.
    func moveDetailCursor(to needle: String) throws {
        let lines = app.controller.detailPage().lines.map(\.text)
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            throw DriverFailure(message: "no detail line contains '\(needle)'; the lines are:\n" + lines.joined(separator: "\n"))
        }
        app.controller.state.focus = .detail
        press(.character("g"))
        for _ in 0..<index { press(.down) }
    }

    /// The text of the message line, or "" when it is empty.
    var messageText: String { state.message?.text ?? "" }
}

/// A step of a driver that failed; thrown so the test stops with this message.
struct DriverFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
