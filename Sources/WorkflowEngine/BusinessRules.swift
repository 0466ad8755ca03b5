import BPMNModel
import DecisionTables
import Foundation

/// Looks up a decision by id (or name) among the DMN models; set by the engine.
typealias DecisionLookup = (_ reference: String) throws -> Decision?

/// Business rule tasks with `camunda:decisionRef`: the decision table is evaluated with the
/// token's data (inner scopes reading through to outer ones) plus the item's `input`, and the
/// result becomes the item's `output` and, with `camunda:resultVariable`, a data variable.
extension InstanceRun {
    static let camunda = "{http://camunda.org/schema/1.0/bpmn}"

    /// Evaluates the decision a business rule task names, if it names one.
    /// - Throws: `EngineError.decisionNotFound`, `EngineError.decisionFailed`.
    func evaluateDecision(of node: FlowNode, itemId: String, tokenId: Int) throws {
        guard let reference = node.otherAttributes[Self.camunda + "decisionRef"], !reference.isEmpty else { return }
        guard let lookup = decisionLookup, let decision = try lookup(reference) else {
            throw EngineError.decisionNotFound(elementId: node.id, decision: reference)
        }
        let context = decisionContext(for: decision, itemId: itemId, tokenId: tokenId)
        let result: DecisionResult
        do {
            result = try decision.evaluate(context)
        } catch {
            throw EngineError.decisionFailed(elementId: node.id, decision: reference, message: "\(error)")
        }
        updateItem(itemId) { $0.output = JSONValue(result.value) }
        note("decision", itemId: itemId, elementId: node.id,
             message: "decision '\(reference)' matched rule(s) \(result.matchedRules.map { String($0.ruleIndex) }.joined(separator: ", "))")
        if let variable = node.otherAttributes[Self.camunda + "resultVariable"], !variable.isEmpty {
            let mapping = node.otherAttributes[Self.camunda + "mapDecisionResult"] ?? "resultList"
            let value = try Self.mapResult(result, mapping: mapping, elementId: node.id)
            mergeData(.object([variable: value]), tokenId: tokenId, itemId: nil)
        }
    }

    /// Data visible to the token (outer scopes first), then the item's input, then the same
    /// values under each input column's label (bpmn-server matches columns by label).
    private func decisionContext(for decision: Decision, itemId: String, tokenId: Int) -> [String: DMNValue] {
        var context: [String: DMNValue] = [:]
        let scopes = parentScopes(of: tokenId) + [data(of: tokenId), itemInputs[itemId] ?? .emptyObject]
        for scope in scopes {
            for (key, value) in scope.objectValue ?? [:] { context[key] = DMNValue(value) }
        }
        for input in decision.table.inputs {
            if let label = input.label, context[label] == nil, let value = context[input.expressionText] {
                context[label] = value
            }
        }
        return context
    }

    /// Shapes a result as Camunda's `mapDecisionResult` values define it: `singleEntry` (one value),
    /// `singleResult` (one rule's outputs), `collectEntries` (one output of every rule),
    /// `resultList` (every rule's outputs, the default).
    static func mapResult(_ result: DecisionResult, mapping: String, elementId: String) throws -> JSONValue {
        if case .aggregated(_, _, let value, _) = result {
            return JSONValue(value)
        }
        let rules = result.matchedRules
        switch mapping {
        case "singleEntry":
            guard rules.count <= 1, (rules.first?.outputs.count ?? 1) == 1 else {
                throw EngineError.decisionFailed(elementId: elementId, decision: mapping, message: "singleEntry needs at most one rule with one output, got \(rules.count) rule(s)")
            }
            return rules.first?.outputs.values.first.map(JSONValue.init) ?? .null
        case "singleResult":
            guard rules.count <= 1 else {
                throw EngineError.decisionFailed(elementId: elementId, decision: mapping, message: "singleResult needs at most one matching rule, got \(rules.count)")
            }
            return rules.first.map { JSONValue(DMNValue.object($0.outputs)) } ?? .null
        case "collectEntries":
            return .array(rules.compactMap { $0.outputs.values.first.map(JSONValue.init) })
        default:
            return .array(rules.map { JSONValue(DMNValue.object($0.outputs)) })
        }
    }
}

extension JSONValue {
    /// Converts a decision value.
    init(_ value: DMNValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map(JSONValue.init))
        case .object(let object): self = .object(object.mapValues(JSONValue.init))
        }
    }
}

extension DMNValue {
    /// Converts engine data for a decision.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map(DMNValue.init))
        case .object(let object): self = .object(object.mapValues(DMNValue.init))
        }
    }
}

extension WorkflowEngine {
    /// Finds a decision in the newest version of the DMN models, by decision id, then name.
    func findDecision(_ reference: String) throws -> Decision? {
        for summary in try store.listModels() where summary.processes.contains(where: { $0.hasPrefix("decision:") }) {
            guard let record = try store.model(name: summary.name, version: nil) else { continue }
            let key = "\(record.name)\u{0}\(record.version)"
            let model: DecisionModel
            if let cached = decisionModels[key] {
                model = cached
            } else {
                guard let parsed = try? DecisionModel.parse(string: record.source) else { continue }
                decisionModels[key] = parsed
                model = parsed
            }
            if let decision = model.decision(id: reference) { return decision }
        }
        return nil
    }

    /// Stores a DMN file as a model whose processes list names its decisions
    /// (`decision:<id>`), so business rule tasks find them.
    func importDecisionModel(name: String, source: String) throws -> ModelRecord? {
        guard let model = try? DecisionModel.parse(string: source) else { return nil }
        return try store.writeTransaction {
            try store.saveModel(
                name: name, source: source, processes: model.decisions.map { "decision:" + $0.id }, startEvents: [],
                savedAt: clock.now())
        }
    }
}
