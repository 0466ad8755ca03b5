import BPMNModel
import ProcessDiagram
import WorkflowEngine

/// The diagram view: a model drawn in the terminal, optionally with an instance's state,
/// scrolled and zoomed by keys. The inbox opens it with `d`; the demo tour and `replay`
/// show it full screen.
struct DiagramViewState {
    /// The model name (and instance id) shown in the title line.
    var title: String
    /// The instance whose state is drawn, reloaded when the inbox refreshes.
    var instanceId: String?
    var viewport: DiagramViewport
    var highlight: InstanceHighlight?
    /// The instance's items, for the element details.
    var items: [ItemRecord]
    /// The element whose details are open, if any.
    var detailsId: String?
    var isShowingHelp = false
    /// The caption of the current tour or replay step, wrapped over up to `captionLines` rows.
    var caption: String?
    /// Elements that changed in the current tour or replay step, drawn in the selection role.
    var changedIds: Set<String> = []

    /// The element the view opened on (the first waiting one), where Tab starts.
    var openedOnId: String?
    /// Rows below the drawing: the legend or caption rows, and the key hints.
    let bottomRows: Int

    /// Rows above and below the drawing: the title line, and the legend and key hints.
    static let chromeRows = (top: 1, bottom: 2)
    /// The maximum lines of a tour or replay caption.
    static let captionLines = 3

    /// Opens the view on a screen of `size`. `showsCaptions` reserves `captionLines` rows
    /// for the captions of a tour or replay in place of the one legend row.
    init(definitions: Definitions, title: String, execution: Execution?, size: ScreenSize, showsCaptions: Bool = false) {
        self.title = title
        bottomRows = showsCaptions ? Self.captionLines + 1 : Self.chromeRows.bottom
        let drawingRows = max(1, size.rows - Self.chromeRows.top - bottomRows)
        viewport = DiagramViewport(definitions: definitions, width: size.columns, height: drawingRows)
        items = execution?.items ?? []
        instanceId = execution?.id
        highlight = execution.map { InstanceHighlight(items: Self.traces($0.items)) }
        DiagramZoomChoice.apply(to: &viewport)
        let waiting = execution?.waitingItems.sorted { $0.seq < $1.seq } ?? []
        if let firstWaiting = waiting.first(where: { viewport.layout.rects[$0.elementId] != nil })?.elementId {
            openedOnId = firstWaiting
            viewport.scrollIntoView(firstWaiting)
        }
    }

    static func traces(_ items: [ItemRecord]) -> [ItemTrace] {
        DiagramTraces.traces(items)
    }

    /// Replaces the instance state, keeping the scroll position and selection.
    mutating func update(execution: Execution) {
        items = execution.items
        highlight = InstanceHighlight(items: Self.traces(execution.items))
    }

    mutating func resize(to size: ScreenSize) {
        viewport.resize(width: size.columns, height: max(1, size.rows - Self.chromeRows.top - bottomRows))
    }

    /// The effect of a key in the view.
    enum KeyResult: Equatable {
        case handled
        /// The user closed the view.
        case close
        /// The view does not use the key (the tour's own keys, for example).
        case ignored
    }

    /// Scrolls, zooms, selects and opens details. Esc closes the details or help first and
    /// the view after; `q` closes the view.
    mutating func handle(_ key: Key) -> KeyResult {
        let page = (columns: max(1, viewport.size.width - 4), rows: max(1, viewport.size.height - 2))
        switch key {
        case .left, .character("h"): viewport.scroll(dx: -4, dy: 0)
        case .right, .character("l"): viewport.scroll(dx: 4, dy: 0)
        case .up, .character("k"): viewport.scroll(dx: 0, dy: -2)
        case .down, .character("j"): viewport.scroll(dx: 0, dy: 2)
        case .character("H"): viewport.scroll(dx: -page.columns, dy: 0)
        case .character("L"): viewport.scroll(dx: page.columns, dy: 0)
        case .pageUp, .control("b"): viewport.scroll(dx: 0, dy: -page.rows)
        case .pageDown, .control("f"): viewport.scroll(dx: 0, dy: page.rows)
        case .home, .character("g"): viewport.scroll(dx: -viewport.layout.width, dy: -viewport.layout.height)
        case .end, .character("G"): viewport.scroll(dx: viewport.layout.width, dy: viewport.layout.height)
        case .character("+"), .character("="):
            if let closer = viewport.options.zoom.closer { viewport.setZoom(closer) }
        case .character("-"), .character("_"):
            if let farther = viewport.options.zoom.farther { viewport.setZoom(farther) }
        case .character("f"): viewport.fit()
        case .tab, .character("n"): selectNext(backwards: false)
        case .backTab, .character("N"): selectNext(backwards: true)
        case .enter: toggleDetails()
        case .character("o"): toggleExpansion()
        case .character("?"), .function(1): isShowingHelp.toggle()
        case .escape:
            if isShowingHelp || detailsId != nil {
                isShowingHelp = false
                detailsId = nil
            } else if viewport.selectedId != nil {
                viewport.select(nil)
            } else {
                return .close
            }
        case .character("q"): return .close
        case .wheelUp: viewport.scroll(dx: 0, dy: -3)
        case .wheelDown: viewport.scroll(dx: 0, dy: 3)
        case .click(let position): selectElement(at: position)
        case .resize: return .handled
        default: return .ignored
        }
        return .handled
    }

    /// Selects the next element; the first Tab selects the element the view opened on.
    private mutating func selectNext(backwards: Bool) {
        if viewport.selectedId == nil, let start = openedOnId, viewport.layout.rects[start] != nil {
            viewport.select(start)
        } else {
            viewport.selectNext(backwards: backwards)
        }
        if detailsId != nil { detailsId = viewport.selectedId }
    }

    /// Selects the element under a click on the drawing and shows its details; a click on
    /// empty space clears the selection.
    private mutating func selectElement(at position: CellPosition) {
        let boxLeft = viewport.size.width - DiagramScreen.sideBoxWidth(columns: viewport.size.width)
        if (detailsId != nil || isShowingHelp), position.column >= boxLeft { return }
        let cell = CellPoint(
            x: position.column + viewport.origin.x, y: position.row - Self.chromeRows.top + viewport.origin.y)
        let layout = viewport.layout
        let hit = layout.scene.elements.reversed().first { element in
            element.node != nil && (layout.rects[element.id]?.contains(cell) ?? false)
        }
        viewport.select(hit?.id)
        detailsId = hit?.id
        isShowingHelp = false
    }

    private mutating func toggleDetails() {
        if viewport.selectedId == nil { selectNext(backwards: false) }
        detailsId = detailsId == nil ? viewport.selectedId : nil
        isShowingHelp = false
    }

    private mutating func toggleExpansion() {
        guard let id = viewport.selectedId else { return }
        viewport.toggleExpansion(of: id)
    }

    /// The key bindings of the view, for the help box and the hint line.
    static let keyHelp: [(keys: String, summary: String)] = [
        ("Arrows / h j k l", "scroll"),
        ("H / L, PgUp / PgDn", "scroll a page"),
        ("g / G", "top-left / bottom-right corner"),
        ("+ / -", "zoom: full names, short names, symbols"),
        ("f", "fit the diagram to the screen"),
        ("Tab / n, Shift-Tab / N", "select the next / previous element"),
        ("Enter", "show or hide the selected element's details"),
        ("o", "open or close the selected sub-process"),
        ("Esc", "close the details, then the selection, then the diagram"),
        ("q", "close the diagram"),
    ]

    /// Returns the detail lines of the element shown in the details box: the model's
    /// description of it, then the instance's items that ran it.
    func detailLines() -> [(key: String, value: String)] {
        guard let id = detailsId else { return [] }
        var lines = ElementDetails.lines(for: id, in: viewport.layout)
        let ran = items.filter { $0.elementId == id }
        if !ran.isEmpty {
            lines.append(("", ""))
            lines.append(("items", "\(ran.count) in this instance"))
        }
        for item in ran {
            var text = "#\(item.seq) \(item.status.rawValue)"
            let isOpen = item.status == .wait || item.status == .start || item.status == .enter
            if isOpen, let assignee = item.assignee, !assignee.isEmpty {
                text += " assigned to \(assignee)"
            } else if !isOpen, let user = item.userName ?? item.assignee {
                text += " by \(user)"
            }
            if let ended = item.endedAt { text += " at \(DisplayFormat.minute(ended))" }
            else if let started = item.startedAt { text += " since \(DisplayFormat.minute(started))" }
            lines.append(("", text))
        }
        return lines
    }
}
