import Foundation
import WorkflowEngine
import XCTest

/// JSON text, ISO 8601 values and query objects, as users type them.
final class ValueParsingTests: XCTestCase {
    func testJSONParsesNestedValues() throws {
        let value = try JSONValue.parse(#"{"a": [1, 2.5, true, null, "x\u00e9\n"], "b": {"c": -3e2}}"#)

        XCTAssertEqual(value["a"], [1, 2.5, true, nil, "xé\n"])
        XCTAssertEqual(value.value(atPath: "b.c"), -300)
    }

    func testJSONKeepsBooleansApartFromNumbers() throws {
        XCTAssertEqual(try JSONValue.parse("true"), .bool(true))
        XCTAssertEqual(try JSONValue.parse("1"), .number(1))
    }

    func testJSONRejectsInvalidTextWithPosition() {
        for text in ["{", "{\"a\" 1}", "[1,]", "01", "\"unterminated", "{a: 1}", "nul", "1 2"] {
            XCTAssertThrowsError(try JSONValue.parse(text), text) { error in
                let message = (error as? JSONSyntaxError)?.description ?? ""
                XCTAssertTrue(message.contains("at character"), "\(text): \(message)")
            }
        }
    }

    func testJSONRejectsDeepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)

        XCTAssertThrowsError(try JSONValue.parse(text))
    }

    func testJSONTextRoundTrips() throws {
        let value: JSONValue = ["name": "Café ☕", "n": 3, "list": [1, "two"], "quote": "a\"b"]

        XCTAssertEqual(try JSONValue.parse(value.jsonText), value)
        XCTAssertEqual(try JSONValue.parse(value.prettyText), value)
    }

    func testMergeReplacesTopLevelKeys() {
        let original: JSONValue = ["a": ["x": 1], "b": 2]
        let merged = original.merging(["a": ["y": 2], "c": 3])

        XCTAssertEqual(merged, ["a": ["y": 2], "b": 2, "c": 3])
    }

    func testSetValueCreatesObjects() {
        var value = JSONValue.emptyObject
        value.setValue(5, atPath: "order.total")

        XCTAssertEqual(value, ["order": ["total": 5]])
    }

    func testDateForms() {
        let expected = Date(timeIntervalSince1970: 1_698_710_400)
        XCTAssertEqual(ISO8601.parseDate("2023-10-31"), expected)
        XCTAssertEqual(ISO8601.parseDate("2023-10-31T00:00:00Z"), expected)
        XCTAssertEqual(ISO8601.parseDate("2023-10-31T02:00:00+02:00"), expected)
        XCTAssertEqual(ISO8601.parseDate("2023-10-31T00:00:00.500Z"), expected.addingTimeInterval(0.5))
    }

    func testInvalidDatesAreRejected() {
        for text in ["2023-02-30", "2023-13-01", "31.10.2023", "2023-10-31T25:00", "", "P1D"] {
            XCTAssertNil(ISO8601.parseDate(text), text)
        }
    }

    func testDurationsAddCalendarTime() {
        let start = ISO8601.parseDate("2024-01-31T10:00:00Z")!

        XCTAssertEqual(ISO8601.add(duration: "P10D", to: start), ISO8601.parseDate("2024-02-10T10:00:00Z"))
        XCTAssertEqual(ISO8601.add(duration: "PT1H30M", to: start), ISO8601.parseDate("2024-01-31T11:30:00Z"))
        XCTAssertEqual(ISO8601.add(duration: "P1M", to: start), ISO8601.parseDate("2024-02-29T10:00:00Z"))
        XCTAssertEqual(ISO8601.add(duration: "P1W", to: start), ISO8601.parseDate("2024-02-07T10:00:00Z"))
        XCTAssertNil(ISO8601.add(duration: "P", to: start))
        XCTAssertNil(ISO8601.add(duration: "10D", to: start))
    }

    func testFormatUsesUTCMilliseconds() {
        XCTAssertEqual(ISO8601.format(Date(timeIntervalSince1970: 1_698_710_400.25)), "2023-10-31T00:00:00.250Z")
    }

    func testQueryParsesFieldsAndOperators() throws {
        let query = try Query.parse(["id": "i1", "items.elementId": "task_Buy", "data.amount": ["$gt": 100]])

        XCTAssertEqual(query, .and([
            .field(.data("amount"), .gt(100)),
            .field(.instance(.id), .eq("i1")),
            .field(.item(.elementId), .eq("task_Buy")),
        ]))
    }

    func testQueryRejectsUnknownFieldAndOperator() {
        XCTAssertThrowsError(try Query.parse(["colour": "red"])) { error in
            XCTAssertEqual(error as? QueryError, .unknownField("colour"))
        }
        XCTAssertThrowsError(try Query.parse(["data.x": ["$near": 1]])) { error in
            XCTAssertEqual(error as? QueryError, .unknownOperator(key: "data.x", op: "$near"))
        }
        XCTAssertThrowsError(try Query.parse(["$or": "x"]))
        XCTAssertThrowsError(try Query.parse("text"))
    }
}
