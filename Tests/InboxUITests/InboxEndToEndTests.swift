import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Drives the inbox with keys against a real SQLite file and the real engine.
final class InboxEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TestSupport.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeApp(models: [String: String]) throws -> (InboxApp, MemoryScreen) {
        let (engine, path) = try TestSupport.makeEngine(in: directory)
        for (name, source) in models {
            try engine.importModel(name: name, source: source)
        }
        let app = InboxApp(engine: engine, user: UserContext(name: "alice"), databasePath: path, themeName: nil)
        let screen = MemoryScreen(rows: 24, columns: 80)
        app.render(on: screen)
        app.controller.refresh()
        return (app, screen)
    }

    private func press(_ keys: Key..., on app: InboxApp) {
        for key in keys { app.handle(key) }
    }

    private func type(_ text: String, on app: InboxApp) {
        for character in text { app.handle(.character(character)) }
    }

    /// Renders the inbox and returns the text of the Tasks pane rows below its title.
    private func taskPaneText(_ app: InboxApp, _ screen: MemoryScreen) throws -> String {
        app.render(on: screen)
        let rect = try XCTUnwrap(app.controller.state.layout.panes[.tasks])
        return (rect.row + 1..<rect.bottom).map { String(screen.line($0).prefix(rect.width)) }.joined(separator: "\n")
    }

    private func startBuyUsedCar(_ app: InboxApp) {
        press(.backTab, .backTab, on: app)
        press(.enter, on: app)
        type(#"{"caseId": 1}"#, on: app)
        press(.control("s"), on: app)
    }

    func testStartFormStartsInstanceAndSelectsItsTask() throws {
        let (app, _) = try makeApp(models: ["Buy Used Car": try TestSupport.buyUsedCarSource()])

        startBuyUsedCar(app)

        let state = app.controller.state
        XCTAssertNil(state.form, "form still open: \(state.form?.failure ?? state.message?.text ?? "")")
        XCTAssertTrue(state.message?.text.hasPrefix("Started Buy Used Car") ?? false, "\(String(describing: state.message))")
        XCTAssertEqual(state.tasks.map(\.item.elementId), ["task_Buy"])
        XCTAssertEqual(state.instances.first?.data["caseId"], 1)
    }

    func testCompletingBuyShowsCleanAndRepair() throws {
        let (app, screen) = try makeApp(models: ["Buy Used Car": try TestSupport.buyUsedCarSource()])
        startBuyUsedCar(app)
        press(.tab, .tab, on: app)
        XCTAssertEqual(app.controller.state.focus, .tasks)

        press(.enter, on: app)
        app.render(on: screen)
        XCTAssertNotNil(screen.find("Repairs Required?"))
        press(.character(" "), .tab, .character(" "), .control("s"), on: app)

        let state = app.controller.state
        XCTAssertNil(state.form, "form still open: \(state.form?.failure ?? "")")
        XCTAssertEqual(state.message?.kind, .success)
        XCTAssertTrue(state.message?.text.hasPrefix("Completed Buy; waiting: ") ?? false, "\(String(describing: state.message))")
        let tasks = try taskPaneText(app, screen)
        XCTAssertTrue(tasks.contains(" Clean"), tasks)
        XCTAssertTrue(tasks.contains(" Repair"), tasks)
        XCTAssertFalse(tasks.split(separator: "\n").contains { $0.hasPrefix(" Buy ") }, tasks)
        XCTAssertNotNil(screen.find(" Tasks (2)"))
    }

    func testAssignFormChangesPriority() throws {
        let (app, _) = try makeApp(models: ["Buy Used Car": try TestSupport.buyUsedCarSource()])
        startBuyUsedCar(app)
        press(.tab, .tab, on: app)

        press(.character("a"), on: app)
        press(.tab, .tab, .tab, .tab, .tab, .control("u"), on: app)
        type("9", on: app)
        press(.control("s"), on: app)

        let state = app.controller.state
        XCTAssertNil(state.form, "form still open: \(state.form?.failure ?? "")")
        XCTAssertEqual(state.message?.text, "Assigned Buy: priority 9")
        XCTAssertEqual(state.tasks.first?.item.priority.numberValue, 9)
    }

    func testEngineErrorKeepsFormOpenWithMessage() throws {
        let (app, screen) = try makeApp(models: ["Failing Review": Self.failingReviewModel])
        press(.backTab, .backTab, .enter, .control("s"), on: app)
        press(.tab, .tab, .enter, on: app)

        press(.control("s"), on: app)

        let state = app.controller.state
        XCTAssertNotNil(state.form)
        XCTAssertTrue(state.form?.failure?.contains("boom") ?? false, "\(String(describing: state.form?.failure))")
        XCTAssertEqual(state.message?.kind, .error)
        app.render(on: screen)
        XCTAssertNotNil(screen.find("boom"))
        XCTAssertEqual(state.tasks.map(\.item.elementId), ["review"])
    }

    func testFilterNarrowsTasksAsYouType() throws {
        let (app, screen) = try makeApp(models: ["Buy Used Car": try TestSupport.buyUsedCarSource()])
        startBuyUsedCar(app)
        press(.tab, .tab, .enter, .character(" "), .tab, .character(" "), .control("s"), on: app)

        press(.character("/"), on: app)
        type("rep", on: app)

        let tasks = try taskPaneText(app, screen)
        XCTAssertTrue(tasks.contains("Repair"), tasks)
        XCTAssertFalse(tasks.contains("Clean"), tasks)
        XCTAssertNotNil(screen.find(" Tasks (1/2) /rep"))

        press(.escape, on: app)
        XCTAssertEqual(app.controller.state.pane(.tasks).rows.count, 2)
    }

    func testQuitKeyEndsTheLoop() throws {
        let (app, _) = try makeApp(models: [:])

        XCTAssertFalse(app.handle(.character("q")))
    }

    func testHelpKeyOpensAndEscapeClosesOverlay() throws {
        let (app, screen) = try makeApp(models: [:])

        press(.character("?"), on: app)
        app.render(on: screen)
        XCTAssertNotNil(screen.find("┌─ Keys "))

        press(.escape, on: app)
        app.render(on: screen)
        XCTAssertNil(screen.find("┌─ Keys "))
    }

    /// A user task followed by a script task that throws, so completing the task fails.
    static let failingReviewModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://example.com/inbox">
          <bpmn:process id="Process_review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="flow_1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review" />
            <bpmn:sequenceFlow id="flow_2" sourceRef="review" targetRef="fail" />
            <bpmn:scriptTask id="fail" name="Fail" scriptFormat="JavaScript">
              <bpmn:script>throw new Error("boom");</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="flow_3" sourceRef="fail" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
}
