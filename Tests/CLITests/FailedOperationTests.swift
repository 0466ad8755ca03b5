import XCTest

/// Operations the engine rejects: exit status 1, a message naming the cause, and a database
/// exactly as before the call.
final class FailedOperationTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    /// A user task followed by a script that throws: invoking the task must roll back.
    private let failingModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="failing" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="task_check" name="Check" />
            <bpmn:scriptTask id="script_fail" name="Fail" scriptFormat="JavaScript">
              <bpmn:script>data.touched = true; throw new Error("ledger offline");</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task_check" />
            <bpmn:sequenceFlow id="f2" sourceRef="task_check" targetRef="script_fail" />
            <bpmn:sequenceFlow id="f3" sourceRef="script_fail" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    /// Returns every instance with all its items as JSON text, to compare before and after a call.
    private func snapshot() throws -> String {
        let instances = try cli.run(["instances", "--json"])
        let items = try cli.run(["items", "{}", "--json"])
        XCTAssertEqual(instances.status, 0, instances.stderr)
        XCTAssertEqual(items.status, 0, items.stderr)
        return instances.stdout + items.stdout
    }

    private func importFailingModel() throws {
        let path = try cli.writeFile("Failing.bpmn", failingModel)
        let imported = try cli.run(["model", "import", path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    func testScriptFailureLeavesDatabaseUnchanged() throws {
        try importFailingModel()
        let started = try cli.run(["start", "Failing", "--data", "{\"ticket\": 42}"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let before = try snapshot()

        let result = try cli.run(["invoke", "{\"items.elementId\": \"task_check\"}", "--data", "{\"note\": \"x\"}"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("bpmn-inbox: error: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("script_fail"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ledger offline"), result.stderr)
        XCTAssertEqual(try snapshot(), before)
    }

    func testStartFailureStoresNoInstance() throws {
        let path = try cli.writeFile("Instant.bpmn", failingModel.replacingOccurrences(
            of: "sourceRef=\"start\" targetRef=\"task_check\"", with: "sourceRef=\"start\" targetRef=\"script_fail\""))
        _ = try cli.run(["model", "import", path])

        let result = try cli.run(["start", "Instant"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("ledger offline"), result.stderr)
        XCTAssertEqual(try cli.run(["instances", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
    }

    func testNoMatchingItemLeavesDatabaseUnchanged() throws {
        try importFailingModel()
        _ = try cli.run(["start", "Failing"])
        let before = try snapshot()

        let result = try cli.run(["invoke", "{\"items.elementId\": \"task_missing\"}"])

        XCTAssertEqual(result.status, 3, "a query that matches nothing exits with 3")
        XCTAssertTrue(result.stderr.contains("no waiting item matches"), result.stderr)
        XCTAssertEqual(try snapshot(), before)
    }

    func testUnknownModelSuggestsClosest() throws {
        try importFailingModel()

        let result = try cli.run(["start", "Faling"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("model 'Faling' not found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("did you mean 'Failing'?"), result.stderr)
    }

    func testAmbiguousQueryIsRejected() throws {
        try importFailingModel()
        _ = try cli.run(["start", "Failing"])
        _ = try cli.run(["start", "Failing"])
        let before = try snapshot()

        let result = try cli.run(["invoke", "{\"items.elementId\": \"task_check\"}"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("2 waiting items match"), result.stderr)
        XCTAssertEqual(try snapshot(), before)
    }

    func testAssignToEndedItemFails() throws {
        try importFailingModel()
        _ = try cli.run(["start", "Failing"])
        let before = try snapshot()

        let result = try cli.run(["assign", "{\"items.elementId\": \"start\"}", "--assignment", "{\"assignee\": \"ana\"}"])

        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertEqual(try snapshot(), before)
    }
}
