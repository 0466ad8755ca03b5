/// Reading the event definitions of an event element.
extension ModelReader {
    /// Reads the event definitions of `element` in document order, including those it refers
    /// to through `eventDefinitionRef`. Unknown definitions are skipped.
    ///
    /// References (`messageRef`, `signalRef`, ...) are kept as written, except that a prefix is
    /// dropped when only the unprefixed id is declared. They are not checked: the engine
    /// correlates messages and signals by name and falls back to the reference itself.
    ///
    /// - Throws: `BPMNParseError.invalidElement` when an `eventDefinitionRef` names no event
    ///   definition declared at the root of the file.
    func readEventDefinitions(_ element: XMLTreeElement) throws -> [EventDefinition] {
        var definitions: [EventDefinition] = []

        for child in element.children where child.namespace == BPMNNamespace.model {
            if child.localName == "eventDefinitionRef" {
                definitions.append(try readSharedEventDefinition(child, of: element))
            } else if let definition = readEventDefinition(child) {
                definitions.append(definition)
            }
        }
        return definitions
    }

    private func readSharedEventDefinition(
        _ reference: XMLTreeElement, of element: XMLTreeElement
    ) throws -> EventDefinition {
        let ids = Set(sharedEventDefinitions.keys)
        guard let id = resolveQName(reference.trimmedText, among: ids),
            let shared = sharedEventDefinitions[id],
            let definition = readEventDefinition(shared)
        else {
            let written = reference.trimmedText ?? ""
            throw BPMNParseError.invalidElement(
                elementId: element.id, element: element.localName,
                reason: "eventDefinitionRef '\(written)' at line \(reference.line) names no "
                    + "event definition declared in definitions; declare it there or put the "
                    + "event definition inside the event")
        }
        return definition
    }

    /// Reads one `…EventDefinition` element, or returns nil when the model has no case for it.
    private func readEventDefinition(_ element: XMLTreeElement) -> EventDefinition? {
        switch element.localName {
        case "messageEventDefinition":
            return .message(messageRef: reference("messageRef", of: element, among: messages))
        case "signalEventDefinition":
            return .signal(signalRef: reference("signalRef", of: element, among: signals))
        case "errorEventDefinition":
            return .error(errorRef: reference("errorRef", of: element, among: errors))
        case "escalationEventDefinition":
            return .escalation(
                escalationRef: reference("escalationRef", of: element, among: escalations))
        case "timerEventDefinition":
            return .timer(
                TimerDefinition(
                    timeDate: element.bpmnChild("timeDate")?.trimmedText,
                    timeDuration: element.bpmnChild("timeDuration")?.trimmedText,
                    timeCycle: element.bpmnChild("timeCycle")?.trimmedText))
        case "terminateEventDefinition":
            return .terminate
        case "cancelEventDefinition":
            return .cancel
        case "compensateEventDefinition":
            return .compensate(
                activityRef: resolveQName(element.attribute("activityRef"), among: modelIds))
        case "linkEventDefinition":
            return .link(name: element.attribute("name"))
        case "conditionalEventDefinition":
            return .conditional(condition: element.bpmnChild("condition")?.trimmedText)
        default:
            return nil
        }
    }

    private func reference<Value>(
        _ attribute: String, of element: XMLTreeElement, among declared: [String: Value]
    ) -> String? {
        resolveQName(element.attribute(attribute), among: Set(declared.keys))
    }
}
