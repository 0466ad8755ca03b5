/// Maps the element tree of one `definitions` element onto the model types.
///
/// The reader is split by concept over several files. This one reads the root elements and
/// collaborations. The others read scopes, flow nodes, event definitions, loops, Camunda
/// extensions and the diagram.
struct ModelReader {
    let root: XMLTreeElement
    /// The id of every BPMN model element in the file, for resolving prefixed references.
    let modelIds: Set<String>
    /// Event definitions declared at the root, keyed by id, for `eventDefinitionRef`.
    let sharedEventDefinitions: [String: XMLTreeElement]
    let messages: [String: RootElementRef]
    let signals: [String: RootElementRef]
    let errors: [String: ErrorRef]
    let escalations: [String: ErrorRef]

    /// Collects the root elements that flow nodes refer to.
    init(root: XMLTreeElement, modelIds: Set<String>) {
        self.root = root
        self.modelIds = modelIds

        var sharedEventDefinitions: [String: XMLTreeElement] = [:]
        var messages: [String: RootElementRef] = [:]
        var signals: [String: RootElementRef] = [:]
        var errors: [String: ErrorRef] = [:]
        var escalations: [String: ErrorRef] = [:]

        for element in root.children where element.namespace == BPMNNamespace.model {
            guard let id = element.id else { continue }
            let name = element.attribute("name")

            switch element.localName {
            case "message":
                messages[id] = RootElementRef(id: id, name: name)
            case "signal":
                signals[id] = RootElementRef(id: id, name: name)
            case "error":
                errors[id] = ErrorRef(id: id, name: name, code: element.attribute("errorCode"))
            case "escalation":
                escalations[id] = ErrorRef(
                    id: id, name: name, code: element.attribute("escalationCode"))
            case let localName where localName.hasSuffix("EventDefinition"):
                sharedEventDefinitions[id] = element
            default:
                break
            }
        }

        self.sharedEventDefinitions = sharedEventDefinitions
        self.messages = messages
        self.signals = signals
        self.errors = errors
        self.escalations = escalations
    }

    /// Reads the whole file.
    ///
    /// - Throws: `BPMNParseError.invalidElement` for a process without an id, a sequence flow
    ///   with a missing or unknown `sourceRef`/`targetRef`, and the other invalid references
    ///   that the scope reader checks.
    func readDefinitions() throws -> Definitions {
        var processes: [Process] = []
        for element in root.bpmnChildren("process") {
            processes.append(try readProcess(element))
        }

        let collaborations = root.bpmnChildren("collaboration")
        let processIds = Set(processes.map(\.id))

        var definitions = Definitions(
            id: root.attribute("id") ?? "",
            name: root.attribute("name"),
            targetNamespace: root.attribute("targetNamespace"),
            processes: processes,
            participants: collaborations.flatMap { readParticipants($0, processIds: processIds) },
            messages: messages, signals: signals, errors: errors, escalations: escalations,
            diagram: readDiagram())
        definitions.messageFlows = collaborations.flatMap(readMessageFlows)
        definitions.correlation = readCorrelation()
        return definitions
    }

    /// Reads a `process` element.
    func readProcess(_ element: XMLTreeElement) throws -> Process {
        guard let id = element.id else {
            throw BPMNParseError.invalidElement(
                elementId: nil, element: "process",
                reason: "the id attribute is missing at line \(element.line); "
                    + "give every process a unique id")
        }

        var attributes = AttributeReader(element)
        return Process(
            id: id,
            name: attributes.take("name"),
            isExecutable: try attributes.takeBoolean("isExecutable", default: true),
            documentation: readDocumentation(element),
            body: try readScope(element),
            listeners: readListeners(element),
            candidateStarterGroups: attributes.takeCamunda("candidateStarterGroups"),
            candidateStarterUsers: attributes.takeCamunda("candidateStarterUsers"))
    }

    /// Joins the trimmed text of the `documentation` children with blank lines. Returns nil
    /// when none has text.
    func readDocumentation(_ element: XMLTreeElement) -> String? {
        let texts = element.bpmnChildren("documentation").compactMap(\.trimmedText)
        return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
    }

    /// Resolves a reference typed `xsd:QName` in the BPMN schema, such as `messageRef` or
    /// `attachedToRef`. Some tools write these with a prefix (`semantic:Message_1`); the prefix
    /// is dropped when only the unprefixed id is known.
    func resolveQName(_ value: String?, among ids: Set<String>) -> String? {
        guard let value = value?.trimmed, !value.isEmpty else { return nil }
        if ids.contains(value) { return value }

        guard let colon = value.firstIndex(of: ":") else { return value }
        let unprefixed = String(value[value.index(after: colon)...])
        return ids.contains(unprefixed) ? unprefixed : value
    }

    // MARK: - Collaborations

    private func readParticipants(
        _ collaboration: XMLTreeElement, processIds: Set<String>
    ) -> [Participant] {
        collaboration.bpmnChildren("participant").compactMap { element in
            guard let id = element.id else { return nil }
            return Participant(
                id: id, name: element.attribute("name"),
                processRef: resolveQName(element.attribute("processRef"), among: processIds))
        }
    }

    private func readMessageFlows(_ collaboration: XMLTreeElement) -> [MessageFlow] {
        collaboration.bpmnChildren("messageFlow").compactMap { element in
            guard let id = element.id,
                let source = resolveQName(element.attribute("sourceRef"), among: modelIds),
                let target = resolveQName(element.attribute("targetRef"), among: modelIds)
            else { return nil }

            let messageRef = resolveQName(
                element.attribute("messageRef"), among: Set(messages.keys))
            return MessageFlow(
                id: id, name: element.attribute("name"), sourceRef: source, targetRef: target,
                messageRef: messageRef)
        }
    }
}
