@testable import DeskStore
import Foundation
import DeskTestSupport
import XCTest

/// ISO 8601 reading and writing of `Timestamp` (UTC, one-second precision).
final class TimestampTests: XCTestCase {
    func testParsesUTC() {
        XCTAssertEqual(Timestamp(iso: "2026-11-23T14:05:00Z")?.seconds, 1_795_442_700)
        XCTAssertEqual(Timestamp(iso: "1970-01-01T00:00:00Z")?.seconds, 0)
        XCTAssertEqual(Timestamp(iso: "1969-12-31T23:59:59Z")?.seconds, -1)
        XCTAssertEqual(Timestamp(iso: "2026-11-23t14:05:00z")?.seconds, 1_795_442_700, "lower-case t and z")
        XCTAssertEqual(Timestamp(iso: "2026-11-23 14:05:00Z")?.seconds, 1_795_442_700, "space separator")
    }

    func testDateOnlyIsMidnightUTC() {
        XCTAssertEqual(Timestamp(iso: "2026-11-24")?.seconds, 1_795_478_400)
    }

    func testOffsetsAreConvertedToUTC() {
        XCTAssertEqual(Timestamp(iso: "2026-11-23T15:05:00+01:00")?.description, "2026-11-23T14:05:00Z")
        XCTAssertEqual(Timestamp(iso: "2026-11-23T08:35:00-05:30")?.description, "2026-11-23T14:05:00Z")
        XCTAssertEqual(Timestamp(iso: "2026-11-23T14:05:00+00:00")?.description, "2026-11-23T14:05:00Z")
        XCTAssertEqual(Timestamp(iso: "2026-11-24T00:30:00+10:30")?.description, "2026-11-23T14:00:00Z", "crosses midnight")
        XCTAssertEqual(Timestamp(iso: "2026-12-31T23:00:00-01:00")?.description, "2027-01-01T00:00:00Z", "crosses a year")
    }

    func testFractionsOfASecondAreDropped() {
        XCTAssertEqual(Timestamp(iso: "2026-11-23T14:05:00.999Z")?.description, "2026-11-23T14:05:00Z")
        XCTAssertEqual(Timestamp(iso: "2026-11-23T15:05:00.123456789+01:00")?.description, "2026-11-23T14:05:00Z")
        XCTAssertNil(Timestamp(iso: "2026-11-23T14:05:00.Z"), "a dot needs digits")
    }

    func testLeapYears() {
        XCTAssertEqual(Timestamp(iso: "2024-02-29T00:00:00Z")?.seconds, 1_709_164_800)
        XCTAssertEqual(Timestamp(iso: "2000-02-29T12:00:00Z")?.seconds, 951_825_600, "divisible by 400")
        XCTAssertNil(Timestamp(iso: "2026-02-29T00:00:00Z"))
        XCTAssertNil(Timestamp(iso: "1900-02-29T00:00:00Z"), "divisible by 100, not 400")
        XCTAssertEqual(Timestamp(iso: "2024-03-01T00:00:00Z").map { $0.seconds - 1_709_164_800 }, 86_400)
    }

    func testLeapSecondRollsIntoTheNextMinute() {
        XCTAssertEqual(Timestamp(iso: "2016-12-31T23:59:60Z")?.description, "2017-01-01T00:00:00Z")
    }

    func testRejectsInvalidText() {
        for text in [
            "", "yesterday", "2026", "2026-11", "2026-1-5", "26-11-23", "2026/11/23", "2026-11-23T", "2026-11-23T14:05Z",
            "2026-11-23T14:05:00", "2026-11-23T14:05:00ZZ", "2026-11-23T14:05:00Zx", "2026-11-23T14:05:00 Z",
            "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
            "2026-11-00T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T12:60:00Z", "2026-11-23T12:00:61Z",
            "2026-11-23T14:05:00+0100", "2026-11-23T14:05:00+01", "2026-11-23T14:05:00+24:00", "2026-11-23T14:05:00+01:60",
            "2026-11-23X14:05:00Z", "+2026-11-23T14:05:00Z", " 2026-11-23T14:05:00Z", "2026-11-23T14:05:00Z ",
            "２０２６-11-23T14:05:00Z", "2026-11-23T14:05:00\u{0}Z",
        ] {
            XCTAssertNil(Timestamp(iso: text), text.debugDescription)
        }
    }

    func testFormatsFourDigitYearsAndPadding() {
        XCTAssertEqual(Timestamp(seconds: 0).description, "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: -1).description, "1969-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp(seconds: 1_795_442_700 + 3_599).description, "2026-11-23T15:04:59Z")
        XCTAssertEqual(Timestamp(seconds: Timestamp.minSeconds).description, "0000-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: Timestamp.maxSeconds).description, "9999-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp.maxSeconds, 253_402_300_799)
        XCTAssertEqual(Timestamp.minSeconds, -62_167_219_200)
    }

    func testOffsetsCannotLeaveTheFourDigitYears() {
        XCTAssertNotNil(Timestamp(iso: "0000-01-01T00:00:00Z"))
        XCTAssertNil(Timestamp(iso: "0000-01-01T00:00:00+01:00"), "would be year -1")
        XCTAssertNotNil(Timestamp(iso: "9999-12-31T23:59:59Z"))
        XCTAssertNil(Timestamp(iso: "9999-12-31T23:00:00-01:00"), "would be year 10000")
    }

    func testFormatThenParseIsIdentityOverTheWholeRange() {
        let seed = TestSeed.value(fallback: 0x7143_57A3)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let time = Timestamp(seconds: Int64.random(in: Timestamp.minSeconds...Timestamp.maxSeconds, using: &rng))
            guard Timestamp(iso: time.description) == time else {
                return XCTFail("seed \(seed) (rerun with DESK_TEST_SEED=\(seed)): \(time.seconds) → \(time) does not read back")
            }
        }
    }

    func testAgreesWithFoundationAcrossFourCenturies() throws {
        // 1900 to 2300 in steps of three days and an hour and a bit, so every month, leap day and hour comes up.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var day = try XCTUnwrap(Timestamp(iso: "1900-01-01T12:34:56Z"))
        while day.description < "2300" {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: day.date)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? 0, parts.month ?? 0,
                                  parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
            guard day.description == expected else { return XCTFail("\(day.seconds): \(day) but Foundation says \(expected)") }
            day = Timestamp(seconds: day.seconds + 3 * 86_400 + 3_607)
        }
    }

    func testOrdering() {
        let earlier = Timestamp(seconds: 10)
        let later = Timestamp(seconds: 11)
        XCTAssertLessThan(earlier, later)
        XCTAssertEqual([later, earlier].sorted(), [earlier, later])
        XCTAssertEqual(Timestamp(seconds: 1_795_442_700).date, Date(timeIntervalSince1970: 1_795_442_700))
    }
}
