import Foundation
import XCTest

@testable import WorkflowEngine

/// `ISO8601.format`, which computes the calendar fields with integer arithmetic, compared with
/// `gmtime_r` and `String(format:)` and with Foundation's calendar.
final class ISO8601FormatTests: XCTestCase {
    /// Formats with `gmtime_r` and `String(format:)`, the reference for `ISO8601.format`.
    private func referenceText(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        let fraction = Int(milliseconds - Double(seconds) * 1000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min),
            Int(parts.tm_sec), fraction)
    }

    func testFormatMatchesGmtimeOnEdgeDates() {
        let seconds: [Double] = [
            0, -1, -0.0005, -0.0004, 0.0005, 0.9995, 59.9996, -86_400, 86_399.999,
            951_782_400,  // 2000-02-29
            -2_203_891_200,  // 1900-03-01
            4_107_456_000,  // 2100-02-28
            4_107_542_400,  // 2100-03-01
            1_709_164_800,  // 2024-02-29
            -62_135_596_800,  // 0001-01-01
            -62_135_596_801,  // the last second of year 0
            -62_198_755_200,  // year -1
            253_402_300_799.999,  // 9999-12-31T23:59:59.999
            253_402_300_800,  // 10000-01-01
            1_698_710_400.25,
        ]
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)

            XCTAssertEqual(ISO8601.format(date), referenceText(date), "\(value) s")
        }
    }

    func testFormatMatchesGmtimeOnRandomDates() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)

            XCTAssertEqual(ISO8601.format(date), referenceText(date), "\(milliseconds) ms")
        }
    }

    func testFormatMatchesFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // Foundation's Gregorian calendar switches to the Julian calendar before 1582, so
            // the comparison stays after it.
            let seconds = Int64.random(in: -12_000_000_000...7_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds))
            let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.000Z", fields.year!, fields.month!, fields.day!,
                fields.hour!, fields.minute!, fields.second!)

            XCTAssertEqual(ISO8601.format(date), expected, "\(seconds) s")
        }
    }

    func testFormattedTextParsesBack() {
        let date = Date(timeIntervalSince1970: 1_767_225_600.123)
        let parsed = ISO8601.parseDate(ISO8601.format(date))

        XCTAssertEqual(try XCTUnwrap(parsed).timeIntervalSince1970, 1_767_225_600.123, accuracy: 0.000_001)
    }
}
