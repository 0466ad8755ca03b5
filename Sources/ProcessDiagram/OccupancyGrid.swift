/// The contents of each cell of the layout so far, for routing lines around boxes and for
/// finding free room for labels.
struct OccupancyGrid {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let box = Flags(rawValue: 1)
        static let border = Flags(rawValue: 2)
        static let line = Flags(rawValue: 4)
        static let label = Flags(rawValue: 8)
    }

    let width: Int
    let height: Int
    private var cells: [Flags]
    /// The index of the element whose box covers a cell, or -1.
    private var owners: [Int32]

    init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        cells = Array(repeating: [], count: self.width * self.height)
        owners = Array(repeating: -1, count: self.width * self.height)
    }

    func contains(_ point: CellPoint) -> Bool {
        point.x >= 0 && point.y >= 0 && point.x < width && point.y < height
    }

    func flags(at point: CellPoint) -> Flags {
        contains(point) ? cells[point.y * width + point.x] : []
    }

    func owner(at point: CellPoint) -> Int {
        contains(point) ? Int(owners[point.y * width + point.x]) : -1
    }

    mutating func mark(_ point: CellPoint, _ flag: Flags, owner: Int? = nil) {
        guard contains(point) else { return }
        cells[point.y * width + point.x].insert(flag)
        if let owner { owners[point.y * width + point.x] = Int32(owner) }
    }

    mutating func markBox(_ rect: CellRect, owner: Int) {
        for y in rect.y...rect.maxY {
            for x in rect.x...rect.maxX {
                mark(CellPoint(x: x, y: y), .box, owner: owner)
            }
        }
    }

    mutating func markBorder(_ rect: CellRect) {
        for x in rect.x...rect.maxX {
            mark(CellPoint(x: x, y: rect.y), .border)
            mark(CellPoint(x: x, y: rect.maxY), .border)
        }
        for y in rect.y...rect.maxY {
            mark(CellPoint(x: rect.x, y: y), .border)
            mark(CellPoint(x: rect.maxX, y: y), .border)
        }
    }

    /// Returns whether `columns` cells from `point` to the right are inside the grid and empty.
    func isFree(_ point: CellPoint, columns: Int) -> Bool {
        guard point.y >= 0, point.y < height, point.x >= 0, point.x + columns <= width else { return false }
        let start = point.y * width + point.x
        for offset in 0..<columns where !cells[start + offset].isEmpty {
            return false
        }
        return true
    }
}
