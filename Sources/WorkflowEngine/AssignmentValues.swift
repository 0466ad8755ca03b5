/// Checks the values of an `assign` call that `AssignmentUpdate` stores as given.
enum AssignmentValues {
    /// Returns `fields` with the priority as a JSON number (a numeric string such as `"7"`
    /// becomes `7`).
    /// - Throws: `EngineError.invalidData` for a priority that is not a finite number, a
    ///   numeric string or null, and for an empty assignee name.
    static func normalized(_ fields: [String: JSONValue]) throws -> [String: JSONValue] {
        var result = fields
        if let value = fields["priority"] {
            result["priority"] = try priority(value)
        }
        if let name = fields["assignee"]?.stringValue,
            name.trimmingCharacters(in: .whitespaces).isEmpty
        {
            throw EngineError.invalidData(
                reason: "assignee \"\(name)\" is empty; give a user name, or null to remove the assignee")
        }
        return result
    }

    private static func priority(_ value: JSONValue) throws -> JSONValue {
        if value.isNull { return .null }
        if let number = value.numberValue, number.isFinite { return .number(number) }
        if let text = value.stringValue, let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite {
            return .number(number)
        }
        throw EngineError.invalidData(
            reason: "priority must be a number such as 50 (higher is more urgent), not \(value.jsonText)")
    }
}
