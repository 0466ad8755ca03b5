import XCTest

@testable import DecisionTables

/// FEEL text that does not compile gets a syntax error at the right character, or an
/// unsupported error that names the feature.
final class FEELSyntaxTests: XCTestCase {
    private func syntaxError(
        unaryTests text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> (position: Int, reason: String)? {
        do {
            _ = try FEELParser.parseUnaryTests(text)
            XCTFail("'\(text)' compiled, expected a syntax error", file: file, line: line)
        } catch FEELError.syntax(let position, let reason) {
            return (position, reason)
        } catch {
            XCTFail("'\(text)' threw \(error), expected a syntax error", file: file, line: line)
        }
        return nil
    }

    private func unsupportedFeature(
        _ text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> String? {
        do {
            _ = try FEELParser.parseUnaryTests(text)
            XCTFail("'\(text)' compiled, expected unsupported", file: file, line: line)
        } catch FEELError.unsupported(let feature) {
            return feature
        } catch {
            XCTFail("'\(text)' threw \(error), expected unsupported", file: file, line: line)
        }
        return nil
    }

    func testUnclosedRangeReportsEnd() {
        let error = syntaxError(unaryTests: "[1..")

        XCTAssertEqual(error?.position, 5)
        XCTAssertEqual(error?.reason, "expected a value, found the end of the text")
    }

    func testRangeWithoutDotsNamesTheForm() {
        let error = syntaxError(unaryTests: "[1 10]")

        XCTAssertEqual(error?.position, 4)
        XCTAssertEqual(
            error?.reason,
            "expected '..' after the start of the range; write a range as [1..10], found the "
                + "number 10")
    }

    func testRangeWithWrongClosingBracket() {
        let error = syntaxError(unaryTests: "[1..10}")

        XCTAssertEqual(error?.position, 7)
        XCTAssertEqual(error?.reason, "unexpected character '}'")
    }

    func testUnclosedStringReportsItsStart() {
        let error = syntaxError(unaryTests: "\"gold\", \"silver")

        XCTAssertEqual(error?.position, 9)
        XCTAssertEqual(error?.reason, "the string is not closed; add a '\"' at its end")
    }

    func testUnknownEscapeIsRejected() {
        let error = syntaxError(unaryTests: "\"a\\qb\"")

        XCTAssertEqual(error?.position, 3)
    }

    func testComparisonWithoutOperand() {
        let error = syntaxError(unaryTests: "< ")

        XCTAssertEqual(error?.position, 3)
        XCTAssertEqual(error?.reason, "expected a value, found the end of the text")
    }

    func testTrailingCommaIsRejected() {
        let error = syntaxError(unaryTests: "\"a\",")

        XCTAssertEqual(error?.position, 5)
    }

    func testTwoValuesWithoutCommaAreRejected() {
        let error = syntaxError(unaryTests: "1 2")

        XCTAssertEqual(error?.position, 3)
        XCTAssertEqual(error?.reason, "unexpected the number 2")
    }

    func testUnclosedNotIsRejected() {
        let error = syntaxError(unaryTests: "not(\"a\"")

        XCTAssertEqual(error?.position, 8)
    }

    func testInvalidDateLiteralIsRejected() {
        let error = syntaxError(unaryTests: "< date(\"2024-02-30\")")

        XCTAssertEqual(error?.position, 3)
        XCTAssertEqual(
            error?.reason,
            "\"2024-02-30\" is not a valid date; write date(\"YYYY-MM-DD\")")
    }

    func testDateWithWrongArgumentCount() {
        let error = syntaxError(unaryTests: "date(\"2024-01-01\", 2)")

        XCTAssertEqual(error?.reason, "date() takes 1 or 3 arguments, not 2")
    }

    func testQuestionMarkPlaceholderIsUnsupported() {
        let feature = unsupportedFeature("? > 5")

        XCTAssertEqual(
            feature,
            "the '?' placeholder for the input value; write the test without it, such as "
                + "'> 5' or '[1..10]'")
    }

    func testUnknownFunctionIsUnsupported() {
        let feature = unsupportedFeature("starts with(\"a\")")

        XCTAssertEqual(
            feature, "the function 'starts with'; only date() and date and time() are available")
    }

    func testListLiteralIsUnsupported() {
        let feature = unsupportedFeature("[1, 2, 3]")

        XCTAssertEqual(
            feature, "list literals; list the values as separate tests, such as \"a\",\"b\"")
    }

    func testContextLiteralIsUnsupported() {
        XCTAssertEqual(unsupportedFeature("{a: 1}"), "context literals such as {a: 1}")
    }

    func testLogicalOperatorIsUnsupported() {
        let feature = unsupportedFeature("x and y")

        XCTAssertEqual(
            feature,
            "the operator 'and' (in 'x and y'); split the condition into separate input "
                + "columns, or rename the variable")
    }

    func testComparisonInsideExpressionIsUnsupported() {
        do {
            _ = try FEELParser.parseExpression("amount > 100")
            XCTFail("expected unsupported")
        } catch FEELError.unsupported(let feature) {
            XCTAssertTrue(feature.hasPrefix("the comparison '>' inside an expression"), feature)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testEmptyExpressionIsSyntaxError() {
        XCTAssertThrowsError(try FEELParser.parseExpression("  ")) { error in
            XCTAssertEqual(
                error as? FEELError,
                .syntax(position: 3, reason: "expected a value, found the end of the text"))
        }
    }

    func testLiteralListRejectsNames() {
        XCTAssertThrowsError(try FEELParser.parseLiterals("\"high\", level")) { error in
            guard case .syntax(let position, _)? = error as? FEELError else {
                return XCTFail("expected a syntax error, got \(error)")
            }
            XCTAssertEqual(position, 9)
        }
    }

    func testDeepNestingIsRejected() {
        let text = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)

        let error = syntaxError(unaryTests: text)

        XCTAssertEqual(error?.reason, "the expression nests more than 64 levels deep; simplify it")
    }

    func testLongChainOfSignsIsRejected() {
        let error = syntaxError(unaryTests: String(repeating: "-", count: 500) + "1")

        XCTAssertEqual(error?.reason, "the expression nests more than 64 levels deep; simplify it")
    }

    func testNestingWithinLimitCompiles() throws {
        let text = String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40)

        XCTAssertEqual(try FEELParser.parseExpression(text), .literal(.number(1)))
    }
}
