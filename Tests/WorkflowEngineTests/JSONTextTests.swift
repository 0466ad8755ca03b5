import Foundation
import XCTest

@testable import WorkflowEngine

/// `JSONWriter` (behind `jsonText` and `prettyText`) and `JSONReader` on text that is easy to
/// get wrong: escapes, surrogate pairs, NUL, number forms and key order.
final class JSONTextTests: XCTestCase {
    /// Strings whose escaping differs: quote, backslash, every control character, DEL,
    /// line separators, a combining accent, and characters outside the BMP.
    private let trickyStrings: [String] = [
        "", "plain", "quote \" inside", "back\\slash", "\u{0}nul", "tab\tnew\nline\rreturn",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "del \u{7F}",
        "line\u{2028}separator\u{2029}", "e\u{301} decomposed", "é precomposed", "emoji 😀 🇩🇪",
        "Müller & Söhne <tag> 'single'", "/slash", "\u{FFFF} last of the BMP", "𝄞 clef",
    ]

    func testStringsRenderWithMinimalEscapes() {
        XCTAssertEqual(JSONValue.string("a\"b\\c").jsonText, #""a\"b\\c""#)
        XCTAssertEqual(JSONValue.string("\n\r\t").jsonText, #""\n\r\t""#)
        XCTAssertEqual(JSONValue.string("\u{0}\u{1}\u{8}\u{C}\u{1F}").jsonText, #""\u0000\u0001\u0008\u000c\u001f""#)
        XCTAssertEqual(JSONValue.string("\u{7F}é😀/").jsonText, "\"\u{7F}é😀/\"")
    }

    func testTrickyStringsRoundTrip() throws {
        for string in trickyStrings {
            let text = JSONValue.string(string).jsonText

            XCTAssertTrue(try JSONValue.parse(text).stringValue!.unicodeScalars.elementsEqual(string.unicodeScalars), text)
        }
    }

    func testTrickyKeysRoundTripAndSort() throws {
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: trickyStrings.enumerated().map { ($1, .number(Double($0))) }))
        let text = object.jsonText

        XCTAssertEqual(try JSONValue.parse(text), object)
        XCTAssertEqual(text, "{" + trickyStrings.sorted().map { key in
            JSONValue.string(key).jsonText + ":" + JSONValue.number(object[key]!.numberValue!).jsonText
        }.joined(separator: ",") + "}")
    }

    func testNumbersRender() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (1.5, "1.5"), (-2.25, "-2.25"),
            (999_999_999_999_999, "999999999999999"), (-999_999_999_999_999, "-999999999999999"),
            (1e15, "1000000000000000.0"), (1e21, "1e+21"), (1e-7, "1e-07"), (0.1, "0.1"), (1e300, "1e+300"),
            (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
        ]
        for (number, text) in cases {
            XCTAssertEqual(JSONValue.number(number).jsonText, text, "\(number)")
        }
    }

    func testNumbersParse() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("7", 7), ("-7", -7), ("123456789012345", 123_456_789_012_345),
            ("-123456789012345", -123_456_789_012_345), ("1234567890123456", 1_234_567_890_123_456),
            ("12345678901234567890", 1.2345678901234567890e19), ("1.5", 1.5), ("1e2", 100), ("1E-2", 0.01),
            ("-0.0", -0.0), ("9007199254740993", 9.007199254740993e15),
        ]
        for (text, expected) in cases {
            let parsed = try XCTUnwrap(try JSONValue.parse(text).numberValue, text)

            XCTAssertEqual(parsed, expected, text)
            XCTAssertEqual(parsed.sign, expected.sign, "sign of \(text)")
        }
    }

    func testInvalidNumbersAreRejected() {
        for text in ["-", "01", "-01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1_000"] {
            XCTAssertThrowsError(try JSONValue.parse(text), text)
        }
    }

    func testEscapesParse() throws {
        XCTAssertEqual(try JSONValue.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONValue.parse(#""\u0000""#), .string("\u{0}"))
        XCTAssertEqual(try JSONValue.parse(#""\/\b\f\n\r\t\"\\""#), .string("/\u{8}\u{C}\n\r\t\"\\"))
        XCTAssertEqual(try JSONValue.parse(#""a\u00e9b""#), .string("aéb"))
    }

    func testUnpairedSurrogatesAreRejected() {
        for text in [#""\ud83d""#, #""\ud83dx""#, #""\ude00""#, #""\ud83d\u0041""#] {
            XCTAssertThrowsError(try JSONValue.parse(text), text)
        }
    }

    func testLiteralsParseAndRejectPrefixes() throws {
        XCTAssertEqual(try JSONValue.parse(" true "), .bool(true))
        XCTAssertEqual(try JSONValue.parse("false"), .bool(false))
        XCTAssertEqual(try JSONValue.parse("null"), .null)
        for text in ["tru", "nul", "falsy", "trueish", "n"] {
            XCTAssertThrowsError(try JSONValue.parse(text), text)
        }
    }

    func testPrettyTextIndentsTwoSpaces() {
        let value: JSONValue = ["b": [1, ["c": []]], "a": [:], "d": "x"]

        XCTAssertEqual(value.prettyText, """
            {
              "a": {},
              "b": [
                1,
                {
                  "c": []
                }
              ],
              "d": "x"
            }
            """)
    }

    func testNestedValuesRoundTripInBothForms() throws {
        let value: JSONValue = [
            "lines": .array((0..<50).map { index -> JSONValue in
                ["sku": .string("SKU-\(index)"), "price": .number(Double(index) + 0.5), "tags": ["a", "b"]]
            }),
            "nested": ["deeper": ["deepest": [nil, true, false, -0.125]]],
            "text": .string(trickyStrings.joined(separator: "|")),
        ]

        XCTAssertEqual(try JSONValue.parse(value.jsonText), value)
        XCTAssertEqual(try JSONValue.parse(value.prettyText), value)
    }
}
