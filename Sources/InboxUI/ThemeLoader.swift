import Foundation

/// The theme chosen at start-up and what the user should know about the choice.
struct ThemeSelection {
    var theme: Theme
    /// Problems and fallbacks to show in the message line (file errors, missing theme).
    var notices: [String]
}

/// Finds a theme file by name and loads it, falling back to a built-in theme so a missing
/// or broken file never stops the inbox. A file with any invalid line is rejected whole,
/// with one notice per line, in favour of `default` (or `mono` without colours).
///
/// Search order for `NAME.theme`: `$XDG_CONFIG_HOME/bpmn-inbox/themes` (default
/// `~/.config/bpmn-inbox/themes`), `/usr/local/share/bpmn-inbox/themes`,
/// `<prefix>/share/bpmn-inbox/themes` next to an installed executable, then a `themes`
/// folder in the executable's directory or one of its five parents below `/` (the source
/// checkout when running from `.build`).
struct ThemeLoader {
    var environment: [String: String]
    /// The running executable; nil skips the executable-relative folders.
    var executablePath: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment, executablePath: String? = ThemeLoader.currentExecutablePath()) {
        self.environment = environment
        self.executablePath = executablePath
    }

    /// Folders searched for theme files, in order.
    var searchDirectories: [String] {
        var directories: [String] = []

        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            directories.append(config + "/bpmn-inbox/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/bpmn-inbox/themes")
        }
        directories.append("/usr/local/share/bpmn-inbox/themes")

        if let executablePath {
            var folder = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            directories.append(folder.deletingLastPathComponent().appendingPathComponent("share/bpmn-inbox/themes").path)
            for _ in 0...5 where folder.path != "/" {
                directories.append(folder.appendingPathComponent("themes").path)
                folder = folder.deletingLastPathComponent()
            }
        }

        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// Returns the built-in theme names and the names of the `.theme` files in the search
    /// folders, sorted and without repeats.
    func availableNames() -> [String] {
        var names = Set(Theme.builtInNames)
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") {
                names.insert(String(file.dropLast(".theme".count)))
            }
        }
        return names.sorted()
    }

    /// Chooses and loads the theme.
    /// - Parameters:
    ///   - name: the requested theme name, or a path containing `/`; nil means `default`,
    ///     or `mono` when `NO_COLOR` is set. An explicit name overrides `NO_COLOR`.
    ///   - terminalHasColors: false forces `mono`, whatever was requested.
    ///   - current: the name of the theme in use when switching themes. The notices then
    ///     report that this theme stays, and the caller keeps it. Without it, they name the
    ///     built-in fallback theme that the selection returns.
    func load(name: String?, terminalHasColors: Bool, keeping current: String? = nil) -> ThemeSelection {
        var notices: [String] = []
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var requested = name ?? (noColor ? "mono" : "default")

        if !terminalHasColors && requested != "mono" {
            if name != nil {
                notices.append("this terminal has no colours, so theme '\(requested)' is replaced by 'mono'")
            }
            requested = "mono"
        }

        let fallback = requested == "mono" ? Theme.builtInMono : Theme.builtInDefault
        let outcome = current.map { "the theme stays '\($0)'" } ?? "using the built-in '\(fallback.name)' theme"
        guard let path = locate(requested, notices: &notices) else {
            if notices.isEmpty, let builtIn = Theme.builtIn(named: requested) {
                return ThemeSelection(theme: builtIn, notices: notices)
            }
            if name != nil && notices.isEmpty {
                notices.append(
                    "theme '\(requested)' not found in \(searchDirectories.joined(separator: ", "));"
                        + " available themes: \(availableNames().joined(separator: ", ")); \(outcome)")
            }
            return ThemeSelection(theme: fallback, notices: notices)
        }

        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            notices.append("cannot read theme file \(path) (check its permissions and that it is UTF-8); \(outcome)")
            return ThemeSelection(theme: fallback, notices: notices)
        }

        let themeName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let (theme, problems) = ThemeParser.parse(text, name: themeName, source: path)
        guard problems.isEmpty else {
            // A half-applied theme can hide text (a foreground equal to its background), so a
            // file with any bad line is not used at all.
            notices.append(contentsOf: problems.map(\.description))
            let result = current.map { "the theme stays '\($0)'" } ?? "the built-in '\(fallback.name)' theme is used"
            notices.append("theme file \(path) has errors, so \(result); fix the lines above")
            return ThemeSelection(theme: fallback, notices: notices)
        }
        return ThemeSelection(theme: theme, notices: notices)
    }

    /// Returns the file for `name`, or nil. A name with invalid characters adds a notice.
    private func locate(_ name: String, notices: inout [String]) -> String? {
        if name.contains("/") {
            return FileManager.default.isReadableFile(atPath: name) ? name : nil
        }

        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy(allowed.contains) else {
            notices.append("invalid theme name '\(name)': use letters, digits, '.', '_' and '-', or a path to a .theme file")
            return nil
        }

        for directory in searchDirectories {
            let path = directory + "/" + name + ".theme"
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Returns the resolved path of the running executable (from `/proc/self/exe` on Linux).
    static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}
