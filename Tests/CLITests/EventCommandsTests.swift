import XCTest

/// `message`, `signal`, `retry` and the services folder, through the command line.
final class EventCommandsTests: XCTestCase {
    private var cli: CLIRunner!

    /// An order that waits for the message "Payment received" and the signal "Shop closing".
    private let orderModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:message id="msg_payment" name="Payment received" />
          <bpmn:signal id="sig_closing" name="Shop closing" />
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="catch_payment">
              <bpmn:messageEventDefinition messageRef="msg_payment" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="catch_closing">
              <bpmn:signalEventDefinition signalRef="sig_closing" />
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="catch_payment" />
            <bpmn:sequenceFlow id="f2" sourceRef="catch_payment" targetRef="catch_closing" />
            <bpmn:sequenceFlow id="f3" sourceRef="catch_closing" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let path = try cli.writeFile("Order.bpmn", orderModel)
        let imported = try cli.run(["model", "import", path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    override func tearDown() {
        cli = nil
    }

    private func startOrder(_ orderId: String) throws {
        let started = try cli.run(["start", "Order", "--data", "{\"orderId\": \"\(orderId)\"}"])
        XCTAssertEqual(started.status, 0, started.stderr)
    }

    private func waitingElements() throws -> [String] {
        let items = try cli.run(["items", "{\"items.status\": \"wait\"}", "--matching", "--json"])
        return try array(items.json()).compactMap { try object($0)["elementId"] as? String }.sorted()
    }

    func testMessageReachesReceiverByKey() throws {
        try startOrder("A-1")
        try startOrder("B-2")

        let result = try cli.run([
            "message", "Payment received", "--key", "{\"data.orderId\": \"B-2\"}", "--data", "{\"paid\": 42}", "--json",
        ])

        XCTAssertEqual(result.status, 0, result.stderr)
        let delivery = try object(result.json())
        XCTAssertEqual(try array(delivery["receivers"]).count, 1)
        let instance = try object(try object(array(delivery["executions"]).first)["instance"])
        XCTAssertEqual(try object(instance["data"])["orderId"] as? String, "B-2")
        XCTAssertEqual(try object(instance["data"])["paid"] as? Int, 42)
        XCTAssertEqual(try waitingElements(), ["catch_closing", "catch_payment"])
    }

    func testMessageToSeveralReceiversIsRejected() throws {
        try startOrder("A-1")
        try startOrder("B-2")

        let result = try cli.run(["message", "Payment received"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("bpmn-inbox: error: "), result.stderr)
        XCTAssertEqual(try waitingElements(), ["catch_payment", "catch_payment"])
    }

    func testSeveralReceiversErrorSuggestsAll() throws {
        try startOrder("A-1")
        try startOrder("B-2")

        let result = try cli.run(["message", "Payment received"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("2 receivers wait for 'Payment received'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("(use --all)"), result.stderr)
    }

    func testMessageToOneReceiverSaysReceiver() throws {
        try startOrder("A-1")

        let result = try cli.run(["message", "Payment received"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("reached 1 receiver:"), result.stdout)
    }

    func testKeyedMessageWithoutReceiverNamesKey() throws {
        try startOrder("A-1")

        let result = try cli.run(["message", "Payment received", "--key", "{\"data.orderId\": \"Z-9\"}"])

        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(
            result.stderr.contains("no instance matching the key {\"data.orderId\": \"Z-9\"} waits for message"),
            result.stderr)
        XCTAssertEqual(try waitingElements(), ["catch_payment"])
    }

    func testMessageToAllReachesEveryReceiver() throws {
        try startOrder("A-1")
        try startOrder("B-2")

        let result = try cli.run(["message", "Payment received", "--all"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("reached 2 receivers"), result.stdout)
        XCTAssertEqual(try waitingElements(), ["catch_closing", "catch_closing"])
    }

    func testMessageWithoutReceiverExitsThree() throws {
        let result = try cli.run(["message", "Nobody listens"])

        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("no instance waits for message 'Nobody listens'"), result.stderr)
    }

    func testSignalReachesEveryWaitingInstance() throws {
        try startOrder("A-1")
        try startOrder("B-2")
        _ = try cli.run(["message", "Payment received", "--all"])

        let result = try cli.run(["signal", "Shop closing", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let executions = try array(object(result.json())["executions"]).map { try object($0) }
        XCTAssertEqual(executions.count, 2)
        for execution in executions {
            XCTAssertEqual(try object(execution["instance"])["status"] as? String, "end")
        }
    }

    func testSignalWithoutReceiverSucceeds() throws {
        let result = try cli.run(["signal", "Shop closing"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("reached no receiver"), result.stdout)
    }

    func testRetryWithoutFailedItemFails() throws {
        try startOrder("A-1")

        let result = try cli.run(["retry", "{\"data.orderId\": \"A-1\"}"])

        XCTAssertEqual(result.status, 3, "no failed item matches, so nothing matched")
        XCTAssertTrue(result.stderr.contains("with status failed"), result.stderr)
    }

    // MARK: Services

    private let approversModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="approvers" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="call_add" implementation="add" />
            <bpmn:scriptTask id="pick" scriptFormat="JavaScript">
              <bpmn:script>data.approvers = appServices.approvers({});</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call_add" />
            <bpmn:sequenceFlow id="f2" sourceRef="call_add" targetRef="pick" />
            <bpmn:sequenceFlow id="f3" sourceRef="pick" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    /// Writes the services file into `relativeFolder` of the temp folder and imports the model.
    /// The default folder is not the one next to the database, so only --services finds it.
    private func writeServices(in relativeFolder: String = "lib/services") throws -> String {
        let folder = cli.folder.appendingPathComponent(relativeFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            services.add = (input) => 1;
            services.approvers = (input) => ['ann', 'bob'];
            """.write(to: folder.appendingPathComponent("approvers.js"), atomically: true, encoding: .utf8)
        let model = try cli.writeFile("Approvers.bpmn", approversModel)
        XCTAssertEqual(try cli.run(["model", "import", model]).status, 0)
        return folder.path
    }

    func testServicesOptionLoadsServices() throws {
        let folder = try writeServices()

        let result = try cli.run(["--services", folder, "start", "Approvers", "--json"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try object(object(object(result.json())["instance"])["data"])
        XCTAssertEqual(data["approvers"] as? [String], ["ann", "bob"])
    }

    func testServicesVariableLoadsServices() throws {
        let folder = try writeServices()

        let result = try cli.runWithoutDatabase(
            ["--db", cli.databasePath, "start", "Approvers"], environment: ["BPMN_INBOX_SERVICES": folder])

        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testDefaultServicesFolderIsNextToDatabase() throws {
        _ = try writeServices(in: "services")

        let result = try cli.run(["start", "Approvers"])

        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testMissingServiceNamesTheService() throws {
        _ = try writeServices()

        let result = try cli.run(["start", "Approvers"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("add"), result.stderr)
    }

    func testMissingServicesFolderFails() throws {
        let result = try cli.run(["--services", "no-such-folder", "model", "list"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("services folder 'no-such-folder' not found"), result.stderr)
    }

    func testBrokenServicesFileFails() throws {
        let folder = cli.folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "services.x = (".write(to: folder.appendingPathComponent("x.js"), atomically: true, encoding: .utf8)

        let result = try cli.run(["--services", folder.path, "model", "list"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("x.js"), result.stderr)
    }
}
