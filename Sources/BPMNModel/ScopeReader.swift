/// Reading one scope: the flow nodes, sequence flows and lanes directly inside a `process`,
/// `subProcess`, `adHocSubProcess` or `transaction`.
extension ModelReader {
    /// BPMN children of a scope that are not flow nodes and are skipped without comment.
    /// Any other BPMN element is kept as a node of kind `.unsupported`.
    static let nonNodeScopeChildren: Set<String> = [
        "sequenceFlow", "laneSet", "extensionElements", "documentation", "incoming", "outgoing",
        "dataObject", "dataObjectReference", "dataStoreReference", "dataInput", "dataOutput",
        "dataInputAssociation", "dataOutputAssociation", "inputSet", "outputSet",
        "ioSpecification", "ioBinding", "property", "textAnnotation", "association", "group",
        "category", "categoryValue", "auditing", "monitoring", "supports", "resourceRole",
        "performer", "humanPerformer", "potentialOwner", "correlationSubscription",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
        "completionCondition",
    ]

    /// Reads the scope whose element is `scope`, including nested sub-process scopes.
    ///
    /// Incoming and outgoing flow ids come from the sequence flows of this scope in document
    /// order. The optional `incoming` and `outgoing` child elements are ignored.
    ///
    /// - Throws: `BPMNParseError.invalidElement` for a sequence flow without an id, `sourceRef`
    ///   or `targetRef`, or with a reference that names no flow node of this scope. Also for a
    ///   boundary event without a valid `attachedToRef`, a `default` flow that does not leave
    ///   its node, and a flow node without an id.
    func readScope(_ scope: XMLTreeElement) throws -> FlowContainer {
        let flowElements = scope.bpmnChildren("sequenceFlow")
        var flows = try flowElements.map(readSequenceFlow)
        let wiredIds = Set(flows.flatMap { [$0.sourceRef, $0.targetRef] })

        var nodes: [FlowNode] = []
        for child in scope.children {
            guard let kind = nodeKind(of: child, wiredIds: wiredIds) else { continue }
            nodes.append(try readFlowNode(child, kind: kind))
        }

        let nodeIds = Set(nodes.map(\.id))
        for index in flows.indices {
            try resolveEnds(
                of: &flows[index], element: flowElements[index],
                nodeIds: nodeIds, scope: scope)
        }
        connect(&nodes, with: flows)
        try checkBoundaryEvents(&nodes, nodeIds: nodeIds, scope: scope)
        try checkDefaultFlows(nodes, scope: scope)

        let lanes = readLanes(scope)
        assignLanes(lanes, to: &nodes)
        let associations = scope.bpmnChildren("association").compactMap { element -> Association? in
            guard let source = element.attribute("sourceRef"), let target = element.attribute("targetRef") else { return nil }
            return Association(id: element.id, sourceRef: source, targetRef: target)
        }
        return FlowContainer(nodes: nodes, flows: flows, lanes: lanes, associations: associations)
    }

    /// Returns the kind of node that `element` becomes, or nil when it is not a flow node.
    ///
    /// Unknown BPMN elements with an id become `.unsupported`, so that the engine can report
    /// them when a token reaches them. Foreign elements that a sequence flow points at do too.
    private func nodeKind(of element: XMLTreeElement, wiredIds: Set<String>) -> NodeKind? {
        let name = element.localName
        guard element.namespace == BPMNNamespace.model else {
            guard let id = element.id, wiredIds.contains(id) else { return nil }
            return .unsupported(name)
        }

        if let kind = NodeKind.byElementName[name] { return kind }
        if Self.nonNodeScopeChildren.contains(name) { return nil }
        return element.id == nil ? nil : .unsupported(name)
    }

    // MARK: - Sequence flows

    /// Reads a `sequenceFlow`, with `sourceRef` and `targetRef` as written.
    private func readSequenceFlow(_ element: XMLTreeElement) throws -> SequenceFlow {
        guard let id = element.id else {
            throw BPMNParseError.invalidElement(
                elementId: nil, element: "sequenceFlow",
                reason: "the id attribute is missing at line \(element.line); "
                    + "give every sequence flow a unique id")
        }

        let source = try requiredReference("sourceRef", of: element)
        let target = try requiredReference("targetRef", of: element)
        let condition = element.bpmnChild("conditionExpression")

        return SequenceFlow(
            id: id, name: element.attribute("name"), sourceRef: source, targetRef: target,
            condition: condition?.trimmedText,
            conditionLanguage: condition?.attribute("language"),
            listeners: readListeners(element))
    }

    private func requiredReference(
        _ attribute: String, of element: XMLTreeElement
    ) throws -> String {
        guard let value = element.attribute(attribute)?.trimmed, !value.isEmpty else {
            throw BPMNParseError.invalidElement(
                elementId: element.id, element: element.localName,
                reason: "the \(attribute) attribute is missing at line \(element.line); "
                    + "a sequence flow needs both sourceRef and targetRef")
        }
        return value
    }

    /// Replaces the flow's references by the ids of nodes in this scope.
    private func resolveEnds(
        of flow: inout SequenceFlow, element: XMLTreeElement, nodeIds: Set<String>,
        scope: XMLTreeElement
    ) throws {
        flow.sourceRef = try resolveNodeReference(
            flow.sourceRef, attribute: "sourceRef", of: element, nodeIds: nodeIds, scope: scope)
        flow.targetRef = try resolveNodeReference(
            flow.targetRef, attribute: "targetRef", of: element, nodeIds: nodeIds, scope: scope)
    }

    /// Resolves a reference from `element` to a flow node of `scope`.
    ///
    /// - Throws: `BPMNParseError.invalidElement` when no flow node of the scope has the id.
    private func resolveNodeReference(
        _ reference: String, attribute: String, of element: XMLTreeElement,
        nodeIds: Set<String>, scope: XMLTreeElement
    ) throws -> String {
        if let resolved = resolveQName(reference, among: nodeIds), nodeIds.contains(resolved) {
            return resolved
        }

        let hint: String
        if modelIds.contains(reference) {
            hint =
                "'\(reference)' is not a flow node of this scope; "
                + "connect only flow nodes of the same process or sub-process"
        } else {
            hint = "no element has the id '\(reference)'; fix the reference or add the element"
        }
        throw BPMNParseError.invalidElement(
            elementId: element.id, element: element.localName,
            reason: "\(attribute) '\(reference)' at line \(element.line) does not name a flow "
                + "node in \(scope.locationDescription): \(hint)")
    }

    /// Fills `incoming` and `outgoing` of each node from the flows, in flow document order.
    private func connect(_ nodes: inout [FlowNode], with flows: [SequenceFlow]) {
        var positions: [String: Int] = [:]
        for (position, node) in nodes.enumerated() where positions[node.id] == nil {
            positions[node.id] = position
        }

        for flow in flows {
            if let source = positions[flow.sourceRef] {
                nodes[source].outgoing.append(flow.id)
            }
            if let target = positions[flow.targetRef] {
                nodes[target].incoming.append(flow.id)
            }
        }
    }

    // MARK: - Checks

    /// Resolves each boundary event's `attachedToRef` to a node of this scope.
    private func checkBoundaryEvents(
        _ nodes: inout [FlowNode], nodeIds: Set<String>, scope: XMLTreeElement
    ) throws {
        for index in nodes.indices where nodes[index].kind == .boundaryEvent {
            let node = nodes[index]
            guard let reference = node.attachedToRef else {
                throw BPMNParseError.invalidElement(
                    elementId: node.id, element: "boundaryEvent",
                    reason: "the attachedToRef attribute is missing; name the activity that "
                        + "the boundary event is attached to")
            }

            guard let resolved = resolveQName(reference, among: nodeIds),
                nodeIds.contains(resolved)
            else {
                throw BPMNParseError.invalidElement(
                    elementId: node.id, element: "boundaryEvent",
                    reason: "attachedToRef '\(reference)' does not name an activity in "
                        + "\(scope.locationDescription); attach the event to an activity of "
                        + "the same process or sub-process")
            }
            nodes[index].attachedToRef = resolved
        }
    }

    /// Checks that each `default` attribute names one of its node's outgoing flows.
    private func checkDefaultFlows(_ nodes: [FlowNode], scope: XMLTreeElement) throws {
        for node in nodes {
            guard let defaultFlow = node.defaultFlow, !node.outgoing.contains(defaultFlow) else {
                continue
            }
            throw BPMNParseError.invalidElement(
                elementId: node.id, element: node.kind.elementName,
                reason: "the default flow '\(defaultFlow)' is not an outgoing sequence flow of "
                    + "this node in \(scope.locationDescription); name one of its outgoing "
                    + "flows or remove the default attribute")
        }
    }
}
