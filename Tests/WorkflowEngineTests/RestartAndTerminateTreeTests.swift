import Foundation
import WorkflowEngine
import XCTest

/// Terminate and delete follow call activities to the child instances; restart at an item
/// that did not wait re-runs its element.
final class RestartAndTerminateTreeTests: XCTestCase {
    private let admin = UserContext.system

    private let parent = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p" targetNamespace="t">
          <process id="parentProcess" isExecutable="true">
            <startEvent id="S"/>
            <callActivity id="Call" calledElement="child"/>
            <userTask id="After"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Call"/>
            <sequenceFlow id="f2" sourceRef="Call" targetRef="After"/>
          </process>
        </definitions>
        """

    private let child = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="c" targetNamespace="t">
          <process id="childProcess" isExecutable="true">
            <startEvent id="CS"/>
            <userTask id="ChildTask"/>
            <endEvent id="CE"/>
            <sequenceFlow id="c1" sourceRef="CS" targetRef="ChildTask"/>
            <sequenceFlow id="c2" sourceRef="ChildTask" targetRef="CE"/>
          </process>
        </definitions>
        """

    private let counter = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="k" targetNamespace="t">
          <process id="counterProcess" isExecutable="true">
            <startEvent id="S"/>
            <scriptTask id="Count" scriptFormat="JavaScript"><script>data.count = (data.count || 0) + 1;</script></scriptTask>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Count"/>
            <sequenceFlow id="f2" sourceRef="Count" targetRef="E"/>
          </process>
        </definitions>
        """

    private func family() throws -> (EngineHarness, Execution) {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "child", source: child)
        try harness.engine.importModel(name: "parent", source: parent)
        return (harness, try harness.engine.start("parent"))
    }

    func testTerminateStopsChildInstance() throws {
        let (harness, started) = try family()

        _ = try harness.engine.terminate(instanceId: started.id, user: admin)
        let children = try harness.engine.findInstances(["name": "child"])

        XCTAssertEqual(children.map(\.status), [.terminated])
        XCTAssertTrue(try harness.engine.findItems(["items.status": "wait"]).isEmpty)
    }

    func testDeleteRemovesChildInstance() throws {
        let (harness, started) = try family()

        let report = try harness.engine.deleteInstances(["id": .string(started.id)], user: admin)

        XCTAssertEqual(report.deletedIds.count, 2)
        XCTAssertTrue(try harness.engine.findInstances([:]).isEmpty)
    }

    func testTerminateByNonAdminIsRefused() throws {
        let (harness, started) = try family()

        XCTAssertThrowsError(try harness.engine.terminate(instanceId: started.id, user: UserContext(name: "bob"))) { error in
            guard case .accessDenied? = error as? EngineError else { return XCTFail("unexpected error \(error)") }
        }
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]).status, .running)
    }

    func testRestartAtScriptTaskRunsItAgain() throws {
        let harness = try EngineHarness()
        try harness.engine.setSavePoints(enabled: true, user: admin)
        try harness.engine.importModel(name: "counter", source: counter)
        let ended = try harness.engine.start("counter")
        XCTAssertEqual(ended.status, .end)

        let restarted = try harness.engine.restart(["id": .string(ended.id), "items.elementId": "Count"], data: ["note": "again"])

        XCTAssertEqual(restarted.status, .end)
        XCTAssertEqual(restarted.instance.data["count"], 2)
        XCTAssertEqual(restarted.instance.data["note"], "again")
        XCTAssertEqual(restarted.statuses("Count"), ["end", "end"])
    }

    func testRestartWithAmbiguousQueryIsRejected() throws {
        let harness = try EngineHarness()
        try harness.engine.setSavePoints(enabled: true, user: admin)
        try harness.engine.importModel(name: "counter", source: counter)
        let ended = try harness.engine.start("counter")

        XCTAssertThrowsError(try harness.engine.restart(["id": .string(ended.id)])) { error in
            guard case .ambiguousItems(_, let count)? = error as? EngineError else { return XCTFail("unexpected error \(error)") }
            XCTAssertEqual(count, ended.items.count)
        }
    }

    func testSavePointsOffByDefault() throws {
        let harness = try EngineHarness()
        XCTAssertFalse(try harness.engine.savePointsEnabled())
    }

    func testFindEventsFiltersByModelAndType() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "counter", source: counter)
        try harness.engine.importModel(name: "child", source: child)

        XCTAssertEqual(try harness.engine.findEvents(["modelName": "counter"]).map(\.event.elementId), ["S"])
        XCTAssertEqual(try harness.engine.findStartEvents(["events.modelName": ["$in": ["child", "x"]]]).map(\.model), ["child"])
        XCTAssertTrue(try harness.engine.findEvents(["events.subType": "timer"]).isEmpty)
        XCTAssertThrowsError(try harness.engine.findEvents(["events.colour": "red"]))
    }
}

/// Model rename and delete carry the timer start schedules along.
final class ModelVersionTimerStartTests: XCTestCase {
    private let ticker = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="t" targetNamespace="t">
          <process id="tickerProcess" isExecutable="true">
            <startEvent id="Tick"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>
            <userTask id="Look"/>
            <sequenceFlow id="f1" sourceRef="Tick" targetRef="Look"/>
          </process>
        </definitions>
        """

    func testRenamedModelKeepsFiringTimerStarts() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "ticker", source: ticker)
        try harness.engine.renameModel(name: "ticker", to: "clock", user: .system)

        harness.clock.advance(seconds: 3_601)
        let fired = try harness.engine.fireDueTimers()

        XCTAssertEqual(fired.map(\.instance.name), ["clock"])
    }

    func testDeletedModelStopsTimerStarts() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "ticker", source: ticker)
        try harness.engine.deleteModel(name: "ticker", user: .system)

        XCTAssertNil(try harness.engine.nextTimerDue())
    }
}
