import Foundation
import WorkflowEngine
import XCTest

/// `modelVersions(name:user:)` and `modelVersions(user:)`: the per-version instance counts
/// include only the instances of the tenants the user reaches, as `listModels(user:)` does.
final class ModelVersionTenantTests: XCTestCase {
    private let north = UserContext(name: "nina", tenantId: "north")
    private let south = UserContext(name: "sam", tenantId: "south")

    /// A start event, one user task and an end event.
    private let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Work"/>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Work"/>
            <sequenceFlow id="f2" sourceRef="Work" targetRef="E"/>
          </process>
        </definitions>
        """

    /// Version 1 of `Catcher`: north has one running and one ended instance, south three
    /// running. Version 2: north one running, and one started without a user (no tenant).
    private func harnessWithTwoTenants() throws -> EngineHarness {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Catcher", source: model)
        let finished = try harness.engine.start("Catcher", user: north)
        _ = try harness.engine.invoke(["id": .string(finished.instance.id), "items.elementId": "Work"], user: .system)
        _ = try harness.engine.start("Catcher", user: north)
        for _ in 0..<3 { _ = try harness.engine.start("Catcher", user: south) }

        try harness.engine.importModel(name: "Catcher", source: model)
        _ = try harness.engine.start("Catcher", user: north)
        _ = try harness.engine.start("Catcher")
        return harness
    }

    private func counts(_ versions: [ModelVersionSummary]) -> [String] {
        versions.map { "\($0.name) v\($0.version) \($0.runningInstances)/\($0.totalInstances)" }
    }

    func testVersionsCountOwnTenantOnly() throws {
        let harness = try harnessWithTwoTenants()

        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: north)), ["Catcher v1 1/2", "Catcher v2 1/1"])
        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: south)), ["Catcher v1 3/3", "Catcher v2 0/0"])
    }

    func testVersionsAdminWithoutTenantCountsAll() throws {
        let harness = try harnessWithTwoTenants()
        let admin = UserContext(name: "root", isAdmin: true)

        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: .system)), ["Catcher v1 4/5", "Catcher v2 2/2"])
        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: admin)), ["Catcher v1 4/5", "Catcher v2 2/2"])
        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher")), ["Catcher v1 4/5", "Catcher v2 2/2"])
    }

    func testVersionsAdminOfTenantCountsOwnTenant() throws {
        let harness = try harnessWithTwoTenants()
        let northAdmin = UserContext(name: "nadia", isAdmin: true, tenantId: "north")

        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: northAdmin)), ["Catcher v1 1/2", "Catcher v2 1/1"])
    }

    func testVersionsWithoutUserCountUntenantedInstances() throws {
        let harness = try harnessWithTwoTenants()

        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Catcher", user: nil)), ["Catcher v1 0/0", "Catcher v2 1/1"])
    }

    func testVersionsAgreeWithListModels() throws {
        let harness = try harnessWithTwoTenants()

        for user in [north, south, UserContext.system] {
            let summary = try XCTUnwrap(try harness.engine.listModels(user: user).first)
            let versions = try harness.engine.modelVersions(name: "Catcher", user: user)

            XCTAssertEqual(versions.map(\.runningInstances).reduce(0, +), summary.runningInstances, user.name)
            XCTAssertEqual(versions.map(\.totalInstances).reduce(0, +), summary.totalInstances, user.name)
        }
    }

    func testAllVersionsListEveryReachableModel() throws {
        let harness = try harnessWithTwoTenants()
        try harness.engine.importModel(name: "Southern", source: model)
        try harness.engine.setModelTenant("Southern", tenantId: "south", by: .system)
        _ = try harness.engine.start("Southern", user: south)

        XCTAssertEqual(counts(try harness.engine.modelVersions(user: north)), ["Catcher v1 1/2", "Catcher v2 1/1"])
        XCTAssertEqual(
            counts(try harness.engine.modelVersions(user: south)), ["Catcher v1 3/3", "Catcher v2 0/0", "Southern v1 1/1"])
        XCTAssertEqual(
            counts(try harness.engine.modelVersions(user: .system)), ["Catcher v1 4/5", "Catcher v2 2/2", "Southern v1 1/1"])
    }

    func testVersionsOfOtherTenantsModelNotFound() throws {
        let harness = try harnessWithTwoTenants()
        try harness.engine.importModel(name: "Southern", source: model)
        try harness.engine.setModelTenant("Southern", tenantId: "south", by: .system)

        XCTAssertThrowsError(try harness.engine.modelVersions(name: "Southern", user: north)) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: "Southern"))
        }
        XCTAssertEqual(counts(try harness.engine.modelVersions(name: "Southern", user: south)), ["Southern v1 0/0"])
    }

    func testVersionsOfUnknownModelNotFound() throws {
        let harness = try harnessWithTwoTenants()

        XCTAssertThrowsError(try harness.engine.modelVersions(name: "Nope", user: north)) { error in
            XCTAssertEqual(error as? EngineError, .modelNotFound(name: "Nope"))
        }
    }
}
