/// Maps the element tree of a DMN file onto `DecisionModel`, linking each decision to the
/// decisions it requires.
struct DecisionModelReader {
    /// The maximum length of a chain of required decisions. Linking and evaluation recurse
    /// once per link, so this bounds their stack use.
    static let maximumRequirementDepth = 100

    let root: DMNXMLElement

    /// A decision read from the file whose required decisions are not yet linked.
    private struct UnlinkedDecision {
        let element: DMNXMLElement
        let id: String
        let name: String?
        let table: DecisionTable
        let requiredIds: [String]
    }

    func read() throws -> DecisionModel {
        guard root.localName == "definitions",
            let version = DMNNamespace.version(of: root.namespace)
        else {
            throw DMNParseError.notDMN(rootElement: root.qualifiedName, namespace: root.namespace)
        }

        var unlinked: [UnlinkedDecision] = []
        for element in root.children("decision", in: root.namespace) {
            let decision = try readDecision(element)
            if let earlier = unlinked.first(where: { $0.id == decision.id }) {
                throw DMNParseError.invalidElement(
                    decisionId: decision.id, element: "decision", line: element.line,
                    reason: "the id '\(decision.id)' is already used by the decision at line "
                        + "\(earlier.element.line); give each decision its own id")
            }
            unlinked.append(decision)
        }

        var linked: [String: Decision] = [:]
        let decisions = try unlinked.map { decision in
            try link(decision, all: unlinked, linked: &linked, path: [])
        }

        return DecisionModel(
            id: root.attribute("id"), name: root.attribute("name"), dmnVersion: version,
            decisions: decisions)
    }

    private func readDecision(_ element: DMNXMLElement) throws -> UnlinkedDecision {
        guard let id = element.attribute("id") else {
            throw DMNParseError.invalidElement(
                decisionId: nil, element: "decision", line: element.line,
                reason: "the decision has no id; add an id attribute, which business rule "
                    + "tasks reference")
        }

        let requiredIds = try readRequiredDecisionIds(element, decisionId: id)

        guard let tableElement = element.child("decisionTable", in: root.namespace) else {
            throw missingTable(element, decisionId: id)
        }
        let table = try DecisionTableReader(
            element: tableElement, decisionId: id, decisionName: element.attribute("name"),
            namespace: root.namespace,
            defaultExpressionLanguage: root.attribute("expressionLanguage")
        ).read()

        return UnlinkedDecision(
            element: element, id: id, name: element.attribute("name"), table: table,
            requiredIds: requiredIds)
    }

    /// Reads `informationRequirement/requiredDecision/@href`. Required inputs
    /// (`requiredInput`) need no evaluation and are skipped.
    private func readRequiredDecisionIds(
        _ element: DMNXMLElement, decisionId: String
    ) throws -> [String] {
        let requirements = element.children("informationRequirement", in: root.namespace)
        let references = requirements.compactMap {
            $0.child("requiredDecision", in: root.namespace)
        }

        return try references.map { reference in
            guard let href = reference.attribute("href"), href.hasPrefix("#"), href.count > 1 else {
                throw DMNParseError.unsupportedElement(
                    decisionId: decisionId, element: "requiredDecision", line: reference.line,
                    reason: "the href '\(reference.attribute("href") ?? "")' does not point to "
                        + "a decision in this file; write it as '#decisionId'")
            }
            return String(href.dropFirst())
        }
    }

    /// Builds the error for a decision without a decision table, naming the logic it has
    /// instead.
    private func missingTable(_ element: DMNXMLElement, decisionId: String) -> DMNParseError {
        let logicElements = [
            "literalExpression", "context", "invocation", "relation", "list",
            "functionDefinition", "conditional", "filter", "for", "every", "some",
        ]
        guard
            let logic = element.children.first(where: {
                $0.namespace == root.namespace && logicElements.contains($0.localName)
            })
        else {
            return .invalidElement(
                decisionId: decisionId, element: "decision", line: element.line,
                reason: "the decision has no decision table; add one in the modeler")
        }
        return .unsupportedElement(
            decisionId: decisionId, element: logic.localName, line: logic.line,
            reason: "only decision tables can be evaluated; model this decision as a table")
    }

    /// Builds the `Decision` for `decision`, linking its required decisions first.
    ///
    /// - Parameter path: The ids being linked, outermost first, to detect a cycle.
    private func link(
        _ decision: UnlinkedDecision, all: [UnlinkedDecision], linked: inout [String: Decision],
        path: [String]
    ) throws -> Decision {
        if let done = linked[decision.id] {
            return done
        }
        guard path.count < Self.maximumRequirementDepth else {
            throw DMNParseError.invalidElement(
                decisionId: decision.id, element: "requiredDecision", line: decision.element.line,
                reason: "required decisions chain more than \(Self.maximumRequirementDepth) "
                    + "decisions deep; shorten the chain")
        }

        var required: [Decision] = []
        for requiredId in decision.requiredIds {
            guard let target = all.first(where: { $0.id == requiredId }) else {
                throw DMNParseError.invalidElement(
                    decisionId: decision.id, element: "requiredDecision",
                    line: decision.element.line,
                    reason: "the required decision '\(requiredId)' is not in this file")
            }
            guard !path.contains(requiredId), requiredId != decision.id else {
                let start = path.firstIndex(of: requiredId) ?? path.count
                let cycle = (path[start...] + [decision.id, requiredId]).joined(separator: " -> ")
                throw DMNParseError.invalidElement(
                    decisionId: decision.id, element: "requiredDecision",
                    line: decision.element.line,
                    reason: "the required decisions form a cycle (\(cycle)); remove one of "
                        + "the requirements")
            }
            required.append(
                try link(target, all: all, linked: &linked, path: path + [decision.id]))
        }

        let result = Decision(
            id: decision.id, name: decision.name, table: decision.table,
            requiredDecisions: required)
        linked[decision.id] = result
        return result
    }
}
