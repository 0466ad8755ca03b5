import Foundation
import WorkflowEngine
import XCTest

/// bpmn-server's event scenarios on its own corpus models, with a virtual clock in place of
/// real waiting.
final class EventScenarioTests: XCTestCase {
    private func harness(_ files: [String: String]) throws -> EngineHarness {
        let harness = try EngineHarness()
        for (name, file) in files {
            try harness.importCorpus("bpmn-web/test-processes/\(file)", as: name)
        }
        return harness
    }

    private func advance(_ harness: EngineHarness, _ seconds: TimeInterval) throws {
        harness.clock.advance(seconds: seconds)
        try harness.engine.fireDueTimers()
    }

    private func state(_ harness: EngineHarness, _ id: String) throws -> Execution {
        try harness.engine.get(["id": .string(id)])
    }

    func testThrowStartsCatchInstance() throws {
        let harness = try harness(["test-throw": "test-throw.bpmn", "test-catch": "test-catch.bpmn"])

        let thrower = try harness.engine.start("test-throw", data: ["caseId": 5501])

        let waiting = try harness.engine.findItems(["name": "test-throw", "data.caseId": 5501, "items.status": "wait"])
        XCTAssertEqual(waiting.map(\.elementId), ["Event_0a86ryr"])
        XCTAssertEqual(try harness.engine.findInstances(["name": "test-catch", "data.caseId": 5501]).count, 1)

        let confirmed = try harness.engine.invoke(["items.id": .string(waiting[0].id)])
        XCTAssertEqual(confirmed.statuses("Event_0a86ryr"), ["end"])
        XCTAssertEqual(confirmed.statuses("Event_0sdcy6p"), ["wait"])
        XCTAssertEqual(thrower.id, confirmed.id)
    }

    func testBoundaryEventsWithdrawnWhenTaskDone() throws {
        let harness = try harness(["boundary-event": "boundary-event.bpmn"])
        let started = try harness.engine.start("boundary-event", data: ["caseId": 1001])
        for element in ["user_task", "Reminder-Timer", "Expired-Timer", "Cancel-Message"] {
            XCTAssertEqual(started.statuses(element), ["wait"], element)
        }

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "user_task"])

        XCTAssertEqual(done.statuses("user_task"), ["end"])
        for element in ["Reminder-Timer", "Expired-Timer", "Cancel-Message"] {
            XCTAssertEqual(done.statuses(element), ["cancelled"], element)
        }
        XCTAssertEqual(done.statuses("process_request"), ["end"])
        XCTAssertEqual(done.statuses("event_end"), ["end"])
        XCTAssertEqual(done.status, .end)
    }

    func testBoundaryTimersRemindThenExpire() throws {
        let harness = try harness(["boundary-event": "boundary-event.bpmn"])
        let started = try harness.engine.start("boundary-event", data: ["caseId": 1002])

        try advance(harness, 16)
        let reminded = try state(harness, started.id)
        XCTAssertEqual(reminded.statuses("user_task"), ["wait"])
        XCTAssertEqual(reminded.statuses("Reminder-Timer"), ["end"])
        XCTAssertEqual(reminded.statuses("Expired-Timer"), ["wait"])
        XCTAssertEqual(reminded.statuses("Cancel-Message"), ["wait"])
        XCTAssertEqual(reminded.statuses("task_2"), ["end"])

        try advance(harness, 25)
        let expired = try state(harness, started.id)
        XCTAssertEqual(expired.statuses("user_task"), ["cancelled"])
        XCTAssertEqual(expired.statuses("Expired-Timer"), ["end"])
        XCTAssertEqual(expired.statuses("Cancel-Message"), ["cancelled"])
        XCTAssertEqual(expired.statuses("Activity_0tla2jy"), ["end"])
        XCTAssertEqual(expired.status, .end)
    }

    func testInterruptingTimerMergesIntoNextTask() throws {
        let harness = try harness(["test-boundary-timer": "test-boundary-timer.bpmn"])
        let started = try harness.engine.start("test-boundary-timer", data: ["caseId": 77])
        XCTAssertEqual(started.statuses("UT1"), ["wait"])
        let afterUT1 = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"])
        XCTAssertEqual(afterUT1.statuses("Activity_1pah88b"), ["wait"])

        try advance(harness, 20)
        let fired = try state(harness, started.id)

        XCTAssertEqual(fired.statuses("UT2"), ["wait"])
        XCTAssertEqual(fired.statuses("Event_wait1"), ["end"])
        XCTAssertEqual(fired.statuses("Activity_1pah88b"), ["cancelled"])
    }

    func testEventGatewayTimerWins() throws {
        let harness = try harness(["Event Based Gateway": "Event Based Gateway.bpmn"])
        try harness.engine.fireDueTimers()
        let started = try harness.engine.start("Event Based Gateway", data: ["reminderCounter": 0, "caseId": 1005])
        for element in ["timerEvent", "messageEvent", "Task_receive", "event_signal"] {
            XCTAssertEqual(started.statuses(element), ["wait"], element)
        }

        try advance(harness, 3)
        let fired = try state(harness, started.id)
        XCTAssertEqual(fired.statuses("timerEvent"), ["end"])
        for element in ["messageEvent", "Task_receive", "event_signal"] {
            XCTAssertEqual(fired.statuses(element), ["cancelled"], element)
        }
        XCTAssertEqual(fired.statuses("reminder"), ["wait"])

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "reminder", "items.status": "wait"])
        XCTAssertEqual(done.statuses("endEvent"), ["end"])
        XCTAssertEqual(done.status, .end)
    }

    func testMessageFlowsBetweenPools() throws {
        let harness = try harness(["messageFlow": "messageFlow.bpmn"])

        let done = try harness.engine.start("messageFlow", options: StartOptions(startNodeId: "StartEvent_1"))

        XCTAssertEqual(done.status, .end)
        for element in ["Task_1", "Task_3", "Task_2", "EndEvent_prime", "EndEvent_second"] {
            XCTAssertEqual(done.statuses(element), ["end"], element)
        }
        XCTAssertTrue(done.waitingItems.isEmpty)
    }

    func testTimerSampleEnds() throws {
        let harness = try harness(["timer-sample": "timer-sample.bpmn"])
        let started = try harness.engine.start("timer-sample", data: nil)
        XCTAssertEqual(started.statuses("Event_timer"), ["wait"])

        try advance(harness, 4.5)
        let done = try state(harness, started.id)

        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.statuses("Event_end"), ["end"])
    }

    // MARK: case 26: a failing script after a user task

    func testFailingScriptAfterTaskRollsBackInvoke() throws {
        let harness = try EngineHarness()
        try harness.importFixture("26-script-error-consistency.bpmn", as: "case")
        let started = try harness.engine.start("case", data: ["price": 10])

        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "UT1"], data: ["note": "x"])) { error in
            XCTAssertTrue("\(error)".contains("Calc"), "\(error)")
            XCTAssertTrue("\(error)".contains("missingVariable"), "\(error)")
        }
        try harness.restart()
        let after = try state(harness, started.id)
        XCTAssertEqual(after.statuses("UT1"), ["wait"])
        XCTAssertNil(after.instance.data["note"])
        XCTAssertNil(after.instance.data["step"])
        XCTAssertTrue(after.items("UT2").isEmpty)
    }

    func testSameFailureAfterTimerBecomesIncident() throws {
        let harness = try EngineHarness()
        let url = EngineHarness.fixtures.appendingPathComponent("26-script-error-consistency.bpmn")
        let timed = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(
            of: #"<bpmn:userTask id="UT1" name="UT1">"#,
            with: #"<bpmn:intermediateCatchEvent id="UT1" name="UT1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>"#)
            .replacingOccurrences(of: "</bpmn:userTask>\n    <bpmn:scriptTask", with: "</bpmn:intermediateCatchEvent>\n    <bpmn:scriptTask")
        try harness.engine.importModel(name: "timed", source: timed)
        let started = try harness.engine.start("timed", data: ["price": 10])
        XCTAssertEqual(started.statuses("UT1"), ["wait"])

        for seconds in [60.0, 10, 60, 300] { try advance(harness, seconds) }

        let incident = try state(harness, started.id)
        XCTAssertEqual(incident.items("UT1").first?.status, .failed)
        XCTAssertNil(incident.instance.data["step"])
        XCTAssertEqual(incident.status, .running)
    }
}

/// A signal that reaches several boundary events of one instance.
final class SignalToOneInstanceTests: XCTestCase {
    func testLaterReceiversEndedByFirstAreSkipped() throws {
        let harness = try EngineHarness()
        try harness.importCorpus("bpmn-web/processes/Signal.bpmn", as: "Signal")
        let started = try harness.engine.start("Signal")
        let waiting = started.items.filter { $0.status == .wait && $0.signalId != nil }
        XCTAssertGreaterThan(waiting.count, 1)

        let delivery = try harness.engine.throwSignal("Cancel_All")

        XCTAssertEqual(delivery.receivers.filter { $0.error != nil }, [])
        XCTAssertEqual(delivery.receivers.count, 1)
        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]).status, .end)
    }
}
