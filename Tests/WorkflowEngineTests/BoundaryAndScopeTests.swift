import Foundation
import WorkflowEngine
import XCTest

/// Boundary timers on tasks and embedded sub-processes with their own scope.
final class BoundaryAndScopeTests: XCTestCase {
    private func harness(_ file: String) throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.importFixture(file, as: "case")
        return harness
    }

    private func advance(_ harness: EngineHarness, seconds: TimeInterval) throws {
        harness.clock.advance(seconds: seconds)
        try harness.engine.fireDueTimers()
    }

    private func state(_ harness: EngineHarness, _ id: String) throws -> Execution {
        try harness.engine.get(["id": .string(id)])
    }

    // MARK: 09 interrupting and non-interrupting boundary timers on one task

    func testBoundaryTimersRemindThenInterrupt() throws {
        let harness = try harness("09-interrupting-boundary-timer.bpmn")
        let started = try harness.engine.start("case")
        XCTAssertEqual(started.statuses("Remind"), ["wait"])
        XCTAssertEqual(started.statuses("LateRemind"), ["wait"])
        XCTAssertEqual(started.statuses("Expire"), ["wait"])

        try advance(harness, seconds: 1)
        let reminded = try state(harness, started.id)
        XCTAssertEqual(reminded.instance.data["reminded"], 1)
        XCTAssertEqual(reminded.statuses("Review"), ["wait"])

        try advance(harness, seconds: 2)
        let expired = try state(harness, started.id)
        XCTAssertEqual(expired.statuses("Expire"), ["end"])
        XCTAssertEqual(expired.statuses("Review"), ["cancelled"])
        XCTAssertEqual(expired.statuses("LateRemind"), ["cancelled"])
        XCTAssertEqual(expired.statuses("Escalate"), ["wait"])
        XCTAssertTrue(expired.items("Done").isEmpty)
        XCTAssertEqual(expired.status, .running)

        try advance(harness, seconds: 5)
        XCTAssertNil(try state(harness, started.id).instance.data["lateReminder"])

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Escalate"])
        XCTAssertEqual(done.status, .end)
    }

    func testCompletingTaskWithdrawsItsTimers() throws {
        let harness = try harness("09-interrupting-boundary-timer.bpmn")
        let started = try harness.engine.start("case")
        harness.clock.advance(seconds: 2)

        let reviewed = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"])
        XCTAssertEqual(reviewed.statuses("Done"), ["wait"])
        XCTAssertEqual(reviewed.statuses("Remind"), ["cancelled"])
        XCTAssertEqual(reviewed.statuses("Expire"), ["cancelled"])

        try advance(harness, seconds: 8)
        XCTAssertEqual(try state(harness, started.id), reviewed)
    }

    // MARK: 22 terminate end event inside a sub-process

    func testTerminateInsideSubProcessEndsOnlyTheSubProcess() throws {
        let harness = try harness("22-terminate-in-subprocess.bpmn")
        let started = try harness.engine.start("case", data: ["abort": true])

        XCTAssertEqual(started.statuses("Slow"), ["cancelled"])
        XCTAssertEqual(started.statuses("WaitLong"), ["cancelled"])
        XCTAssertEqual(started.statuses("Sub"), ["end"])
        XCTAssertEqual(started.statuses("After"), ["wait"])
        XCTAssertEqual(started.status, .running)

        try advance(harness, seconds: 10)
        XCTAssertNil(try state(harness, started.id).instance.data.value(atPath: "Sub.late"))

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "After"])
        XCTAssertEqual(done.status, .end)
    }

    func testSubProcessEndsWhenAllInnerTokensEnd() throws {
        let harness = try harness("22-terminate-in-subprocess.bpmn")
        let started = try harness.engine.start("case", data: ["abort": false])
        XCTAssertEqual(started.statuses("Slow"), ["wait"])
        XCTAssertEqual(started.statuses("WaitLong"), ["wait"])
        XCTAssertEqual(started.statuses("Sub"), ["wait"], "the first end event reached must not end the sub-process")

        let slowDone = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Slow"])
        XCTAssertEqual(slowDone.statuses("Sub"), ["wait"])

        try advance(harness, seconds: 5)
        let finished = try state(harness, started.id)
        XCTAssertEqual(finished.instance.data.value(atPath: "Sub.late"), true, "inner data lives under the sub-process id")
        XCTAssertEqual(finished.statuses("Sub"), ["end"])
        XCTAssertEqual(finished.statuses("After"), ["wait"])
    }

    func testSubProcessSeesItsScopeData() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "scoped", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <subProcess id="Sub">
                  <startEvent id="In"/>
                  <scriptTask id="Count" scriptFormat="JavaScript"><script>data.count = data.clients.length;</script></scriptTask>
                  <userTask id="Check"/>
                  <sequenceFlow id="i1" sourceRef="In" targetRef="Count"/>
                  <sequenceFlow id="i2" sourceRef="Count" targetRef="Check"/>
                </subProcess>
                <endEvent id="E"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="Sub"/>
                <sequenceFlow id="f2" sourceRef="Sub" targetRef="E"/>
              </process>
            </definitions>
            """)
        let started = try harness.engine.start("scoped", data: ["Sub": ["clients": ["a", "b"]]])
        XCTAssertEqual(started.instance.data.value(atPath: "Sub.count"), 2)

        let done = try harness.engine.invoke(["items.elementId": "Check"], data: ["checked": true])

        XCTAssertEqual(done.instance.data.value(atPath: "Sub.checked"), true)
        XCTAssertEqual(done.status, .end)
    }
}

/// Repeating timers: bounded and unbounded cycles, catch-up, cron, and import checks.
final class TimerCycleTests: XCTestCase {
    private func nags(_ harness: EngineHarness, _ id: String) throws -> JSONValue? {
        try harness.engine.get(["id": .string(id)]).instance.data["nags"]
    }

    private func cycleModel(_ cycle: String) throws -> String {
        let url = EngineHarness.fixtures.appendingPathComponent("11-timer-cycle-noninterrupting.bpmn")
        return try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: ">R3/PT1S<", with: ">\(cycle)<")
    }

    func testBoundedCycleFiresItsCount() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "case", source: try cycleModel("R3/PT1S"))
        let started = try harness.engine.start("case")

        for expected in 1...3 {
            harness.clock.advance(seconds: 1)
            try harness.engine.fireDueTimers()
            XCTAssertEqual(try nags(harness, started.id), .number(Double(expected)))
        }
        harness.clock.advance(seconds: 5)
        try harness.engine.fireDueTimers()
        XCTAssertEqual(try nags(harness, started.id), 3)

        let done = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work"])
        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.items.filter { $0.timeDue != nil }.count, 0)
    }

    func testUnboundedCycleStopsWithItsHost() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "case", source: try cycleModel("R/PT1S"))
        let started = try harness.engine.start("case")
        for _ in 1...10 {
            harness.clock.advance(seconds: 1)
            try harness.engine.fireDueTimers()
        }
        XCTAssertEqual(try nags(harness, started.id), 10)

        _ = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Work"])
        harness.clock.advance(seconds: 5)

        XCTAssertEqual(try harness.engine.fireDueTimers().count, 0)
        XCTAssertEqual(try nags(harness, started.id), 10)
    }

    func testLargeJumpCatchesUpToTheCount() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "case", source: try cycleModel("R3/PT1S"))
        let started = try harness.engine.start("case")
        harness.clock.advance(seconds: 10)

        let fired = try harness.engine.fireDueTimers()

        XCTAssertEqual(fired.count, 3)
        XCTAssertEqual(try nags(harness, started.id), 3)
    }

    func testMalformedTimerIsRejectedAtImport() throws {
        for value in ["R-1/PT1S", "PTS", "R3/", "soon", "61 * * * *"] {
            let harness = try EngineHarness()
            XCTAssertThrowsError(try harness.engine.importModel(name: "case", source: try cycleModel(value)), value) { error in
                XCTAssertTrue("\(error)".contains("'Nag'"), "\(error)")
            }
        }
    }

    func testTimerValueForms() throws {
        let start = ISO8601.parseDate("2030-01-01T00:00:00Z")!
        let cases: [(String, String, String?)] = [
            ("R2/2030-01-01T00:00:00Z/PT1H", "timeCycle", "2030-01-01T00:00:00.000Z"),
            ("P1D", "timeDuration", "2030-01-02T00:00:00.000Z"),
            ("PT0.5S", "timeDuration", "2030-01-01T00:00:00.500Z"),
            ("P1Y2M", "timeDuration", "2031-03-01T00:00:00.000Z"),
            ("R3P2D", "timeCycle", "2030-01-03T00:00:00.000Z"),
            ("0 9 * * 1-5", "timeCycle", "2030-01-01T09:00:00.000Z"),
            ("*/15 * * * * *", "timeCycle", "2030-01-01T00:00:15.000Z"),
            ("2030-06-01T08:00:00+02:00", "timeDate", "2030-06-01T06:00:00.000Z"),
        ]
        for (value, kind, expected) in cases {
            let due = TimerScheduleProbe.firstDue(value, kind: kind, now: start)
            XCTAssertEqual(due.map(ISO8601.format), expected, value)
        }
    }
}

/// Ad-hoc sub-processes: all activities open at once, any order, a completion condition.
final class AdHocTests: XCTestCase {
    private func model(condition: String?) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <adHocSubProcess id="Checks">
              <userTask id="A"/><userTask id="B"/><userTask id="C"/>
              \(condition.map { "<completionCondition>\($0)</completionCondition>" } ?? "")
            </adHocSubProcess>
            <userTask id="After"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Checks"/>
            <sequenceFlow id="f2" sourceRef="Checks" targetRef="After"/>
          </process>
        </definitions>
        """
    }

    func testCompletionConditionCancelsOpenActivities() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "a", source: model(condition: "data.done == true"))
        let started = try harness.engine.start("a")
        XCTAssertEqual(started.statuses("A"), ["wait"])
        XCTAssertEqual(started.statuses("B"), ["wait"])
        XCTAssertEqual(started.statuses("C"), ["wait"])

        let afterB = try harness.engine.invoke(["items.elementId": "B"])
        XCTAssertTrue(afterB.items("After").isEmpty)
        let afterA = try harness.engine.invoke(["items.elementId": "A"], data: ["done": true])

        XCTAssertEqual(afterA.statuses("C"), ["cancelled"])
        XCTAssertEqual(afterA.statuses("Checks"), ["end"])
        XCTAssertEqual(afterA.statuses("After"), ["wait"])
    }

    func testWithoutConditionEndsWhenAllAreDoneAndCanRepeat() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "a", source: model(condition: nil))
        let started = try harness.engine.start("a")
        _ = try harness.engine.invoke(["items.elementId": "A"])
        let again = try harness.engine.startEvent(instanceId: started.id, elementId: "A")
        XCTAssertEqual(again.statuses("A"), ["end", "wait"])

        for element in ["A", "B", "C"] {
            _ = try harness.engine.invoke(["items.elementId": .string(element)])
        }

        XCTAssertEqual(try harness.engine.get(["id": .string(started.id)]).statuses("After"), ["wait"])
    }
}

/// Timer start events of models start instances on schedule.
final class TimerStartEventTests: XCTestCase {
    func testCycleStartEventStartsInstances() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "nightly", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="Tick"><timerEventDefinition><timeCycle>R2/PT1M</timeCycle></timerEventDefinition></startEvent>
                <userTask id="Check"/>
                <sequenceFlow id="f" sourceRef="Tick" targetRef="Check"/>
              </process>
            </definitions>
            """)
        XCTAssertEqual(try harness.engine.fireDueTimers().count, 0)
        XCTAssertEqual(try harness.engine.nextTimerDue(), harness.clock.now().addingTimeInterval(60))

        harness.clock.advance(seconds: 60)
        XCTAssertEqual(try harness.engine.fireDueTimers().count, 1)
        harness.clock.advance(seconds: 600)
        XCTAssertEqual(try harness.engine.fireDueTimers().count, 1)
        harness.clock.advance(seconds: 600)
        XCTAssertEqual(try harness.engine.fireDueTimers().count, 0)

        XCTAssertEqual(try harness.engine.findInstances(["name": "nightly"]).count, 2)
    }
}
