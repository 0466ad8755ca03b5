import Foundation
import WorkflowEngine
import XCTest

/// Service tasks calling JavaScript services from a services folder.
final class ServiceTaskTests: XCTestCase {
    private func harness(services: String) throws -> EngineHarness {
        let harness = try EngineHarness()
        let folder = harness.folder.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try services.write(to: folder.appendingPathComponent("demo.js"), atomically: true, encoding: .utf8)
        try harness.engine.loadServices(from: folder)
        return harness
    }

    private let demoServices = """
        services.add = function (input, context) { return input.v1 + input.v2; };
        services.service1 = (input) => ({ seq: input.repeat, text: 'test' });
        services.rules = { approvers: (input) => ['ann', 'bob'] };
        """

    func testCorpusServiceTaskModel() throws {
        let harness = try harness(services: demoServices)
        try harness.importCorpus("bpmn-web/test-processes/serviceTask.bpmn", as: "serviceTask")

        let done = try harness.engine.start("serviceTask")

        XCTAssertEqual(done.status, .end)
        XCTAssertEqual(done.instance.data["result"], "53", "plain-text inputs are strings, as in bpmn-server 2")
        XCTAssertEqual(done.instance.data["result2"], 158)
        XCTAssertEqual(done.instance.data["returnText"], "out text:test")
        XCTAssertEqual(done.instance.data["sequence"], "100")
    }

    func testUnknownServiceNamesTheFolder() throws {
        let harness = try harness(services: demoServices)
        try harness.engine.importModel(name: "m", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/><serviceTask id="Call" implementation="rules.missing"/>
                <sequenceFlow id="f" sourceRef="S" targetRef="Call"/>
              </process>
            </definitions>
            """)

        XCTAssertThrowsError(try harness.engine.start("m")) { error in
            guard case .serviceNotFound(let elementId, let service, let searched)? = error as? EngineError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(elementId, "Call")
            XCTAssertEqual(service, "rules.missing")
            XCTAssertTrue(searched.hasSuffix("/services"))
        }
    }

    func testScriptsReachServicesAsAppServices() throws {
        let harness = try harness(services: demoServices)
        try harness.engine.importModel(name: "m", source: """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="S"/>
                <scriptTask id="Pick" scriptFormat="JavaScript"><script>data.approvers = appServices.rules.approvers({});</script></scriptTask>
                <userTask id="Wait"/>
                <sequenceFlow id="f1" sourceRef="S" targetRef="Pick"/><sequenceFlow id="f2" sourceRef="Pick" targetRef="Wait"/>
              </process>
            </definitions>
            """)

        XCTAssertEqual(try harness.engine.start("m").instance.data["approvers"], ["ann", "bob"])
    }

    func testBrokenServicesFileIsReported() throws {
        let harness = try EngineHarness()
        let folder = harness.folder.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "services.x = (".write(to: folder.appendingPathComponent("broken.js"), atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try harness.engine.loadServices(from: folder)) { error in
            guard case .serviceLoadFailed(let file, _)? = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("broken.js"))
        }
    }
}
