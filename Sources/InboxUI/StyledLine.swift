/// A run of text in one role.
struct Span: Equatable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .normal) {
        self.text = TextWidth.sanitized(text)
        self.role = role
    }
}

/// One line of mixed-role text.
struct StyledLine: Equatable {
    var spans: [Span]

    init(_ spans: [Span]) {
        self.spans = spans
    }

    init(_ text: String, _ role: StyleRole = .normal) {
        self.spans = [Span(text, role)]
    }

    static let blank = StyledLine([])

    var text: String { spans.map(\.text).joined() }
}

extension Screen {
    /// Draws `line` at `position`, cut with `…` at `width` columns. With `fill`, the rest
    /// of the width is blanked in that role (for highlighted rows and bars).
    func draw(_ line: StyledLine, at position: CellPosition, width: Int, fill: StyleRole? = nil) {
        guard width > 0 else { return }
        if let fill { self.fill(position, width: width, role: fill) }

        let total = line.spans.reduce(0) { $0 + TextWidth.width(of: $1.text) }
        let fits = total <= width
        var column = position.column
        var remaining = fits ? width : width - TextWidth.width(of: TextWidth.ellipsis)

        for span in line.spans {
            let visible = TextWidth.prefix(of: span.text, columns: remaining)
            write(visible, at: CellPosition(row: position.row, column: column), role: span.role)
            column += TextWidth.width(of: visible)
            remaining -= TextWidth.width(of: visible)

            if visible.count < span.text.count {
                write(TextWidth.ellipsis, at: CellPosition(row: position.row, column: column), role: span.role)
                return
            }
        }
    }
}
