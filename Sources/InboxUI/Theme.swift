/// A terminal colour: the terminal's own default, or a palette index 0–255 (0–7 the ANSI
/// colours, 8–15 their bright variants, 16–255 the xterm 256-colour cube and greys).
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case palette(Int)

    /// Colour names accepted in theme files, with their palette index.
    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6,
        "white": 7, "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9,
        "bright-green": 10, "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13,
        "bright-cyan": 14, "bright-white": 15,
    ]
}

/// Text attributes that every terminal supports, so a monochrome theme can still show
/// focus, selection and errors.
public struct TextAttributes: OptionSet, Equatable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let reverse = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)

    /// Attribute names accepted in theme files.
    static let names: [String: TextAttributes] = [
        "bold": .bold, "reverse": .reverse, "underline": .underline, "dim": .dim, "normal": [],
    ]
}

/// The colours and attributes of one role.
public struct TextStyle: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(
        _ foreground: ThemeColor = .terminalDefault, _ background: ThemeColor = .terminalDefault,
        _ attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named set of styles, one per role.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: TextStyle]

    public init(name: String, styles: [StyleRole: TextStyle]) {
        self.name = name
        self.styles = styles
    }

    /// Returns the style of `role`, or the plain terminal style when the theme has none.
    public func style(_ role: StyleRole) -> TextStyle {
        styles[role] ?? TextStyle()
    }

    /// Whether any style sets a colour, so the terminal needs colour pairs.
    public var usesColor: Bool {
        styles.values.contains { $0.foreground != .terminalDefault || $0.background != .terminalDefault }
    }

    /// The built-in dark-or-any-background theme, used when no theme file is found. It
    /// keeps the terminal's own background and uses the 16 ANSI colours only, so it reads
    /// on dark and light terminals alike.
    public static let builtInDefault = Theme(name: "default", styles: [
        .normal: TextStyle(),
        .header: TextStyle(.palette(0), .palette(6), [.bold]),
        .paneTitle: TextStyle(.palette(6), .terminalDefault, [.bold]),
        .paneTitleFocused: TextStyle(.palette(0), .palette(6), [.bold]),
        .selection: TextStyle(.palette(0), .palette(6)),
        .selectionInactive: TextStyle(.terminalDefault, .terminalDefault, [.reverse]),
        .separator: TextStyle(.palette(8)),
        .message: TextStyle(),
        .error: TextStyle(.palette(1), .terminalDefault, [.bold]),
        .success: TextStyle(.palette(2), .terminalDefault, [.bold]),
        .statusBar: TextStyle(.palette(0), .palette(7)),
        .hintKey: TextStyle(.palette(4), .palette(7), [.bold]),
        .detailHeading: TextStyle(.palette(6), .terminalDefault, [.bold]),
        .detailKey: TextStyle(.palette(3)),
        .dim: TextStyle(.palette(8)),
        .formBorder: TextStyle(.palette(6)),
        .formTitle: TextStyle(.palette(6), .terminalDefault, [.bold]),
        .formLabel: TextStyle(),
        .formValue: TextStyle(.terminalDefault, .terminalDefault, [.underline]),
        .formValueFocused: TextStyle(.palette(0), .palette(3)),
        .formError: TextStyle(.palette(1), .terminalDefault, [.bold]),
        .helpKey: TextStyle(.palette(3), .terminalDefault, [.bold]),
        .tab: TextStyle(.palette(6)),
        .tabActive: TextStyle(.palette(0), .palette(6), [.bold]),
        .marked: TextStyle(.palette(3), .terminalDefault, [.bold]),
    ])

    /// The built-in monochrome theme: bold, reverse, underline and dim only. Used for
    /// `NO_COLOR`, for terminals without colours, and when `mono.theme` is missing.
    public static let builtInMono = Theme(name: "mono", styles: [
        .normal: TextStyle(),
        .header: TextStyle(.terminalDefault, .terminalDefault, [.reverse, .bold]),
        .paneTitle: TextStyle(.terminalDefault, .terminalDefault, [.bold]),
        .paneTitleFocused: TextStyle(.terminalDefault, .terminalDefault, [.reverse, .bold]),
        .selection: TextStyle(.terminalDefault, .terminalDefault, [.reverse]),
        .selectionInactive: TextStyle(.terminalDefault, .terminalDefault, [.underline]),
        .separator: TextStyle(),
        .message: TextStyle(),
        .error: TextStyle(.terminalDefault, .terminalDefault, [.bold, .underline]),
        .success: TextStyle(.terminalDefault, .terminalDefault, [.bold]),
        .statusBar: TextStyle(.terminalDefault, .terminalDefault, [.reverse]),
        .hintKey: TextStyle(.terminalDefault, .terminalDefault, [.reverse, .bold]),
        .detailHeading: TextStyle(.terminalDefault, .terminalDefault, [.bold]),
        .detailKey: TextStyle(.terminalDefault, .terminalDefault, [.underline]),
        .dim: TextStyle(.terminalDefault, .terminalDefault, [.dim]),
        .formBorder: TextStyle(),
        .formTitle: TextStyle(.terminalDefault, .terminalDefault, [.bold]),
        .formLabel: TextStyle(),
        .formValue: TextStyle(.terminalDefault, .terminalDefault, [.underline]),
        .formValueFocused: TextStyle(.terminalDefault, .terminalDefault, [.reverse]),
        .formError: TextStyle(.terminalDefault, .terminalDefault, [.bold, .underline]),
        .helpKey: TextStyle(.terminalDefault, .terminalDefault, [.bold]),
        .tab: TextStyle(),
        .tabActive: TextStyle(.terminalDefault, .terminalDefault, [.reverse, .bold]),
        .marked: TextStyle(.terminalDefault, .terminalDefault, [.bold, .underline]),
    ])
}
