import Foundation
import XCTest

@testable import InboxUI

/// The README's key tables are the help overlay's tables, word for word.
final class ReadmeKeyTableTests: XCTestCase {
    func testReadmeKeyTablesMatchKeyMap() throws {
        let readme = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "<!-- keys:start -->\n"), "README.md lacks the <!-- keys:start --> marker")
        let end = try XCTUnwrap(readme.range(of: "\n<!-- keys:end -->"), "README.md lacks the <!-- keys:end --> marker")

        let tables = String(readme[start.upperBound..<end.lowerBound])

        XCTAssertEqual(tables, HelpLines.markdown(), "replace the README's key tables with:\n" + HelpLines.markdown())
    }
}
