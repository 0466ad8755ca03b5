import Foundation

/// Applies an `assign` call's fields to a waiting item.
enum AssignmentUpdate {
    static let allowedKeys: Set<String> = [
        "assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority",
    ]

    /// - Throws: `EngineError.invalidAssignment` for an unknown key, and
    ///   `EngineError.invalidData` for a value of the wrong type or an unreadable date.
    static func apply(_ fields: [String: JSONValue], to itemId: String, in run: InstanceRun, now: Date) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowedKeys.contains($0) }) {
            throw EngineError.invalidAssignment(key: unknown)
        }
        var dates: [String: Date?] = [:]
        for key in ["dueDate", "followUpDate"] {
            if let value = fields[key] { dates[key] = try date(value, key: key, now: now) }
        }
        if let value = fields["assignee"], value.stringValue == nil, !value.isNull {
            throw EngineError.invalidData(reason: "assignee must be a user name string, not \(value.jsonText)")
        }
        for key in ["candidateUsers", "candidateGroups"] {
            if let value = fields[key], value.arrayValue == nil, value.stringValue == nil, !value.isNull {
                throw EngineError.invalidData(reason: "\(key) must be an array of names or a comma-separated string, not \(value.jsonText)")
            }
        }
        run.updateItem(itemId) { item in
            if let value = fields["assignee"] { item.assignee = value.stringValue }
            if let value = fields["candidateUsers"] { item.candidateUsers = InstanceRun.names(value) }
            if let value = fields["candidateGroups"] { item.candidateGroups = InstanceRun.names(value) }
            if let value = dates["dueDate"] { item.dueDate = value }
            if let value = dates["followUpDate"] { item.followUpDate = value }
            if let value = fields["priority"] { item.priority = value }
        }
    }

    private static func date(_ value: JSONValue, key: String, now: Date) throws -> Date? {
        if value.isNull { return nil }
        if let milliseconds = value.numberValue { return Date(timeIntervalSince1970: milliseconds / 1000) }
        guard let text = value.stringValue,
            let date = ISO8601.parseDate(text) ?? ISO8601.add(duration: text, to: now)
        else {
            throw EngineError.invalidData(reason: "\(key) '\(value.stringValue ?? value.jsonText)' is not an ISO 8601 date (2024-05-01T12:00:00Z) or duration (P3D)")
        }
        return date
    }
}
