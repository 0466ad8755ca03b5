import BPMNModel

/// The cell size and text of leaf elements at a zoom level.
enum ShapeSizing {
    static let maxBoxWidth = 20
    static let shortBoxWidth = 18

    /// Returns the name lines drawn inside an activity box of the given zoom.
    static func nameLines(_ element: DiagramElement, zoom: DiagramZoom) -> [String] {
        let name = DisplayWidth.sanitized(element.name ?? element.id)
        switch zoom {
        case .full: return DisplayWidth.wrapped(name, to: maxBoxWidth - 4, maxLines: 3)
        case .short: return [DisplayWidth.truncated(name, to: shortBoxWidth - 4)]
        case .symbols: return []
        }
    }

    /// Returns the size of a leaf element: an activity box, collapsed sub-process, event or
    /// gateway. `boundaryCount` widens a box so its boundary events fit on one edge.
    static func size(of element: DiagramElement, zoom: DiagramZoom, boundaryCount: Int) -> (width: Int, height: Int) {
        switch element.shape {
        case .event:
            return (symbol(for: element).count, 1)
        case .gateway:
            return (3, 1)
        default:
            break
        }
        let boundaryWidth = boundaryCount * 4 + 2
        if zoom == .symbols {
            return (max(3, boundaryWidth), 1)
        }
        let lines = nameLines(element, zoom: zoom)
        let textWidth = lines.map(DisplayWidth.width(of:)).max() ?? 0
        let minimum = zoom == .full ? 8 : 6
        let width = max(minimum, textWidth + 4, boundaryWidth)
        return (width, max(3, lines.count + 2))
    }

    /// Returns the event symbol: `( )` start, `(( ))` intermediate, `(●)` end, with the
    /// event definition's marker inside. Braces stand for BPMN's dashed outline: `{◷}` is a
    /// non-interrupting boundary event or event sub-process start.
    static func symbol(for element: DiagramElement) -> String {
        guard let node = element.node else { return "( )" }
        let marker = eventMarker(node.eventDefinitions)
        switch node.kind {
        case .endEvent:
            return node.eventDefinitions.contains(.terminate) ? "(◉)" : "(●)"
        case .intermediateCatchEvent, .intermediateThrowEvent:
            return "((" + marker + "))"
        case .boundaryEvent:
            let inner = marker == " " ? "!" : marker
            return node.cancelActivity ? "(" + inner + ")" : "{" + inner + "}"
        case .startEvent where !node.isInterrupting:
            return "{" + marker + "}"
        default:
            return "(" + marker + ")"
        }
    }

    /// Returns a one-column marker for the first event definition (a space for none).
    static func eventMarker(_ definitions: [EventDefinition]) -> String {
        guard let first = definitions.first else { return " " }
        switch first {
        case .message: return "✉"
        case .signal: return "△"
        case .timer: return "◷"
        case .error: return "ϟ"
        case .escalation: return "↑"
        case .terminate: return "●"
        case .cancel: return "×"
        case .compensate: return "«"
        case .link: return "→"
        case .conditional: return "≡"
        }
    }

    /// Returns the gateway symbol: `<X>` exclusive, `<+>` parallel, `<O>` inclusive,
    /// `<◇>` event-based, `<*>` complex.
    static func gatewaySymbol(_ kind: NodeKind?) -> String {
        switch kind {
        case .parallelGateway: return "<+>"
        case .inclusiveGateway: return "<O>"
        case .eventBasedGateway: return "<◇>"
        case .complexGateway: return "<*>"
        default: return "<X>"
        }
    }

    /// Returns the one-letter task type marker (`U` user task, `S` service task, ...), or
    /// nil for a plain task.
    static func taskMarker(_ kind: NodeKind?) -> String? {
        switch kind {
        case .userTask: return "U"
        case .serviceTask: return "S"
        case .scriptTask: return "J"
        case .sendTask: return "✉"
        case .receiveTask: return "R"
        case .manualTask: return "M"
        case .businessRuleTask: return "B"
        case .callActivity: return "C"
        case .subProcess, .adHocSubProcess, .transaction: return "+"
        default: return nil
        }
    }
}
