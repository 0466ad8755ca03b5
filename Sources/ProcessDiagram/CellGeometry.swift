/// A cell on the diagram grid: column `x` from the left, row `y` from the top.
public struct CellPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    func moved(_ direction: Direction, by distance: Int = 1) -> CellPoint {
        CellPoint(x: x + direction.dx * distance, y: y + direction.dy * distance)
    }
}

/// A rectangle of cells. `maxX` and `maxY` are the last column and row inside it.
public struct CellRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width - 1 }
    public var maxY: Int { y + height - 1 }
    public var midX: Int { x + (width - 1) / 2 }
    public var midY: Int { y + (height - 1) / 2 }

    public func contains(_ point: CellPoint) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    public func intersects(_ other: CellRect) -> Bool {
        x <= other.maxX && other.x <= maxX && y <= other.maxY && other.y <= maxY
    }

    func offset(dx: Int, dy: Int) -> CellRect {
        CellRect(x: x + dx, y: y + dy, width: width, height: height)
    }
}

/// A direction of travel on the grid.
public enum Direction: Int, CaseIterable, Sendable {
    case up, down, left, right

    var dx: Int {
        switch self {
        case .left: return -1
        case .right: return 1
        default: return 0
        }
    }

    var dy: Int {
        switch self {
        case .up: return -1
        case .down: return 1
        default: return 0
        }
    }
    var isHorizontal: Bool { self == .left || self == .right }

    var opposite: Direction {
        switch self {
        case .up: return .down
        case .down: return .up
        case .left: return .right
        case .right: return .left
        }
    }

    /// The bit of this direction in a line cell's connection mask.
    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// Returns the direction from `from` to `to` along one axis, or nil when they are the
    /// same cell or not on one row or column.
    static func between(_ from: CellPoint, _ to: CellPoint) -> Direction? {
        if from.x == to.x, from.y != to.y { return to.y > from.y ? .down : .up }
        if from.y == to.y, from.x != to.x { return to.x > from.x ? .right : .left }
        return nil
    }
}
