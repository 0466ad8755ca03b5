import DecisionTables
import Foundation
import XCTest

/// XML attacks and oversized DMN files are rejected before the XML parser runs.
final class BadInputDMNTests: XCTestCase {
    private let body = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="D" namespace="t">
          <decision id="x" name="X"><decisionTable><output id="o" name="o"/></decisionTable></decision>
        </definitions>
        """

    func testExternalEntityIsRejected() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [ <!ENTITY leak SYSTEM \"file:///etc/passwd\"> ]>\n"
            + body.replacingOccurrences(of: "name=\"X\"", with: "name=\"&leak;\"")

        XCTAssertThrowsError(try DecisionModel.parse(data: Data(text.utf8))) { error in
            guard case .malformedXML(let line, _, let reason)? = error as? DMNParseError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
            XCTAssertEqual(line, 2)
            XCTAssertTrue(reason.contains("DOCTYPE"), reason)
        }
    }

    func testOversizedFileIsRejected() {
        let text = body.replacingOccurrences(
            of: "<decision ", with: "<!--" + String(repeating: "c", count: 17 * 1024 * 1024) + "--><decision ")

        XCTAssertThrowsError(try DecisionModel.parse(data: Data(text.utf8))) { error in
            guard case .malformedXML(1, 1, let reason)? = error as? DMNParseError else {
                return XCTFail("expected malformedXML at 1:1, got \(error)")
            }
            XCTAssertTrue(reason.contains("limit"), reason)
        }
    }
}
