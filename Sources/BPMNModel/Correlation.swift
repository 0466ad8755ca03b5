/// The correlation declarations of a BPMN 2.0.2 file: which parts of a message identify the
/// process instance it belongs to, and which data of the process contain the same values. The
/// inbox reads them only to show senders a key. The engine matches a message with the query
/// its sender gives, whatever the model declares.
public struct Correlation: Sendable, Equatable {
    /// The `correlationProperty` root elements, in document order.
    public var properties: [CorrelationProperty]
    /// The `correlationKey` elements of every collaboration, in document order.
    public var keys: [CorrelationKey]
    /// The `correlationSubscription` elements of each process, by process id.
    public var subscriptions: [String: [CorrelationSubscription]]
    /// Camunda 8's key of a message, by message id: the `correlationKey` attribute of the
    /// `zeebe:subscription` extension, a FEEL expression on the process variables.
    public var camundaMessageKeys: [String: String]

    public init(
        properties: [CorrelationProperty] = [], keys: [CorrelationKey] = [],
        subscriptions: [String: [CorrelationSubscription]] = [:], camundaMessageKeys: [String: String] = [:]
    ) {
        self.properties = properties
        self.keys = keys
        self.subscriptions = subscriptions
        self.camundaMessageKeys = camundaMessageKeys
    }

    /// Whether the file declares no correlation at all.
    public var isEmpty: Bool {
        properties.isEmpty && keys.isEmpty && subscriptions.isEmpty && camundaMessageKeys.isEmpty
    }

    /// Returns the fields of process data that contain the key of the message `messageId` in
    /// the process `processId`, in the order the properties are declared. The process's
    /// `correlationPropertyBinding` for a property names its field. Without a binding, the
    /// property's expression on the message is taken to name the same field in the process
    /// data. Without any property for the message, Camunda 8's key expression of the message
    /// is the one field.
    public func keyFields(message messageId: String, process processId: String?) -> [CorrelationField] {
        let bindings = (processId.flatMap { subscriptions[$0] } ?? []).flatMap(\.bindings)

        var fields: [CorrelationField] = []
        for property in properties {
            guard let retrieval = property.retrievalExpressions.first(where: { $0.messageRef == messageId }) else { continue }
            let binding = bindings.first { $0.propertyRef == property.id }
            fields.append(
                CorrelationField(
                    propertyName: property.name ?? property.id,
                    expression: binding?.dataPath ?? retrieval.messagePath))
        }
        if fields.isEmpty, let expression = camundaMessageKeys[messageId] {
            fields.append(CorrelationField(propertyName: messageId, expression: expression))
        }
        return fields
    }
}

/// A `correlationProperty`: one value of a correlation key, with the expression that reads
/// it from each message that carries it.
public struct CorrelationProperty: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// The `type` attribute as written, such as `xsd:string`.
    public var type: String?
    public var retrievalExpressions: [CorrelationRetrievalExpression]

    public init(id: String, name: String?, type: String?, retrievalExpressions: [CorrelationRetrievalExpression]) {
        self.id = id
        self.name = name
        self.type = type
        self.retrievalExpressions = retrievalExpressions
    }
}

/// A `correlationPropertyRetrievalExpression`: where a property sits in one message.
public struct CorrelationRetrievalExpression: Sendable, Equatable {
    /// The id of the `message` root element.
    public var messageRef: String
    /// The text of `messagePath`, a formal expression on the message's payload.
    public var messagePath: String
    /// The `language` of `messagePath`, when given; XPath 1.0 when absent, as the
    /// specification's default expression language.
    public var language: String?

    public init(messageRef: String, messagePath: String, language: String?) {
        self.messageRef = messageRef
        self.messagePath = messagePath
        self.language = language
    }
}

/// A `correlationKey`: the properties whose values together identify one conversation.
public struct CorrelationKey: Sendable, Equatable {
    public var id: String?
    public var name: String?
    /// The ids of its `correlationPropertyRef` elements, in document order.
    public var propertyRefs: [String]

    public init(id: String?, name: String?, propertyRefs: [String]) {
        self.id = id
        self.name = name
        self.propertyRefs = propertyRefs
    }
}

/// A `correlationSubscription` of a process: the process data that give the values of a
/// correlation key's properties.
public struct CorrelationSubscription: Sendable, Equatable {
    /// The `correlationKeyRef` as written, prefix dropped when only the id is declared.
    public var keyRef: String?
    public var bindings: [CorrelationPropertyBinding]

    public init(keyRef: String?, bindings: [CorrelationPropertyBinding]) {
        self.keyRef = keyRef
        self.bindings = bindings
    }
}

/// A `correlationPropertyBinding`: the expression on process data that gives one property.
public struct CorrelationPropertyBinding: Sendable, Equatable {
    public var propertyRef: String
    /// The text of `dataPath`, a formal expression on the process's data.
    public var dataPath: String

    public init(propertyRef: String, dataPath: String) {
        self.propertyRef = propertyRef
        self.dataPath = dataPath
    }
}

/// One field of process data that contains part of a message's correlation key.
public struct CorrelationField: Sendable, Equatable {
    /// The property's name, or its id when it has no name.
    public var propertyName: String
    /// The expression as written in the model.
    public var expression: String

    public init(propertyName: String, expression: String) {
        self.propertyName = propertyName
        self.expression = expression
    }

    /// The path of object keys the expression names when it is a plain field reference, such
    /// as `orderId`, `order.id`, `data.order.id`, `$.order.id`, `/order/id` (XPath) or
    /// `= order.id` (FEEL). Nil for any other expression, because only a script could evaluate it.
    public var dataPath: [String]? {
        var text = expression.trimmed
        if text.hasPrefix("=") { text = String(text.dropFirst()).trimmed }
        if (text.hasPrefix("${") || text.hasPrefix("#{")) && text.hasSuffix("}") {
            text = String(text.dropFirst(2).dropLast()).trimmed
        }

        let separator: Character = text.hasPrefix("/") || (text.contains("/") && !text.contains(".")) ? "/" : "."
        var segments = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        if separator == "/", segments.first == "" { segments.removeFirst() }
        for prefix in [["this", "data"], ["data"], ["$"]] where segments.count > prefix.count && Array(segments.prefix(prefix.count)) == prefix {
            segments.removeFirst(prefix.count)
            break
        }
        guard !segments.isEmpty, segments.allSatisfy(Self.isIdentifier) else { return nil }
        return segments
    }

    /// Returns whether `text` is a name of letters, digits, `_` and `$` that starts with no digit.
    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
    }
}
