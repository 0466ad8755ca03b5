import Foundation

/// Limits on the data of engine calls, so one oversized or pathological document cannot fill
/// the database, stall every inbox that loads the instance, or overflow a recursive reader.
///
/// Sizes are bytes of the compact UTF-8 JSON text the store writes (`JSONValue.jsonText`).
/// Each call checks its input before it opens a transaction. It checks the instance data the
/// run leaves before it writes anything, so data that grows past the limit fails the call and
/// the stored data stays as it was. Such growth comes from a large `invoke` payload merged into
/// stored data, or from a script that builds a big array.
public enum DataLimits {
    /// 16 MiB: the data of a case with 100,000 small rows is about 4 MB, and larger documents
    /// belong in files the data refers to. SQLite itself allows a text value of up to 1 GB.
    public static let defaultMaximumBytes = 16 * 1024 * 1024

    /// Deep enough for any hand-written document, and well below the 512 levels the engine's
    /// JSON reader and the 1,000 levels SQLite's JSON functions accept.
    public static let defaultMaximumDepth = 128

    /// Returns the nesting depth of arrays and objects: 0 for a scalar, 1 for `{"a": 1}`. It
    /// stops counting once `limit` is passed, so a hostile document costs no more than that.
    static func depth(of value: JSONValue, limit: Int) -> Int {
        var deepest = 0
        var pending: [(JSONValue, Int)] = [(value, 0)]
        while let (current, level) = pending.popLast() {
            switch current {
            case .array(let values):
                deepest = max(deepest, level + 1)
                if deepest > limit { return deepest }
                pending += values.map { ($0, level + 1) }
            case .object(let object):
                deepest = max(deepest, level + 1)
                if deepest > limit { return deepest }
                pending += object.values.map { ($0, level + 1) }
            default:
                break
            }
        }
        return deepest
    }

    /// Formats a byte count as "20.0 MiB (20971520 bytes)".
    static func describe(bytes: Int) -> String {
        let mebibytes = Double(bytes) / (1024 * 1024)
        return String(format: "%.1f MiB (%d bytes)", mebibytes, bytes)
    }
}

extension WorkflowEngine {
    /// Checks the data argument of a call: an object (null counts as `{}`) within the size and
    /// depth limits of `EngineOptions`.
    /// - Returns: the object to use.
    /// - Throws: `EngineError.invalidData`, `.dataTooLarge` or `.dataTooDeep`.
    func acceptData(_ data: JSONValue, name: String) throws -> JSONValue {
        let input = try Self.requireObject(data, name: name)
        try checkLimits(of: input, what: "the \(name) passed to the call")
        return input
    }

    /// Checks the instance data a run would store, before anything is written.
    /// - Throws: `EngineError.dataTooLarge` naming the instance.
    func checkStoredDataLimits(of run: InstanceRun) throws {
        let bytes = run.instance.data.jsonText.utf8.count
        guard bytes > options.maximumDataBytes else { return }
        throw EngineError.dataTooLarge(
            what: "the data of instance \(run.instance.id) after this call", bytes: bytes,
            limit: options.maximumDataBytes)
    }

    private func checkLimits(of value: JSONValue, what: String) throws {
        let depth = DataLimits.depth(of: value, limit: options.maximumDataDepth)
        guard depth <= options.maximumDataDepth else {
            throw EngineError.dataTooDeep(what: what, limit: options.maximumDataDepth)
        }

        let bytes = value.jsonText.utf8.count
        guard bytes <= options.maximumDataBytes else {
            throw EngineError.dataTooLarge(what: what, bytes: bytes, limit: options.maximumDataBytes)
        }
    }
}
