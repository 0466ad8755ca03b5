import XCTest

/// Models with timers and event receivers for the timer, worker and clock tests.
enum TimerModels {
    /// Returns a process that waits `duration` (ISO 8601, such as `PT1H`) at `timer_wait` and ends.
    static func timer(processId: String, duration: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="\(processId)" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="timer_wait">
              <bpmn:timerEventDefinition><bpmn:timeDuration>\(duration)</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="timer_wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="timer_wait" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
    }

    /// A process that waits at once for a PT1H timer, the message "Payment received" and the
    /// signal "Shop closing", on three parallel paths.
    static let threeWaits = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:message id="msg_payment" name="Payment received" />
          <bpmn:signal id="sig_closing" name="Shop closing" />
          <bpmn:process id="three_waits" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:intermediateCatchEvent id="timer_hour">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="catch_payment">
              <bpmn:messageEventDefinition messageRef="msg_payment" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="catch_closing">
              <bpmn:signalEventDefinition signalRef="sig_closing" />
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end_timer" />
            <bpmn:endEvent id="end_payment" />
            <bpmn:endEvent id="end_closing" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="timer_hour" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="catch_payment" />
            <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="catch_closing" />
            <bpmn:sequenceFlow id="f5" sourceRef="timer_hour" targetRef="end_timer" />
            <bpmn:sequenceFlow id="f6" sourceRef="catch_payment" targetRef="end_payment" />
            <bpmn:sequenceFlow id="f7" sourceRef="catch_closing" targetRef="end_closing" />
          </bpmn:process>
        </bpmn:definitions>
        """

    /// Imports `source` as model `name` and starts `count` instances; returns their ids.
    static func importAndStart(
        _ cli: CLIRunner, name: String, source: String, count: Int = 1,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> [String] {
        let path = try cli.writeFile("\(name).bpmn", source)
        let imported = try cli.run(["model", "import", path], file: file, line: line)
        XCTAssertEqual(imported.status, 0, imported.stderr, file: file, line: line)

        var ids: [String] = []
        for _ in 0..<count {
            let started = try cli.run(["start", name, "--json"], file: file, line: line)
            XCTAssertEqual(started.status, 0, started.stderr, file: file, line: line)
            let instance = try object(object(started.json())["instance"])
            ids.append(instance["id"] as? String ?? "")
        }
        return ids
    }
}
