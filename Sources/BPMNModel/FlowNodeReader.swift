/// Reading one flow node: its BPMN attributes, Camunda attributes and child elements.
extension ModelReader {
    /// The kinds whose element contains an inner scope of flow nodes.
    static let subProcessKinds: Set<NodeKind> = [.subProcess, .adHocSubProcess, .transaction]

    /// Reads `element` as a node of `kind`, with its inner scope when it is a sub-process.
    ///
    /// `incoming`, `outgoing` and `laneName` are left empty: the scope reader fills them.
    ///
    /// - Throws: `BPMNParseError.invalidElement` when the id is missing, a boolean or integer
    ///   attribute has an invalid value, or an inner scope is invalid.
    func readFlowNode(_ element: XMLTreeElement, kind: NodeKind) throws -> FlowNode {
        guard let id = element.id else {
            throw BPMNParseError.invalidElement(
                elementId: nil, element: element.localName,
                reason: "the id attribute is missing at line \(element.line); "
                    + "give every flow node a unique id")
        }

        var attributes = AttributeReader(element)
        _ = attributes.take("id")
        var node = FlowNode(id: id, name: attributes.take("name"), kind: kind)
        node.documentation = readDocumentation(element)

        node.defaultFlow = attributes.take("default")?.trimmed
        node.attachedToRef = attributes.take("attachedToRef")?.trimmed
        node.cancelActivity = try attributes.takeBoolean("cancelActivity", default: true)
        node.isInterrupting = try attributes.takeBoolean("isInterrupting", default: true)
        node.isForCompensation = try attributes.takeBoolean("isForCompensation", default: false)
        node.triggeredByEvent = try attributes.takeBoolean("triggeredByEvent", default: false)
        node.calledElement = attributes.take("calledElement")
        node.eventDefinitions = try readEventDefinitions(element)
        node.loop = try readLoopCharacteristics(element)

        node.script = element.bpmnChild("script")?.rawText
        node.scriptFormat = attributes.take("scriptFormat")
        node.implementation = takeImplementation(&attributes)

        node.assignment = takeAssignment(&attributes)
        node.formKey = attributes.takeCamunda("formKey")
        node.initiator = attributes.takeCamunda("initiator")
        node.formFields = readFormFields(element)
        node.listeners = readListeners(element)
        node.inputParameters = readParameters(element, named: "inputParameter")
        node.outputParameters = readParameters(element, named: "outputParameter")
        node.callInputs = readVariableMappings(element, named: "in")
        node.callOutputs = readVariableMappings(element, named: "out")

        if Self.subProcessKinds.contains(kind) {
            node.subProcess = try readScope(element)
        }
        if kind == .adHocSubProcess {
            node.adHocCompletionCondition = element.bpmnChild("completionCondition")?.trimmedText
        }

        node.otherAttributes = attributes.unread
        return node
    }

    /// Reads the six `camunda:` assignment attributes of a user task, as written.
    private func takeAssignment(_ attributes: inout AttributeReader) -> Assignment {
        Assignment(
            assignee: attributes.takeCamunda("assignee"),
            candidateUsers: attributes.takeCamunda("candidateUsers"),
            candidateGroups: attributes.takeCamunda("candidateGroups"),
            dueDate: attributes.takeCamunda("dueDate"),
            followUpDate: attributes.takeCamunda("followUpDate"),
            priority: attributes.takeCamunda("priority"))
    }

    /// Reads the service a task calls: `implementation`, else `camunda:delegateExpression`,
    /// else `camunda:class`, else `camunda:expression`.
    ///
    /// The BPMN technology markers `##WebService` and `##unspecified` in `implementation` name
    /// no service, so a Camunda attribute is preferred over them when both are present.
    private func takeImplementation(_ attributes: inout AttributeReader) -> String? {
        let camundaCandidates: [(localName: String, namespace: String?)] = [
            ("delegateExpression", BPMNNamespace.camunda),
            ("class", BPMNNamespace.camunda),
            ("expression", BPMNNamespace.camunda),
        ]

        let standard = attributes.peek("implementation")
        if let standard, !standard.hasPrefix("##") {
            return attributes.take("implementation")
        }
        if let camunda = attributes.takeFirst(camundaCandidates) {
            return camunda
        }
        return attributes.take("implementation")
    }
}
