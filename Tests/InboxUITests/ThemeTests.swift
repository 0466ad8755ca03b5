import XCTest

@testable import InboxUI

final class ThemeTests: XCTestCase {
    private var themesFolder: URL { TestSupport.repositoryRoot.appendingPathComponent("themes") }

    private func parseShippedTheme(_ name: String) throws -> (Theme, [ThemeProblem]) {
        let file = themesFolder.appendingPathComponent(name + ".theme")
        let text = try String(contentsOf: file, encoding: .utf8)
        return ThemeParser.parse(text, name: name, source: file.path)
    }

    func testShippedDefaultMatchesBuiltInDefault() throws {
        let (theme, problems) = try parseShippedTheme("default")

        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme.styles, Theme.builtInDefault.styles)
    }

    func testShippedMonoMatchesBuiltInMono() throws {
        let (theme, problems) = try parseShippedTheme("mono")

        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme.styles, Theme.builtInMono.styles)
    }

    func testShippedMonoUsesNoColor() throws {
        let (theme, _) = try parseShippedTheme("mono")

        XCTAssertFalse(theme.usesColor)
    }

    func testShippedLightParsesWithoutProblems() throws {
        let (theme, problems) = try parseShippedTheme("light")

        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme.style(.selection), TextStyle(.palette(7), .palette(4)))
    }

    func testShippedThemesSetEveryElement() throws {
        for name in Theme.builtInNames {
            let text = try String(contentsOf: themesFolder.appendingPathComponent(name + ".theme"), encoding: .utf8)
            for role in StyleRole.allCases {
                XCTAssertTrue(text.contains("\n" + role.themeKey + " "), "\(name).theme has no '\(role.themeKey)' line")
            }
        }
    }

    func testParserReadsColorsNumbersAndAttributes() {
        let (theme, problems) = ThemeParser.parse("error = 196 default bold underline", name: "t", source: "t.theme")

        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme.style(.error), TextStyle(.palette(196), .terminalDefault, [.bold, .underline]))
    }

    func testParserReportsUnknownColorWithLineNumber() {
        let (_, problems) = ThemeParser.parse("# comment\nerror = purple", name: "t", source: "t.theme")

        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.line, 2)
        XCTAssertTrue(problems.first?.description.contains("'purple'") ?? false)
    }

    func testParserReportsUnknownElement() {
        let (_, problems) = ThemeParser.parse("titel = red", name: "t", source: "t.theme")

        XCTAssertTrue(problems.first?.reason.contains("unknown element 'titel'") ?? false)
    }

    func testParserRejectsThirdColor() {
        let (_, problems) = ThemeParser.parse("error = red blue green", name: "t", source: "t.theme")

        XCTAssertTrue(problems.first?.reason.contains("too many colours") ?? false)
    }

    func testParserKeepsGoodLinesAfterBadOne() {
        let (theme, _) = ThemeParser.parse("error = nope\nsuccess = green", name: "t", source: "t.theme")

        XCTAssertEqual(theme.style(.success), TextStyle(.palette(2)))
    }

    func testLoaderPrefersConfigFolder() throws {
        let directory = try TestSupport.temporaryDirectory()
        let themes = directory.appendingPathComponent("bpmn-inbox/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "error = magenta".write(to: themes.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": directory.path], executablePath: nil)

        let selection = loader.load(name: "mine", terminalHasColors: true)

        XCTAssertEqual(selection.theme.style(.error), TextStyle(.palette(5)))
        XCTAssertEqual(selection.notices, [])
    }

    func testLoaderFindsRepositoryThemesFromExecutable() {
        let executable = TestSupport.repositoryRoot.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/bpmn-inbox")
        let loader = ThemeLoader(environment: [:], executablePath: executable.path)

        let selection = loader.load(name: "light", terminalHasColors: true)

        XCTAssertEqual(selection.theme.name, "light")
        XCTAssertEqual(selection.notices, [])
    }

    func testLoaderFallsBackForMissingTheme() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: "no-such-theme", terminalHasColors: true)

        XCTAssertEqual(selection.theme, Theme.builtInDefault)
        XCTAssertTrue(selection.notices.first?.contains("theme 'no-such-theme' not found") ?? false)
    }

    func testLoaderUsesMonoWhenNoColorIsSet() {
        let loader = ThemeLoader(environment: ["NO_COLOR": "1"], executablePath: nil)

        let selection = loader.load(name: nil, terminalHasColors: true)

        XCTAssertEqual(selection.theme, Theme.builtInMono)
    }

    func testLoaderUsesMonoWithoutTerminalColors() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: "light", terminalHasColors: false)

        XCTAssertFalse(selection.theme.usesColor)
        XCTAssertTrue(selection.notices.first?.contains("no colours") ?? false)
    }

    func testLoaderRejectsNameWithInvalidCharacters() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: "..hidden", terminalHasColors: true)

        XCTAssertTrue(selection.notices.first?.contains("invalid theme name") ?? false)
    }

    func testShippedFilesMatchBuiltInThemes() throws {
        for name in Theme.builtInNames {
            let (theme, problems) = try parseShippedTheme(name)

            XCTAssertEqual(problems, [], name)
            XCTAssertEqual(theme.styles, Theme.builtIn(named: name)?.styles, "\(name).theme differs from the built-in theme")
        }
    }

    func testLoaderUsesBuiltInThemeWithoutFile() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: "high-contrast", terminalHasColors: true)

        XCTAssertEqual(selection.theme, Theme.builtInHighContrast)
        XCTAssertEqual(selection.notices, [])
    }

    func testLoaderRejectsMalformedFileAndNamesLine() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("broken.theme")
        try "selection = black cyan\nerror = purple\n".write(to: file, atomically: true, encoding: .utf8)
        let loader = ThemeLoader(environment: [:], executablePath: nil)

        let selection = loader.load(name: file.path, terminalHasColors: true)

        XCTAssertEqual(selection.theme, Theme.builtInDefault)
        XCTAssertTrue(selection.notices.first?.contains("broken.theme line 2") ?? false, "\(selection.notices)")
        XCTAssertTrue(selection.notices.last?.contains("built-in 'default' theme is used") ?? false, "\(selection.notices)")
    }

    func testColorDepthKeepsColorsTheTerminalHas() {
        XCTAssertEqual(ColorDepth.nearest(75, colors: 256), 75)
    }

    func testColorDepthMapsCubeColorToNearestANSI() {
        XCTAssertEqual(ColorDepth.nearest(196, colors: 8), 1)
        XCTAssertEqual(ColorDepth.nearest(21, colors: 8), 4)
    }

    func testColorDepthMapsGreysToBlackOrWhite() {
        XCTAssertEqual(ColorDepth.nearest(234, colors: 8), 0)
        XCTAssertEqual(ColorDepth.nearest(252, colors: 8), 7)
    }

    func testColorDepthKeepsTextVisibleOnEightColors() {
        let mapped = ColorDepth.mapped(foreground: 240, background: 234, colors: 8)

        XCTAssertEqual(mapped.background, 0)
        XCTAssertEqual(mapped.foreground, 7)
    }

    func testColorDepthKeepsDefaultColors() {
        let mapped = ColorDepth.mapped(foreground: nil, background: 252, colors: 8)

        XCTAssertNil(mapped.foreground)
        XCTAssertEqual(mapped.background, 7)
    }
}
