/// How much text the diagram shows. Each level trades names for space.
public enum DiagramZoom: Int, CaseIterable, Sendable {
    /// Task names wrapped on up to three lines; flow and event labels.
    case full
    /// Task names shortened to one line with `…`; short labels.
    case short
    /// Symbols only: tasks as `[U]`-style boxes of one row, no labels.
    case symbols

    /// The next level with more text, or nil at `full`.
    public var closer: DiagramZoom? { DiagramZoom(rawValue: rawValue - 1) }

    /// The next level with less text, or nil at `symbols`.
    public var farther: DiagramZoom? { DiagramZoom(rawValue: rawValue + 1) }

    /// Cells per model pixel, horizontally and vertically, before elements are pushed apart.
    var scale: (x: Double, y: Double) {
        switch self {
        case .full: return (0.13, 0.07)
        case .short: return (0.09, 0.05)
        case .symbols: return (0.06, 0.025)
        }
    }

    /// The empty columns and rows kept between neighbouring elements.
    var gap: (x: Int, y: Int) {
        switch self {
        case .full: return (4, 2)
        case .short: return (3, 1)
        case .symbols: return (2, 1)
        }
    }

    /// The widest label drawn next to a flow or event, in columns (0: none).
    var labelWidth: Int {
        switch self {
        case .full: return 18
        case .short: return 10
        case .symbols: return 0
        }
    }
}
