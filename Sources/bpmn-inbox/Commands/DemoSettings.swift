import Foundation
import WorkflowEngine

/// The settings that make a database a demo database: the `demo` mark, and the offset of the
/// demo clock, which the inbox moves forward to fire timers without waiting. A database whose
/// `test` setting is `true` is a test database; like a demo database it accepts `--now`.
enum DemoSettings {
    static let demoKey = "demo"
    static let testKey = "test"
    static let clockOffsetKey = "demoClockOffset"

    static func isDemo(_ store: WorkflowStore) throws -> Bool {
        try store.readTransaction { try store.setting(demoKey) } == "true"
    }

    static func isTest(_ store: WorkflowStore) throws -> Bool {
        try store.readTransaction { try store.setting(testKey) } == "true"
    }

    static func markAsDemo(_ store: WorkflowStore) throws {
        try store.writeTransaction { try store.setSetting(demoKey, value: "true") }
    }

    /// Returns the stored clock offset in seconds, 0 when none is stored or it is not a number.
    static func clockOffset(_ store: WorkflowStore) throws -> TimeInterval {
        let text = try store.readTransaction { try store.setting(clockOffsetKey) }
        return text.flatMap(TimeInterval.init) ?? 0
    }

    /// Stores the clock offset in seconds, so the next inbox or command continues from it.
    static func saveClockOffset(_ offset: TimeInterval, in store: WorkflowStore) throws {
        try store.writeTransaction { try store.setSetting(clockOffsetKey, value: String(offset)) }
    }
}
