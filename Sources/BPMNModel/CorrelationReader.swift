/// Reading the correlation declarations: `correlationProperty` root elements with their
/// retrieval expressions, the `correlationKey` elements of collaborations and their
/// conversations, the `correlationSubscription` elements of processes, and Camunda 8's
/// `zeebe:subscription` key of a message.
///
/// Declarations without the parts that give them meaning (a property without an id, an
/// expression without text) are skipped, like other parts the engine does not run. The
/// parser does not reject them, because correlation only adds a hint to the inbox.
extension ModelReader {
    /// Conversation nodes of a collaboration that may declare their own correlation keys.
    static let conversationNodes: Set<String> = ["conversation", "subConversation", "callConversation"]

    /// Reads every correlation declaration of the file.
    func readCorrelation() -> Correlation {
        let properties = root.bpmnChildren("correlationProperty").compactMap(readCorrelationProperty)
        let propertyIds = Set(properties.map(\.id))

        var keyElements: [XMLTreeElement] = []
        for collaboration in root.bpmnChildren("collaboration") {
            keyElements += collaboration.bpmnChildren("correlationKey")
            for node in collaboration.children where node.namespace == BPMNNamespace.model && Self.conversationNodes.contains(node.localName) {
                keyElements += node.bpmnChildren("correlationKey")
            }
        }
        let keys = keyElements.map { readCorrelationKey($0, propertyIds: propertyIds) }
        let keyIds = Set(keys.compactMap(\.id))

        var subscriptions: [String: [CorrelationSubscription]] = [:]
        for process in root.bpmnChildren("process") {
            guard let id = process.id else { continue }
            let read = process.bpmnChildren("correlationSubscription").map {
                readCorrelationSubscription($0, keyIds: keyIds, propertyIds: propertyIds)
            }
            if !read.isEmpty { subscriptions[id] = read }
        }

        return Correlation(
            properties: properties, keys: keys, subscriptions: subscriptions,
            camundaMessageKeys: readCamundaMessageKeys())
    }

    private func readCorrelationProperty(_ element: XMLTreeElement) -> CorrelationProperty? {
        guard let id = element.id else { return nil }
        let messageIds = Set(messages.keys)
        let expressions = element.bpmnChildren("correlationPropertyRetrievalExpression").compactMap { expression -> CorrelationRetrievalExpression? in
            guard let messageRef = resolveQName(expression.attribute("messageRef"), among: messageIds),
                let path = expression.bpmnChild("messagePath"), let text = path.trimmedText
            else { return nil }
            return CorrelationRetrievalExpression(messageRef: messageRef, messagePath: text, language: path.attribute("language"))
        }
        return CorrelationProperty(
            id: id, name: element.attribute("name"), type: element.attribute("type"), retrievalExpressions: expressions)
    }

    private func readCorrelationKey(_ element: XMLTreeElement, propertyIds: Set<String>) -> CorrelationKey {
        let refs = element.bpmnChildren("correlationPropertyRef").compactMap { resolveQName($0.trimmedText, among: propertyIds) }
        return CorrelationKey(id: element.id, name: element.attribute("name"), propertyRefs: refs)
    }

    private func readCorrelationSubscription(
        _ element: XMLTreeElement, keyIds: Set<String>, propertyIds: Set<String>
    ) -> CorrelationSubscription {
        let bindings = element.bpmnChildren("correlationPropertyBinding").compactMap { binding -> CorrelationPropertyBinding? in
            guard let propertyRef = resolveQName(binding.attribute("correlationPropertyRef"), among: propertyIds),
                let dataPath = binding.bpmnChild("dataPath")?.trimmedText
            else { return nil }
            return CorrelationPropertyBinding(propertyRef: propertyRef, dataPath: dataPath)
        }
        return CorrelationSubscription(
            keyRef: resolveQName(element.attribute("correlationKeyRef"), among: keyIds), bindings: bindings)
    }

    /// Reads `<zeebe:subscription correlationKey="…"/>` in the extension elements of each message.
    private func readCamundaMessageKeys() -> [String: String] {
        var keys: [String: String] = [:]
        for message in root.bpmnChildren("message") {
            guard let id = message.id else { continue }
            let subscription = message.bpmnChildren("extensionElements").flatMap(\.children).first {
                $0.namespace == BPMNNamespace.zeebe && $0.localName == "subscription"
            }
            if let key = subscription?.attribute("correlationKey")?.trimmed, !key.isEmpty {
                keys[id] = key
            }
        }
        return keys
    }
}
