import BPMNModel
import Foundation

/// One start event of a model, as `findEvents` lists them (bpmn-server's `events` entries).
public struct ModelEvent: Sendable, Equatable {
    public var model: String
    public var version: Int
    public var event: StartEventRecord

    public init(model: String, version: Int, event: StartEventRecord) {
        self.model = model
        self.version = version
        self.event = event
    }
}

extension WorkflowEngine {
    /// Lists every version of a model, oldest first, counting the instances of every tenant
    /// as for an admin without a tenant. `modelVersions(name:user:)` counts only the
    /// instances a user reaches.
    /// - Throws: `EngineError.modelNotFound`.
    public func modelVersions(name: String) throws -> [ModelVersionSummary] {
        let versions = try store.readTransaction { try store.modelVersions(name: name) }
        guard !versions.isEmpty else { throw EngineError.modelNotFound(name: name) }
        return versions
    }

    /// The stored record (with its BPMN or DMN source) of one version, the newest when nil.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.unknownVersion`.
    public func modelRecord(name: String, version: Int? = nil) throws -> ModelRecord {
        try store.readTransaction {
            if let found = try store.model(name: name, version: version) { return found }
            guard let latest = try store.model(name: name, version: nil) else {
                throw EngineError.modelNotFound(name: name)
            }
            throw AdministrationError.unknownVersion(name: name, version: version ?? 0, latest: latest.version)
        }
    }

    /// Removes every version of a model. Ended instances of it are kept (they no longer run),
    /// but a model with running instances is rejected. Admins only.
    /// - Returns: the number of versions removed.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.modelInUse`, an access error.
    @discardableResult
    public func deleteModel(name: String, user: UserContext? = nil) throws -> Int {
        try requireAdministrator(user, action: "delete", target: "model '\(name)'")
        return try store.writeTransaction {
            let running = try store.countInstances(
                .and([.field(.instance(.name), .eq(.string(name))), .field(.instance(.status), .eq(.string("running")))]))
            let removed = try store.deleteModel(name: name)
            guard removed > 0 else { throw EngineError.modelNotFound(name: name) }
            if running > 0 { throw AdministrationError.modelInUse(name: name, running: running) }
            try moveTimerStartSchedules(of: name, to: nil)
            models.forget(name: name)
            return removed
        }
    }

    /// Renames every version of a model and the instances started from it. Admins only.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.modelNameTaken` or
    ///   `.invalidModelName`, an access error.
    public func renameModel(name: String, to newName: String, user: UserContext? = nil) throws {
        try requireAdministrator(user, action: "rename", target: "model '\(name)'")
        guard !newName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AdministrationError.invalidModelName(name: newName)
        }
        try store.writeTransaction {
            guard try store.model(name: name, version: nil) != nil else { throw EngineError.modelNotFound(name: name) }
            if newName != name, try store.model(name: newName, version: nil) != nil {
                throw AdministrationError.modelNameTaken(name: newName)
            }
            try store.renameModel(name: name, to: newName)
            try moveTimerStartSchedules(of: name, to: newName)
            models.forget(name: name)
            models.forget(name: newName)
        }
    }

    /// Finds the start events of the newest version of every model that match `query`.
    /// The query's keys are event fields, with or without the `events.` prefix: `elementId`,
    /// `name`, `processId`, `subType` (`none`, `message`, `signal`, `timer`…), `messageId`,
    /// `signalId` and `modelName`. Each takes a value or the operators of instance queries.
    /// - Throws: `EngineError.invalidQuery` naming an unknown key or operator.
    public func findEvents(_ query: JSONValue = .emptyObject) throws -> [ModelEvent] {
        let filter = try ModelEventFilter(query)
        let events = try store.readTransaction { try store.latestStartEvents() }
        return events.map { ModelEvent(model: $0.model, version: $0.version, event: $0.event) }.filter(filter.matches)
    }

    /// Renames the timer start schedules of a model, whose keys are `<model>/<elementId>`, or
    /// drops them when `newName` is nil, so a renamed model's timers keep firing and a
    /// deleted one's stop.
    private func moveTimerStartSchedules(of name: String, to newName: String?) throws {
        guard let text = try store.setting(Self.timerStartsKey),
            let schedules = (try? JSONValue.parse(text))?.objectValue
        else { return }

        var moved: [String: JSONValue] = [:]
        for (key, value) in schedules {
            guard key.hasPrefix(name + "/") else {
                moved[key] = value
                continue
            }
            if let newName { moved[newName + key.dropFirst(name.count)] = value }
        }
        try store.setSetting(Self.timerStartsKey, value: JSONValue.object(moved).jsonText)
    }

    /// Finds the plain start events (no message, signal or timer), which a user starts by hand.
    public func findStartEvents(_ query: JSONValue = .emptyObject) throws -> [ModelEvent] {
        try findEvents(query).filter { $0.event.subType == "none" }
    }
}
