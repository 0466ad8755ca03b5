/// The reason a model or instance administration call failed: model delete and rename,
/// instance delete, terminate, restart, upgrade, import of an export file, and instance id
/// prefixes. Nothing was changed when one is thrown.
public enum AdministrationError: Error, Equatable, CustomStringConvertible {
    case modelInUse(name: String, running: Int)
    case modelNameTaken(name: String)
    case invalidModelName(name: String)
    case unknownVersion(name: String, version: Int, latest: Int)
    case instancePrefixTooShort(prefix: String, minimum: Int)
    case ambiguousInstancePrefix(prefix: String, matches: [String])
    case instanceStillRunning(instanceId: String)
    case noSavePoint(itemId: String, elementId: String, savePointsOn: Bool)
    case unknownNodes(model: String, ids: [String])
    case invalidArchive(reason: String)
    /// An imported instance has an item whose id another stored instance already uses.
    case archiveItemIdTaken(instanceId: String, itemId: String, ownerInstanceId: String)

    public var description: String {
        switch self {
        case let .modelInUse(name, running):
            return "model '\(name)' has \(running) running instance\(running == 1 ? "" : "s"); terminate or "
                + "delete them first with: bpmn-inbox terminate ID, or: bpmn-inbox delete "
                + Self.shellQuoted(JSONValue.object(["name": .string(name)]).jsonText)
        case .modelNameTaken(let name):
            return "a model named '\(name)' already exists; choose another name or delete that model first"
        case .invalidModelName(let name):
            return "invalid model name '\(name)': a name must not be empty or blank"
        case let .unknownVersion(name, version, latest):
            return "model '\(name)' has no version \(version); its versions are 1 to \(latest)"
        case let .instancePrefixTooShort(prefix, minimum):
            return "instance id '\(prefix)' is too short: give the whole id or at least its first \(minimum) characters"
        case let .ambiguousInstancePrefix(prefix, matches):
            let shown = matches.prefix(5).joined(separator: ", ")
            return "instance id prefix '\(prefix)' matches \(matches.count)\(matches.count > 5 ? " or more" : "") instances "
                + "(\(shown)); give more characters of the id"
        case .instanceStillRunning(let instanceId):
            return "instance \(instanceId) is still running; restart reopens ended instances only, so invoke "
                + "its waiting items instead"
        case let .noSavePoint(itemId, elementId, savePointsOn):
            let hint = savePointsOn
                ? "save points are on, but none was taken while this item existed (it ran before they were turned on)"
                : "save points are off; turn them on with 'bpmn-inbox snapshots on' (only calls made after that can be restarted)"
            return "no save point holds item \(itemId) ('\(elementId)'): \(hint)"
        case let .unknownNodes(model, ids):
            return "model '\(model)' has no element \(ids.map { "'\($0)'" }.joined(separator: ", ")); "
                + "give element ids as 'bpmn-inbox model show \(model)' lists them"
        case .invalidArchive(let reason):
            return "invalid export file: \(reason); give a file written by 'bpmn-inbox export'"
        case let .archiveItemIdTaken(instanceId, itemId, ownerInstanceId):
            return "cannot import instance \(instanceId): its item id '\(itemId)' belongs to instance "
                + "\(ownerInstanceId) in this database, so nothing was imported; export the instance again from "
                + "its own database instead of editing the file, or delete instance \(ownerInstanceId) first"
        }
    }

    /// Returns `text` in single quotes for a POSIX shell, each `'` written as `'\''`, so a
    /// hint's command can be pasted.
    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
