import Foundation
import WorkflowEngine
import XCTest

/// Messages and signals thrown by model elements reach only the instances and models of the
/// throwing instance's tenant, and model lists count only the instances a user reaches.
final class TenantEventTests: XCTestCase {
    private let north = UserContext(name: "nina", tenantId: "north")
    private let south = UserContext(name: "sam", tenantId: "south")
    private let plain = UserContext(name: "pat")

    /// Waits in `Go`, then throws the signal `Alarm` and the message `Ping`.
    private let thrower = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <signal id="sig" name="Alarm"/>
          <message id="msg" name="Ping"/>
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Go"/>
            <intermediateThrowEvent id="Shout"><signalEventDefinition signalRef="sig"/></intermediateThrowEvent>
            <intermediateThrowEvent id="Send"><messageEventDefinition messageRef="msg"/></intermediateThrowEvent>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Go"/>
            <sequenceFlow id="f2" sourceRef="Go" targetRef="Shout"/>
            <sequenceFlow id="f3" sourceRef="Shout" targetRef="Send"/>
            <sequenceFlow id="f4" sourceRef="Send" targetRef="E"/>
          </process>
        </definitions>
        """

    /// Waits for the signal `Alarm` and then for the message `Ping`, each followed by a task.
    private let listener = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <signal id="sig" name="Alarm"/>
          <message id="msg" name="Ping"/>
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <intermediateCatchEvent id="OnAlarm"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
            <intermediateCatchEvent id="OnPing"><messageEventDefinition messageRef="msg"/></intermediateCatchEvent>
            <userTask id="After"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="OnAlarm"/>
            <sequenceFlow id="f2" sourceRef="OnAlarm" targetRef="OnPing"/>
            <sequenceFlow id="f3" sourceRef="OnPing" targetRef="After"/>
          </process>
        </definitions>
        """

    /// Starts on the message `Ping` and waits in `Handle`.
    private let pingStarted = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <message id="msg" name="Ping"/>
          <process id="p" isExecutable="true">
            <startEvent id="OnPing"><messageEventDefinition messageRef="msg"/></startEvent>
            <userTask id="Handle"/>
            <sequenceFlow id="f1" sourceRef="OnPing" targetRef="Handle"/>
          </process>
        </definitions>
        """

    private func harness() throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Thrower", source: thrower)
        try harness.engine.importModel(name: "Listener", source: listener)
        return harness
    }

    private func waitingElements(_ harness: EngineHarness, _ instanceId: String) throws -> [String] {
        let state = try XCTUnwrap(AccessFixture.snapshot(harness, instanceId))
        return state.items.filter { $0.status == .wait }.map(\.elementId).sorted()
    }

    private func instances(_ harness: EngineHarness, of model: String) throws -> [InstanceRecord] {
        try harness.engine.findInstances(["name": .string(model)])
    }

    // MARK: Signals and messages thrown by a model

    func testThrownSignalReachesOnlyThrowerTenant() throws {
        let harness = try harness()
        let northListener = try harness.engine.start("Listener", user: north).id
        let southListener = try harness.engine.start("Listener", user: south).id
        let sharedListener = try harness.engine.start("Listener", user: plain).id
        let northThrower = try harness.engine.start("Thrower", user: north).id

        _ = try harness.engine.invoke(AccessFixture.query(northThrower, "Go"), user: north)

        XCTAssertEqual(try waitingElements(harness, northListener), ["After"])
        XCTAssertEqual(try waitingElements(harness, southListener), ["OnAlarm"])
        XCTAssertEqual(try waitingElements(harness, sharedListener), ["OnAlarm"])
    }

    func testThrownMessageReachesOnlyThrowerTenant() throws {
        let harness = try harness()
        let northListener = try harness.engine.start("Listener", user: north).id
        let southListener = try harness.engine.start("Listener", user: south).id
        _ = try harness.engine.throwSignal("Alarm")
        let southThrower = try harness.engine.start("Thrower", user: south).id

        // One receiver per tenant waits for Ping; before tenants limited thrown events this
        // failed as ambiguous.
        _ = try harness.engine.invoke(AccessFixture.query(southThrower, "Go"), user: south)

        XCTAssertEqual(try waitingElements(harness, southListener), ["After"])
        XCTAssertEqual(try waitingElements(harness, northListener), ["OnPing"])
    }

    func testAdminCallStillLimitsThrownEventToTenant() throws {
        let harness = try harness()
        let northListener = try harness.engine.start("Listener", user: north).id
        let southListener = try harness.engine.start("Listener", user: south).id
        let northThrower = try harness.engine.start("Thrower", user: north).id

        _ = try harness.engine.invoke(AccessFixture.query(northThrower, "Go"), user: .system)

        XCTAssertEqual(try waitingElements(harness, northListener), ["After"])
        XCTAssertEqual(try waitingElements(harness, southListener), ["OnAlarm"])
    }

    func testThrowerWithoutTenantReachesOnlyInstancesWithoutTenant() throws {
        let harness = try harness()
        let northListener = try harness.engine.start("Listener", user: north).id
        let sharedListener = try harness.engine.start("Listener", user: plain).id
        let sharedThrower = try harness.engine.start("Thrower", user: plain).id

        _ = try harness.engine.invoke(AccessFixture.query(sharedThrower, "Go"), user: .system)

        XCTAssertEqual(try waitingElements(harness, sharedListener), ["After"])
        XCTAssertEqual(try waitingElements(harness, northListener), ["OnAlarm"])
    }

    // MARK: Start events

    func testThrownMessageSkipsForeignStartEvent() throws {
        let harness = try harness()
        try harness.engine.importModel(name: "PingStarted", source: pingStarted)
        try harness.engine.setModelTenant("PingStarted", tenantId: "south", by: .system)
        let northThrower = try harness.engine.start("Thrower", user: north).id

        let execution = try harness.engine.invoke(AccessFixture.query(northThrower, "Go"), user: north)

        XCTAssertEqual(execution.instance.status, .end)
        XCTAssertEqual(try instances(harness, of: "PingStarted").count, 0)
    }

    func testThrownMessageStartsOwnTenantModel() throws {
        let harness = try harness()
        try harness.engine.importModel(name: "PingStarted", source: pingStarted)
        try harness.engine.setModelTenant("PingStarted", tenantId: "north", by: .system)
        let northThrower = try harness.engine.start("Thrower", user: north).id

        _ = try harness.engine.invoke(AccessFixture.query(northThrower, "Go"), user: .system)

        XCTAssertEqual(try instances(harness, of: "PingStarted").map(\.tenantId), ["north"])
    }

    func testThrownMessageStartsSharedModelInThrowerTenant() throws {
        let harness = try harness()
        try harness.engine.importModel(name: "PingStarted", source: pingStarted)
        let northThrower = try harness.engine.start("Thrower", user: north).id

        // An admin without a tenant completes the task, yet the started instance belongs
        // to the thrower's tenant.
        _ = try harness.engine.invoke(AccessFixture.query(northThrower, "Go"), user: .system)

        XCTAssertEqual(try instances(harness, of: "PingStarted").map(\.tenantId), ["north"])
    }

    func testUserMessageSkipsForeignStartEvent() throws {
        let harness = try harness()
        try harness.engine.importModel(name: "PingStarted", source: pingStarted)
        try harness.engine.setModelTenant("PingStarted", tenantId: "south", by: .system)

        let delivery = try harness.engine.throwMessage("Ping", user: north)

        XCTAssertFalse(delivery.delivered)
        XCTAssertEqual(try instances(harness, of: "PingStarted").count, 0)
    }

    func testUserMessageStartsOwnTenantModel() throws {
        let harness = try harness()
        try harness.engine.importModel(name: "PingStarted", source: pingStarted)
        try harness.engine.setModelTenant("PingStarted", tenantId: "south", by: .system)

        let delivery = try harness.engine.throwMessage("Ping", user: south)

        XCTAssertTrue(delivery.delivered)
        XCTAssertEqual(try instances(harness, of: "PingStarted").map(\.tenantId), ["south"])
    }

    // MARK: Model lists

    func testListModelsCountsOnlyReachedInstances() throws {
        let harness = try harness()
        _ = try harness.engine.start("Listener", user: north)
        _ = try harness.engine.start("Listener", user: north)
        _ = try harness.engine.start("Listener", user: south)
        _ = try harness.engine.start("Listener", user: plain)

        let counts = { (user: UserContext?) -> Int? in
            try harness.engine.listModels(user: user).first { $0.name == "Listener" }?.totalInstances
        }

        XCTAssertEqual(try counts(north), 2)
        XCTAssertEqual(try counts(south), 1)
        XCTAssertEqual(try counts(plain), 1)
        XCTAssertEqual(try counts(nil), 1)
        XCTAssertEqual(try counts(.system), 4)
    }

    func testListModelsCountsRunningInstancesOfTenant() throws {
        let harness = try harness()
        let ended = try harness.engine.start("Thrower", user: north).id
        _ = try harness.engine.invoke(AccessFixture.query(ended, "Go"), user: north)
        _ = try harness.engine.start("Thrower", user: north)
        _ = try harness.engine.start("Thrower", user: south)

        let summary = try XCTUnwrap(harness.engine.listModels(user: north).first { $0.name == "Thrower" })

        XCTAssertEqual(summary.runningInstances, 1)
        XCTAssertEqual(summary.totalInstances, 2)
    }

    func testTenantAdminModelCountsOwnTenant() throws {
        let harness = try harness()
        let northAdmin = UserContext(name: "nora", isAdmin: true, tenantId: "north")
        _ = try harness.engine.start("Listener", user: north)
        _ = try harness.engine.start("Listener", user: south)

        let summary = try XCTUnwrap(harness.engine.listModels(user: northAdmin).first { $0.name == "Listener" })

        XCTAssertEqual(summary.totalInstances, 1)
    }
}
