import XCTest

/// The models in examples/ import and run to their end through the command line, and `demo`
/// seeds a database from them.
final class ExampleModelsTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let models = try FileManager.default.contentsOfDirectory(atPath: CLIRunner.examplesFolder.path)
            .filter { $0.hasSuffix(".bpmn") }
            .map { CLIRunner.examplesFolder.appendingPathComponent($0).path }
        let imported = try cli.run(["model", "import"] + models)
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    override func tearDown() {
        cli = nil
    }

    // MARK: Helpers

    private func start(_ model: String, data: String = "{}", user: String = "ana") throws -> (id: String, items: [[String: Any]]) {
        let result = try cli.run(["start", model, "--data", data, "--json", "--user", user])
        XCTAssertEqual(result.status, 0, "start \(model): \(result.stderr)")
        let execution = try object(result.json())
        let id = try XCTUnwrap(try object(execution["instance"])["id"] as? String)
        return (id, try items(of: execution))
    }

    /// Invokes `elementId` in instance `id` and returns the whole result.
    private func invoke(
        _ id: String, _ elementId: String, data: String = "{}", user: String = "ana", groups: String? = nil
    ) throws -> [String: Any] {
        var arguments = ["invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"\(elementId)\"}", "--data", data, "--json", "--user", user]
        if let groups { arguments += ["--groups", groups] }
        let result = try cli.run(arguments)
        XCTAssertEqual(result.status, 0, "invoke \(elementId): \(result.stderr)")
        return try object(result.json())
    }

    private func instance(_ execution: [String: Any]) throws -> [String: Any] {
        try object(execution["instance"])
    }

    private func data(_ execution: [String: Any]) throws -> [String: Any] {
        try object(instance(execution)["data"])
    }

    // MARK: Expense approval

    func testExpenseOverLimitNeedsManager() throws {
        let (id, started) = try start("Expense approval")
        XCTAssertEqual(waitingElementIds(started), ["task_submit"])
        XCTAssertEqual(try firstItem("task_submit", in: started)["assignee"] as? String, "ana")

        let submitted = try invoke(
            id, "task_submit",
            data: "{\"amount\": 2500, \"category\": \"supplies\", \"description\": \"Espresso machine for the café\", \"receipt\": true}")
        let review = try firstItem("task_manager_approval", in: items(of: submitted))
        XCTAssertEqual(review["status"] as? String, "wait")
        XCTAssertEqual(review["candidateGroups"] as? [String], ["managers"])
        XCTAssertEqual(numberText(review["priority"]), "60")

        let approved = try invoke(id, "task_manager_approval", data: "{\"approved\": true}", user: "mia", groups: "managers")
        XCTAssertEqual(try instance(approved)["status"] as? String, "end")
        XCTAssertEqual(try data(approved)["payoutStatus"] as? String, "scheduled")
        XCTAssertEqual(try data(approved)["payoutAmount"] as? Int, 2500)
        XCTAssertNotNil(try? firstItem("end_paid", in: items(of: approved)))
    }

    func testExpenseUnderLimitIsApprovedByPolicy() throws {
        let (id, _) = try start("Expense approval")

        let submitted = try invoke(
            id, "task_submit", data: "{\"amount\": 80, \"category\": \"meals\", \"description\": \"Team lunch\"}")

        XCTAssertEqual(try instance(submitted)["status"] as? String, "end")
        XCTAssertEqual((try data(submitted)["approved"] as? NSNumber)?.boolValue, true)
        XCTAssertEqual(try data(submitted)["payoutStatus"] as? String, "scheduled")
        XCTAssertThrowsError(try firstItem("task_manager_approval", in: items(of: submitted)))
    }

    func testExpenseRejectedByManagerEndsUnpaid() throws {
        let (id, _) = try start("Expense approval")
        _ = try invoke(id, "task_submit", data: "{\"amount\": 1200, \"category\": \"travel\", \"description\": \"Train to Zürich\"}")

        let rejected = try invoke(id, "task_manager_approval", data: "{\"approved\": false}", user: "mia", groups: "managers")

        XCTAssertEqual(try instance(rejected)["status"] as? String, "end")
        XCTAssertNil(try data(rejected)["payoutStatus"])
        XCTAssertNotNil(try? firstItem("end_rejected", in: items(of: rejected)))
    }

    // MARK: Employee onboarding

    func testOnboardingJoinsThreeParallelTasks() throws {
        let before = Date()
        let (id, started) = try start("Employee onboarding", data: "{\"employee\": \"Søren Ødegård\", \"manager\": \"ana\"}")
        XCTAssertEqual(waitingElementIds(started), ["task_desk", "task_hr_paperwork", "task_it_account"])
        let due = try XCTUnwrap(isoDate(try firstItem("task_it_account", in: started)["dueDate"]))
        XCTAssertEqual(due.timeIntervalSince(before), 3 * 86_400, accuracy: 300)

        _ = try invoke(id, "task_it_account", data: "{\"login\": \"soren\"}", user: "ivo", groups: "it")
        _ = try invoke(id, "task_desk", data: "{\"deskNumber\": \"B-12\"}", user: "fay", groups: "facilities")
        let paperwork = try invoke(id, "task_hr_paperwork", data: "{\"contractFiled\": true}", user: "hana", groups: "hr")
        XCTAssertEqual(waitingElementIds(try items(of: paperwork)), ["task_welcome"])
        XCTAssertEqual(try firstItem("task_welcome", in: items(of: paperwork))["assignee"] as? String, "ana")

        let welcomed = try invoke(id, "task_welcome")
        XCTAssertEqual(try instance(welcomed)["status"] as? String, "end")
        XCTAssertEqual(try data(welcomed)["login"] as? String, "soren")
    }

    // MARK: Incident triage

    func testCriticalIncidentPagesOnCallAndVendor() throws {
        let (id, started) = try start("Incident triage", data: "{\"summary\": \"Checkout down\"}")
        XCTAssertEqual(numberText(try firstItem("task_triage", in: started)["priority"]), "30")

        let triaged = try invoke(
            id, "task_triage", data: "{\"severity\": \"critical\", \"needsVendor\": true, \"customerFacing\": false}",
            groups: "support")
        let routed = try items(of: triaged)
        XCTAssertEqual(waitingElementIds(routed), ["task_page_oncall", "task_vendor_ticket"])
        XCTAssertEqual(numberText(try firstItem("task_page_oncall", in: routed)["priority"]), "100")

        _ = try invoke(id, "task_page_oncall", user: "omar", groups: "oncall")
        let closed = try invoke(id, "task_vendor_ticket", data: "{\"vendorTicket\": \"V-881\"}", groups: "support")
        XCTAssertEqual(try instance(closed)["status"] as? String, "end")
        XCTAssertEqual((try data(closed)["closed"] as? NSNumber)?.boolValue, true)
        XCTAssertEqual(try data(closed)["resolution"] as? String, "handled by the response team")
    }

    func testLowIncidentTakesDefaultFlow() throws {
        let (id, _) = try start("Incident triage")

        let triaged = try invoke(id, "task_triage", data: "{\"severity\": \"low\"}", groups: "support")
        XCTAssertEqual(waitingElementIds(try items(of: triaged)), ["task_resolve"])

        let closed = try invoke(id, "task_resolve", groups: "support")
        XCTAssertEqual(try instance(closed)["status"] as? String, "end")
        XCTAssertEqual(try data(closed)["resolution"] as? String, "fixed by support")
    }

    // MARK: Café supplies order

    func testCafeOrderComputesTotal() throws {
        let (id, started) = try start("Café supplies order")
        XCTAssertEqual(try firstItem("task_choose", in: started)["name"] as? String, "Choose beans 咖啡豆")

        let chosen = try invoke(id, "task_choose", data: "{\"beans\": \"yirgacheffe\", \"bags\": 3}", groups: "café")
        XCTAssertEqual(try data(chosen)["total"] as? Int, 72)
        XCTAssertEqual(waitingElementIds(try items(of: chosen)), ["task_receive"])

        let received = try invoke(id, "task_receive", groups: "café")
        XCTAssertEqual(try instance(received)["status"] as? String, "end")
    }

    // MARK: Tables with wide characters

    func testTasksTableAlignsWideNames() throws {
        _ = try start("Café supplies order")
        _ = try start("Expense approval")

        let result = try cli.run(["tasks"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        let headerColumn = try XCTUnwrap(displayColumn(of: "MODEL", in: lines[0]))
        for line in lines.dropFirst() {
            let model = line.contains("Café") ? "Café supplies order" : "Expense approval"
            XCTAssertEqual(displayColumn(of: model, in: line), headerColumn, line)
        }
    }

    /// Returns the terminal column where `needle` starts, counting CJK ideographs as two columns.
    private func displayColumn(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return line[..<range.lowerBound].reduce(0) { width, character in
            let value = character.unicodeScalars.first?.value ?? 0
            return width + ((0x4E00...0x9FFF).contains(value) ? 2 : 1)
        }
    }
}

/// `demo --no-inbox` seeds the database once and does not pile up instances when run again.
final class DemoCommandTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private func sampleCount() throws -> Int {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLIRunner.examplesFolder.path)
        var count = 0
        for file in files where file.hasSuffix(".bpmn") {
            let samples = CLIRunner.examplesFolder.appendingPathComponent(
                String(file.dropLast(5)) + ".data.json")
            if let data = FileManager.default.contents(atPath: samples.path) {
                count += try array(JSONSerialization.jsonObject(with: data)).count
            } else {
                count += 1
            }
        }
        return count
    }

    func testDemoSeedsModelsAndInstances() throws {
        let result = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])

        XCTAssertEqual(result.status, 0, result.stderr)
        let models = try array(cli.run(["model", "list", "--json"]).json())
        XCTAssertEqual(models.count, 6)
        let instances = try array(cli.run(["instances", "--json"]).json())
        XCTAssertEqual(instances.count, try sampleCount())
        let tasks = try array(cli.run(["tasks", "--json"]).json())
        XCTAssertFalse(tasks.isEmpty)
    }

    func testDemoRunsTwiceWithoutDuplicates() throws {
        _ = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        let second = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])

        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("0 models imported, 6 already there, 0 instances started"), second.stdout)
        let models = try array(cli.run(["model", "list", "--json"]).json())
        XCTAssertEqual(try object(models.first)["version"] as? Int, 1)
    }

    func testDemoUsesExamplesInWorkingFolder() throws {
        try FileManager.default.copyItem(
            at: CLIRunner.examplesFolder, to: cli.folder.appendingPathComponent("examples"))

        let result = try cli.run(["demo", "--no-inbox"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("6 models imported"), result.stdout)
    }

    func testDemoWithMissingFolderFails() throws {
        let result = try cli.run(["demo", "--models", "no-such-folder", "--no-inbox"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("models folder 'no-such-folder' not found"), result.stderr)
    }

    func testDemoWithoutTerminalSeedsThenFails() throws {
        let result = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the inbox needs a terminal"), result.stderr)
        XCTAssertEqual(try array(cli.run(["model", "list", "--json"]).json()).count, 6)
    }
}
