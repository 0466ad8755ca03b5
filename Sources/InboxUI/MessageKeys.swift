import BPMNModel
import WorkflowEngine

/// The key a sender gives with a message to reach one waiting receiver. The engine matches
/// that key as a query on the instance, so the instance id always works. When the model
/// declares a correlation key for the message (BPMN correlation properties, or Camunda 8's
/// subscription key), and the instance data contain a value for each of its fields, the key
/// shown is a query on those fields instead, which a sender that has the business data can
/// build, such as `{"data.orderId":42}`.
enum MessageKeys {
    /// Returns the key of each message receiver among `items`, by item id.
    static func keys(for items: [ItemRecord], instance: InstanceRecord, definitions: Definitions?) -> [String: JSONValue] {
        var keys: [String: JSONValue] = [:]
        for item in items where item.messageId != nil {
            keys[item.id] = key(for: item, instance: instance, definitions: definitions)
        }
        return keys
    }

    /// Returns the data key of the item's message, or `{"id": …}` when the model declares no
    /// correlation key for it or the instance data lack a value for one of its fields.
    static func key(for item: ItemRecord, instance: InstanceRecord, definitions: Definitions?) -> JSONValue {
        let idKey = JSONValue.object(["id": .string(instance.id)])
        guard let definitions, let messageName = item.messageId, !definitions.correlation.isEmpty else { return idKey }

        let processId = definitions.process(containing: item.elementId)?.id
        // Items name their message by its name, or by its id when it has none.
        let messageIds = definitions.messages.values.filter { ($0.name ?? $0.id) == messageName }.map(\.id).sorted()
        for messageId in messageIds {
            let fields = definitions.correlation.keyFields(message: messageId, process: processId)
            if !fields.isEmpty, let query = dataQuery(fields, data: instance.data) { return query }
        }
        return idKey
    }

    /// Returns `{"data.a.b": value, …}` for fields that each name a plain value (text, number
    /// or boolean) in `data`, or nil when one does not.
    private static func dataQuery(_ fields: [CorrelationField], data: JSONValue) -> JSONValue? {
        var query: [String: JSONValue] = [:]
        for field in fields {
            guard let path = field.dataPath, let value = value(at: path, in: data) else { return nil }
            switch value {
            case .string, .number, .bool:
                query["data." + path.joined(separator: ".")] = value
            case .null, .array, .object:
                return nil
            }
        }
        return .object(query)
    }

    private static func value(at path: [String], in data: JSONValue) -> JSONValue? {
        var current = data
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }
}
