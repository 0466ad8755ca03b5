/// One cell of a drawn frame.
public struct DiagramCell: Equatable, Sendable {
    public var character: Character
    public var role: DiagramRole
    /// The right half of a wide character drawn in the cell to the left.
    public var isContinuation: Bool

    static let blank = DiagramCell(character: " ", role: .normal, isContinuation: false)
}

/// A rectangle of drawn cells: the part of a diagram inside a viewport.
public struct DiagramFrame: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [DiagramCell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> DiagramCell {
        cells[y * width + x]
    }

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes `text` from cell (`x`, `y`), clipped at the frame's edges. A wide character
    /// that would straddle an edge is replaced by a space, so columns stay aligned.
    mutating func write(_ text: String, x: Int, y: Int, role: DiagramRole) {
        guard y >= 0, y < height else { return }
        var column = x
        for character in text {
            let columns = DisplayWidth.width(of: character)
            if columns == 2 {
                if column >= 0, column + 1 < width {
                    clearWide(at: column, y)
                    clearWide(at: column + 1, y)
                    cells[y * width + column] = DiagramCell(character: character, role: role, isContinuation: false)
                    cells[y * width + column + 1] = DiagramCell(character: " ", role: role, isContinuation: true)
                } else {
                    set(" ", x: column, y: y, role: role)
                    set(" ", x: column + 1, y: y, role: role)
                }
            } else {
                set(character, x: column, y: y, role: role)
            }
            column += max(columns, 1)
            if column >= width { return }
        }
    }

    mutating func set(_ character: Character, x: Int, y: Int, role: DiagramRole) {
        guard contains(x: x, y: y) else { return }
        clearWide(at: x, y)
        cells[y * width + x] = DiagramCell(character: character, role: role, isContinuation: false)
    }

    /// Blanks the other half of a wide character that a write at (`x`, `y`) breaks.
    private mutating func clearWide(at x: Int, _ y: Int) {
        let cell = cells[y * width + x]
        if cell.isContinuation, x > 0 {
            cells[y * width + x - 1] = DiagramCell(character: " ", role: cells[y * width + x - 1].role, isContinuation: false)
        } else if x + 1 < width, cells[y * width + x + 1].isContinuation {
            cells[y * width + x + 1] = .blank
        }
    }

    /// Returns the row as runs of text that share a role, continuation cells left out.
    public func runs(row y: Int) -> [(text: String, role: DiagramRole)] {
        var runs: [(text: String, role: DiagramRole)] = []
        for x in 0..<width {
            let cell = self[x, y]
            if cell.isContinuation { continue }
            if let last = runs.last, last.role == cell.role {
                runs[runs.count - 1].text.append(cell.character)
            } else {
                runs.append((String(cell.character), cell.role))
            }
        }
        return runs
    }

    /// Returns the frame as plain text lines with trailing spaces removed.
    public func plainLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation {
                line.append(self[x, y].character)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
