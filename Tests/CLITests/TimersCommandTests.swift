import XCTest

/// `timers` fires due timers and leaves timers that are not due yet.
final class TimersCommandTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let path = try cli.writeFile(
            "Wait a second.bpmn",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="wait_a_second" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:intermediateCatchEvent id="timer_second">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="timer_second" />
                <bpmn:sequenceFlow id="f2" sourceRef="timer_second" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """)
        let imported = try cli.run(["model", "import", path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let started = try cli.run(["start", "Wait a second"])
        XCTAssertEqual(started.status, 0, started.stderr)
    }

    override func tearDown() {
        cli = nil
    }

    func testTimerNotDueStaysWaiting() throws {
        let result = try cli.run(["timers", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try array(result.json()).count, 0)
    }

    func testDueTimerEndsInstance() throws {
        Thread.sleep(forTimeInterval: 1.5)

        let result = try cli.run(["timers", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let executions = try array(result.json()).map { try object($0) }
        XCTAssertEqual(executions.count, 1)
        XCTAssertEqual(try object(executions.first?["instance"])["status"] as? String, "end")
    }
}
