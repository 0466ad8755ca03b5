import BPMNModel

/// A message or signal thrown by a model element, delivered once the throwing instance is
/// saved, within the same call.
struct OutgoingEvent {
    enum Kind { case message, signal }

    var kind: Kind
    /// The message or signal name (its id when it has no name).
    var name: String
    var data: JSONValue
    /// The correlation query a script set with `this.context.messageMatchingKey`.
    var matchingKey: JSONValue?
    var sourceElementId: String
    /// The tenant of the throwing instance, nil when it has none. The event reaches only the
    /// instances and models a user of that tenant reaches.
    var tenantId: String?
}

/// Link, message and signal throw events, and send tasks.
extension InstanceRun {
    /// Handles the message, signal or link definition of a throw event or send task.
    /// - Returns: true when the token jumped to a link target (the caller must not leave).
    func throwEvents(of node: FlowNode, itemId: String, tokenId: Int) throws -> Bool {
        for definition in node.eventDefinitions {
            switch definition {
            case .link(let name):
                guard let name, let target = graph.linkTarget(named: name, from: node) else {
                    throw EngineError.unsupportedElement(
                        elementId: node.id, type: "bpmn:IntermediateThrowEvent (link '\(name ?? "")' without a catch event of that name in its scope)")
                }
                try complete(itemId: itemId, tokenId: tokenId, node: node)
                move(tokenId: tokenId, to: target.id)
                return true
            case .message(let ref):
                queueEvent(.message, name: ref.map { graph.definitions.messages[$0]?.name ?? $0 }, node: node, itemId: itemId)
            case .signal(let ref):
                queueEvent(.signal, name: ref.map { graph.definitions.signals[$0]?.name ?? $0 }, node: node, itemId: itemId)
            default:
                continue
            }
        }
        if node.kind == .sendTask, let ref = node.otherAttributes["messageRef"] {
            queueEvent(.message, name: graph.definitions.messages[ref]?.name ?? ref, node: node, itemId: itemId)
        }
        return false
    }

    /// Adds an event to the outbox. The payload is the item's `output` when a script set one
    /// (an object), else empty.
    private func queueEvent(_ kind: OutgoingEvent.Kind, name: String?, node: FlowNode, itemId: String) {
        guard let name else {
            note("warning", itemId: itemId, elementId: node.id, message: "'\(node.id)' names no message or signal, so nothing was sent")
            return
        }
        let payload = item(itemId)?.output.objectValue.map(JSONValue.object) ?? .emptyObject
        outbox.append(OutgoingEvent(
            kind: kind, name: name, data: payload, matchingKey: pendingMatchingKey, sourceElementId: node.id,
            tenantId: instance.tenantId))
        pendingMatchingKey = nil
    }
}
