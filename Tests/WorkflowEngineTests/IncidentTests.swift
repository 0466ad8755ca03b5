import Foundation
import WorkflowEngine
import XCTest

/// Timer-driven work that fails: retries with back-off, the incident, and `retry`.
final class IncidentTests: XCTestCase {
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <intermediateCatchEvent id="Later"><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <scriptTask id="Calc" scriptFormat="JavaScript"><script>if (data.factor === undefined) throw new Error('factor missing'); data.total = data.price * data.factor;</script></scriptTask>
            <userTask id="Next"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Later"/>
            <sequenceFlow id="f2" sourceRef="Later" targetRef="Calc"/>
            <sequenceFlow id="f3" sourceRef="Calc" targetRef="Next"/>
          </process>
        </definitions>
        """

    private func later(_ harness: EngineHarness, _ id: String) throws -> ItemRecord {
        try XCTUnwrap(harness.engine.get(["id": .string(id)]).items("Later").first)
    }

    func testFailingTimerIsRetriedThenBecomesIncident() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m", data: ["price": 10])

        harness.clock.advance(seconds: 60)
        XCTAssertEqual(try harness.engine.fireDueTimers().count, 0)
        XCTAssertEqual(try later(harness, started.id).status, .wait)
        XCTAssertEqual(try later(harness, started.id).statusDetails["attempts"], 1)
        XCTAssertEqual(try later(harness, started.id).timeDue, harness.clock.now().addingTimeInterval(10))

        for delay in [10.0, 60, 300] {
            harness.clock.advance(seconds: delay)
            try harness.engine.fireDueTimers()
        }
        let incident = try later(harness, started.id)
        XCTAssertEqual(incident.status, .failed)
        XCTAssertNil(incident.timeDue)
        XCTAssertTrue(incident.statusDetails["error"]?.stringValue?.contains("factor missing") ?? false)
        XCTAssertEqual(try harness.engine.history(instanceId: started.id).filter { $0.action == "incident" }.count, 1)
        XCTAssertNil(try harness.engine.get(["id": .string(started.id)]).instance.data["total"])
    }

    func testRetryWithFixedDataRunsOn() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m", data: ["price": 10])
        harness.clock.advance(seconds: 60)
        for delay in [0.0, 10, 60, 300] {
            harness.clock.advance(seconds: delay)
            try harness.engine.fireDueTimers()
        }
        XCTAssertThrowsError(try harness.engine.retry(["id": .string(started.id), "items.elementId": "Later"]))
        XCTAssertEqual(try later(harness, started.id).status, .failed)

        let retried = try harness.engine.retry(["id": .string(started.id), "items.elementId": "Later"], data: ["factor": 2])

        XCTAssertEqual(retried.first?.instance.data["total"], 20)
        XCTAssertEqual(retried.first?.statuses("Next"), ["wait"])
        XCTAssertEqual(retried.first?.statuses("Later"), ["end"])
    }

    func testRetryWithoutFailedItemIsAnError() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model)
        _ = try harness.engine.start("m")

        XCTAssertThrowsError(try harness.engine.retry(["items.elementId": "Later"]))
    }
}
