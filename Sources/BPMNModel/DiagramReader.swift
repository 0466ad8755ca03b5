import Foundation

/// Reading the BPMNDI geometry of every `BPMNDiagram` in the file.
extension ModelReader {
    /// Reads shapes, edges, labels and `isExpanded` from every diagram's plane.
    ///
    /// When several diagrams show the same element, the first one wins. Geometry is only
    /// presentation, so a shape or edge with a missing or non-numeric coordinate is skipped
    /// instead of failing the load.
    func readDiagram() -> Diagram {
        var diagram = Diagram()

        let planes = root.children
            .filter { $0.namespace == BPMNNamespace.bpmnDI && $0.localName == "BPMNDiagram" }
            .flatMap { $0.children }
            .filter { $0.namespace == BPMNNamespace.bpmnDI && $0.localName == "BPMNPlane" }

        for element in planes.flatMap(\.children) where element.namespace == BPMNNamespace.bpmnDI {
            guard let target = element.attribute("bpmnElement")?.trimmed, !target.isEmpty else {
                continue
            }

            switch element.localName {
            case "BPMNShape":
                readShape(element, of: target, into: &diagram)
            case "BPMNEdge":
                readEdge(element, of: target, into: &diagram)
            default:
                continue
            }
        }
        return diagram
    }

    private func readShape(
        _ element: XMLTreeElement, of target: String, into diagram: inout Diagram
    ) {
        guard diagram.shapes[target] == nil,
            let boundsElement = element.children.first(where: isBounds),
            let bounds = readBounds(boundsElement)
        else { return }

        diagram.shapes[target] = bounds
        if let label = readLabelBounds(element) {
            diagram.labels[target] = label
        }
        if let expanded = element.attribute("isExpanded")?.trimmed {
            diagram.expanded[target] = expanded == "true" || expanded == "1"
        }
    }

    private func readEdge(
        _ element: XMLTreeElement, of target: String, into diagram: inout Diagram
    ) {
        guard diagram.edges[target] == nil else { return }

        var points: [Point] = []
        for waypoint in element.children
        where waypoint.namespace == BPMNNamespace.di && waypoint.localName == "waypoint" {
            guard let x = number(waypoint, "x"), let y = number(waypoint, "y") else { return }
            points.append(Point(x: x, y: y))
        }

        diagram.edges[target] = points
        if let label = readLabelBounds(element) {
            diagram.labels[target] = label
        }
    }

    private func readLabelBounds(_ element: XMLTreeElement) -> Bounds? {
        let label = element.children.first {
            $0.namespace == BPMNNamespace.bpmnDI && $0.localName == "BPMNLabel"
        }
        return label?.children.first(where: isBounds).flatMap(readBounds)
    }

    private func isBounds(_ element: XMLTreeElement) -> Bool {
        element.namespace == BPMNNamespace.dc && element.localName == "Bounds"
    }

    private func readBounds(_ element: XMLTreeElement) -> Bounds? {
        guard let x = number(element, "x"), let y = number(element, "y"),
            let width = number(element, "width"), let height = number(element, "height")
        else { return nil }
        return Bounds(x: x, y: y, width: width, height: height)
    }

    private func number(_ element: XMLTreeElement, _ attribute: String) -> Double? {
        guard let text = element.attribute(attribute)?.trimmed,
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}
