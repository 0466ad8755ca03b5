import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// Two engines on one database file fire due timers at the same time.
final class ConcurrentTimerTests: XCTestCase {
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <intermediateCatchEvent id="Wait"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <scriptTask id="Count" scriptFormat="JavaScript"><script>data.fired = (data.fired || 0) + 1;</script></scriptTask>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Wait"/>
            <sequenceFlow id="f2" sourceRef="Wait" targetRef="Count"/>
            <sequenceFlow id="f3" sourceRef="Count" targetRef="E"/>
          </process>
        </definitions>
        """

    func testEachDueTimerFiresOnce() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "t", source: model)
        let count = 60
        for _ in 0..<count { _ = try harness.engine.start("t") }
        harness.clock.advance(seconds: 2)

        let path = harness.path
        let clock = harness.clock
        let results = FiredCounts()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let engine = WorkflowEngine(store: try SQLiteStore(path: path), clock: clock)
                results.add(try engine.fireDueTimers().count)
            } catch {
                results.fail("\(error)")
            }
        }

        XCTAssertEqual(results.failures, [])
        XCTAssertEqual(results.total, count)
        let instances = try harness.engine.findInstances(.emptyObject)
        XCTAssertEqual(instances.count, count)
        XCTAssertTrue(instances.allSatisfy { $0.data["fired"] == 1 && $0.status == .end })
    }
}

/// Totals collected from several threads.
private final class FiredCounts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var failures: [String] = []

    func add(_ value: Int) {
        lock.lock()
        total += value
        lock.unlock()
    }

    func fail(_ message: String) {
        lock.lock()
        failures.append(message)
        lock.unlock()
    }
}
