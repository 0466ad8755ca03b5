/// Options of `diagram`, `replay` and the demo tour.
enum DiagramCommandOptions {
    static let instance = OptionSpec(
        name: "--instance", valueName: "ID",
        help: "draw the state of this instance of MODEL: waiting, done and failed elements, taken flows")
    static let width = OptionSpec(
        name: "--width", valueName: "N",
        help: "columns to fit the drawing into (20 to 10000); default the terminal width, "
            + "else no limit")
    static let color = OptionSpec(
        name: "--color", valueName: "WHEN",
        help: "'always', 'never' or 'auto' (default): colours and styles when standard output is "
            + "a terminal and NO_COLOR is not set",
        choices: ["always", "never", "auto"])
    static let zoom = OptionSpec(
        name: "--zoom", valueName: "LEVEL",
        help: "'full' (names on up to three lines), 'short' (one line) or 'symbols'; default the "
            + "level with the most text that fits --width",
        choices: ["full", "short", "symbols"])
    static let autoLayout = OptionSpec(
        name: "--auto-layout", valueName: nil,
        help: "lay the model out from its flows, ignoring the positions stored in the file")
    static let tour = OptionSpec(
        name: "--tour", valueName: "MODEL",
        help: "play a narrated run of the example MODEL on its diagram, in a temporary database")
    static let interval = OptionSpec(
        name: "--interval", valueName: "SECONDS",
        help: "seconds between steps while playing (0.2 to 60); default 1.5")

    static let all = [instance, width, color, zoom, autoLayout, tour, interval]
}
