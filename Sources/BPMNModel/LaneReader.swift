/// Reading the lanes of a scope and the lane name of each node.
extension ModelReader {
    /// Reads every lane of the scope's `laneSet`s, nested `childLaneSet` lanes included, each
    /// parent before its children.
    func readLanes(_ scope: XMLTreeElement) -> [Lane] {
        scope.bpmnChildren("laneSet").flatMap(readLaneSet)
    }

    private func readLaneSet(_ laneSet: XMLTreeElement) -> [Lane] {
        laneSet.bpmnChildren("lane").flatMap { element -> [Lane] in
            let lane = Lane(
                id: element.id ?? "",
                name: element.attribute("name"),
                flowNodeRefs: element.bpmnChildren("flowNodeRef").compactMap(\.trimmedText))
            let children = element.bpmnChildren("childLaneSet").flatMap(readLaneSet)
            return [lane] + children
        }
    }

    /// Sets `laneName` on each node that a lane lists.
    ///
    /// A nested lane comes after its parent, so the innermost lane wins. A node inside a
    /// sub-process gets the name only when a lane lists it by id and its own scope's lanes do
    /// not. A sub-process does not pass its lane on to its content.
    func assignLanes(_ lanes: [Lane], to nodes: inout [FlowNode]) {
        var laneNames: [String: String] = [:]
        for lane in lanes {
            guard let name = lane.name else { continue }
            for reference in lane.flowNodeRefs {
                laneNames[reference] = name
            }
        }
        guard !laneNames.isEmpty else { return }

        for index in nodes.indices {
            if let name = laneNames[nodes[index].id] {
                nodes[index].laneName = name
            }
            if var inner = nodes[index].subProcess {
                assignMissingLanes(laneNames, to: &inner.nodes)
                nodes[index].subProcess = inner
            }
        }
    }

    private func assignMissingLanes(_ laneNames: [String: String], to nodes: inout [FlowNode]) {
        for index in nodes.indices {
            if nodes[index].laneName == nil, let name = laneNames[nodes[index].id] {
                nodes[index].laneName = name
            }
            if var inner = nodes[index].subProcess {
                assignMissingLanes(laneNames, to: &inner.nodes)
                nodes[index].subProcess = inner
            }
        }
    }
}
