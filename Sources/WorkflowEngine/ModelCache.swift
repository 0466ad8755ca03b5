import BPMNModel

/// Parsed model versions, kept for the engine's lifetime. A stored version never changes,
/// so entries never go stale.
final class ModelCache {
    struct Entry {
        let record: ModelRecord
        let definitions: Definitions
        /// The index over `definitions`, built once and shared by every run of this version
        /// (`ProcessGraph` does not change after it is built).
        let graph: ProcessGraph
    }

    private let store: WorkflowStore
    private var parsed: [String: Entry] = [:]

    init(store: WorkflowStore) {
        self.store = store
    }

    /// The given version (the newest when nil), parsed.
    /// - Throws: `EngineError.modelNotFound`, `.invalidModel`.
    func definitions(name: String, version: Int?) throws -> Entry {
        if let version, let entry = parsed["\(name)\u{0}\(version)"] { return entry }
        guard let record = try store.model(name: name, version: version) else {
            throw EngineError.modelNotFound(name: name)
        }
        let key = "\(name)\u{0}\(record.version)"
        if let entry = parsed[key] { return entry }
        do {
            let definitions = try BPMNParser.parse(string: record.source)
            let entry = Entry(record: record, definitions: definitions, graph: ProcessGraph(definitions: definitions))
            parsed[key] = entry
            return entry
        } catch let error as BPMNParseError {
            throw EngineError.invalidModel(name: name, reason: error.description)
        }
    }

    /// Drops the parsed versions of a model that was deleted or renamed, whose version
    /// numbers a later import may reuse.
    func forget(name: String) {
        parsed = parsed.filter { !$0.key.hasPrefix("\(name)\u{0}") }
    }
}
