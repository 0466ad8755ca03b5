import Foundation
import XCTest

/// The Shop order example on a database seeded by `demo --no-inbox`: its two orders wait for
/// a payment message, a payment timer and a recount signal at once, and each event takes its
/// path through the real engine.
final class DemoShopOrderTests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner()
        let seeded = try cli.run(["demo", "--models", CLIRunner.examplesFolder.path, "--no-inbox"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
    }

    override func tearDown() {
        cli = nil
    }

    // MARK: Helpers

    /// Returns what `timers --json` lists for the Shop order instance of `orderId`.
    private func waits(of orderId: String) throws -> [[String: Any]] {
        let id = try instanceId(of: orderId)
        let listed = try array(cli.run(["timers", "--json"]).json())
        return try listed.map { try object($0) }.filter { $0["instanceId"] as? String == id }
    }

    private func instance(of orderId: String) throws -> [String: Any] {
        let query = "{\"name\": \"Shop order\", \"data.orderId\": \"\(orderId)\"}"
        let found = try array(cli.run(["instances", "--query", query, "--json"]).json())
        XCTAssertEqual(found.count, 1, "expected one Shop order with orderId \(orderId)")
        return try object(found.first)
    }

    private func instanceId(of orderId: String) throws -> String {
        try XCTUnwrap(try instance(of: orderId)["id"] as? String)
    }

    private func data(of orderId: String) throws -> [String: Any] {
        try object(instance(of: orderId)["data"])
    }

    /// Returns the element ids of the waiting user tasks of the order, as a member of `group`.
    private func waitingTasks(of orderId: String, group: String) throws -> [String] {
        let id = try instanceId(of: orderId)
        let tasks = try array(cli.run(["--user", "sam", "--groups", group, "tasks", "--json"]).json())
        return try tasks.map { try object($0) }
            .filter { $0["instanceId"] as? String == id }
            .compactMap { $0["elementId"] as? String }
    }

    private func pay(_ orderId: String) throws {
        let result = try cli.run([
            "message", "payment-received", "--key", "{\"data.orderId\": \"\(orderId)\"}",
            "--data", "{\"paymentRef\": \"PAY-7731\"}",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    // MARK: Seeding

    func testDemoSeedsTwoShopOrders() throws {
        let found = try array(cli.run(["instances", "--query", "{\"name\": \"Shop order\"}", "--json"]).json())

        XCTAssertEqual(found.count, 2)
    }

    func testSeededOrderWaitsForTimerMessageAndSignal() throws {
        let kinds = try waits(of: "A-1001").compactMap { $0["kind"] as? String }.sorted()

        XCTAssertEqual(kinds, ["message", "signal", "timer"])
    }

    func testSeededOrderTimerIsDueInTenMinutes() throws {
        let timer = try XCTUnwrap(try waits(of: "A-1001").first { $0["kind"] as? String == "timer" })

        XCTAssertEqual(timer["name"] as? String, "10 minutes unpaid")
        XCTAssertEqual(Double(try XCTUnwrap(timer["dueInSeconds"] as? Int)), 600, accuracy: 60)
    }

    func testSeededOrderWaitsForPaymentMessageByName() throws {
        let message = try XCTUnwrap(try waits(of: "A-1002").first { $0["kind"] as? String == "message" })

        XCTAssertEqual(message["eventName"] as? String, "payment-received")
    }

    // MARK: Events

    func testPaymentReachesOnlyTheKeyedOrder() throws {
        try pay("A-1001")

        XCTAssertEqual(try data(of: "A-1001")["status"] as? String, "paid")
        XCTAssertEqual(try data(of: "A-1001")["paymentRef"] as? String, "PAY-7731")
        XCTAssertEqual(try data(of: "A-1002")["status"] as? String, "awaiting payment")
    }

    func testPaymentWithdrawsTimeoutAndArmsShippingTimer() throws {
        try pay("A-1001")

        let timers = try waits(of: "A-1001").filter { $0["kind"] as? String == "timer" }
        XCTAssertEqual(timers.compactMap { $0["name"] as? String }, ["2 hours open"])
        XCTAssertEqual(try waitingTasks(of: "A-1001", group: "warehouse"), ["task_pack"])
    }

    func testUnpaidOrderGoesToSalesAfterTenMinutes() throws {
        let fired = try cli.run(["--now", "+PT11M", "worker", "--once"])

        XCTAssertEqual(fired.status, 0, fired.stderr)
        XCTAssertEqual(try waitingTasks(of: "A-1002", group: "sales"), ["task_call"])
        XCTAssertFalse(try waits(of: "A-1002").contains { $0["kind"] as? String == "message" })
    }

    func testCancellingReleasesStockAndEndsOrder() throws {
        _ = try cli.run(["--now", "+PT11M", "worker", "--once"])
        let id = try instanceId(of: "A-1002")

        let result = try cli.run([
            "--user", "sam", "--groups", "sales", "invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_call\"}",
            "--data", "{\"callNote\": \"customer ordered elsewhere\"}",
        ])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try instance(of: "A-1002")["status"] as? String, "end")
        XCTAssertEqual(try data(of: "A-1002")["status"] as? String, "cancelled")
        XCTAssertEqual(try data(of: "A-1002")["stockReserved"] as? Bool, false)
    }

    func testOpenShipmentIsFlaggedLateAndStillWaits() throws {
        try pay("A-1001")

        let fired = try cli.run(["--now", "+PT2H5M", "worker", "--once"])

        XCTAssertEqual(fired.status, 0, fired.stderr)
        XCTAssertEqual(try data(of: "A-1001")["shippingLate"] as? Bool, true)
        XCTAssertEqual(try waitingTasks(of: "A-1001", group: "warehouse"), ["task_pack"])
    }

    func testShippingEndsOrder() throws {
        try pay("A-1001")
        let id = try instanceId(of: "A-1001")

        let result = try cli.run([
            "--user", "wes", "--groups", "warehouse", "invoke", "{\"id\": \"\(id)\", \"items.elementId\": \"task_pack\"}",
            "--data", "{\"carrier\": \"dhl\", \"trackingNumber\": \"JJD0001\"}",
        ])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try instance(of: "A-1001")["status"] as? String, "end")
        XCTAssertTrue(try waits(of: "A-1001").isEmpty)
    }

    func testRecountSignalMarksEveryOpenOrderEachTime() throws {
        for _ in 1...2 {
            let result = try cli.run(["signal", "stock-recount"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }

        for orderId in ["A-1001", "A-1002"] {
            XCTAssertEqual(try data(of: orderId)["delayed"] as? Bool, true, orderId)
            XCTAssertEqual(try data(of: orderId)["recounts"] as? Int, 2, orderId)
            XCTAssertEqual(try waits(of: orderId).filter { $0["kind"] as? String == "signal" }.count, 1, orderId)
        }
    }
}
