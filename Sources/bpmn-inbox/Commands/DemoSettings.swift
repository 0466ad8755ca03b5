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

    /// Rejects turning the database at `path` into a demo database when it is not one yet and
    /// already contains instances, because a demo database lets `--user` act as any user and
    /// runs on the demo clock. An empty database, a demo database, or `force` passes.
    /// - Throws: `CommandFailure` naming the file, its instance count and the two ways on.
    static func checkMayBecomeDemo(_ store: WorkflowStore, path: String, force: Bool) throws {
        guard !force, try !isDemo(store) else { return }

        let instances = try store.readTransaction { try store.countInstances(.all) }
        guard instances > 0 else { return }
        throw CommandFailure(
            "the database '\(path)' is not a demo database and contains \(TextFormat.count(instances, "instance")); "
                + "'demo' would mark it as one, and a demo database lets --user act as any user and runs on the demo clock. "
                + "Give a new file with --db (such as --db demo.sqlite), or add --force to mark this database anyway")
    }

    static func markAsDemo(_ store: WorkflowStore) throws {
        try store.writeTransaction { try store.setSetting(demoKey, value: "true") }
    }

    /// Returns the stored clock offset in seconds, 0 when none is stored or it is not a number.
    static func clockOffset(_ store: WorkflowStore) throws -> TimeInterval {
        let text = try store.readTransaction { try store.setting(clockOffsetKey) }
        return text.flatMap(TimeInterval.init) ?? 0
    }

    /// Stores `offset` in seconds unless a larger offset is stored, reading and writing in one
    /// write transaction, so the demo clock never moves backwards when several inboxes share
    /// the database. Returns the offset stored afterwards.
    static func raiseClockOffset(to offset: TimeInterval, in store: WorkflowStore) throws -> TimeInterval {
        try store.writeTransaction {
            let stored = try store.setting(clockOffsetKey).flatMap(TimeInterval.init) ?? 0
            guard offset > stored else { return stored }
            try store.setSetting(clockOffsetKey, value: String(offset))
            return offset
        }
    }
}

/// Options of `demo` beyond the models folder and the tour.
enum DemoOptions {
    static let force = OptionSpec(
        name: "--force", valueName: nil,
        help: "seed and mark the --db database as a demo database even when it is not one and contains instances")

    static let all = [force]
}
