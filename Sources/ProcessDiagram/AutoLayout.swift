import BPMNModel

/// A layered left-to-right layout for models without BPMNDI: it gives every element model
/// bounds, as if a modeller had drawn it, so the grid placement can treat both cases alike.
///
/// Per scope (a pool, a sub-process, or the top level), each node's rank is its longest
/// path from a node with no incoming flow, after back edges found by depth-first search are
/// ignored. Nodes of one rank are ordered by lane, then by the mean position of their
/// predecessors (four down-and-up sweeps), which reduces crossings.
enum AutoLayout {
    static let rankSpacing = 160.0
    static let rowSpacing = 110.0

    /// Replaces the model bounds of every element of `scene` and drops all waypoints.
    static func apply(to scene: inout DiagramScene) {
        for index in scene.edges.indices {
            scene.edges[index].waypoints = []
        }
        for index in scene.elements.indices {
            scene.elements[index].modelBounds = nil
        }

        let scopes = Dictionary(grouping: scene.elements.indices.filter { isRanked(scene.elements[$0]) }) {
            scopeKey(of: scene.elements[$0], in: scene)
        }
        // Inner scopes first, so a sub-process has its size before its parent is laid out.
        let ordered = scopes.keys.sorted { (-depth(of: $0, in: scene), $0) < (-depth(of: $1, in: scene), $1) }
        for key in ordered {
            layOutScope(scopes[key] ?? [], key: key, scene: &scene)
        }
        stackPools(in: &scene)
        placeBoundaryEvents(in: &scene)
    }

    private static func isRanked(_ element: DiagramElement) -> Bool {
        element.node != nil && element.hostId == nil
    }

    /// Returns the nearest pool or expanded sub-process around the element, or "" for the top level.
    private static func scopeKey(of element: DiagramElement, in scene: DiagramScene) -> String {
        var parent = element.parentId
        while let id = parent, let container = scene.element(id: id) {
            if container.shape != .lane { return id }
            parent = container.parentId
        }
        return ""
    }

    private static func depth(of key: String, in scene: DiagramScene) -> Int {
        var depth = 0
        var current = key.isEmpty ? nil : scene.element(id: key)
        while let element = current {
            depth += 1
            current = element.parentId.flatMap { scene.element(id: $0) }
        }
        return depth
    }

    private static func layOutScope(_ members: [Int], key: String, scene: inout DiagramScene) {
        let ids = members.map { scene.elements[$0].id }
        let memberSet = Set(ids)
        let hostOf = Dictionary(
            scene.elements.compactMap { element in element.hostId.map { (element.id, $0) } },
            uniquingKeysWith: { first, _ in first })

        var successors: [String: [String]] = [:]
        for edge in scene.edges where edge.kind == .sequenceFlow {
            let source = hostOf[edge.sourceId] ?? edge.sourceId
            guard memberSet.contains(source), memberSet.contains(edge.targetId), source != edge.targetId else { continue }
            successors[source, default: []].append(edge.targetId)
        }

        let ranks = longestPathRanks(ids, successors: successors)
        let lanes = laneOrder(of: members, in: scene)
        let rows = orderWithinRanks(ids, ranks: ranks, successors: successors, lane: lanes)
        assignBounds(members, ranks: ranks, rows: rows, lanes: lanes, key: key, scene: &scene)
    }

    /// Ranks by longest path over the graph without its depth-first back edges.
    private static func longestPathRanks(_ ids: [String], successors: [String: [String]]) -> [String: Int] {
        var state: [String: Int] = [:]
        var order: [String] = []
        var forward: [String: [String]] = [:]

        func visit(_ id: String) {
            state[id] = 1
            for next in successors[id] ?? [] {
                switch state[next] ?? 0 {
                case 0:
                    forward[id, default: []].append(next)
                    visit(next)
                case 2:
                    forward[id, default: []].append(next)
                default:
                    continue
                }
            }
            state[id] = 2
            order.append(id)
        }

        let targets = Set(successors.values.joined())
        for id in ids where !targets.contains(id) && state[id] == nil { visit(id) }
        for id in ids where state[id] == nil { visit(id) }

        var ranks: [String: Int] = [:]
        for id in order.reversed() {
            let rank = ranks[id] ?? 0
            ranks[id] = rank
            for next in forward[id] ?? [] {
                ranks[next] = max(ranks[next] ?? 0, rank + 1)
            }
        }
        return ranks
    }

    /// Returns the position of each member's lane among the scope's lanes (0 without lanes).
    private static func laneOrder(of members: [Int], in scene: DiagramScene) -> [String: Int] {
        var laneIds: [String] = []
        var result: [String: Int] = [:]
        for index in members {
            let element = scene.elements[index]
            guard let parent = element.parentId, scene.element(id: parent)?.shape == .lane else {
                result[element.id] = 0
                continue
            }
            if !laneIds.contains(parent) { laneIds.append(parent) }
            result[element.id] = laneIds.firstIndex(of: parent) ?? 0
        }
        let laneRank = Dictionary(uniqueKeysWithValues: scene.elements.filter { $0.shape == .lane }.enumerated().map { ($1.id, $0) })
        let sortedLanes = laneIds.sorted { (laneRank[$0] ?? 0) < (laneRank[$1] ?? 0) }
        for index in members {
            let element = scene.elements[index]
            if let parent = element.parentId, let position = sortedLanes.firstIndex(of: parent) {
                result[element.id] = position
            }
        }
        return result
    }

    /// Orders the nodes of every rank by lane, then by the barycenter of their neighbours.
    private static func orderWithinRanks(
        _ ids: [String], ranks: [String: Int], successors: [String: [String]], lane: [String: Int]
    ) -> [String: Int] {
        var predecessors: [String: [String]] = [:]
        for (source, targets) in successors {
            for target in targets { predecessors[target, default: []].append(source) }
        }
        let maxRank = ranks.values.max() ?? 0
        var layers = Array(repeating: [String](), count: maxRank + 1)
        for id in ids { layers[ranks[id] ?? 0].append(id) }

        var position: [String: Double] = [:]
        func renumber() {
            for layer in layers {
                for (row, id) in layer.enumerated() { position[id] = Double(row) }
            }
        }
        renumber()

        for sweep in 0..<8 {
            let downward = sweep % 2 == 0
            let range = downward ? Array(layers.indices) : Array(layers.indices.reversed())
            for layerIndex in range {
                let neighbours = downward ? predecessors : successors
                let layer = layers[layerIndex]
                let keyed = layer.enumerated().map { row, id -> (String, Int, Double) in
                    let around = (neighbours[id] ?? []).compactMap { position[$0] }
                    let center = around.isEmpty ? Double(row) : around.reduce(0, +) / Double(around.count)
                    return (id, lane[id] ?? 0, center)
                }
                layers[layerIndex] = keyed.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
                for (row, id) in layers[layerIndex].enumerated() { position[id] = Double(row) }
            }
        }

        var rows: [String: Int] = [:]
        var laneRowsUsed: [Int: Int] = [:]
        for layer in layers {
            var countPerLane: [Int: Int] = [:]
            for id in layer {
                let laneIndex = lane[id] ?? 0
                rows[id] = countPerLane[laneIndex, default: 0]
                countPerLane[laneIndex, default: 0] += 1
            }
            for (laneIndex, count) in countPerLane {
                laneRowsUsed[laneIndex] = max(laneRowsUsed[laneIndex] ?? 0, count)
            }
        }

        // Turn per-lane rows into rows of the whole scope.
        var laneStart: [Int: Int] = [:]
        var next = 0
        for laneIndex in laneRowsUsed.keys.sorted() {
            laneStart[laneIndex] = next
            next += laneRowsUsed[laneIndex] ?? 1
        }
        for id in ids {
            rows[id] = (rows[id] ?? 0) + (laneStart[lane[id] ?? 0] ?? 0)
        }
        return rows
    }

    private static func assignBounds(
        _ members: [Int], ranks: [String: Int], rows: [String: Int], lanes: [String: Int],
        key: String, scene: inout DiagramScene
    ) {
        for index in members {
            let element = scene.elements[index]
            let (width, height) = defaultSize(element)
            let x = Double(ranks[element.id] ?? 0) * rankSpacing + (100 - width) / 2
            let y = Double(rows[element.id] ?? 0) * rowSpacing + (80 - height) / 2
            scene.elements[index].modelBounds = Bounds(x: x, y: y, width: width, height: height)
        }

        // Lanes span the whole scope; each covers the rows of its members.
        let extentX = members.compactMap { scene.elements[$0].modelBounds }.map { $0.x + $0.width }.max() ?? 100
        for laneIndex in scene.elements.indices where scene.elements[laneIndex].shape == .lane {
            let laneId = scene.elements[laneIndex].id
            let inside = members.filter { isInside(scene.elements[$0], laneId: laneId, scene: scene) }
            let boxes = inside.compactMap { scene.elements[$0].modelBounds }
            guard !boxes.isEmpty else { continue }
            let top = boxes.map(\.y).min() ?? 0
            let bottom = boxes.map { $0.y + $0.height }.max() ?? 0
            scene.elements[laneIndex].modelBounds = Bounds(
                x: -40, y: top - 15, width: extentX + 60, height: bottom - top + 30)
        }

        // A sub-process or pool takes the extent of its content.
        guard !key.isEmpty, let containerIndex = scene.index[key] else { return }
        let boxes = members.compactMap { scene.elements[$0].modelBounds }
        let width = (boxes.map { $0.x + $0.width }.max() ?? 100) + 40
        let height = (boxes.map { $0.y + $0.height }.max() ?? 80) + 40
        scene.elements[containerIndex].modelBounds = Bounds(x: 0, y: 0, width: width, height: height)
    }

    private static func isInside(_ element: DiagramElement, laneId: String, scene: DiagramScene) -> Bool {
        var parent = element.parentId
        while let id = parent {
            if id == laneId { return true }
            parent = scene.element(id: id)?.parentId
        }
        return false
    }

    /// Gives nested sub-processes and pools positions: sub-processes already have their
    /// rank position from the parent scope, and pools are stacked top to bottom.
    private static func stackPools(in scene: inout DiagramScene) {
        var top = 0.0
        for index in scene.elements.indices where scene.elements[index].shape == .pool {
            var bounds = scene.elements[index].modelBounds ?? Bounds(x: 0, y: 0, width: 300, height: 80)
            bounds.x = 0
            bounds.y = top
            scene.elements[index].modelBounds = bounds
            top += bounds.height + 60
        }
        let poolIds = Set(scene.elements.filter { $0.shape == .pool }.map(\.id))
        for index in scene.elements.indices {
            guard let parent = topPool(of: scene.elements[index], scene: scene, pools: poolIds),
                let poolBounds = scene.element(id: parent)?.modelBounds,
                var bounds = scene.elements[index].modelBounds
            else { continue }
            bounds.y += poolBounds.y + 30
            bounds.x += 40
            scene.elements[index].modelBounds = bounds
        }
    }

    private static func topPool(of element: DiagramElement, scene: DiagramScene, pools: Set<String>) -> String? {
        guard !pools.contains(element.id) else { return nil }
        var parent = element.parentId
        var pool: String?
        while let id = parent {
            let container = scene.element(id: id)
            if pools.contains(id) { pool = id }
            // Elements inside a sub-process keep coordinates relative to it.
            if case .subProcess = container?.shape { return nil }
            parent = container?.parentId
        }
        return pool
    }

    private static func placeBoundaryEvents(in scene: inout DiagramScene) {
        var countPerHost: [String: Int] = [:]
        for index in scene.elements.indices {
            guard let host = scene.elements[index].hostId,
                let hostBounds = scene.element(id: host)?.modelBounds
            else { continue }
            let position = countPerHost[host, default: 0]
            countPerHost[host] = position + 1
            scene.elements[index].modelBounds = Bounds(
                x: hostBounds.x + hostBounds.width - 40 - Double(position) * 40,
                y: hostBounds.y + hostBounds.height - 18, width: 36, height: 36)
        }
    }

    static func defaultSize(_ element: DiagramElement) -> (Double, Double) {
        switch element.shape {
        case .event: return (36, 36)
        case .gateway: return (50, 50)
        default: return (100, 80)
        }
    }
}
