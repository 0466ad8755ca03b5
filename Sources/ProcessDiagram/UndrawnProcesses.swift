import BPMNModel

/// Placement of processes that a file defines but does not draw, such as a process that
/// only call activities use: they get the automatic layout below the drawn ones, so the rest
/// of the model keeps its BPMNDI arrangement.
enum UndrawnProcesses {
    /// Gives model bounds to the elements of every process without any BPMNDI shape, below
    /// the drawn content.
    /// - Returns: false when elements without bounds belong to a drawn process. `scene` is then
    ///   unchanged, so the caller lays out the whole model automatically.
    static func place(in scene: inout DiagramScene, definitions: Definitions, options: DiagramOptions) -> Bool {
        let shapes = definitions.diagram.shapes
        let undrawn = definitions.processes.filter { process in
            let pool = definitions.participants.first { $0.processRef == process.id }
            return pool.map { shapes[$0.id] == nil } ?? true && !hasShape(process.body, shapes: shapes)
        }
        guard !undrawn.isEmpty, !shapes.isEmpty else { return false }

        let undrawnIds = Set(undrawn.map(\.id))
        var partial = definitions
        partial.processes = undrawn
        partial.participants = definitions.participants.filter { $0.processRef.map(undrawnIds.contains) ?? false }
        partial.messageFlows = []
        partial.diagram = Diagram()
        var partialScene = SceneBuilder.build(partial, expansion: options.expansion)
        AutoLayout.apply(to: &partialScene)

        let placed = Dictionary(
            partialScene.elements.compactMap { element in element.modelBounds.map { (element.id, $0) } },
            uniquingKeysWith: { first, _ in first })
        let missing = scene.elements.filter { $0.modelBounds == nil && ($0.node != nil || $0.shape == .pool || $0.shape == .lane) }
        guard missing.allSatisfy({ placed[$0.id] != nil }) else { return false }

        let drawn = scene.elements.compactMap(\.modelBounds)
        let top = (drawn.map { $0.y + $0.height }.max() ?? 0) + 120
        let left = drawn.map(\.x).min() ?? 0
        let placedTop = placed.values.map(\.y).min() ?? 0
        let placedLeft = placed.values.map(\.x).min() ?? 0
        for index in scene.elements.indices where scene.elements[index].modelBounds == nil {
            guard var bounds = placed[scene.elements[index].id] else { continue }
            bounds.x += left - placedLeft
            bounds.y += top - placedTop
            scene.elements[index].modelBounds = bounds
        }
        return true
    }

    private static func hasShape(_ scope: FlowContainer, shapes: [String: Bounds]) -> Bool {
        scope.lanes.contains { shapes[$0.id] != nil }
            || scope.nodes.contains { node in
                shapes[node.id] != nil || node.subProcess.map { hasShape($0, shapes: shapes) } ?? false
            }
    }
}
