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
