import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// `importInstances` rejects an instance whose item ids belong to a stored instance.
final class ArchiveImportCollisionTests: XCTestCase {
    private let admin = UserContext.system

    /// Replaces every occurrence of `old` in the archive's JSON text, as a user editing the
    /// export file with sed would.
    private func edited(_ archive: JSONValue, replacing old: String, with new: String) throws -> JSONValue {
        try JSONValue.parse(archive.jsonText.replacingOccurrences(of: old, with: new))
    }

    private func storedItems(_ engine: WorkflowEngine, of instanceId: String) throws -> [String] {
        try engine.findItems(["id": .string(instanceId)], user: admin).map(\.id).sorted()
    }

    func testImportRejectsInstanceWithTakenItemIds() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let started = try harness.engine.start("approval")
        let renamed = "renamed-" + started.id
        let archive = try edited(try harness.engine.exportInstances([:]), replacing: started.id, with: renamed)

        XCTAssertThrowsError(try harness.engine.importInstances(archive, user: admin)) { error in
            guard case let .archiveItemIdTaken(instanceId, itemId, owner)? = error as? AdministrationError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(instanceId, renamed)
            XCTAssertTrue(started.items.contains { $0.id == itemId }, itemId)
            XCTAssertEqual(owner, started.id)
        }
    }

    func testRejectedImportKeepsOriginalItems() throws {
        let harness = try EngineHarness()
        try harness.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let started = try harness.engine.start("approval")
        let before = try storedItems(harness.engine, of: started.id)
        let archive = try edited(try harness.engine.exportInstances([:]), replacing: started.id, with: "copy-" + started.id)

        XCTAssertThrowsError(try harness.engine.importInstances(archive, user: admin))

        XCTAssertEqual(try storedItems(harness.engine, of: started.id), before)
        XCTAssertEqual(before.count, started.items.count)
        XCTAssertEqual(try harness.engine.findInstances([:], user: admin).map(\.id), [started.id])
    }

    func testRejectedImportWritesNothingForOtherInstances() throws {
        let source = try EngineHarness()
        try source.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let kept = try source.engine.start("approval")
        let fresh = try source.engine.start("approval")
        let archive = try source.engine.exportInstances(["id": .string(fresh.id)])
        let keptArchive = try source.engine.exportInstances(["id": .string(kept.id)])
        let copy = try edited(keptArchive, replacing: kept.id, with: "copy")
        let clash = try edited(keptArchive, replacing: kept.id, with: "second-copy")

        let target = try EngineHarness()
        _ = try target.engine.importInstances(copy, user: admin)
        guard case .object(var fields) = archive else { return XCTFail("the export is not an object") }
        fields["instances"] = .array((archive["instances"]?.arrayValue ?? []) + (clash["instances"]?.arrayValue ?? []))
        let combined = JSONValue.object(fields)
        let copyItems = try storedItems(target.engine, of: "copy")

        XCTAssertThrowsError(try target.engine.importInstances(combined, user: admin))
        XCTAssertEqual(try target.engine.findInstances([:], user: admin).map(\.id), ["copy"])
        XCTAssertEqual(try storedItems(target.engine, of: "copy"), copyItems)
    }

    func testCollisionMessageNamesInstanceAndItem() {
        let error = AdministrationError.archiveItemIdTaken(instanceId: "new-1", itemId: "item-7", ownerInstanceId: "old-1")

        XCTAssertTrue(error.description.contains("new-1"), error.description)
        XCTAssertTrue(error.description.contains("'item-7'"), error.description)
        XCTAssertTrue(error.description.contains("old-1"), error.description)
    }

    func testImportIntoDatabaseWithoutCollisionStillWorks() throws {
        let source = try EngineHarness()
        try source.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let started = try source.engine.start("approval")
        let target = try EngineHarness()

        let report = try target.engine.importInstances(try source.engine.exportInstances([:]), user: admin)

        XCTAssertEqual(report.imported, [started.id])
        XCTAssertEqual(try storedItems(target.engine, of: started.id), started.items.map(\.id).sorted())
    }
    func testImportRejectsStrayHistory() throws {
        let source = try EngineHarness()
        try source.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let victim = try source.engine.start("approval")
        let copied = try source.engine.start("approval")
        let archive = try source.engine.exportInstances(["id": .string(copied.id)])
        let strayed = try redirectingRows("history", of: archive, to: victim.id)
        let historyBefore = try source.engine.history(instanceId: victim.id, user: admin).count
        try source.engine.deleteInstances(["id": .string(copied.id)], user: admin)

        XCTAssertThrowsError(try source.engine.importInstances(strayed, user: admin))

        XCTAssertEqual(try source.engine.history(instanceId: victim.id, user: admin).count, historyBefore)
    }

    func testImportRejectsStrayToken() throws {
        let source = try EngineHarness()
        try source.importFixture("24-user-task-wrong-user.bpmn", as: "approval")
        let victim = try source.engine.start("approval")
        let copied = try source.engine.start("approval")
        let archive = try source.engine.exportInstances(["id": .string(copied.id)])
        let strayed = try redirectingRows("tokens", of: archive, to: victim.id)
        try source.engine.deleteInstances(["id": .string(copied.id)], user: admin)

        XCTAssertThrowsError(try source.engine.importInstances(strayed, user: admin)) { error in
            guard case .invalidArchive(let reason)? = error as? AdministrationError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertTrue(reason.contains(victim.id), reason)
        }

        XCTAssertEqual(try source.engine.findInstances([:], user: admin).map(\.id), [victim.id])
    }

    /// Returns the archive with every row of `key` ("tokens" or "history") of its first
    /// instance naming `instanceId`, as a careless edit of an export file could.
    private func redirectingRows(_ key: String, of archive: JSONValue, to instanceId: String) throws -> JSONValue {
        var root = try XCTUnwrap(archive.objectValue)
        var instances = try XCTUnwrap(root["instances"]?.arrayValue)
        var entry = try XCTUnwrap(instances.first?.objectValue)
        let rows = try XCTUnwrap(entry[key]?.arrayValue)
        XCTAssertFalse(rows.isEmpty, "the exported instance has no \(key) rows")

        entry[key] = .array(rows.map { row in
            var fields = row.objectValue ?? [:]
            fields["instanceId"] = .string(instanceId)
            return .object(fields)
        })
        instances[0] = .object(entry)
        root["instances"] = .array(instances)
        return .object(root)
    }
}
