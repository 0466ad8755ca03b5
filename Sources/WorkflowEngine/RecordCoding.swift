import Foundation

/// Converts instances, items, tokens and history rows to JSON objects and back, with the
/// field names of the CLI's `--json` output. Dates are ISO 8601 UTC strings with
/// milliseconds, so a round trip keeps them exactly.
public enum RecordCoding {
    // MARK: Encoding

    public static func encode(_ instance: InstanceRecord) -> JSONValue {
        .object([
            "id": .string(instance.id), "name": .string(instance.name),
            "modelVersion": number(instance.modelVersion), "status": .string(instance.status.rawValue),
            "data": instance.data, "startedAt": date(instance.startedAt), "endedAt": date(instance.endedAt),
            "parentItemId": text(instance.parentItemId), "tenantId": text(instance.tenantId),
            "nextSeq": number(instance.nextSeq), "revision": number(instance.revision),
        ])
    }

    public static func encode(_ item: ItemRecord) -> JSONValue {
        .object([
            "id": .string(item.id), "instanceId": .string(item.instanceId), "seq": number(item.seq),
            "elementId": .string(item.elementId), "name": text(item.name), "type": .string(item.type),
            "status": .string(item.status.rawValue), "tokenId": number(item.tokenId), "itemKey": text(item.itemKey),
            "userName": text(item.userName), "startedAt": date(item.startedAt), "endedAt": date(item.endedAt),
            "assignee": text(item.assignee), "candidateUsers": .array(item.candidateUsers.map(JSONValue.string)),
            "candidateGroups": .array(item.candidateGroups.map(JSONValue.string)), "dueDate": date(item.dueDate),
            "followUpDate": date(item.followUpDate), "priority": item.priority, "messageId": text(item.messageId),
            "signalId": text(item.signalId), "timeDue": date(item.timeDue), "vars": item.vars, "output": item.output,
            "statusDetails": item.statusDetails,
        ])
    }

    public static func encode(_ token: TokenRecord) -> JSONValue {
        .object([
            "instanceId": .string(token.instanceId), "id": number(token.id), "kind": .string(token.kind.rawValue),
            "status": .string(token.status.rawValue), "dataPath": .string(token.dataPath),
            "parentTokenId": token.parentTokenId.map(number) ?? .null, "originItemId": text(token.originItemId),
            "startNodeId": .string(token.startNodeId), "currentNodeId": .string(token.currentNodeId),
            "currentItemId": text(token.currentItemId), "itemKey": text(token.itemKey),
        ])
    }

    public static func encode(_ record: HistoryRecord) -> JSONValue {
        .object([
            "id": record.id.map { .number(Double($0)) } ?? .null, "instanceId": .string(record.instanceId),
            "at": date(record.at), "user": text(record.user), "action": .string(record.action),
            "itemId": text(record.itemId), "elementId": text(record.elementId), "data": record.data,
            "message": text(record.message),
        ])
    }

    // MARK: Decoding

    /// - Throws: `AdministrationError.invalidArchive` naming the missing or invalid field.
    public static func instance(from json: JSONValue) throws -> InstanceRecord {
        let reader = try FieldReader(json, what: "instance")
        return InstanceRecord(
            id: try reader.string("id"), name: try reader.string("name"), modelVersion: try reader.int("modelVersion"),
            status: try reader.enumeration("status"), data: json["data"] ?? .emptyObject,
            startedAt: try reader.date("startedAt"), endedAt: try reader.optionalDate("endedAt"),
            parentItemId: try reader.optionalString("parentItemId"), tenantId: try reader.optionalString("tenantId"),
            nextSeq: try reader.int("nextSeq"), revision: try reader.int("revision"))
    }

    public static func item(from json: JSONValue) throws -> ItemRecord {
        let reader = try FieldReader(json, what: "item")
        var item = ItemRecord(
            id: try reader.string("id"), instanceId: try reader.string("instanceId"), seq: try reader.int("seq"),
            elementId: try reader.string("elementId"), name: try reader.optionalString("name"),
            type: try reader.string("type"), status: try reader.enumeration("status"), tokenId: try reader.int("tokenId"),
            itemKey: try reader.optionalString("itemKey"), userName: try reader.optionalString("userName"),
            startedAt: try reader.optionalDate("startedAt"), endedAt: try reader.optionalDate("endedAt"))
        item.assignee = try reader.optionalString("assignee")
        item.candidateUsers = try reader.strings("candidateUsers")
        item.candidateGroups = try reader.strings("candidateGroups")
        item.dueDate = try reader.optionalDate("dueDate")
        item.followUpDate = try reader.optionalDate("followUpDate")
        item.priority = json["priority"] ?? .null
        item.messageId = try reader.optionalString("messageId")
        item.signalId = try reader.optionalString("signalId")
        item.timeDue = try reader.optionalDate("timeDue")
        item.vars = json["vars"] ?? .emptyObject
        item.output = json["output"] ?? .null
        item.statusDetails = json["statusDetails"] ?? .null
        return item
    }

    public static func token(from json: JSONValue) throws -> TokenRecord {
        let reader = try FieldReader(json, what: "token")
        return TokenRecord(
            instanceId: try reader.string("instanceId"), id: try reader.int("id"), kind: try reader.enumeration("kind"),
            status: try reader.enumeration("status"), dataPath: try reader.string("dataPath"),
            parentTokenId: try reader.optionalInt("parentTokenId"), originItemId: try reader.optionalString("originItemId"),
            startNodeId: try reader.string("startNodeId"), currentNodeId: try reader.string("currentNodeId"),
            currentItemId: try reader.optionalString("currentItemId"), itemKey: try reader.optionalString("itemKey"))
    }

    public static func history(from json: JSONValue) throws -> HistoryRecord {
        let reader = try FieldReader(json, what: "history row")
        return HistoryRecord(
            instanceId: try reader.string("instanceId"), at: try reader.date("at"), user: try reader.optionalString("user"),
            action: try reader.string("action"), itemId: try reader.optionalString("itemId"),
            elementId: try reader.optionalString("elementId"), data: json["data"] ?? .null,
            message: try reader.optionalString("message"))
    }

    // MARK: Helpers

    private static func number(_ value: Int) -> JSONValue { .number(Double(value)) }
    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func date(_ value: Date?) -> JSONValue { value.map { .string(ISO8601.format($0)) } ?? .null }
}

/// Reads typed fields of one JSON object and names the field that is missing or invalid.
private struct FieldReader {
    let object: [String: JSONValue]
    let what: String

    init(_ json: JSONValue, what: String) throws {
        guard let object = json.objectValue else {
            throw AdministrationError.invalidArchive(reason: "a \(what) is \(json.jsonText.prefix(60)), not a JSON object")
        }
        self.object = object
        self.what = what
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key]?.stringValue else { throw invalid(key, "a string") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        return try string(key)
    }

    func int(_ key: String) throws -> Int {
        guard let value = object[key]?.numberValue, value == value.rounded(), abs(value) < 9e15 else {
            throw invalid(key, "a whole number")
        }
        return Int(value)
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        return try int(key)
    }

    func date(_ key: String) throws -> Date {
        guard let text = object[key]?.stringValue, let value = ISO8601.parseDate(text) else {
            throw invalid(key, "an ISO 8601 date")
        }
        return value
    }

    func optionalDate(_ key: String) throws -> Date? {
        guard let value = object[key], !value.isNull else { return nil }
        return try date(key)
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let array = value.arrayValue else { throw invalid(key, "an array of strings") }
        return try array.map { element in
            guard let text = element.stringValue else { throw invalid(key, "an array of strings") }
            return text
        }
    }

    func enumeration<Value: RawRepresentable>(_ key: String) throws -> Value where Value.RawValue == String {
        let text = try string(key)
        guard let value = Value(rawValue: text) else { throw invalid(key, "a known value, not '\(text)'") }
        return value
    }

    private func invalid(_ key: String, _ expected: String) -> AdministrationError {
        let id = object["id"].map { " \($0.jsonText)" } ?? ""
        return .invalidArchive(reason: "field '\(key)' of \(what)\(id) must be \(expected)")
    }
}
