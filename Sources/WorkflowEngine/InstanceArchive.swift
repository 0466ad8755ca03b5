import Foundation

/// The result of `importInstances`.
public struct ArchiveImportReport: Sendable, Equatable {
    public var imported: [String]
    /// Instances whose id the database already contains, left as they are.
    public var skipped: [String]
    /// Models the file brought that the database lacked, with the version they got.
    public var importedModels: [String]
}

extension WorkflowEngine {
    static let archiveFormat = "bpmn-inbox-instances"

    /// Writes the instances `query` matches, with their items, tokens and history and the
    /// model versions they run, as one JSON object for backup and for moving instances to
    /// another database with `importInstances`.
    /// - Throws: `EngineError.invalidQuery`.
    public func exportInstances(_ query: JSONValue) throws -> JSONValue {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            var instances: [JSONValue] = []
            var modelKeys: [String: (name: String, version: Int)] = [:]
            for record in try store.findInstances(parsed, options: FindOptions()) {
                guard let state = try store.loadInstance(id: record.id) else { continue }
                modelKeys["\(record.name)\u{0}\(record.modelVersion)"] = (record.name, record.modelVersion)
                instances.append(.object([
                    "instance": RecordCoding.encode(state.instance),
                    "items": .array(state.items.map(RecordCoding.encode)),
                    "tokens": .array(state.tokens.map(RecordCoding.encode)),
                    "history": .array(try store.history(instanceId: record.id).map(RecordCoding.encode)),
                ]))
            }

            var models: [JSONValue] = []
            for key in modelKeys.keys.sorted() {
                let (name, version) = modelKeys[key]!
                guard let model = try store.model(name: name, version: version) else { continue }
                models.append(.object(["name": .string(name), "version": .number(Double(version)), "source": .string(model.source)]))
            }
            return .object([
                "format": .string(Self.archiveFormat), "formatVersion": .number(1),
                "exportedAt": .string(ISO8601.format(clock.now())), "models": .array(models),
                "instances": .array(instances),
            ])
        }
    }

    /// Loads instances written by `exportInstances` in one transaction. A model version in
    /// the file is matched to the stored version with the same source, or imported as a new
    /// version, and the instances are pointed at it. Instances whose id exists are skipped.
    /// History rows get new ids. Admins only. Any error rolls the whole import back.
    /// - Throws: `AdministrationError.invalidArchive` naming the bad field,
    ///   `.archiveItemIdTaken` when an item id of a new instance belongs to a stored instance,
    ///   `EngineError.invalidModel`, an access error. Nothing is imported when one is thrown.
    public func importInstances(_ archive: JSONValue, user: UserContext? = nil) throws -> ArchiveImportReport {
        try requireAdministrator(user, action: "import", target: "instances")
        guard archive["format"]?.stringValue == Self.archiveFormat else {
            throw AdministrationError.invalidArchive(reason: "its \"format\" is not \"\(Self.archiveFormat)\"")
        }
        guard let instances = archive["instances"]?.arrayValue, let modelList = archive["models"]?.arrayValue else {
            throw AdministrationError.invalidArchive(reason: "it lacks the \"instances\" or \"models\" array")
        }

        return try store.writeTransaction {
            var report = ArchiveImportReport(imported: [], skipped: [], importedModels: [])
            let versions = try mapModelVersions(modelList, report: &report)
            for entry in instances {
                var instance = try RecordCoding.instance(from: entry["instance"] ?? .null)
                if try store.loadInstance(id: instance.id) != nil {
                    report.skipped.append(instance.id)
                    continue
                }
                instance.modelVersion = versions["\(instance.name)\u{0}\(instance.modelVersion)"] ?? instance.modelVersion
                let items = try (entry["items"]?.arrayValue ?? []).map(RecordCoding.item)
                let tokens = try (entry["tokens"]?.arrayValue ?? []).map(RecordCoding.token)
                let history = try (entry["history"]?.arrayValue ?? []).map(RecordCoding.history)
                try requireOwnRows(tokens: tokens, history: history, of: instance.id)
                try requireFreeItemIds(items, of: instance.id)

                try store.saveInstance(InstanceState(instance: instance, items: items, tokens: tokens), changedItemIds: nil)
                try store.appendHistory(history)
                report.imported.append(instance.id)
            }
            return report
        }
    }

    /// Checks that every token and history row of an archived instance names that instance,
    /// because saving a row that names another instance would add it to that instance.
    /// - Throws: `AdministrationError.invalidArchive` naming the first stray row.
    private func requireOwnRows(tokens: [TokenRecord], history: [HistoryRecord], of instanceId: String) throws {
        if let stray = tokens.first(where: { $0.instanceId != instanceId }) {
            throw AdministrationError.invalidArchive(
                reason: "token \(stray.id) of instance \(instanceId) names instance '\(stray.instanceId)'")
        }
        if let stray = history.first(where: { $0.instanceId != instanceId }) {
            throw AdministrationError.invalidArchive(
                reason: "a history row of instance \(instanceId) names instance '\(stray.instanceId)'")
        }
    }

    /// Checks that no stored instance uses the id of an item in `items`. Item ids are unique
    /// across the database, so saving such an item would move it from its instance to this one.
    /// Token rows are keyed by instance id and token id, and imported history rows get new ids,
    /// so once `requireOwnRows` has passed neither collides with stored rows.
    /// - Throws: `AdministrationError.archiveItemIdTaken` naming the first taken id.
    private func requireFreeItemIds(_ items: [ItemRecord], of instanceId: String) throws {
        if let stranger = items.first(where: { $0.instanceId != instanceId }) {
            throw AdministrationError.invalidArchive(
                reason: "item '\(stranger.id)' of instance \(instanceId) names instance '\(stranger.instanceId)'")
        }

        // Chunks keep each query well below SQLite's limit on bound parameters.
        let ids = items.map { JSONValue.string($0.id) }
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let taken = try store.findItems(.field(.item(.id), .isIn(chunk)), options: FindOptions(projection: .summary))
            if let owned = taken.min(by: { $0.id < $1.id }) {
                throw AdministrationError.archiveItemIdTaken(
                    instanceId: instanceId, itemId: owned.id, ownerInstanceId: owned.instanceId)
            }
        }
    }

    /// Maps each exported model version to the stored version with the same source,
    /// importing the source as a new version when none matches.
    private func mapModelVersions(_ list: [JSONValue], report: inout ArchiveImportReport) throws -> [String: Int] {
        var mapping: [String: Int] = [:]
        for entry in list {
            guard let name = entry["name"]?.stringValue, let version = entry["version"]?.numberValue,
                let source = entry["source"]?.stringValue
            else { throw AdministrationError.invalidArchive(reason: "a model entry lacks name, version or source") }

            let stored = try store.modelVersions(name: name)
            var match: Int?
            for candidate in stored where try store.model(name: name, version: candidate.version)?.source == source {
                match = candidate.version
                break
            }
            if match == nil {
                let record = try importModel(name: name, source: source)
                report.importedModels.append("\(name) version \(record.version)")
                match = record.version
            }
            mapping["\(name)\u{0}\(Int(version))"] = match
        }
        return mapping
    }
}
