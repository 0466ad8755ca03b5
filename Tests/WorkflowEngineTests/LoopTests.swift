import Foundation
import WorkflowEngine
import XCTest

/// Multi-instance activities and standard loops.
final class LoopTests: XCTestCase {
    private func harness(_ file: String, sequential: Bool = false) throws -> EngineHarness {
        let harness = try EngineHarness()
        var source = try String(contentsOf: EngineHarness.fixtures.appendingPathComponent(file), encoding: .utf8)
        if sequential { source = source.replacingOccurrences(of: "isSequential=\"false\"", with: "isSequential=\"true\"") }
        try harness.engine.importModel(name: "case", source: source)
        return harness
    }

    private func invoke(_ harness: EngineHarness, _ id: String, _ elementId: String, key: String? = nil, _ data: JSONValue = .emptyObject) throws -> Execution {
        var query: [String: JSONValue] = ["id": .string(id), "items.elementId": .string(elementId)]
        if let key { query["items.itemKey"] = .string(key) }
        return try harness.engine.invoke(.object(query), data: data)
    }

    // MARK: 17 parallel multi-instance waits for all

    func testParallelInstancesAllWait() throws {
        let harness = try harness("17-multi-instance-wait-all.bpmn")
        let started = try harness.engine.start("case", data: ["items": ["i1", "i2", "i3", "i4"]])
        let approvals = started.items("Approve").filter { $0.type == "bpmn:UserTask" }
        XCTAssertEqual(approvals.map(\.status), [.wait, .wait, .wait, .wait])
        XCTAssertEqual(approvals.map(\.itemKey), ["i1", "i2", "i3", "i4"])
        XCTAssertEqual(started.instance.data.value(atPath: "Approve.i3.entry"), "i3")
        XCTAssertEqual(started.instance.data.value(atPath: "Approve.i3.loopCounter"), 2)

        _ = try invoke(harness, started.id, "Approve", key: "i2")
        let afterFour = try invoke(harness, started.id, "Approve", key: "i4")
        XCTAssertTrue(afterFour.items("After").isEmpty)
        _ = try invoke(harness, started.id, "Approve", key: "i1")
        let afterThree = try invoke(harness, started.id, "Approve", key: "i3")
        XCTAssertEqual(afterThree.statuses("After"), ["wait"])

        XCTAssertEqual(try invoke(harness, started.id, "After").status, .end)
    }

    func testSequentialInstancesRunOneAtATime() throws {
        let harness = try harness("17-multi-instance-wait-all.bpmn", sequential: true)
        let started = try harness.engine.start("case", data: ["items": ["i1", "i2", "i3", "i4"]])

        var current = started
        for key in ["i1", "i2", "i3", "i4"] {
            let waiting = current.items("Approve").filter { $0.status == .wait && $0.type == "bpmn:UserTask" }
            XCTAssertEqual(waiting.map(\.itemKey), [key])
            XCTAssertTrue(current.items("After").isEmpty)
            current = try invoke(harness, started.id, "Approve")
        }
        XCTAssertEqual(current.statuses("After"), ["wait"])
    }

    func testEmptyCollectionCompletesAtOnce() throws {
        let harness = try harness("17-multi-instance-wait-all.bpmn")

        let started = try harness.engine.start("case", data: ["items": []])

        XCTAssertTrue(started.items("Approve").filter { $0.type == "bpmn:UserTask" }.isEmpty)
        XCTAssertEqual(started.statuses("After"), ["wait"])
    }

    func testCollectionIsEvaluatedOnce() throws {
        let harness = try harness("17-multi-instance-wait-all.bpmn")
        let started = try harness.engine.start("case", data: ["items": ["a", "b"]])

        _ = try harness.engine.assign(["id": .string(started.id), "items.itemKey": "a"], data: ["items": ["a", "b", "c"]], assignment: [:])
        _ = try invoke(harness, started.id, "Approve", key: "a")
        let done = try invoke(harness, started.id, "Approve", key: "b")

        XCTAssertEqual(done.statuses("After"), ["wait"])
        XCTAssertEqual(done.items("Approve").filter { $0.type == "bpmn:UserTask" }.count, 2)
    }

    func testMissingCollectionNamesTheActivity() throws {
        let harness = try harness("17-multi-instance-wait-all.bpmn")

        XCTAssertThrowsError(try harness.engine.start("case", data: ["items": "not a list"])) { error in
            guard case .invalidLoop(let elementId, _)? = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertEqual(elementId, "Approve")
        }
    }

    // MARK: 18 completion condition

    func testCompletionConditionCancelsTheRest() throws {
        let harness = try harness("18-multi-instance-completion-condition.bpmn")
        let started = try harness.engine.start("case", data: ["voters": ["v1", "v2", "v3", "v4", "v5"]])
        XCTAssertEqual(started.items("Vote").filter { $0.status == .wait && $0.type == "bpmn:UserTask" }.count, 5)

        _ = try invoke(harness, started.id, "Vote", key: "v1")
        let two = try invoke(harness, started.id, "Vote", key: "v2")
        XCTAssertTrue(two.items("Tally").isEmpty)

        let three = try invoke(harness, started.id, "Vote", key: "v4")
        let byKey = Dictionary(uniqueKeysWithValues: three.items("Vote").filter { $0.type == "bpmn:UserTask" }.map { ($0.itemKey ?? "", $0) })
        XCTAssertEqual(byKey["v3"]?.isCancelled, true)
        XCTAssertEqual(byKey["v5"]?.isCancelled, true)
        XCTAssertEqual(three.statuses("Tally"), ["wait"])

        XCTAssertThrowsError(try invoke(harness, started.id, "Vote", key: "v3", ["late": true]))
        XCTAssertNil(try harness.engine.get(["id": .string(started.id)]).instance.data.value(atPath: "Vote.v3.late"))

        XCTAssertEqual(try invoke(harness, started.id, "Tally").status, .end)
    }

    func testSequentialCompletionConditionStopsCreating() throws {
        let harness = try harness("18-multi-instance-completion-condition.bpmn", sequential: true)
        let started = try harness.engine.start("case", data: ["voters": ["v1", "v2", "v3", "v4", "v5"]])

        var current = started
        for _ in 1...3 { current = try invoke(harness, started.id, "Vote") }

        XCTAssertEqual(current.items("Vote").filter { $0.type == "bpmn:UserTask" }.count, 3)
        XCTAssertEqual(current.statuses("Tally"), ["wait"])
    }

    // MARK: 20 error boundary on a multi-instance sub-process

    func testErrorInOneIterationCancelsAll() throws {
        let harness = try harness("20-error-boundary-mi-subprocess.bpmn")
        let started = try harness.engine.start("case", data: ["parts": ["p1", "p2", "p3"]])
        XCTAssertEqual(started.statuses("Inspect"), ["wait", "wait", "wait"])

        let first = try invoke(harness, started.id, "Inspect", key: "p1", ["ok": true])
        XCTAssertEqual(first.items("Inspect").filter { $0.status == .wait }.count, 2)

        let failed = try invoke(harness, started.id, "Inspect", key: "p2", ["ok": false])
        if ProcessInfo.processInfo.environment["DEBUG_ITEMS"] != nil {
            for item in failed.items { print(item.seq, item.elementId, item.type, item.status, item.endedAt == nil ? "-" : "ended", item.tokenId, item.itemKey ?? "") }
            for token in failed.tokens { print("token", token.id, token.kind, token.status, token.parentTokenId ?? -1, token.originItemId ?? "-", token.currentNodeId) }
        }
        let inspect = Dictionary(uniqueKeysWithValues: failed.items("Inspect").map { ($0.itemKey ?? "", $0) })
        XCTAssertEqual(failed.statuses("Fail"), ["end"])
        XCTAssertEqual(inspect["p3"]?.isCancelled, true)
        XCTAssertEqual(failed.statuses("CatchDefect"), ["end"])
        XCTAssertEqual(failed.statuses("Rework"), ["wait"])
        XCTAssertTrue(failed.items("Ship").isEmpty)
        XCTAssertEqual(failed.status, .running)
        XCTAssertEqual(failed.instance.data.value(atPath: "Batch.p2.ok"), false)

        XCTAssertEqual(try invoke(harness, started.id, "Rework").status, .end)
    }

    // MARK: standard loop

    func testStandardLoopRepeatsUntilConditionFails() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "loop", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <scriptTask id="Count" scriptFormat="JavaScript">
                  <standardLoopCharacteristics testBefore="false"><loopCondition>data.n &lt; 4</loopCondition></standardLoopCharacteristics>
                  <script>this.token.execution.appendData({}); data.n = (data.n || 0) + 1;</script>
                </scriptTask>
                <userTask id="Done"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="Count"/>
                <sequenceFlow id="f2" sourceRef="Count" targetRef="Done"/>
              </process>
            </definitions>
            """)

        let started = try harness.engine.start("loop")

        XCTAssertEqual(started.items("Count").filter { $0.type == "bpmn:ScriptTask" }.count, 4)
        XCTAssertEqual(started.statuses("Done"), ["wait"])
    }
}
