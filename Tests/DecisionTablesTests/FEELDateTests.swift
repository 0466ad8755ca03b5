import XCTest

@testable import DecisionTables

/// ISO 8601 dates and date-times: what is accepted, and how they order.
final class FEELDateTests: XCTestCase {
    func testDateParsesValidDays() {
        XCTAssertEqual(FEELDate(iso: "2024-02-29")?.isoText, "2024-02-29")
        XCTAssertEqual(FEELDate(iso: "2000-02-29")?.isoText, "2000-02-29")
        XCTAssertEqual(FEELDate(iso: "0001-01-01")?.isoText, "0001-01-01")
        XCTAssertEqual(FEELDate(iso: "9999-12-31")?.isoText, "9999-12-31")
    }

    func testDateRejectsInvalidText() {
        for text in [
            "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-01",
            "24-01-01", "2024/01/01", "2024-01-01T00:00:00", "", "0000-01-01", "+2024-01-01",
            "2024-01-0a",
        ] {
            XCTAssertNil(FEELDate(iso: Substring(text)), text)
        }
    }

    func testDaysSinceEpoch() {
        XCTAssertEqual(FEELDate(iso: "1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(FEELDate(iso: "1970-01-02")?.daysSinceEpoch, 1)
        XCTAssertEqual(FEELDate(iso: "1969-12-31")?.daysSinceEpoch, -1)
        XCTAssertEqual(FEELDate(iso: "2000-03-01")?.daysSinceEpoch, 11_017)
        XCTAssertEqual(FEELDate(iso: "2024-01-01")?.daysSinceEpoch, 19_723)
    }

    func testDateTimeParsesOffsetsAndFractions() {
        XCTAssertEqual(
            FEELDateTime(iso: "2024-01-31T09:30:00Z")?.isoText, "2024-01-31T09:30:00Z")
        XCTAssertEqual(
            FEELDateTime(iso: "2024-01-31T09:30:00-05:00")?.isoText, "2024-01-31T09:30:00-05:00")
        XCTAssertEqual(FEELDateTime(iso: "2024-01-31T09:30")?.isoText, "2024-01-31T09:30:00")
        XCTAssertEqual(
            FEELDateTime(iso: "2024-01-31T09:30:05.125Z")?.isoText, "2024-01-31T09:30:05.125Z")
        XCTAssertEqual(FEELDateTime(iso: "2024-01-31")?.isoText, "2024-01-31T00:00:00")
    }

    func testDateTimeRejectsInvalidText() {
        for text in [
            "2024-01-31T24:00:00", "2024-01-31T09:60:00", "2024-01-31T09:30:60",
            "2024-01-31T9:30:00", "2024-01-31T09:30:00+19:00", "2024-01-31T09:30:00@Europe/Paris",
            "2024-01-31 09:30:00", "2024-01-31T", "2024-01-31T09:30:00.Z",
        ] {
            XCTAssertNil(FEELDateTime(iso: Substring(text)), text)
        }
    }

    func testOffsetsCompareByInstant() throws {
        let a = try XCTUnwrap(FEELValue.temporal(fromISO: "2024-01-01T12:00:00+01:00"))
        let b = try XCTUnwrap(FEELValue.temporal(fromISO: "2024-01-01T11:00:00Z"))

        XCTAssertEqual(FEELComparison.order(a, b), 0)
    }

    func testDateOrdersBeforeLaterDateTime() throws {
        let date = FEELValue.date(try XCTUnwrap(FEELDate(iso: "2024-01-01")))
        let dateTime = try XCTUnwrap(FEELValue.temporal(fromISO: "2024-01-01T00:00:01Z"))

        XCTAssertEqual(FEELComparison.order(date, dateTime), -1)
        XCTAssertEqual(FEELComparison.order(dateTime, date), 1)
    }
}
