import XCTest

@testable import DecisionTables

/// Input expressions and output entries: names, paths, literals, arithmetic and dates.
final class FEELExpressionTests: XCTestCase {
    private let context: [String: DMNValue] = [
        "amount": 250,
        "rate": 0.1,
        "name": "Ada",
        "customer": ["age": 42, "address": ["city": "Zürich"]],
        "years of service": 12,
        "flag": true,
    ]

    private func evaluate(
        _ text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> DMNValue? {
        do {
            return try FEELParser.parseExpression(text).evaluate(in: context).dmnValue
        } catch {
            XCTFail("'\(text)' failed to compile: \(error)", file: file, line: line)
            return nil
        }
    }

    func testNameReadsVariable() {
        XCTAssertEqual(evaluate("amount"), 250)
    }

    func testDottedPathReadsNestedMember() {
        XCTAssertEqual(evaluate("customer.age"), 42)
        XCTAssertEqual(evaluate("customer.address.city"), "Zürich")
    }

    func testMissingNameIsNull() {
        XCTAssertEqual(evaluate("missing"), .null)
        XCTAssertEqual(evaluate("customer.missing"), .null)
        XCTAssertEqual(evaluate("amount.value"), .null)
    }

    func testNameWithSpacesReadsVariable() {
        XCTAssertEqual(evaluate("years of service"), 12)
        XCTAssertEqual(evaluate("years  of   service"), 12)
    }

    func testLiterals() {
        XCTAssertEqual(evaluate("42"), 42)
        XCTAssertEqual(evaluate("-1.5"), -1.5)
        XCTAssertEqual(evaluate("\"text\""), "text")
        XCTAssertEqual(evaluate("true"), true)
        XCTAssertEqual(evaluate("false"), false)
        XCTAssertEqual(evaluate("null"), .null)
    }

    func testArithmeticPrecedence() {
        XCTAssertEqual(evaluate("1 + 2 * 3"), 7)
        XCTAssertEqual(evaluate("(1 + 2) * 3"), 9)
        XCTAssertEqual(evaluate("10 - 4 - 3"), 3)
        XCTAssertEqual(evaluate("2 ** 3 * 2"), 16)
        XCTAssertEqual(evaluate("-amount + 50"), -200)
        XCTAssertEqual(evaluate("amount * rate"), 25)
        XCTAssertEqual(evaluate("7 / 2"), 3.5)
    }

    func testArithmeticWithWrongKindsIsNull() {
        XCTAssertEqual(evaluate("amount + flag"), .null)
        XCTAssertEqual(evaluate("missing * 2"), .null)
        XCTAssertEqual(evaluate("-name"), .null)
        XCTAssertEqual(evaluate("1 / 0"), .null)
    }

    func testStringConcatenation() {
        XCTAssertEqual(evaluate("\"Hello, \" + name"), "Hello, Ada")
    }

    func testDateFunctions() {
        XCTAssertEqual(evaluate("date(\"2024-02-29\")"), "2024-02-29")
        XCTAssertEqual(evaluate("date(2024, 2, 29)"), "2024-02-29")
        XCTAssertEqual(evaluate("date(2023, 2, 29)"), .null)
        XCTAssertEqual(evaluate("date(date and time(\"2024-05-06T07:08:09Z\"))"), "2024-05-06")
        XCTAssertEqual(
            evaluate("date and time(\"2024-05-06T07:08:09+05:30\")"), "2024-05-06T07:08:09+05:30")
        XCTAssertEqual(evaluate("date and time(date(\"2024-05-06\"))"), "2024-05-06T00:00:00")
        XCTAssertEqual(evaluate("date(name)"), .null)
        XCTAssertEqual(evaluate("@\"2024-05-06T07:08:09.25Z\""), "2024-05-06T07:08:09.25Z")
    }

    func testMemberAfterLiteralIsRejected() {
        XCTAssertThrowsError(try FEELParser.parseExpression("\"a\".length"))
    }
}
