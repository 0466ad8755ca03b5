import Foundation
import XCTest

/// The README's key tables list every binding of the inbox's key map, so they cannot drift
/// from the help overlay, which is generated from the same tables.
final class ReadmeKeysTests: XCTestCase {
    func testReadmeListsEveryKeySummary() throws {
        let keyMap = CLIRunner.repositoryRoot.appendingPathComponent("Sources/InboxUI/KeyMap.swift")
        let readme = CLIRunner.repositoryRoot.appendingPathComponent("README.md")
        let source = try String(contentsOf: keyMap, encoding: .utf8)
        let text = try String(contentsOf: readme, encoding: .utf8)

        // Bindings write `summary: "..."`; the field and filter tables write `("keys", "summary")`.
        let patterns = [#"summary: "([^"]+)""#, #"\("[^"]+", "([^"]+)"\)"#]
        var summaries: [String] = []
        for pattern in patterns {
            let expression = try NSRegularExpression(pattern: pattern)
            let range = NSRange(source.startIndex..., in: source)
            for match in expression.matches(in: source, range: range) {
                guard let captured = Range(match.range(at: 1), in: source) else { continue }
                summaries.append(String(source[captured]))
            }
        }

        XCTAssertGreaterThan(summaries.count, 20, "KeyMap.swift no longer has the expected tables")
        for summary in summaries {
            XCTAssertTrue(text.contains("| \(summary) |"), "README.md lacks the key row for '\(summary)'")
        }
    }
}
