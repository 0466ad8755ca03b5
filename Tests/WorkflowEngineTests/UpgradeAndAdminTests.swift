import Foundation
import WorkflowEngine
import XCTest

/// Model versions, upgrade, model delete and rename, terminate and delete of instances.
final class UpgradeAndAdminTests: XCTestCase {
    private let admin = UserContext.system
    private let user = UserContext(name: "user1")

    private func carSource() throws -> String {
        let url = EngineHarness.corpus.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus not found at \(url.path)") }
        return try String(contentsOf: url, encoding: .utf8)
    }

    func testInstancesRunOnTheirVersion() throws {
        let harness = try EngineHarness()
        let source = try carSource()
        try harness.engine.importModel(name: "Car", source: source)
        let first = try harness.engine.start("Car", data: ["caseId": 1], user: user)
        try harness.engine.importModel(name: "Car", source: source.replacingOccurrences(of: "name=\"Buy\"", with: "name=\"Purchase\""))
        let second = try harness.engine.start("Car", data: ["caseId": 2], user: user)

        XCTAssertEqual(first.instance.modelVersion, 1)
        XCTAssertEqual(second.instance.modelVersion, 2)
        XCTAssertEqual(second.items("task_Buy").first?.name, "Purchase")
        let versions = try harness.engine.modelVersions(name: "Car")
        XCTAssertEqual(versions.map(\.totalInstances), [1, 1])
    }

    func testDiffListsChangedName() throws {
        let harness = try EngineHarness()
        let source = try carSource()
        try harness.engine.importModel(name: "Car", source: source)
        try harness.engine.importModel(name: "Car", source: source.replacingOccurrences(of: "name=\"Buy\"", with: "name=\"Purchase\""))

        let diff = try harness.engine.diffModel(name: "Car", from: 1, to: 2)

        XCTAssertEqual(diff.changed.map(\.id), ["task_Buy"])
        XCTAssertEqual(diff.changed.first?.changes, ["name"])
        XCTAssertTrue(diff.added.isEmpty)
        XCTAssertTrue(diff.removed.isEmpty)
    }

    func testUpgradeMovesAndSkipsWithReasons() throws {
        let harness = try EngineHarness()
        let source = try carSource()
        try harness.engine.importModel(name: "Car", source: source)
        let atBuy = try harness.engine.start("Car", data: ["caseId": 1], user: user)
        let pastBuy = try harness.engine.start("Car", data: ["caseId": 2], user: user)
        _ = try harness.engine.invoke(["id": .string(pastBuy.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)
        try harness.engine.importModel(name: "Car", source: source.replacingOccurrences(of: "name=\"Buy\"", with: "name=\"Purchase\""))

        let report = try harness.engine.upgrade(model: "Car", afterNodes: ["task_Drive"], user: admin)

        XCTAssertEqual(report.moved.map(\.instanceId), [atBuy.id])
        XCTAssertEqual(report.skipped.map(\.instanceId), [pastBuy.id])
        XCTAssertTrue(report.skipped.first?.reason.contains("task_Drive") ?? false)
        XCTAssertEqual(try harness.engine.get(["id": .string(atBuy.id)]).instance.modelVersion, 2)
        XCTAssertEqual(try harness.engine.get(["id": .string(pastBuy.id)]).instance.modelVersion, 1)
    }

    func testUpgradeSkipsInstanceWhoseElementIsGone() throws {
        let harness = try EngineHarness()
        let source = try carSource()
        try harness.engine.importModel(name: "Car", source: source)
        let started = try harness.engine.start("Car", data: ["caseId": 1], user: user)
        try harness.engine.importModel(name: "Car", source: source.replacingOccurrences(of: "task_Buy", with: "task_Purchase"))

        let report = try harness.engine.upgrade(model: "Car", user: admin)

        XCTAssertEqual(report.skipped.map(\.instanceId), [started.id])
        XCTAssertTrue(report.skipped.first?.reason.contains("'task_Buy'") ?? false)
    }

    func testUpgradeByNonAdminIsRefused() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        XCTAssertThrowsError(try harness.engine.upgrade(model: "Car", user: user)) { error in
            guard case .accessDenied? = error as? EngineError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testTerminateCancelsWaitingItems() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        let started = try harness.engine.start("Car", data: ["caseId": 1], user: user)

        let terminated = try harness.engine.terminate(instanceId: started.id, user: admin)

        XCTAssertEqual(terminated.status, .terminated)
        XCTAssertNotNil(terminated.instance.endedAt)
        XCTAssertEqual(terminated.statuses("task_Buy"), ["cancelled"])
        XCTAssertTrue(try harness.engine.pendingUserTasks().isEmpty)
        XCTAssertEqual(try harness.engine.history(instanceId: started.id).last?.action, "terminate")
    }

    func testDeleteRemovesInstanceAndHistory() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        let kept = try harness.engine.start("Car", data: ["caseId": 1], user: user)
        let removed = try harness.engine.start("Car", data: ["caseId": 2], user: user)

        let report = try harness.engine.deleteInstances(["data.caseId": 2], user: admin)

        XCTAssertEqual(report.deletedIds, [removed.id])
        XCTAssertEqual(try harness.engine.findInstances([:]).map(\.id), [kept.id])
        XCTAssertTrue(try harness.engine.history(instanceId: removed.id).isEmpty)
        XCTAssertTrue(try harness.engine.findItems(["id": .string(removed.id)]).isEmpty)
    }

    func testModelDeleteRefusedWhileInstancesRun() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        _ = try harness.engine.start("Car", data: ["caseId": 1], user: user)

        XCTAssertThrowsError(try harness.engine.deleteModel(name: "Car", user: admin)) { error in
            XCTAssertEqual(error as? AdministrationError, .modelInUse(name: "Car", running: 1))
        }
        XCTAssertEqual(try harness.engine.modelVersions(name: "Car").count, 1)
    }

    func testModelRenameMovesInstances() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        let started = try harness.engine.start("Car", data: ["caseId": 1], user: user)

        try harness.engine.renameModel(name: "Car", to: "Vehicle", user: admin)
        let invoked = try harness.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)

        XCTAssertEqual(invoked.instance.name, "Vehicle")
        XCTAssertEqual(try harness.engine.listModels().map(\.name), ["Vehicle"])
    }

    func testInstancePrefixResolvesAndRejectsAmbiguity() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Car", source: try carSource())
        let started = try harness.engine.start("Car", data: ["caseId": 1], user: user)

        XCTAssertEqual(try harness.engine.resolveInstanceId(String(started.id.prefix(8))), started.id)
        XCTAssertThrowsError(try harness.engine.resolveInstanceId(String(started.id.prefix(3)))) { error in
            XCTAssertEqual(error as? AdministrationError, .instancePrefixTooShort(prefix: String(started.id.prefix(3)), minimum: 6))
        }
    }

    func testExportAndImportMoveInstancesBetweenDatabases() throws {
        let source = try EngineHarness()
        try source.engine.importModel(name: "Car", source: try carSource())
        let started = try source.engine.start("Car", data: ["caseId": 7], user: user)
        let archive = try source.engine.exportInstances([:])

        let target = try EngineHarness()
        let report = try target.engine.importInstances(archive, user: admin)
        let invoked = try target.engine.invoke(
            ["id": .string(started.id), "items.elementId": "task_Buy"], data: ["needsCleaning": "No", "needsRepairs": "No"], user: user)

        XCTAssertEqual(report.imported, [started.id])
        XCTAssertEqual(invoked.statuses("task_Drive"), ["wait"])
        XCTAssertEqual(try target.engine.history(instanceId: started.id).first?.action, "start")
    }
}

/// `modelOutline` of a DMN model lists its decisions.
final class ModelVersionOutlineTests: XCTestCase {
    func testDecisionModelOutlineListsDecisions() throws {
        let harness = try EngineHarness()
        try harness.importFixture("vacation.dmn", as: "vacation")

        let outline = try harness.engine.modelOutline(name: "vacation")

        XCTAssertEqual(outline.decisions.map(\.id), ["Vacation"])
        XCTAssertTrue(outline.processes.isEmpty)
    }

    func testUnknownVersionNamesLatest() throws {
        let harness = try EngineHarness()
        try harness.importFixture("vacation.dmn", as: "vacation")

        XCTAssertThrowsError(try harness.engine.modelOutline(name: "vacation", version: 4)) { error in
            XCTAssertEqual(error as? AdministrationError, .unknownVersion(name: "vacation", version: 4, latest: 1))
        }
    }
}
