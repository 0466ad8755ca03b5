import BPMNModel
import Foundation

/// The differences between two versions of a model, by element id.
public struct ModelDiff: Sendable, Equatable {
    public struct Element: Sendable, Equatable {
        public var id: String
        /// `bpmn:UserTask`, `bpmn:SequenceFlow`, …
        public var type: String
        public var name: String?
        /// For a changed element, the properties that differ, such as `name` or `outgoing`.
        public var changes: [String]
        /// For a changed element, each changed property's value in the older and the newer
        /// version. A property missing from one version has no entry in that version's map.
        public var oldValues: [String: String] = [:]
        public var newValues: [String: String] = [:]
    }

    public var model: String
    public var fromVersion: Int
    public var toVersion: Int
    public var added: [Element]
    public var removed: [Element]
    public var changed: [Element]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}

extension WorkflowEngine {
    /// Compares two versions of a model element by element: flow nodes (inside
    /// sub-processes too) and sequence flows.
    /// - Throws: `EngineError.modelNotFound`, `AdministrationError.unknownVersion`.
    public func diffModel(name: String, from fromVersion: Int, to toVersion: Int) throws -> ModelDiff {
        let old = try modelRecord(name: name, version: fromVersion)
        let new = try modelRecord(name: name, version: toVersion)
        let (oldElements, newElements) = try store.readTransaction {
            (
                ModelFingerprint.elements(of: try models.definitions(name: name, version: old.version).definitions),
                ModelFingerprint.elements(of: try models.definitions(name: name, version: new.version).definitions)
            )
        }

        var diff = ModelDiff(model: name, fromVersion: old.version, toVersion: new.version, added: [], removed: [], changed: [])
        for (id, element) in newElements.sorted(by: { $0.key < $1.key }) {
            guard let before = oldElements[id] else {
                diff.added.append(.init(id: id, type: element.type, name: element.name, changes: []))
                continue
            }
            let changes = Set(element.properties.keys).union(before.properties.keys).sorted()
                .filter { element.properties[$0] != before.properties[$0] }
            if !changes.isEmpty {
                diff.changed.append(
                    .init(
                        id: id, type: element.type, name: element.name, changes: changes,
                        oldValues: before.properties.filter { changes.contains($0.key) },
                        newValues: element.properties.filter { changes.contains($0.key) }))
            }
        }
        for (id, element) in oldElements.sorted(by: { $0.key < $1.key }) where newElements[id] == nil {
            diff.removed.append(.init(id: id, type: element.type, name: element.name, changes: []))
        }
        return diff
    }
}

/// The comparable properties of each element of a model, as text.
enum ModelFingerprint {
    struct Element {
        var type: String
        var name: String?
        var properties: [String: String]
    }

    static func elements(of definitions: Definitions) -> [String: Element] {
        var elements: [String: Element] = [:]
        for node in ModelWalk.nodes(of: definitions) {
            elements[node.id] = Element(type: node.kind.typeName, name: node.name, properties: properties(of: node))
        }
        for flow in ModelWalk.flows(of: definitions) {
            elements[flow.id] = Element(
                type: "bpmn:SequenceFlow", name: flow.name,
                properties: [
                    "name": flow.name ?? "", "source": flow.sourceRef, "target": flow.targetRef,
                    "condition": flow.condition ?? "", "listeners": "\(flow.listeners)",
                ])
        }
        return elements
    }

    private static func properties(of node: FlowNode) -> [String: String] {
        [
            "type": node.kind.typeName,
            "name": node.name ?? "",
            "incoming": node.incoming.sorted().joined(separator: ","),
            "outgoing": node.outgoing.sorted().joined(separator: ","),
            "default flow": node.defaultFlow ?? "",
            "event definitions": "\(node.eventDefinitions)",
            "attached to": node.attachedToRef ?? "",
            "assignment": "\(node.assignment)",
            "form": "\(node.formKey ?? "") \(node.formFields)",
            "script": node.script ?? "",
            "implementation": node.implementation ?? "",
            "called element": node.calledElement ?? "",
            "loop": node.loop.map { "\($0)" } ?? "",
            "input/output": "\(node.inputParameters) \(node.outputParameters)",
            "listeners": "\(node.listeners)",
        ]
    }
}
