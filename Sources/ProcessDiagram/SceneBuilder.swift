import BPMNModel
import Foundation

/// Builds the drawable scene of a parsed model.
enum SceneBuilder {
    /// Collects pools, lanes, flow nodes and lines of every process in `definitions`.
    ///
    /// `expansion` overrides whether a sub-process (by id) is drawn open. Without an
    /// override, a sub-process is open when BPMNDI sets `isExpanded="true"`, when its shape is
    /// large and its inner elements lie inside it, or, in a model without BPMNDI, always.
    static func build(_ definitions: Definitions, expansion: [String: Bool]) -> DiagramScene {
        var builder = Builder(definitions: definitions, expansion: expansion)
        builder.addPools()
        for process in definitions.processes {
            builder.addProcess(process)
        }
        builder.addMessageFlows()
        return DiagramScene(elements: builder.elements, edges: builder.edges, index: builder.index)
    }

    private struct Builder {
        let definitions: Definitions
        let expansion: [String: Bool]
        var elements: [DiagramElement] = []
        var edges: [DiagramEdge] = []
        var index: [String: Int] = [:]
        var poolOfProcess: [String: String] = [:]

        init(definitions: Definitions, expansion: [String: Bool]) {
            self.definitions = definitions
            self.expansion = expansion
        }

        var diagram: Diagram { definitions.diagram }

        mutating func add(_ element: DiagramElement) {
            guard index[element.id] == nil else { return }
            index[element.id] = elements.count
            elements.append(element)
        }

        mutating func addPools() {
            let processIds = Set(definitions.processes.map(\.id))
            for participant in definitions.participants {
                let showsProcess = participant.processRef.map(processIds.contains) ?? false
                guard showsProcess || diagram.shapes[participant.id] != nil else { continue }
                if let process = participant.processRef, poolOfProcess[process] == nil, showsProcess {
                    poolOfProcess[process] = participant.id
                }
                let name = participant.name ?? participant.processRef.flatMap(processName)
                add(DiagramElement(
                    id: participant.id, name: name, shape: .pool, node: nil, parentId: nil,
                    hostId: nil, modelBounds: diagram.shapes[participant.id], isCollapsible: false))
            }
        }

        private func processName(_ id: String) -> String? {
            definitions.processes.first { $0.id == id }?.name
        }

        mutating func addProcess(_ process: BPMNModel.Process) {
            let pool = poolOfProcess[process.id]
            let laneOfNode = addLanes(process.body.lanes, pool: pool)
            addScope(process.body, parentId: pool, laneOfNode: laneOfNode)
        }

        /// Adds the lanes of a process and returns the innermost lane id of each listed node.
        private mutating func addLanes(_ lanes: [Lane], pool: String?) -> [String: String] {
            var laneOfNode: [String: String] = [:]
            for (position, lane) in lanes.enumerated() where !lane.id.isEmpty {
                let parent = parentLane(of: position, in: lanes) ?? pool
                add(DiagramElement(
                    id: lane.id, name: lane.name, shape: .lane, node: nil, parentId: parent,
                    hostId: nil, modelBounds: diagram.shapes[lane.id], isCollapsible: false))
                for reference in lane.flowNodeRefs {
                    laneOfNode[reference] = lane.id
                }
            }
            return laneOfNode
        }

        /// Returns the nearest earlier lane listing every node of the lane at `position`:
        /// lanes come parents first, so that is the lane of the enclosing `childLaneSet`.
        private func parentLane(of position: Int, in lanes: [Lane]) -> String? {
            let lane = lanes[position]
            if let bounds = diagram.shapes[lane.id] {
                let enclosing = lanes[..<position].last { candidate in
                    guard let outer = diagram.shapes[candidate.id] else { return false }
                    return outer.encloses(bounds)
                }
                if let enclosing { return enclosing.id }
                if lanes[..<position].contains(where: { diagram.shapes[$0.id] != nil }) { return nil }
            }
            let own = Set(lane.flowNodeRefs)
            guard !own.isEmpty else { return nil }
            return lanes[..<position].last { candidate in
                candidate.flowNodeRefs.count > own.count && own.isSubset(of: candidate.flowNodeRefs)
            }?.id
        }

        private mutating func addScope(
            _ scope: FlowContainer, parentId: String?, laneOfNode: [String: String]
        ) {
            for node in scope.nodes where node.kind != .boundaryEvent {
                addNode(node, scope: scope, parentId: laneOfNode[node.id] ?? parentId, laneOfNode: laneOfNode)
            }
            for node in scope.nodes where node.kind == .boundaryEvent {
                guard let host = node.attachedToRef, let hostIndex = index[host] else { continue }
                add(DiagramElement(
                    id: node.id, name: node.name, shape: .event, node: node,
                    parentId: elements[hostIndex].parentId, hostId: host,
                    modelBounds: diagram.shapes[node.id], isCollapsible: false))
            }
            addSequenceFlows(scope)
            addAssociations(scope)
        }

        private mutating func addNode(
            _ node: FlowNode, scope: FlowContainer, parentId: String?, laneOfNode: [String: String]
        ) {
            let shape: ShapeKind
            var collapsible = false
            if let inner = node.subProcess {
                collapsible = !inner.nodes.isEmpty
                shape = .subProcess(expanded: collapsible && isExpanded(node, inner: inner))
            } else if node.kind.isEvent {
                shape = .event
            } else if node.kind.isGateway {
                shape = .gateway
            } else {
                shape = .activity
            }
            add(DiagramElement(
                id: node.id, name: node.name, shape: shape, node: node, parentId: parentId,
                hostId: nil, modelBounds: diagram.shapes[node.id], isCollapsible: collapsible))

            if case .subProcess(expanded: true) = shape, let inner = node.subProcess {
                addScope(inner, parentId: node.id, laneOfNode: [:])
            }
        }

        private func isExpanded(_ node: FlowNode, inner: FlowContainer) -> Bool {
            if let chosen = expansion[node.id] { return chosen }
            if let flag = diagram.expanded[node.id] { return flag }
            guard let bounds = diagram.shapes[node.id] else {
                // An undrawn sub-process is open when its content is undrawn too, as in a
                // model without BPMNDI.
                return inner.nodes.allSatisfy { diagram.shapes[$0.id] == nil }
            }
            let innerBounds = inner.nodes.compactMap { diagram.shapes[$0.id] }
            guard !innerBounds.isEmpty, bounds.width >= 150, bounds.height >= 100 else { return false }
            let inside = innerBounds.filter { bounds.contains(x: $0.midX, y: $0.midY) }
            return inside.count * 2 >= innerBounds.count
        }

        private mutating func addSequenceFlows(_ scope: FlowContainer) {
            for flow in scope.flows where index[flow.sourceRef] != nil && index[flow.targetRef] != nil {
                let source = scope.nodes.first { $0.id == flow.sourceRef }
                let isDefault = source?.defaultFlow == flow.id
                let label = nonEmpty(flow.name) ?? flow.condition.map(conditionLabel)
                    ?? (isDefault ? "default" : nil)
                edges.append(DiagramEdge(
                    id: flow.id, kind: .sequenceFlow, sourceId: flow.sourceRef,
                    targetId: flow.targetRef, label: label, flow: flow,
                    waypoints: diagram.edges[flow.id] ?? []))
            }
        }

        private mutating func addAssociations(_ scope: FlowContainer) {
            for association in scope.associations
            where index[association.sourceRef] != nil && index[association.targetRef] != nil {
                edges.append(DiagramEdge(
                    id: association.id ?? "\(association.sourceRef)->\(association.targetRef)",
                    kind: .association, sourceId: association.sourceRef,
                    targetId: association.targetRef, label: nil, flow: nil,
                    waypoints: association.id.flatMap { diagram.edges[$0] } ?? []))
            }
        }

        mutating func addMessageFlows() {
            for flow in definitions.messageFlows
            where index[flow.sourceRef] != nil && index[flow.targetRef] != nil {
                edges.append(DiagramEdge(
                    id: flow.id, kind: .messageFlow, sourceId: flow.sourceRef,
                    targetId: flow.targetRef, label: nonEmpty(flow.name), flow: nil,
                    waypoints: diagram.edges[flow.id] ?? []))
            }
        }

        private func conditionLabel(_ condition: String) -> String {
            "[" + condition.split(whereSeparator: \.isNewline).joined(separator: " ") + "]"
        }

        private func nonEmpty(_ text: String?) -> String? {
            guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return text
        }
    }
}

extension Bounds {
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(x pointX: Double, y pointY: Double) -> Bool {
        pointX >= x && pointX <= x + width && pointY >= y && pointY <= y + height
    }

    func encloses(_ other: Bounds) -> Bool {
        other.x >= x - 1 && other.y >= y - 1 && other.x + other.width <= x + width + 1
            && other.y + other.height <= y + height + 1
    }
}
