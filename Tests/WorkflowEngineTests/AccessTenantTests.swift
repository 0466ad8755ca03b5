import Foundation
import WorkflowEngine
import XCTest

/// Tenants of models and of messages: a user limited to a tenant only sees and starts its
/// tenant's models and the shared ones, and its messages only reach its tenant's instances.
final class AccessTenantTests: XCTestCase {
    private typealias F = AccessFixture

    private let north = UserContext(name: "nina", groups: ["managers"], tenantId: "north")
    private let south = UserContext(name: "sam", groups: ["managers"], tenantId: "south")

    /// A model that waits for the message `Ping` and then for a user task.
    private let receiver = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <message id="m" name="Ping"/>
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <intermediateCatchEvent id="Wait"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
            <userTask id="After"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Wait"/>
            <sequenceFlow id="f2" sourceRef="Wait" targetRef="After"/>
          </process>
        </definitions>
        """

    func testModelsAreSharedAfterImport() throws {
        let harness = try F.harness()

        XCTAssertEqual(try harness.engine.listModels(user: north).map(\.name), [F.modelName])
        XCTAssertNil(try harness.engine.modelTenant(F.modelName))
    }

    func testTenantModelHiddenFromOtherTenants() throws {
        let harness = try F.harness()
        try harness.engine.setModelTenant(F.modelName, tenantId: "north", by: .system)

        XCTAssertEqual(try harness.engine.listModels(user: north).map(\.name), [F.modelName])
        XCTAssertEqual(try harness.engine.listModels(user: south).map(\.name), [])
        XCTAssertEqual(try harness.engine.listModels(user: F.alice).map(\.name), [])
        XCTAssertEqual(try harness.engine.listModels(user: .system).map(\.name), [F.modelName])
        XCTAssertThrowsError(try harness.engine.start(F.modelName, user: south)) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: F.modelName))
        }
    }

    func testInstanceOfTenantModelBelongsToTenant() throws {
        let harness = try F.harness()
        try harness.engine.setModelTenant(F.modelName, tenantId: "north", by: .system)

        let byAdmin = try harness.engine.start(F.modelName, user: .system)
        let byTimer = try harness.engine.start(F.modelName)

        XCTAssertEqual(byAdmin.instance.tenantId, "north")
        XCTAssertEqual(byTimer.instance.tenantId, "north")
    }

    func testSetModelTenantNeedsAdmin() throws {
        let harness = try F.harness()

        let denial = assertAccessDenied(try harness.engine.setModelTenant(F.modelName, tenantId: "north", by: F.alice))

        XCTAssertEqual(denial?.target, "model '\(F.modelName)'")
        XCTAssertNil(try harness.engine.modelTenant(F.modelName))
    }

    func testSetModelTenantOfUnknownModelFails() throws {
        let harness = try F.harness()

        XCTAssertThrowsError(try harness.engine.setModelTenant("Nope", tenantId: "north", by: .system)) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: "Nope"))
        }
    }

    func testSharingModelAgainClearsTenant() throws {
        let harness = try F.harness()
        try harness.engine.setModelTenant(F.modelName, tenantId: "north", by: .system)

        try harness.engine.setModelTenant(F.modelName, tenantId: nil, by: .system)

        XCTAssertEqual(try harness.engine.listModels(user: south).map(\.name), [F.modelName])
    }

    func testMessageReachesOnlySenderTenant() throws {
        let harness = try F.harness()
        try harness.engine.importModel(name: "Receiver", source: receiver)
        let northId = try harness.engine.start("Receiver", user: north).id
        let southId = try harness.engine.start("Receiver", user: south).id

        let delivery = try harness.engine.throwMessage("Ping", user: north)

        XCTAssertEqual(delivery.receivers.map(\.instanceId), [northId])
        let southItems = try XCTUnwrap(F.snapshot(harness, southId)).items
        XCTAssertEqual(southItems.first { $0.elementId == "Wait" }?.status, .wait)
    }

    func testMessageWithoutUserReachesEveryTenant() throws {
        let harness = try F.harness()
        try harness.engine.importModel(name: "Receiver", source: receiver)
        _ = try harness.engine.start("Receiver", user: north)
        _ = try harness.engine.start("Receiver", user: south)

        let delivery = try harness.engine.throwMessage("Ping", deliverToAll: true)

        XCTAssertEqual(delivery.receivers.count, 2)
    }
}
