import Foundation
import SQLiteStore
import XCTest

@testable import WorkflowEngine

/// `JSONReader` on number literals beyond the range of a double, which it rejects, and the
/// largest and smallest finite doubles, which must still round-trip through text and the store.
final class JSONNumberRangeTests: XCTestCase {
    private func syntaxError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        do {
            _ = try JSONValue.parse(text)
            XCTFail("'\(text)' parsed, but its number is out of range", file: file, line: line)
            return nil
        } catch {
            XCTAssertTrue(error is JSONSyntaxError, "\(error)", file: file, line: line)
            return error as? JSONSyntaxError
        }
    }

    func testPositiveOverflowRejected() {
        let error = syntaxError(#"{"a":1e999,"b":-1e999}"#)

        XCTAssertEqual(error?.byteOffset, 5)
        XCTAssertTrue(error?.reason.contains("in place of 1e999 at character 6") == true, error?.reason ?? "")
        XCTAssertTrue(error?.reason.contains("±1.7976931348623157e308, or a string") == true, error?.reason ?? "")
    }

    func testNegativeOverflowPointsAtMinusSign() {
        let error = syntaxError(#"{"b": -1e999}"#)

        XCTAssertEqual(error?.byteOffset, 6)
        XCTAssertTrue(error?.reason.contains("in place of -1e999 at character 7") == true, error?.reason ?? "")
    }

    func testOverflowInsideArrayRejected() {
        let error = syntaxError("[1, 2, 1.8e308]")

        XCTAssertEqual(error?.byteOffset, 7)
        XCTAssertTrue(error?.reason.contains("1.8e308") == true, error?.reason ?? "")
    }

    func testOverlongIntegerRejected() {
        let digits = "1" + String(repeating: "0", count: 400)

        let error = syntaxError("[\(digits)]")

        XCTAssertEqual(error?.byteOffset, 1)
        XCTAssertTrue(error?.reason.contains(digits) == true)
    }

    func testOffsetCountsBytesBeforeNumber() {
        let error = syntaxError(#"{"größe": 2e400}"#)

        XCTAssertEqual(error?.byteOffset, 12)
    }

    func testLargestFiniteLiteralsAccepted() throws {
        let value = try JSONValue.parse("[1.7976931348623157e308, -1.7976931348623157e308, 5e-324]")

        XCTAssertEqual(value, .array([.number(.greatestFiniteMagnitude), .number(-.greatestFiniteMagnitude), .number(.leastNonzeroMagnitude)]))
    }

    func testExtremeFiniteNumbersRoundTripThroughText() throws {
        let numbers: [Double] = [
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
            -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e308, -1e308,
        ]
        for number in numbers {
            let text = JSONValue.number(number).jsonText

            XCTAssertEqual(try JSONValue.parse(text), .number(number), text)
        }
    }

    func testExtremeNumbersRoundTripThroughStore() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Wait", source: Self.waitingModel)
        let data: JSONValue = [
            "largest": .number(.greatestFiniteMagnitude), "lowest": .number(-.greatestFiniteMagnitude),
            "tiny": .number(.leastNonzeroMagnitude),
        ]

        let started = try harness.engine.start("Wait", data: data, user: .system)
        try harness.restart()
        let stored = try XCTUnwrap(try harness.engine.store.loadInstance(id: started.instance.id))

        XCTAssertEqual(stored.instance.data, data)
    }

    /// A start event followed by a user task, so an instance stays running.
    private static let waitingModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Work"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="Work"/>
          </process>
        </definitions>
        """
}
