import XCTest

/// `start-event` triggers an element of a running instance.
final class StartEventCommandTests: XCTestCase {
    private var cli: CLIRunner!
    private var instanceId = ""

    override func setUpWithError() throws {
        cli = try CLIRunner()
        instanceId = try TimerModels.importAndStart(cli, name: "Three waits", source: TimerModels.threeWaits)[0]
    }

    override func tearDown() {
        cli = nil
    }

    func testStartEventCompletesWaitingCatchEvent() throws {
        let result = try cli.run(["start-event", instanceId, "catch_payment", "--data", "{\"paid\": 42}", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let execution = try object(result.json())
        let instance = try object(execution["instance"])
        XCTAssertEqual(try object(instance["data"])["paid"] as? Double, 42)
        XCTAssertEqual(waitingElementIds(try items(of: execution)), ["catch_closing", "timer_hour"])
        XCTAssertEqual(try firstItem("end_payment", in: items(of: execution))["status"] as? String, "end")
    }

    func testStartEventTextNamesElement() throws {
        let result = try cli.run(["start-event", instanceId, "catch_closing"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Triggered 'catch_closing' in instance \(instanceId)"), result.stdout)
    }

    func testStartEventRejectsUnknownInstance() throws {
        let result = try cli.run(["start-event", "no-such-instance", "catch_payment"])

        XCTAssertEqual(result.status, 3, "an unknown instance id matches nothing")
        XCTAssertTrue(result.stderr.contains("no instance matches {\"id\":\"no-such-instance\"}"), result.stderr)
    }

    func testStartEventRejectsUnknownElement() throws {
        let result = try cli.run(["start-event", instanceId, "catch_nothing"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("has no element 'catch_nothing'"), result.stderr)
    }

    func testStartEventRequiresElementId() throws {
        let result = try cli.run(["start-event", instanceId])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("missing argument ELEMENT_ID"), result.stderr)
    }
}
