/// A plain-text table with a header row and columns aligned by display width.
struct TextTable {
    struct Column {
        var title: String
        /// Cells wider than this many columns are cut with `…`; nil never cuts.
        var maximumWidth: Int?

        init(_ title: String, maximumWidth: Int? = nil) {
            self.title = title
            self.maximumWidth = maximumWidth
        }
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row needs one cell per column")
        rows.append(cells)
    }

    /// Renders the table as lines, columns two spaces apart, with no trailing spaces.
    func render() -> String {
        let cells = rows.map { row in
            zip(row, columns).map { text, column in
                let clean = Self.singleLine(text)
                guard let limit = column.maximumWidth else { return clean }
                return DisplayWidth.truncate(clean, to: limit)
            }
        }

        var widths = columns.map { DisplayWidth.of($0.title) }
        for row in cells {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }

        let lines = ([columns.map(\.title)] + cells).map { row in
            row.enumerated()
                .map { index, cell in DisplayWidth.pad(cell, to: widths[index]) }
                .joined(separator: "  ")
                .replacingTrailingSpaces()
        }
        return lines.joined(separator: "\n")
    }

    /// Control characters such as newlines and tabs become spaces, so one row stays one line.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } ? " " : $0 })
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
