/// A line of a theme file that could not be used; the rest of the file still applies.
public struct ThemeProblem: Error, Equatable, CustomStringConvertible, Sendable {
    public var source: String
    public var line: Int
    public var reason: String

    public var description: String { "\(source) line \(line): \(reason)" }
}

/// Reads theme files.
///
/// Format: one `element = value…` per line; `#` starts a comment. The element is a
/// `StyleRole.themeKey` such as `pane-title-focused`. Values are read left to right. A
/// colour is a name such as `red` or `bright-blue`, a number 0–255, or `default` for the
/// terminal's own colour. The first colour sets the foreground and a second one the
/// background. The words `bold`, `reverse`, `underline`, `dim` and `normal` add attributes. Elements the file
/// leaves out are drawn as in the built-in mono theme, so a partial file never hides text.
enum ThemeParser {
    /// Parses `text`. Lines with problems are skipped and reported.
    /// - Parameter source: the file name used in problem messages.
    static func parse(_ text: String, name: String, source: String) -> (Theme, [ThemeProblem]) {
        var styles = Theme.builtInMono.styles
        var problems: [ThemeProblem] = []

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                .first.map(String.init) ?? ""
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let (role, style) = try parseLine(line)
                styles[role] = style
            } catch let reason as LineError {
                problems.append(ThemeProblem(source: source, line: index + 1, reason: reason.message))
            } catch {
                problems.append(ThemeProblem(source: source, line: index + 1, reason: "\(error)"))
            }
        }

        return (Theme(name: name, styles: styles), problems)
    }

    private struct LineError: Error {
        var message: String
    }

    private static func parseLine(_ line: String) throws -> (StyleRole, TextStyle) {
        let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw LineError(message: "expected 'element = colours and attributes', got '\(line.trimmed)'")
        }

        let key = String(parts[0]).trimmed
        guard let role = StyleRole(themeKey: key) else {
            let known = StyleRole.allCases.map(\.themeKey).joined(separator: ", ")
            throw LineError(message: "unknown element '\(key)'; known elements: \(known)")
        }

        return (role, try parseStyle(String(parts[1])))
    }

    private static func parseStyle(_ value: String) throws -> TextStyle {
        var colors: [ThemeColor] = []
        var attributes: TextAttributes = []

        for word in value.split(whereSeparator: \.isWhitespace).map({ String($0).lowercased() }) {
            if let attribute = TextAttributes.names[word] {
                attributes.formUnion(attribute)
                continue
            }
            guard colors.count < 2 else {
                throw LineError(message: "too many colours at '\(word)'; give a foreground and a background at most")
            }
            colors.append(try parseColor(word))
        }

        return TextStyle(
            colors.first ?? .terminalDefault, colors.count > 1 ? colors[1] : .terminalDefault,
            attributes)
    }

    private static func parseColor(_ word: String) throws -> ThemeColor {
        if word == "default" { return .terminalDefault }
        if let index = ThemeColor.names[word] { return .palette(index) }
        if let number = Int(word), (0...255).contains(number) { return .palette(number) }
        throw LineError(
            message: "unknown colour or attribute '\(word)'; use a colour name (black, red, green, "
                + "yellow, blue, magenta, cyan, white, bright-…), a number 0-255, default, or "
                + "bold, reverse, underline, dim")
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
