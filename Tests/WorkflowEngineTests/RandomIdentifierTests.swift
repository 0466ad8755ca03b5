import Foundation
import XCTest

@testable import WorkflowEngine

final class RandomIdentifierTests: XCTestCase {
    func testUUIDIsLowercaseVersion4Text() throws {
        let text = RandomIdentifier.uuid()
        let characters = Array(text)
        let parsed = try XCTUnwrap(UUID(uuidString: text), text)

        XCTAssertEqual(text.count, 36)
        XCTAssertEqual(text, text.lowercased())
        XCTAssertEqual(parsed.uuidString.lowercased(), text)
        XCTAssertEqual(characters[14], "4", "version digit of \(text)")
        XCTAssertTrue("89ab".contains(characters[19]), "variant digit of \(text)")
    }

    func testUUIDsDoNotRepeat() {
        let identifiers = (0..<10_000).map { _ in RandomIdentifier.uuid() }

        XCTAssertEqual(Set(identifiers).count, identifiers.count)
    }
}
