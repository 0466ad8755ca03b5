import Foundation
import XCTest

@testable import SQLiteStore

final class StoredDateTests: XCTestCase {
    func testFormatsUTCWithMilliseconds() {
        XCTAssertEqual(StoredDate.text(from: Date(timeIntervalSince1970: 1_714_564_800.123)), "2024-05-01T12:00:00.123Z")
        XCTAssertEqual(StoredDate.text(from: Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(StoredDate.text(from: Date(timeIntervalSince1970: -0.001)), "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(StoredDate.text(from: Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00.000Z")
    }

    func testRoundsToNearestMillisecond() {
        XCTAssertEqual(StoredDate.text(from: Date(timeIntervalSince1970: 1.0006)), "1970-01-01T00:00:01.001Z")
    }

    func testParsesWhatItFormats() {
        let date = Date(timeIntervalSince1970: 1_714_564_800.123)
        XCTAssertEqual(StoredDate.date(from: StoredDate.text(from: date)), date)
    }

    func testParsesIsoVariants() {
        let expected = "2024-05-01T12:00:00.000Z"
        for text in [
            "2024-05-01T12:00:00Z", "2024-05-01T12:00Z", "2024-05-01T12:00:00.000000Z", "2024-05-01T14:00:00+02:00",
            "2024-05-01T14:00:00+0200", "2024-05-01T09:30:00-02:30", "2024-05-01 12:00:00", "2024-05-01t12:00:00z",
            "2024-05-01T14:00+02",
        ] {
            XCTAssertEqual(StoredDate.normalized(text), expected, text)
        }
        XCTAssertEqual(StoredDate.normalized("2024-05-01"), "2024-05-01T00:00:00.000Z")
        XCTAssertEqual(StoredDate.normalized("2024-05-01T00:00:00.5Z"), "2024-05-01T00:00:00.500Z")
    }

    func testRejectsInvalidText() {
        for text in [
            "", "yesterday", "2024-5-1", "2024-02-30", "2023-02-29", "2024-13-01", "2024-05-01T24:00",
            "2024-05-01T12:60", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+2", "2024-05-01T12:00:00Zjunk",
            "2024-05-01T12", "2024-05-01T12:00:00+02:",
        ] {
            XCTAssertNil(StoredDate.date(from: text), text)
        }
    }

    func testTextOrderIsTimeOrder() {
        let dates = [-86_400_000.5, 0, 0.001, 59.999, 86_399.999, 1_714_564_800.123, 4_102_444_800].map {
            Date(timeIntervalSince1970: $0)
        }
        let texts = dates.map(StoredDate.text(from:))
        XCTAssertEqual(texts, texts.sorted())
    }
}
