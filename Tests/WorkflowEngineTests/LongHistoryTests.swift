import Foundation
import SQLiteStore
import XCTest

@testable import WorkflowEngine

/// Calls on instances with a long history read only the live part of the instance, and the
/// behaviours that need ended items still find them in the store.
final class LongHistoryTests: XCTestCase {
    /// A script loop of `data.rounds` rounds (four items each: flow, script, flow, gateway),
    /// then an optional `Hotel` script with a compensation handler, then a user task `Check`
    /// that loops back to itself until `data.done`, or throws compensation when `data.fail`.
    private let loopModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="Start"/>
            <scriptTask id="Hotel" scriptFormat="JavaScript"><script>data.log = ['hotel'];</script></scriptTask>
            <boundaryEvent id="HotelComp" attachedToRef="Hotel"><compensateEventDefinition/></boundaryEvent>
            <scriptTask id="UndoHotel" isForCompensation="true" scriptFormat="JavaScript"><script>data.log = data.log.concat(['undo hotel']);</script></scriptTask>
            <scriptTask id="Tick" scriptFormat="JavaScript"><script>data.round = (data.round || 0) + 1;</script></scriptTask>
            <exclusiveGateway id="More" default="enough"/>
            <userTask id="Check"/>
            <exclusiveGateway id="Done" default="recheck"/>
            <scriptTask id="Count" scriptFormat="JavaScript"><script>data.seen = this.context.getItems().length;</script></scriptTask>
            <intermediateThrowEvent id="Undo"><compensateEventDefinition/></intermediateThrowEvent>
            <userTask id="AfterUndo"/>
            <endEvent id="End"/>
            <sequenceFlow id="f0" sourceRef="Start" targetRef="Hotel"/>
            <sequenceFlow id="f1" sourceRef="Hotel" targetRef="Tick"/>
            <sequenceFlow id="tick" sourceRef="Tick" targetRef="More"/>
            <sequenceFlow id="again" sourceRef="More" targetRef="Tick"><conditionExpression>data.round &lt; data.rounds</conditionExpression></sequenceFlow>
            <sequenceFlow id="enough" sourceRef="More" targetRef="Check"/>
            <sequenceFlow id="checked" sourceRef="Check" targetRef="Done"/>
            <sequenceFlow id="recheck" sourceRef="Done" targetRef="Check"/>
            <sequenceFlow id="count" sourceRef="Done" targetRef="Count"><conditionExpression>data.count === true</conditionExpression></sequenceFlow>
            <sequenceFlow id="counted" sourceRef="Count" targetRef="Check"/>
            <sequenceFlow id="fail" sourceRef="Done" targetRef="Undo"><conditionExpression>data.fail === true</conditionExpression></sequenceFlow>
            <sequenceFlow id="undone" sourceRef="Undo" targetRef="AfterUndo"/>
            <sequenceFlow id="finish" sourceRef="Done" targetRef="End"><conditionExpression>data.done === true</conditionExpression></sequenceFlow>
            <association id="a1" sourceRef="HotelComp" targetRef="UndoHotel"/>
          </process>
        </definitions>
        """

    private let fanOutModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="Start"/>
            <userTask id="Pack">
              <multiInstanceLoopCharacteristics camunda:collection="data.orders" camunda:elementVariable="order"/>
            </userTask>
            <endEvent id="End"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Pack"/>
            <sequenceFlow id="f2" sourceRef="Pack" targetRef="End"/>
          </process>
        </definitions>
        """

    private func startLongLoop(_ harness: EngineHarness, rounds: Int) throws -> Execution {
        try harness.engine.importModel(name: "loop", source: loopModel)
        return try harness.engine.start("loop", data: ["rounds": .number(Double(rounds))], user: .system)
    }

    private func storedItems(_ harness: EngineHarness, _ id: String) throws -> [ItemRecord] {
        try XCTUnwrap(try harness.engine.store.loadInstance(id: id)).items
    }

    func testInvokeOnLongHistoryHoldsOnlyLiveItems() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 300)
        XCTAssertGreaterThan(started.items.count, 1_200)

        let invoked = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Check"], user: .system)

        XCTAssertLessThan(invoked.loadedItemCount, 10, "the call loads the waiting task and creates a few items")
        XCTAssertLessThan(invoked.loadedTokenCount, 10, "the call loads the live tokens, token 0 and the newest")
        XCTAssertEqual(invoked.statuses("Check"), ["end", "wait"])
    }

    func testExecutionTokensEqualStoredTokens() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 50)

        let invoked = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Check"], user: .system)

        let stored = try XCTUnwrap(try harness.engine.store.loadInstance(id: started.id)).tokens
        XCTAssertGreaterThan(stored.count, 50, "each gateway pass ends its token and starts another")
        XCTAssertEqual(invoked.tokens, stored)
        XCTAssertEqual(try invoked.loadTokens(), stored)
    }

    func testExecutionItemsEqualStoredItems() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 50)

        let invoked = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Check"], user: .system)

        XCTAssertEqual(invoked.items, try storedItems(harness, started.id))
        XCTAssertEqual(try invoked.loadItems(), invoked.items)
    }

    func testExecutionItemsLeaveOutLaterCalls() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 20)
        let query: JSONValue = ["id": .string(started.id), "items.elementId": "Check"]

        let first = try harness.engine.invoke(query, user: .system)
        let storedAfterFirst = try storedItems(harness, started.id)
        _ = try harness.engine.invoke(query, user: .system)

        XCTAssertEqual(first.items.map(\.id), storedAfterFirst.map(\.id))
        XCTAssertEqual(first.items.filter { $0.elementId == "Check" }.map(\.status), [.end, .wait])
    }

    func testWaitingItemsNeedNoStoreRead() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 20)

        let invoked = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Check"], user: .system)

        XCTAssertEqual(invoked.waitingItems.map(\.elementId), ["Check"])
    }

    func testCompensationAfterLongHistoryFindsCompletedActivity() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 200)
        let query: JSONValue = ["id": .string(started.id), "items.elementId": "Check"]
        _ = try harness.engine.invoke(query, user: .system)

        let undone = try harness.engine.invoke(query, data: ["fail": true], user: .system)

        XCTAssertEqual(undone.instance.data["log"], ["hotel", "undo hotel"])
        XCTAssertEqual(undone.statuses("AfterUndo"), ["wait"])
        XCTAssertEqual(undone.statuses("UndoHotel"), ["end"])
    }

    func testCompensationMarkOnOldItemIsStored() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 30)

        _ = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Check"], data: ["fail": true], user: .system)

        let hotel = try XCTUnwrap(try storedItems(harness, started.id).first { $0.elementId == "Hotel" })
        XCTAssertEqual(hotel.statusDetails["compensation"]?["done"], true)
    }

    func testGetItemsInScriptSeesWholeHistory() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 40)
        let before = try storedItems(harness, started.id).count

        let counted = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "Check"], data: ["count": true], user: .system)

        // Check ended, then the flow, the gateway, the flow to Count and Count itself exist
        // when the script runs: four items created in this call before the script reads them.
        XCTAssertEqual(counted.instance.data["seen"], .number(Double(before + 4)))
    }

    func testInstanceEndsAfterLongHistory() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 100)

        let ended = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "Check"], data: ["done": true], user: .system)

        XCTAssertEqual(ended.status, .end)
        XCTAssertEqual(ended.items, try storedItems(harness, started.id))
    }

    func testMultiInstanceInvokesWriteOnlyChangedTokens() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "fan", source: fanOutModel)
        let orders = JSONValue.array((0..<30).map { .string("order-\($0)") })
        let started = try harness.engine.start("fan", data: ["orders": orders], user: .system)
        let waiting = started.waitingItems.filter { $0.type == "bpmn:UserTask" }
        XCTAssertEqual(waiting.count, 30)

        var last: Execution?
        for item in waiting {
            last = try harness.engine.invoke(["items.id": .string(item.id)], user: .system)
        }

        let finished = try XCTUnwrap(last)
        let stored = try XCTUnwrap(try harness.engine.store.loadInstance(id: started.id))
        XCTAssertEqual(finished.status, .end)
        XCTAssertEqual(finished.tokens, stored.tokens)
        XCTAssertTrue(stored.tokens.allSatisfy { $0.status == .end }, "\(stored.tokens.map(\.status))")
        XCTAssertEqual(finished.items, stored.items)
    }

    /// A sub-process that loops `data.rounds` times before its task `Inner` waits, with an
    /// interrupting timer of one hour on the sub-process.
    private let subProcessModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="Start"/>
            <subProcess id="Sub">
              <startEvent id="SubStart"/>
              <scriptTask id="Tick" scriptFormat="JavaScript"><script>data.round = (data.round || 0) + 1;</script></scriptTask>
              <exclusiveGateway id="More" default="enough"/>
              <userTask id="Inner"/>
              <endEvent id="SubEnd"/>
              <sequenceFlow id="s1" sourceRef="SubStart" targetRef="Tick"/>
              <sequenceFlow id="s2" sourceRef="Tick" targetRef="More"/>
              <sequenceFlow id="again" sourceRef="More" targetRef="Tick"><conditionExpression>data.round &lt; data.rounds</conditionExpression></sequenceFlow>
              <sequenceFlow id="enough" sourceRef="More" targetRef="Inner"/>
              <sequenceFlow id="s3" sourceRef="Inner" targetRef="SubEnd"/>
            </subProcess>
            <boundaryEvent id="Late" attachedToRef="Sub" cancelActivity="true">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <userTask id="Escalate"/>
            <userTask id="After"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Sub"/>
            <sequenceFlow id="f2" sourceRef="Sub" targetRef="After"/>
            <sequenceFlow id="f3" sourceRef="Late" targetRef="Escalate"/>
          </process>
        </definitions>
        """

    /// A parallel split: branch A waits at a user task, branch B loops `data.rounds` times
    /// and waits at the join, so the join fires in a later call than B's arrival.
    private let joinModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="Start"/>
            <parallelGateway id="Split"/>
            <userTask id="A"/>
            <scriptTask id="Tick" scriptFormat="JavaScript"><script>data.round = (data.round || 0) + 1;</script></scriptTask>
            <exclusiveGateway id="More" default="enough"/>
            <parallelGateway id="Join"/>
            <userTask id="Done"/>
            <sequenceFlow id="f0" sourceRef="Start" targetRef="Split"/>
            <sequenceFlow id="toA" sourceRef="Split" targetRef="A"/>
            <sequenceFlow id="toB" sourceRef="Split" targetRef="Tick"/>
            <sequenceFlow id="tick" sourceRef="Tick" targetRef="More"/>
            <sequenceFlow id="again" sourceRef="More" targetRef="Tick"><conditionExpression>data.round &lt; data.rounds</conditionExpression></sequenceFlow>
            <sequenceFlow id="enough" sourceRef="More" targetRef="Join"/>
            <sequenceFlow id="fromA" sourceRef="A" targetRef="Join"/>
            <sequenceFlow id="f9" sourceRef="Join" targetRef="Done"/>
          </process>
        </definitions>
        """

    func testInterruptingTimerCancelsSubProcessAfterLongHistory() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "sub", source: subProcessModel)
        let started = try harness.engine.start("sub", data: ["rounds": 100], user: .system)
        XCTAssertEqual(started.statuses("Inner"), ["wait"])

        harness.clock.advance(seconds: 7_200)
        let fired = try XCTUnwrap(try harness.engine.fireDueTimers().last)

        XCTAssertEqual(fired.statuses("Inner"), ["cancelled"])
        XCTAssertEqual(fired.statuses("Sub"), ["cancelled"])
        XCTAssertEqual(fired.statuses("Escalate"), ["wait"])
        let live = fired.tokens.filter { $0.status == .running || $0.status == .wait }
        XCTAssertEqual(live.map(\.currentNodeId), ["Escalate"])
    }

    func testJoinFiresWithArrivalFromEarlierCall() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "join", source: joinModel)
        let started = try harness.engine.start("join", data: ["rounds": 100], user: .system)
        XCTAssertEqual(started.statuses("Join"), ["wait"])

        let joined = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "A"], user: .system)

        XCTAssertLessThan(joined.loadedItemCount, 20, "the call loads the live part, not the loop's history")
        XCTAssertEqual(joined.statuses("Join"), ["end", "end"])
        XCTAssertEqual(joined.statuses("Done"), ["wait"])
    }

    func testFailedCallOnLongHistoryLeavesDatabaseUnchanged() throws {
        let harness = try EngineHarness()
        let started = try startLongLoop(harness, rounds: 30)
        let before = try XCTUnwrap(try harness.engine.store.loadInstance(id: started.id))
        let limited = WorkflowEngine(
            store: try SQLiteStore(path: harness.path), clock: harness.clock, options: EngineOptions(maximumStepsPerCall: 2))

        XCTAssertThrowsError(
            try limited.invoke(["id": .string(started.id), "items.elementId": "Check"], data: ["count": true], user: .system)
        ) { error in
            XCTAssertTrue("\(error)".contains("took more than 2 steps"), "\(error)")
        }

        XCTAssertEqual(try harness.engine.store.loadInstance(id: started.id), before)
    }
}
