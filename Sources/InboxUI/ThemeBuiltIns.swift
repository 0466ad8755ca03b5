/// The themes that work without any theme file. The files in `themes/` write the same
/// styles, so users can copy one and change it.
extension Theme {
    /// The names `--theme` and `:theme` accept without a file, in the order `:theme` offers them.
    public static let builtInNames = ["default", "dark", "light", "high-contrast", "mono"]

    /// Returns the built-in theme called `name`, or nil.
    public static func builtIn(named name: String) -> Theme? {
        switch name {
        case "default": return builtInDefault
        case "dark": return builtInDark
        case "light": return builtInLight
        case "high-contrast": return builtInHighContrast
        case "mono": return builtInMono
        default: return nil
        }
    }

    /// Light text on a near-black background from the 256-colour palette. On an 8-colour
    /// terminal the screen maps each colour to the nearest ANSI colour.
    public static let builtInDark = Theme(name: "dark", styles: [
        .normal: TextStyle(.palette(252), .palette(234)),
        .header: TextStyle(.palette(234), .palette(75), [.bold]),
        .paneTitle: TextStyle(.palette(75), .palette(234), [.bold]),
        .paneTitleFocused: TextStyle(.palette(234), .palette(75), [.bold]),
        .selection: TextStyle(.palette(234), .palette(75)),
        .selectionInactive: TextStyle(.palette(252), .palette(238)),
        .separator: TextStyle(.palette(240), .palette(234)),
        .message: TextStyle(.palette(252), .palette(234)),
        .error: TextStyle(.palette(203), .palette(234), [.bold]),
        .success: TextStyle(.palette(114), .palette(234), [.bold]),
        .statusBar: TextStyle(.palette(252), .palette(237)),
        .hintKey: TextStyle(.palette(221), .palette(237), [.bold]),
        .detailHeading: TextStyle(.palette(75), .palette(234), [.bold]),
        .detailKey: TextStyle(.palette(221), .palette(234)),
        .dim: TextStyle(.palette(244), .palette(234)),
        .formBorder: TextStyle(.palette(75), .palette(235)),
        .formTitle: TextStyle(.palette(75), .palette(235), [.bold]),
        .formLabel: TextStyle(.palette(252), .palette(235)),
        .formValue: TextStyle(.palette(252), .palette(238)),
        .formValueFocused: TextStyle(.palette(234), .palette(221)),
        .formError: TextStyle(.palette(203), .palette(235), [.bold]),
        .helpKey: TextStyle(.palette(221), .palette(234), [.bold]),
        .tab: TextStyle(.palette(110), .palette(234)),
        .tabActive: TextStyle(.palette(234), .palette(110), [.bold]),
        .marked: TextStyle(.palette(221), .palette(234), [.bold]),
    ])

    /// Dark text on the terminal's light background, with 256-colour greys for bars.
    public static let builtInLight = Theme(name: "light", styles: [
        .normal: TextStyle(),
        .header: TextStyle(.palette(7), .palette(4), [.bold]),
        .paneTitle: TextStyle(.palette(4), .terminalDefault, [.bold]),
        .paneTitleFocused: TextStyle(.palette(7), .palette(4), [.bold]),
        .selection: TextStyle(.palette(7), .palette(4)),
        .selectionInactive: TextStyle(.palette(0), .palette(252)),
        .separator: TextStyle(.palette(245)),
        .message: TextStyle(),
        .error: TextStyle(.palette(124), .terminalDefault, [.bold]),
        .success: TextStyle(.palette(22), .terminalDefault, [.bold]),
        .statusBar: TextStyle(.palette(0), .palette(252)),
        .hintKey: TextStyle(.palette(4), .palette(252), [.bold]),
        .detailHeading: TextStyle(.palette(4), .terminalDefault, [.bold]),
        .detailKey: TextStyle(.palette(5)),
        .dim: TextStyle(.palette(244)),
        .formBorder: TextStyle(.palette(4)),
        .formTitle: TextStyle(.palette(4), .terminalDefault, [.bold]),
        .formLabel: TextStyle(),
        .formValue: TextStyle(.palette(0), .palette(254), [.underline]),
        .formValueFocused: TextStyle(.palette(7), .palette(4)),
        .formError: TextStyle(.palette(124), .terminalDefault, [.bold]),
        .helpKey: TextStyle(.palette(4), .terminalDefault, [.bold]),
        .tab: TextStyle(.palette(4)),
        .tabActive: TextStyle(.palette(7), .palette(4), [.bold]),
        .marked: TextStyle(.palette(88), .terminalDefault, [.bold]),
    ])

    /// Black and white with bright accents only, for low-vision users and projectors; every
    /// highlight also has an attribute, so it reads without its colour.
    public static let builtInHighContrast = Theme(name: "high-contrast", styles: [
        .normal: TextStyle(.palette(15), .palette(0)),
        .header: TextStyle(.palette(0), .palette(15), [.bold]),
        .paneTitle: TextStyle(.palette(15), .palette(0), [.bold, .underline]),
        .paneTitleFocused: TextStyle(.palette(0), .palette(11), [.bold]),
        .selection: TextStyle(.palette(0), .palette(11), [.bold]),
        .selectionInactive: TextStyle(.palette(15), .palette(0), [.reverse]),
        .separator: TextStyle(.palette(15), .palette(0)),
        .message: TextStyle(.palette(15), .palette(0)),
        .error: TextStyle(.palette(15), .palette(9), [.bold]),
        .success: TextStyle(.palette(0), .palette(10), [.bold]),
        .statusBar: TextStyle(.palette(0), .palette(15)),
        .hintKey: TextStyle(.palette(15), .palette(0), [.bold]),
        .detailHeading: TextStyle(.palette(11), .palette(0), [.bold, .underline]),
        .detailKey: TextStyle(.palette(14), .palette(0), [.bold]),
        .dim: TextStyle(.palette(7), .palette(0)),
        .formBorder: TextStyle(.palette(15), .palette(0), [.bold]),
        .formTitle: TextStyle(.palette(11), .palette(0), [.bold]),
        .formLabel: TextStyle(.palette(15), .palette(0)),
        .formValue: TextStyle(.palette(15), .palette(0), [.underline]),
        .formValueFocused: TextStyle(.palette(0), .palette(11), [.bold]),
        .formError: TextStyle(.palette(15), .palette(9), [.bold]),
        .helpKey: TextStyle(.palette(11), .palette(0), [.bold]),
        .tab: TextStyle(.palette(15), .palette(0), [.underline]),
        .tabActive: TextStyle(.palette(0), .palette(11), [.bold]),
        .marked: TextStyle(.palette(14), .palette(0), [.bold, .underline]),
    ])
}

/// Maps palette colours onto terminals with fewer colours.
enum ColorDepth {
    /// Returns the RGB value of an xterm palette index (0–255).
    static func rgb(of index: Int) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return ansi[max(0, index)] }
        if index < 232 {
            let cube = index - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
        }
        let grey = 8 + (index - 232) * 10
        return (grey, grey, grey)
    }

    /// Maps a style's colours onto `colors` palette entries. When the foreground and the
    /// background would become the same colour (a grey on a darker grey, on 8 colours), the
    /// foreground becomes white on a dark background and black on a light one, so text never
    /// vanishes. Nil stands for the terminal's own colour.
    static func mapped(foreground: Int?, background: Int?, colors: Int) -> (foreground: Int?, background: Int?) {
        let newForeground = foreground.map { nearest($0, colors: colors) }
        let newBackground = background.map { nearest($0, colors: colors) }
        guard let fg = newForeground, let bg = newBackground, fg == bg, foreground != background else {
            return (newForeground, newBackground)
        }
        let (red, green, blue) = rgb(of: bg)
        let isDark = red * 299 + green * 587 + blue * 114 < 128_000
        return (isDark ? 7 : 0, bg)
    }

    /// Returns the palette index among the first `colors` (8 or 16) nearest to `index`, so a
    /// 256-colour theme stays readable on an 8- or 16-colour terminal. Indexes the terminal
    /// has are returned unchanged.
    static func nearest(_ index: Int, colors: Int) -> Int {
        guard index >= colors, colors > 0 else { return index }
        let available = min(colors, 16)
        let (red, green, blue) = rgb(of: index)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<available {
            let (r, g, b) = rgb(of: candidate)
            let distance = (r - red) * (r - red) + (g - green) * (g - green) + (b - blue) * (b - blue)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }
}
