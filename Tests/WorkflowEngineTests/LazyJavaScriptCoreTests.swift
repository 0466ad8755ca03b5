import Foundation
@testable import WorkflowEngine
import XCTest

/// JavaScriptCore is opened when the first script runs: calls that run none create no
/// JavaScript context, and a library that cannot be loaded fails only the calls that need it.
final class LazyJavaScriptCoreTests: XCTestCase {
    /// start → Review (user task) → Work (script task) → Done (user task) → end.
    private let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Review"/>
            <scriptTask id="Work" scriptFormat="JavaScript"><script>data.worked = true;</script></scriptTask>
            <userTask id="Done"/>
            <endEvent id="E"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Review"/>
            <sequenceFlow id="f2" sourceRef="Review" targetRef="Work"/>
            <sequenceFlow id="f3" sourceRef="Work" targetRef="Done"/>
            <sequenceFlow id="f4" sourceRef="Done" targetRef="E"/>
          </process>
        </definitions>
        """

    private let admin = UserContext(name: "root", isAdmin: true)

    func testCallsWithoutScriptsCreateNoContext() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model)
        let createdBefore = ScriptRuntime.created

        let started = try harness.engine.start("m")
        let query: JSONValue = ["id": .string(started.id)]
        _ = try harness.engine.taskCounts(user: admin)
        _ = try harness.engine.pendingUserTasks(.emptyObject, user: admin)
        _ = try harness.engine.findInstances(.emptyObject, user: admin)
        _ = try harness.engine.findItems(query, user: admin)
        _ = try harness.engine.get(query, user: admin)
        _ = try harness.engine.history(instanceId: started.id, user: admin)
        _ = try harness.engine.listModels()

        XCTAssertEqual(ScriptRuntime.created, createdBefore)
        XCTAssertFalse(harness.engine.scripts.isStarted)
    }

    func testScriptTaskCreatesContext() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m")
        let createdBefore = ScriptRuntime.created

        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"])

        XCTAssertEqual(after.instance.data["worked"], true)
        XCTAssertEqual(ScriptRuntime.created, createdBefore + 1)
        XCTAssertTrue(harness.engine.scripts.isStarted)
    }

    func testMissingLibraryFailsScriptWithInstallHint() throws {
        let harness = try EngineHarness()
        harness.engine.javaScriptCoreFile = "libjavascriptcoregtk-missing-for-tests.so.0"
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m")
        let before = try state(harness, started.id)

        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"])) { error in
            guard let unavailable = error as? JavaScriptUnavailableError else {
                return XCTFail("expected JavaScriptUnavailableError, got \(error)")
            }
            XCTAssertEqual(unavailable.file, "libjavascriptcoregtk-missing-for-tests.so.0")
            guard case .notOpened(let detail) = unavailable.reason else { return XCTFail("\(unavailable.reason)") }
            XCTAssertTrue(detail.contains("libjavascriptcoregtk-missing-for-tests.so.0"), detail)
            XCTAssertTrue(unavailable.description.contains("'libjavascriptcoregtk-missing-for-tests.so.0'"), unavailable.description)
            XCTAssertTrue(unavailable.description.contains("apt-get install libjavascriptcoregtk-4.1-0"), unavailable.description)
        }

        XCTAssertEqual(try state(harness, started.id), before)
    }

    func testMissingLibraryFailsEveryLaterScript() throws {
        let harness = try EngineHarness()
        harness.engine.javaScriptCoreFile = "libjavascriptcoregtk-missing-for-tests.so.0"
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m")
        let query: JSONValue = ["id": .string(started.id), "items.elementId": "Review"]
        XCTAssertThrowsError(try harness.engine.invoke(query))

        XCTAssertThrowsError(try harness.engine.invoke(query)) { error in
            XCTAssertTrue(error is JavaScriptUnavailableError, "\(error)")
        }
    }

    func testMissingLibraryLeavesCallsWithoutScriptsWorking() throws {
        let harness = try EngineHarness()
        harness.engine.javaScriptCoreFile = "libjavascriptcoregtk-missing-for-tests.so.0"
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m")
        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"]))

        let second = try harness.engine.start("m")

        XCTAssertEqual(second.instance.status, .running)
        XCTAssertEqual(try harness.engine.pendingUserTasks(.emptyObject, user: admin).count, 2)
    }

    func testLibraryWithoutJavaScriptCoreFunctionsIsRejected() throws {
        let harness = try EngineHarness()
        // A real library that opens but is not JavaScriptCore; the package links it already.
        harness.engine.javaScriptCoreFile = "libsqlite3.so.0"
        try harness.engine.importModel(name: "m", source: model)
        let started = try harness.engine.start("m")

        XCTAssertThrowsError(try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"])) { error in
            guard let unavailable = error as? JavaScriptUnavailableError else {
                return XCTFail("expected JavaScriptUnavailableError, got \(error)")
            }
            XCTAssertEqual(unavailable.reason, .functionMissing("JSContextGroupCreate"))
            XCTAssertTrue(unavailable.description.contains("lacks the JavaScriptCore function 'JSContextGroupCreate'"), unavailable.description)
        }
    }

    func testMissingLibraryFailsServicesLoad() throws {
        let harness = try EngineHarness()
        harness.engine.javaScriptCoreFile = "libjavascriptcoregtk-missing-for-tests.so.0"
        let folder = harness.folder.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "services.add = (input) => input.a + input.b;".write(
            to: folder.appendingPathComponent("add.js"), atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try harness.engine.loadServices(from: folder)) { error in
            XCTAssertTrue(error is JavaScriptUnavailableError, "\(error)")
        }
    }

    private func state(_ harness: EngineHarness, _ instanceId: String) throws -> InstanceState? {
        try harness.engine.store.readTransaction { try harness.engine.store.loadInstance(id: instanceId) }
    }
}

/// `deferServices` reads the services files at once and runs them with the first script.
final class DeferredServicesTests: XCTestCase {
    /// start → Review (user task) → Pick (script task calling a service) → Done (user task).
    private let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Review"/>
            <scriptTask id="Pick" scriptFormat="JavaScript"><script>data.sum = appServices.add({a: 2, b: 3});</script></scriptTask>
            <userTask id="Done"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Review"/>
            <sequenceFlow id="f2" sourceRef="Review" targetRef="Pick"/>
            <sequenceFlow id="f3" sourceRef="Pick" targetRef="Done"/>
          </process>
        </definitions>
        """

    private func servicesFolder(_ harness: EngineHarness, _ source: String) throws -> URL {
        let folder = harness.folder.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try source.write(to: folder.appendingPathComponent("add.js"), atomically: true, encoding: .utf8)
        return folder
    }

    func testDeferredServicesCreateNoContextUntilScript() throws {
        let harness = try EngineHarness()
        let folder = try servicesFolder(harness, "services.add = (input) => input.a + input.b;")
        try harness.engine.importModel(name: "m", source: model)
        let createdBefore = ScriptRuntime.created

        let files = try harness.engine.deferServices(from: folder)
        let started = try harness.engine.start("m")

        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(ScriptRuntime.created, createdBefore)
        let after = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Review"])
        XCTAssertEqual(after.instance.data["sum"], 5)
        XCTAssertEqual(ScriptRuntime.created, createdBefore + 1)
    }

    func testBrokenDeferredServicesFailFirstScript() throws {
        let harness = try EngineHarness()
        let folder = try servicesFolder(harness, "services.add = (")
        try harness.engine.importModel(name: "m", source: model)
        try harness.engine.deferServices(from: folder)
        let started = try harness.engine.start("m")
        let query: JSONValue = ["id": .string(started.id), "items.elementId": "Review"]
        let before = try harness.engine.store.readTransaction { try harness.engine.store.loadInstance(id: started.id) }

        XCTAssertThrowsError(try harness.engine.invoke(query)) { error in
            guard case .serviceLoadFailed(let file, _)? = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("add.js"), file)
        }
        XCTAssertThrowsError(try harness.engine.invoke(query)) { error in
            guard case .serviceLoadFailed? = error as? EngineError else { return XCTFail("\(error)") }
        }
        let after = try harness.engine.store.readTransaction { try harness.engine.store.loadInstance(id: started.id) }
        XCTAssertEqual(after, before)
    }

    func testDeferServicesAfterScriptRunsAtOnce() throws {
        let harness = try EngineHarness()
        let folder = try servicesFolder(harness, "services.add = (")
        _ = try harness.engine.scripts.evaluate(
            expression: "1", scope: ScriptScope(item: .emptyObject, data: .emptyObject), elementId: "probe")

        XCTAssertThrowsError(try harness.engine.deferServices(from: folder)) { error in
            guard case .serviceLoadFailed? = error as? EngineError else { return XCTFail("\(error)") }
        }
    }
}
