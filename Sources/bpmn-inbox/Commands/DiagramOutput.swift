import ProcessDiagram

/// Turns diagram frames into text for standard output: plain, or with ANSI SGR styles.
enum DiagramOutput {
    /// When to use ANSI styles.
    enum ColorChoice: String, CaseIterable {
        case always, never, auto

        /// Parses `--color`.
        /// - Throws: `UsageError` naming the value and the accepted ones.
        static func parse(_ value: String?) throws -> ColorChoice {
            guard let value else { return .auto }
            guard let choice = ColorChoice(rawValue: value.lowercased()) else {
                throw UsageError("invalid --color '\(value)'; use 'always', 'never' or 'auto'")
            }
            return choice
        }

        /// Returns whether to write styles. `auto` means standard output is a terminal and
        /// neither `NO_COLOR` is set nor `TERM` is `dumb`.
        func usesStyles(isTerminal: Bool, environment: [String: String]) -> Bool {
            switch self {
            case .always: return true
            case .never: return false
            case .auto:
                let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
                return isTerminal && !noColor && environment["TERM"] != "dumb"
            }
        }
    }

    /// Returns the SGR parameters of a role, in the 16 ANSI colours so any terminal shows them.
    static func sgr(_ role: DiagramRole) -> String? {
        switch role {
        case .normal: return nil
        case .label: return "90"
        case .lane: return "36"
        case .waiting: return "30;43"
        case .done: return "32"
        case .failed: return "31;1"
        case .flowTaken: return "32;1"
        case .selected: return "7"
        case .link: return "34"
        }
    }

    /// Returns the lines of `frame`, styled when `styled` is set, trailing spaces removed.
    static func lines(_ frame: DiagramFrame, styled: Bool) -> [String] {
        guard styled else { return frame.plainLines() }
        return (0..<frame.height).map { row in
            var runs = frame.runs(row: row)
            while let last = runs.last, last.role == .normal, last.text.allSatisfy({ $0 == " " }) {
                runs.removeLast()
            }
            if let last = runs.last, last.role == .normal {
                var text = last.text
                while text.last == " " { text.removeLast() }
                runs[runs.count - 1].text = text
            }
            return runs.map { run in styledText(run.text, role: run.role) }.joined()
        }
    }

    static func styledText(_ text: String, role: DiagramRole) -> String {
        guard let parameters = sgr(role) else { return text }
        return "\u{1B}[\(parameters)m" + text + "\u{1B}[0m"
    }
}
