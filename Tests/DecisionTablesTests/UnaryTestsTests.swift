import XCTest

@testable import DecisionTables

/// Input entries: each FEEL unary test form against values that match and values that do not.
final class UnaryTestsTests: XCTestCase {
    /// An input entry, an input value, and whether the entry matches it.
    private struct Case {
        let entry: String
        let input: DMNValue
        let matches: Bool
        let line: UInt

        init(_ entry: String, _ input: DMNValue, _ matches: Bool, line: UInt = #line) {
            self.entry = entry
            self.input = input
            self.matches = matches
            self.line = line
        }
    }

    private func check(_ cases: [Case], context: [String: DMNValue] = [:]) {
        for testCase in cases {
            do {
                let tests = try FEELParser.parseUnaryTests(testCase.entry)
                let result = tests.evaluate(FEELValue(testCase.input), in: context) == true
                XCTAssertEqual(
                    result, testCase.matches,
                    "entry '\(testCase.entry)' with input \(testCase.input)",
                    line: testCase.line)
            } catch {
                XCTFail(
                    "entry '\(testCase.entry)' failed to compile: \(error)", line: testCase.line)
            }
        }
    }

    func testDashAndEmptyMatchEverything() {
        check([
            Case("-", 5, true),
            Case("-", "text", true),
            Case("-", nil, true),
            Case("", 5, true),
            Case("   ", nil, true),
        ])
    }

    func testNumberLiterals() {
        check([
            Case("5", 5, true),
            Case("5", 5.0, true),
            Case("5", 6, false),
            Case("5", "5", false),
            Case("2.5", 2.5, true),
            Case(".5", 0.5, true),
            Case("-3", -3, true),
            Case("-3", 3, false),
            Case("5", nil, false),
        ])
    }

    func testStringLiterals() {
        check([
            Case("\"gold\"", "gold", true),
            Case("\"gold\"", "Gold", false),
            Case("\"gold\"", "silver", false),
            Case("\"\"", "", true),
            Case("\"say \\\"hi\\\"\"", "say \"hi\"", true),
            Case("\"tab\\there\"", "tab\there", true),
            Case("\"\\u00e9t\\u00e9\"", "été", true),
            Case("\"été\"", "été", true),
            Case("\"gold\"", 5, false),
        ])
    }

    func testStringsWithCommasInsideQuotes() {
        check([
            Case("\"Smith, John\"", "Smith, John", true),
            Case("\"Smith, John\"", "Smith", false),
            Case("\"a,b\",\"c\"", "a,b", true),
            Case("\"a,b\",\"c\"", "c", true),
            Case("\"a,b\",\"c\"", "a", false),
            Case("\"a,b\",\"c\"", "b", false),
        ])
    }

    func testBooleanAndNullLiterals() {
        check([
            Case("true", true, true),
            Case("true", false, false),
            Case("false", false, true),
            Case("true", "true", false),
            Case("null", nil, true),
            Case("null", 0, false),
            Case("null", "", false),
        ])
    }

    func testComparisons() {
        check([
            Case("< 10", 9, true),
            Case("< 10", 10, false),
            Case("<= 10", 10, true),
            Case("<= 10", 10.5, false),
            Case("> 10", 11, true),
            Case("> 10", 10, false),
            Case(">= 10", 10, true),
            Case(">= 10", 9.99, false),
            Case("= 10", 10, true),
            Case("= 10", 11, false),
            Case("!= 10", 11, true),
            Case("!= 10", 10, false),
            Case("!= 10", nil, true),
            Case("< -1", -2, true),
            Case("< -1", 0, false),
            Case(">=10", 12, true),
            Case("< \"m\"", "apple", true),
            Case("< \"m\"", "zebra", false),
            Case("!= \"gold\"", "silver", true),
            Case("!= \"gold\"", "gold", false),
        ])
    }

    func testComparisonWithOtherKindDoesNotMatch() {
        check([
            Case("< 10", "5", false),
            Case("< 10", nil, false),
            Case("> 10", true, false),
            Case("< \"m\"", 5, false),
        ])
    }

    func testClosedRange() {
        check([
            Case("[1..10]", 1, true),
            Case("[1..10]", 10, true),
            Case("[1..10]", 5.5, true),
            Case("[1..10]", 0.99, false),
            Case("[1..10]", 10.01, false),
            Case("[1..10]", nil, false),
            Case("[1..10]", "5", false),
            Case("[-5..-1]", -3, true),
            Case("[-5..-1]", 0, false),
            Case("[\"a\"..\"c\"]", "b", true),
            Case("[\"a\"..\"c\"]", "d", false),
        ])
    }

    func testOpenRanges() {
        check([
            Case("(1..10)", 1, false),
            Case("(1..10)", 2, true),
            Case("(1..10)", 10, false),
            Case("]1..10[", 1, false),
            Case("]1..10[", 9.5, true),
            Case("]1..10[", 10, false),
            Case("[1..10)", 1, true),
            Case("[1..10)", 10, false),
            Case("(1..10]", 1, false),
            Case("(1..10]", 10, true),
            Case("[1..10[", 10, false),
            Case("]1..10]", 10, true),
        ])
    }

    func testRangesWithSpaces() {
        check([
            Case("[ 1 .. 10 ]", 5, true),
            Case("[1 ..10]", 11, false),
        ])
    }

    func testListsOfTests() {
        check([
            Case("\"gold\",\"silver\"", "silver", true),
            Case("\"gold\", \"silver\"", "bronze", false),
            Case("<5, >10", 3, true),
            Case("<5, >10", 12, true),
            Case("<5, >10", 7, false),
            Case("[1..3], [7..9], 20", 8, true),
            Case("[1..3], [7..9], 20", 20, true),
            Case("[1..3], [7..9], 20", 5, false),
            Case("null, 0", nil, true),
            Case("null, 0", 1, false),
        ])
    }

    func testNegatedTests() {
        check([
            Case("not(\"gold\")", "silver", true),
            Case("not(\"gold\")", "gold", false),
            Case("not(\"gold\", \"silver\")", "silver", false),
            Case("not(\"gold\", \"silver\")", "bronze", true),
            Case("not([1..10])", 11, true),
            Case("not([1..10])", 5, false),
            Case("not (< 5)", 7, true),
            Case("not(null)", 1, true),
            Case("not(null)", nil, false),
        ])
    }

    /// FEEL's null is neither true nor false, so negating an impossible comparison still
    /// does not match.
    func testNegatedIncomparableTestDoesNotMatch() {
        check([
            Case("not(< 5)", "text", false),
            Case("not([1..10])", nil, false),
        ])
    }

    func testDates() {
        check([
            Case("date(\"2024-01-01\")", "2024-01-01", true),
            Case("date(\"2024-01-01\")", "2024-01-02", false),
            Case("< date(\"2024-01-01\")", "2023-12-31", true),
            Case("< date(\"2024-01-01\")", "2024-01-01", false),
            Case(">= date(\"2024-01-01\")", "2024-01-01", true),
            Case("[date(\"2024-01-01\")..date(\"2024-12-31\")]", "2024-06-15", true),
            Case("[date(\"2024-01-01\")..date(\"2024-12-31\")]", "2025-01-01", false),
            Case("[date(\"2024-01-01\")..date(\"2024-12-31\")]", "not a date", false),
            Case("< date(\"2024-01-01\")", 20_231_231, false),
            Case("@\"2024-02-29\"", "2024-02-29", true),
        ])
    }

    /// A date compared with a date-time stands for its midnight in UTC.
    func testDateAndTime() {
        check([
            Case("< date and time(\"2024-01-01T12:00:00Z\")", "2024-01-01T11:59:59Z", true),
            Case("< date and time(\"2024-01-01T12:00:00Z\")", "2024-01-01T12:00:00Z", false),
            Case("date and time(\"2024-01-01T12:00:00+02:00\")", "2024-01-01T10:00:00Z", true),
            Case("> date and time(\"2024-01-01T00:00:00\")", "2024-01-01T00:00:01", true),
            Case("< date and time(\"2024-01-01T12:00:00Z\")", "2024-01-01", true),
            Case("> date(\"2024-01-01\")", "2024-01-01T00:00:01Z", true),
            Case("> date(\"2024-01-01\")", "2024-01-01T00:00:00Z", false),
            Case(
                "[date and time(\"2024-01-01T09:00:00Z\")..date and time(\"2024-01-01T17:00:00Z\")]",
                "2024-01-01T13:30:00.5Z", true),
        ])
    }

    func testNamesAsEndpoints() {
        let context: [String: DMNValue] = ["limit": 100, "customer": ["tier": "gold"]]
        check(
            [
                Case("< limit", 99, true),
                Case("< limit", 100, false),
                Case("[0..limit]", 100, true),
                Case("customer.tier", "gold", true),
                Case("customer.tier", "silver", false),
                Case("< missing", 1, false),
                Case("limit * 2", 200, true),
            ], context: context)
    }
}
