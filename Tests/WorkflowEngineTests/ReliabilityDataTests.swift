import Foundation
import WorkflowEngine
import XCTest

/// Large and unusual instance data: stored intact within `EngineOptions.maximumDataBytes`,
/// rejected before anything is written above it. The model is Collect (user task) → Sum
/// (script `data.count = data.rows.length`) → Check (user task) → End.
final class ReliabilityDataTests: XCTestCase {
    private func harness(options: EngineOptions = EngineOptions()) throws -> EngineHarness {
        let harness = try EngineHarness(options: options)
        try harness.importFixture("27-large-instance-data.bpmn", as: "Large")
        return harness
    }

    private func rows(_ count: Int) -> JSONValue {
        .array((0..<count).map { .object(["i": .number(Double($0)), "name": .string("row\($0)")]) })
    }

    /// Counts rows of a table with the sqlite3 tool, reading the file as another process would.
    private func countRows(_ table: String, in harness: EngineHarness) throws -> Int {
        let tool = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw XCTSkip("sqlite3 not found at \(tool); install the Debian package sqlite3")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-readonly", harness.path, "SELECT count(*) FROM \(table)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func testHundredThousandRowsRoundTrip() throws {
        let harness = try harness()
        let input = JSONValue.object(["rows": rows(100_000)])

        let began = Date()
        let started = try harness.engine.start("Large", data: input)
        let seconds = Date().timeIntervalSince(began)
        try harness.restart()
        let reloaded = try harness.engine.get(["id": .string(started.id)])
        let invoked = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Collect"])

        XCTAssertLessThan(seconds, 60, "start took \(seconds) s")
        XCTAssertEqual(reloaded.instance.data["rows"], input["rows"])
        XCTAssertEqual(invoked.instance.data["count"], 100_000)
        XCTAssertEqual(invoked.statuses("Check"), ["wait"])
    }

    func testTenMegabyteDocumentRoundTrips() throws {
        let harness = try harness()
        let blob = String(repeating: "0123456789", count: 1_000_000)

        let started = try harness.engine.start("Large", data: ["blob": .string(blob), "rows": []])
        try harness.restart()
        let reloaded = try harness.engine.get(["id": .string(started.id)])

        XCTAssertEqual(reloaded.instance.data["blob"]?.stringValue?.count, 10_000_000)
        XCTAssertEqual(reloaded.instance.data["blob"], .string(blob))
    }

    func testOversizedStartStoresNothing() throws {
        let harness = try harness()
        let blob = String(repeating: "x", count: 20 * 1024 * 1024)

        XCTAssertThrowsError(try harness.engine.start("Large", data: ["blob": .string(blob)])) { error in
            guard case .dataTooLarge(_, let bytes, let limit)? = error as? EngineError else {
                return XCTFail("expected dataTooLarge, got \(error)")
            }
            XCTAssertGreaterThan(bytes, limit)
            XCTAssertEqual(limit, 16 * 1024 * 1024)
            XCTAssertTrue("\(error)".contains("nothing was stored"), "\(error)")
        }
        XCTAssertEqual(try countRows("instances", in: harness), 0)
        XCTAssertEqual(try countRows("items", in: harness), 0)
        XCTAssertEqual(try countRows("history", in: harness), 0)
    }

    func testConfiguredLimitApplies() throws {
        let harness = try harness(options: EngineOptions(maximumDataBytes: 1_000))

        XCTAssertThrowsError(try harness.engine.start("Large", data: ["blob": .string(String(repeating: "y", count: 2_000))]))
        XCTAssertNoThrow(try harness.engine.start("Large", data: ["blob": "small", "rows": []]))
    }

    func testOversizedInvokeLeavesDataUnchanged() throws {
        let harness = try harness()
        let started = try harness.engine.start("Large", data: ["rows": rows(3)])
        let blob = String(repeating: "z", count: 20 * 1024 * 1024)

        XCTAssertThrowsError(
            try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Collect"], data: ["blob": .string(blob)])
        ) { error in
            guard case .dataTooLarge? = error as? EngineError else { return XCTFail("expected dataTooLarge, got \(error)") }
        }
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(after.instance.data, started.instance.data)
        XCTAssertEqual(after.statuses("Collect"), ["wait"])
    }

    func testGrowthPastLimitIsRolledBack() throws {
        let harness = try harness(options: EngineOptions(maximumDataBytes: 50_000))
        let started = try harness.engine.start("Large", data: ["rows": rows(1_000)])
        let before = try harness.engine.get(["id": .string(started.id)])

        // Each invoke input is small, but together with the stored rows it passes the limit.
        XCTAssertThrowsError(
            try harness.engine.invoke(
                ["id": .string(started.id), "items.elementId": "Collect"], data: ["more": rows(1_000)])
        ) { error in
            guard case .dataTooLarge(let what, _, _)? = error as? EngineError else {
                return XCTFail("expected dataTooLarge, got \(error)")
            }
            XCTAssertTrue(what.contains(started.id), what)
        }
        let after = try harness.engine.get(["id": .string(started.id)])
        XCTAssertEqual(after.instance.data, before.instance.data)
        XCTAssertEqual(after.statuses("Collect"), ["wait"])
        XCTAssertEqual(after.instance.revision, before.instance.revision)
    }

    func testEdgeValuesRoundTripThroughStoreAndScript() throws {
        let harness = try harness()
        var nested = JSONValue.string("bottom")
        for level in 0..<99 { nested = level % 2 == 0 ? .array([nested]) : .object(["down": nested]) }
        let edge = JSONValue.object([
            "emoji": "👩‍🔬 Zoë 日本 🇩🇪", "nul": .string("a\u{0}b"), "controls": .string("\u{1}\u{7}\u{1B}[31m\t\n"),
            "maxSafe": .number(9_007_199_254_740_991), "minSafe": .number(-9_007_199_254_740_991),
            "twoTo53": .number(9_007_199_254_740_992), "fraction": .number(0.1), "tiny": .number(5e-324),
            "nested": nested,
        ])
        let started = try harness.engine.start("Large", data: ["rows": [], "edge": edge])

        try harness.restart()
        let reloaded = try harness.engine.get(["id": .string(started.id)])
        // Invoking runs the Sum script, which passes the whole data through JavaScript.
        let scripted = try harness.engine.invoke(["id": .string(started.id), "items.elementId": "Collect"])

        XCTAssertEqual(DataLimitsProbe.depth(of: edge["nested"]!), 99)
        XCTAssertEqual(reloaded.instance.data["edge"], edge)
        XCTAssertEqual(scripted.instance.data["edge"], edge)
        XCTAssertEqual(scripted.instance.data["count"], 0)
    }

    func testDeeplyNestedDataIsRejected() throws {
        let harness = try harness()
        var nested = JSONValue.emptyObject
        for _ in 0..<300 { nested = .object(["down": nested]) }

        XCTAssertThrowsError(try harness.engine.start("Large", data: ["nested": nested])) { error in
            guard case .dataTooDeep(_, let limit)? = error as? EngineError else {
                return XCTFail("expected dataTooDeep, got \(error)")
            }
            XCTAssertEqual(limit, DataLimits.defaultMaximumDepth)
        }
        XCTAssertEqual(try countRows("instances", in: harness), 0)
    }
}

/// Counts nesting the way the limit does: arrays and objects, not scalars.
private enum DataLimitsProbe {
    static func depth(of value: JSONValue) -> Int {
        switch value {
        case .array(let values): return 1 + (values.map(depth(of:)).max() ?? 0)
        case .object(let object): return 1 + (object.values.map(depth(of:)).max() ?? 0)
        default: return 0
        }
    }
}
