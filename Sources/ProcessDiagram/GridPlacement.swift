import BPMNModel

/// Places the scene's elements on the character grid.
///
/// Each scope (the top level, a pool, a lane, an expanded sub-process) is placed on its own,
/// inner scopes first, so a container's size is that of its content plus its border. Inside
/// a scope, every element starts at its BPMNDI centre scaled by the zoom's cells per pixel.
/// Two passes then push elements apart: the row pass moves an element down below every
/// earlier element whose columns overlap it, and the column pass moves it right of every
/// earlier element whose rows (plus the row gap) overlap it. After the column pass, two
/// siblings either use disjoint rows or are apart by at least the column gap, so no two
/// boxes overlap.
///
/// NOTE: both passes compare every pair of siblings, so a scope of n elements costs n²
/// comparisons. The whole layout of the largest corpus model (305 elements) took about 0.2 s
/// in a release build (docs/DIAGRAM.md). Tens of thousands of elements in one scope would
/// take far longer; that was not measured.
struct GridPlacement {
    let scene: DiagramScene
    let zoom: DiagramZoom
    private(set) var rects: [String: CellRect] = [:]
    private var children: [String: [Int]] = [:]
    private var boundaryCount: [String: Int] = [:]

    /// Padding between a container's edge and its content.
    struct Padding {
        var left, top, right, bottom: Int
    }

    init(scene: DiagramScene, zoom: DiagramZoom) {
        self.scene = scene
        self.zoom = zoom
        for (index, element) in scene.elements.enumerated() {
            if let host = element.hostId {
                boundaryCount[host, default: 0] += 1
                continue
            }
            children[element.parentId ?? "", default: []].append(index)
        }
    }

    /// Places every element and returns the absolute rectangles by element id.
    mutating func place() -> [String: CellRect] {
        let (relative, _) = placeScope(key: "", origin: nil)
        assignAbsolute(relative, dx: 0, dy: 0)
        placeBoundaryEvents()
        return rects
    }

    private func padding(of element: DiagramElement, hasLanes: Bool) -> Padding {
        switch element.shape {
        case .pool:
            return hasLanes ? Padding(left: 3, top: 1, right: 1, bottom: 1) : Padding(left: 3, top: 2, right: 2, bottom: 1)
        case .lane:
            return hasLanes ? Padding(left: 2, top: 1, right: 0, bottom: 0) : Padding(left: 2, top: 1, right: 1, bottom: 1)
        default:
            return Padding(left: 2, top: 2, right: 2, bottom: 1)
        }
    }

    /// A placed child: its position relative to the scope and, for containers, its children.
    private struct Placed {
        var index: Int
        var rect: CellRect
        var inner: [Placed]
        var innerOffset: (x: Int, y: Int)
    }

    /// Places the children of `key` and returns them with the scope's content size.
    /// `origin` fixes the model point that maps to cell (0, 0); lanes of one pool share its
    /// x so their content lines up.
    private func placeScope(key: String, origin: Point?) -> ([Placed], (width: Int, height: Int)) {
        let members = children[key] ?? []
        guard !members.isEmpty else { return ([], (0, 0)) }

        let laneMembers = members.filter { scene.elements[$0].shape == .lane }
        let sharedLaneX = laneMembers.isEmpty ? nil : minModelX(of: laneMembers)

        var placed: [Placed] = members.map { index in
            let element = scene.elements[index]
            guard element.isContainer else {
                let size = ShapeSizing.size(of: element, zoom: zoom, boundaryCount: boundaryCount[element.id] ?? 0)
                return Placed(index: index, rect: CellRect(x: 0, y: 0, width: size.width, height: size.height), inner: [], innerOffset: (0, 0))
            }
            let innerOrigin = scopeOrigin(of: element, sharedX: element.shape == .lane ? sharedLaneX : nil)
            let (inner, innerSize) = placeScope(key: element.id, origin: innerOrigin)
            let hasLanes = (children[element.id] ?? []).contains { scene.elements[$0].shape == .lane }
            let pad = padding(of: element, hasLanes: hasLanes)
            let nameWidth = DisplayWidth.width(of: element.name ?? "") + 6
            let width = max(innerSize.width + pad.left + pad.right, min(nameWidth, 30), 8 + (boundaryCount[element.id] ?? 0) * 4)
            let height = max(innerSize.height + pad.top + pad.bottom, 3)
            return Placed(index: index, rect: CellRect(x: 0, y: 0, width: width, height: height), inner: inner, innerOffset: (pad.left, pad.top))
        }

        let start = origin ?? BPMNModel.Point(x: minModelX(of: members), y: minModelY(of: members))
        setBaseline(&placed, origin: start)
        separateRows(&placed)
        separateColumns(&placed)
        stretchLanes(&placed)
        normalize(&placed)

        let width = placed.map { $0.rect.x + $0.rect.width }.max() ?? 0
        let height = placed.map { $0.rect.y + $0.rect.height }.max() ?? 0
        return (placed, (width, height))
    }

    /// Returns the model point that maps to the scope's first cell. That is the container's own
    /// corner when most of its content lies inside it (a drawn, expanded container). Else it is
    /// the corner of the content, which is drawn on a separate BPMNDI plane then.
    private func scopeOrigin(of element: DiagramElement, sharedX: Double?) -> Point? {
        let members = children[element.id] ?? []
        guard !members.isEmpty else { return nil }
        let contentX = minModelX(of: members)
        let contentY = minModelY(of: members)
        if let bounds = element.modelBounds {
            let centers = members.compactMap { scene.elements[$0].modelBounds }
            let inside = centers.filter { bounds.contains(x: $0.midX, y: $0.midY) }.count
            if inside * 2 >= centers.count, !centers.isEmpty {
                return Point(x: sharedX ?? min(bounds.x, contentX), y: min(bounds.y, contentY))
            }
        }
        return Point(x: sharedX ?? contentX, y: contentY)
    }

    private func minModelX(of members: [Int]) -> Double {
        members.compactMap { descendantMinX(scene.elements[$0]) }.min() ?? 0
    }

    private func descendantMinX(_ element: DiagramElement) -> Double? {
        if element.shape == .lane {
            let inner = (children[element.id] ?? []).compactMap { descendantMinX(scene.elements[$0]) }
            return inner.min() ?? element.modelBounds?.x
        }
        return element.modelBounds?.x
    }

    private func minModelY(of members: [Int]) -> Double {
        members.compactMap { scene.elements[$0].modelBounds?.y }.min() ?? 0
    }

    /// The widest and tallest span, in cells, that a scope's BPMNDI coordinates may scale to.
    /// A file with a shape far away from the others (x = 10^9) would otherwise need a grid of
    /// millions of columns.
    static let maximumSpan = (columns: 2000.0, rows: 800.0)

    private func setBaseline(_ placed: inout [Placed], origin: Point) {
        var scale = zoom.scale
        let bounds = placed.compactMap { scene.elements[$0.index].modelBounds }
        let spanX = (bounds.map { $0.x + $0.width }.max() ?? origin.x) - origin.x
        let spanY = (bounds.map { $0.y + $0.height }.max() ?? origin.y) - origin.y
        if spanX * scale.x > Self.maximumSpan.columns { scale.x = Self.maximumSpan.columns / spanX }
        if spanY * scale.y > Self.maximumSpan.rows { scale.y = Self.maximumSpan.rows / spanY }
        for position in placed.indices {
            let element = scene.elements[placed[position].index]
            guard let bounds = element.modelBounds else { continue }
            let rect = placed[position].rect
            if element.isContainer {
                placed[position].rect.x = Int(((bounds.x - origin.x) * scale.x).rounded())
                placed[position].rect.y = Int(((bounds.y - origin.y) * scale.y).rounded())
            } else {
                placed[position].rect.x = Int(((bounds.midX - origin.x) * scale.x).rounded()) - (rect.width - 1) / 2
                placed[position].rect.y = Int(((bounds.midY - origin.y) * scale.y).rounded()) - (rect.height - 1) / 2
            }
        }
    }

    /// Moves each element below the earlier ones it shares columns with.
    private func separateRows(_ placed: inout [Placed]) {
        let gap = zoom.gap
        let order = placed.indices.sorted { (placed[$0].rect.y, placed[$0].rect.x, $0) < (placed[$1].rect.y, placed[$1].rect.x, $1) }
        let baseline = placed.map(\.rect)
        var done: [Int] = []
        for current in order {
            let isLane = scene.elements[placed[current].index].shape == .lane
            var top = placed[current].rect.y
            for earlier in done {
                let isEarlierLane = scene.elements[placed[earlier].index].shape == .lane
                let rowGap = isLane && isEarlierLane ? 0 : gap.y
                let columnsOverlap = isLane || isEarlierLane
                    || modelColumnsOverlap(placed[current].index, placed[earlier].index)
                    ?? (baseline[current].x < baseline[earlier].x + baseline[earlier].width + gap.x
                        && baseline[earlier].x < baseline[current].x + baseline[current].width + gap.x)
                guard columnsOverlap else { continue }
                top = max(top, placed[earlier].rect.y + placed[earlier].rect.height + rowGap)
            }
            placed[current].rect.y = top
            done.append(current)
        }
    }

    /// Returns whether two elements overlap horizontally in BPMNDI, so one is drawn above the
    /// other, or nil when either has no bounds.
    private func modelColumnsOverlap(_ first: Int, _ second: Int) -> Bool? {
        guard let a = scene.elements[first].modelBounds, let b = scene.elements[second].modelBounds else { return nil }
        return a.x < b.x + b.width && b.x < a.x + a.width
    }

    /// Moves each element right of the earlier ones it shares rows with.
    private func separateColumns(_ placed: inout [Placed]) {
        let gap = zoom.gap
        let order = placed.indices.sorted { (placed[$0].rect.x, placed[$0].rect.y, $0) < (placed[$1].rect.x, placed[$1].rect.y, $1) }
        var done: [Int] = []
        for current in order {
            var left = placed[current].rect.x
            let rect = placed[current].rect
            let isLane = scene.elements[placed[current].index].shape == .lane
            for earlier in done {
                if isLane, scene.elements[placed[earlier].index].shape == .lane { continue }
                let other = placed[earlier].rect
                let rowsOverlap = rect.y < other.y + other.height + gap.y && other.y < rect.y + rect.height + gap.y
                guard rowsOverlap else { continue }
                left = max(left, other.x + other.width + gap.x)
            }
            placed[current].rect.x = left
            done.append(current)
        }
    }

    /// Gives the lanes of one scope a common left edge and width.
    private func stretchLanes(_ placed: inout [Placed]) {
        let lanes = placed.indices.filter { scene.elements[placed[$0].index].shape == .lane }
        guard !lanes.isEmpty else { return }
        let left = lanes.map { placed[$0].rect.x }.min() ?? 0
        let right = placed.map { $0.rect.x + $0.rect.width }.max() ?? 0
        for position in lanes {
            placed[position].rect.x = left
            placed[position].rect.width = right - left
        }
    }

    /// Shifts the scope so its first row and column are 0.
    private func normalize(_ placed: inout [Placed]) {
        let minX = placed.map(\.rect.x).min() ?? 0
        let minY = placed.map(\.rect.y).min() ?? 0
        for position in placed.indices {
            placed[position].rect.x -= minX
            placed[position].rect.y -= minY
        }
    }

    private mutating func assignAbsolute(_ placed: [Placed], dx: Int, dy: Int) {
        for item in placed {
            let rect = item.rect.offset(dx: dx, dy: dy)
            rects[scene.elements[item.index].id] = rect
            assignAbsolute(item.inner, dx: rect.x + item.innerOffset.x, dy: rect.y + item.innerOffset.y)
        }
        for item in placed where scene.elements[item.index].shape == .lane {
            // Nested lanes fill their parent lane's width too.
            let parent = rects[scene.elements[item.index].id]!
            for inner in item.inner where scene.elements[inner.index].shape == .lane {
                let id = scene.elements[inner.index].id
                if var rect = rects[id] {
                    rect.width = parent.x + parent.width - rect.x
                    rects[id] = rect
                }
            }
        }
    }

    /// Puts each boundary event on its host's bottom edge, or on the top edge when BPMNDI
    /// draws it above the host's middle. Events of one edge keep their BPMNDI order and at
    /// least one column between them; hosts are sized so that they fit.
    private mutating func placeBoundaryEvents() {
        var sides: [String: [(id: String, column: Int, width: Int, row: Int)]] = [:]
        var sideOrder: [String] = []
        for element in scene.elements {
            guard let hostId = element.hostId, let host = rects[hostId] else { continue }
            let hostModel = scene.element(id: hostId)?.modelBounds
            let width = ShapeSizing.symbol(for: element).count
            var onTop = false
            var fraction = 0.75
            if let bounds = element.modelBounds, let hostModel, hostModel.width > 0 {
                onTop = bounds.midY < hostModel.midY - hostModel.height / 4
                fraction = min(1, max(0, (bounds.midX - hostModel.x) / hostModel.width))
            }
            let column = host.x + Int((Double(host.width - 1) * fraction).rounded()) - width / 2
            let side = hostId + (onTop && host.height > 1 ? "^" : "v")
            if sides[side] == nil { sideOrder.append(side) }
            sides[side, default: []].append((element.id, column, width, onTop ? host.y : host.maxY))
        }

        for side in sideOrder {
            let hostId = String(side.dropLast())
            guard let host = rects[hostId], let events = sides[side] else { continue }
            let lowest = host.x + 1
            let highest = host.maxX - 1
            var placed: [(id: String, column: Int, width: Int, row: Int)] = []
            for event in events.sorted(by: { ($0.column, $0.id) < ($1.column, $1.id) }) {
                var column = max(event.column, lowest)
                if let last = placed.last { column = max(column, last.column + last.width + 1) }
                placed.append((event.id, column, event.width, event.row))
            }
            if let last = placed.last, last.column + last.width - 1 > highest {
                var limit = highest + 1
                for index in placed.indices.reversed() {
                    let column = min(placed[index].column, limit - placed[index].width)
                    placed[index].column = max(lowest, column)
                    limit = placed[index].column - 1
                }
            }
            for event in placed {
                rects[event.id] = CellRect(x: event.column, y: event.row, width: event.width, height: 1)
            }
        }
    }
}
