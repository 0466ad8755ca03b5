import Foundation
import WorkflowEngine
import XCTest

@testable import SQLiteStore

/// Base class giving each test a fresh temporary directory for its database files.
class StoreTestCase: XCTestCase {
    private(set) var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func databasePath(_ name: String = "inbox.db") -> String {
        directory.appendingPathComponent(name).path
    }

    func openStore(_ name: String = "inbox.db", busyTimeout: Double = 5) throws -> SQLiteStore {
        try SQLiteStore(path: databasePath(name), busyTimeout: busyTimeout)
    }

    /// Returns a UTC date with whole milliseconds, built the way the store reads dates back.
    func utc(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
        milliseconds: Int = 0
    ) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let seconds = Int64(calendar.date(from: components)!.timeIntervalSince1970)
        return Date(timeIntervalSince1970: Double(seconds * 1000 + Int64(milliseconds)) / 1000)
    }

    func json(_ text: String) throws -> JSONValue {
        try JSONValue.parse(text)
    }

    func item(
        _ id: String, of instanceId: String, seq: Int, elementId: String, status: ItemStatus,
        type: String = "bpmn:UserTask", configure: (inout ItemRecord) -> Void = { _ in }
    ) -> ItemRecord {
        var record = ItemRecord(
            id: id, instanceId: instanceId, seq: seq, elementId: elementId, name: elementId, type: type,
            status: status, tokenId: 0)
        configure(&record)
        return record
    }

    func token(_ id: Int, of instanceId: String, at nodeId: String, status: TokenStatus = .wait) -> TokenRecord {
        TokenRecord(
            instanceId: instanceId, id: id, kind: .primary, status: status, dataPath: "",
            parentTokenId: nil, originItemId: nil, startNodeId: "start", currentNodeId: nodeId)
    }

    /// Dumps every row of every table as text, to compare whole database contents.
    func contents(of store: SQLiteStore) throws -> [String] {
        let tables = try store.connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", operation: "listing tables"
        ) { $0.text(0) ?? "" }

        var lines: [String] = []
        for table in tables {
            let columns = try store.connection.query(
                "SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid", operation: "listing columns"
            ) { $0.text(0) ?? "" }
            let row = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
            let rows = try store.connection.query(
                SQLFragment(sql: "SELECT \(row) FROM \(table) ORDER BY 1"), operation: "dumping \(table)"
            ) { $0.text(0) ?? "" }
            lines += rows.map { "\(table): \($0)" }
        }
        return lines
    }
}
