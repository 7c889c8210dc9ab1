@testable import DeskStore
import DeskTestSupport
import XCTest

/// The detector on hand-made series: 90 days (day 0 a Monday), judged on day 89, with a fixed
/// ±5 % wobble so "flat" is not suspiciously perfect.
final class DegradationDetectorTests: XCTestCase {
    let detector = DegradationDetector()
    let now = 89

    /// `level(day)` times a deterministic wobble, for every day in `days` not in `missing`.
    func series(_ metric: TelemetryMetric, days: Range<Int> = 0..<90, missing: Set<Int> = [],
                wobble: Double = 0.05, _ level: (Int) -> Double) -> DailySeries {
        var rng = SplitMix64(seed: 42)
        var daily: [Int: Double] = [:]
        for day in days {
            let noise = (Double(rng.next() >> 11) * 0x1p-53 * 2 - 1) * wobble
            if !missing.contains(day) { daily[day] = level(day) * (1 + noise) }
        }
        return DailySeries(device: "LPT-0042", metric: metric, daily: daily)
    }

    func testAFlatSeriesHasNoFinding() {
        XCTAssertNil(detector.finding(in: series(.bootSeconds) { _ in 40 }, now: now))
        XCTAssertNil(detector.finding(in: series(.diskFreePercent) { _ in 40 }, now: now))
    }

    func testSingleDaySpikesDoNotTrigger() {
        for spikeDay in [89, 88, 85] {
            let spiky = series(.bootSeconds) { $0 == spikeDay ? 120 : 40 }
            XCTAssertNil(detector.finding(in: spiky, now: now), "spike on day \(spikeDay)")
        }
        let twoApart = series(.loginSeconds) { $0 == 86 || $0 == 89 ? 40 : 15 }
        XCTAssertNil(detector.finding(in: twoApart, now: now), "two separate bad days are not a trend")
    }

    func testAStepFiveDaysAgoIsALevelShiftWithItsStartDay() throws {
        let stepped = series(.bootSeconds) { $0 >= 85 ? 56 : 40 }
        let finding = try XCTUnwrap(detector.finding(in: stepped, now: now))
        XCTAssertEqual(finding.kind, .levelShift)
        XCTAssertEqual(Double(finding.since), 85, accuracy: 1)
        XCTAssertEqual(finding.relativeChange, 0.4, accuracy: 0.08)
        XCTAssertEqual(finding.baseline, 40, accuracy: 2)
        XCTAssertEqual(finding.detectedOn, now)
        XCTAssertEqual(finding.fingerprint, "LPT-0042|boot_s|slower")
    }

    func testAStepIsFoundOnItsFourthDayEvenWithWeekendsMissing() throws {
        let weekends = Set((0..<90).filter { $0 % 7 >= 5 })
        let stepped = series(.appStartSeconds, missing: weekends) { $0 >= 78 ? 4.2 : 3 }
        XCTAssertNil(detector.finding(in: stepped, now: 77))
        // Four working days (Tuesday to Friday) are enough; the weekend brings no evidence.
        let finding = try XCTUnwrap(detector.finding(in: stepped, now: 81))
        XCTAssertEqual(Double(finding.since), 78, accuracy: 1)
    }

    func testAGradualSlowdownIsATrend() throws {
        let slowing = series(.loginSeconds) { $0 >= 72 ? 15 * (1 + 0.02 * Double($0 - 71)) : 15 }
        let finding = try XCTUnwrap(detector.finding(in: slowing, now: now))
        XCTAssertEqual(finding.kind, .trend)
        XCTAssertGreaterThanOrEqual(finding.relativeChange, 0.2)
        XCTAssertLessThanOrEqual(finding.since, 80, "the slowdown was visible well before today")
        XCTAssertEqual(finding.fingerprint, "LPT-0042|login_s|slower", "trend and level shift share a fingerprint")
    }

    func testDiskFreeFallingIsDiskFilling() throws {
        let filling = series(.diskFreePercent, wobble: 0.01) { $0 >= 75 ? 50 - Double($0 - 74) : 50 }
        let finding = try XCTUnwrap(detector.finding(in: filling, now: now))
        XCTAssertEqual(finding.kind, .diskFilling)
        XCTAssertLessThan(finding.relativeChange, -0.2)
        XCTAssertEqual(finding.fingerprint, "LPT-0042|disk_free_pct|filling")
    }

    func testImprovementsAreNotDegradations() {
        XCTAssertNil(detector.finding(in: series(.diskFreePercent) { $0 >= 80 ? 70 : 40 }, now: now), "a cleanup")
        XCTAssertNil(detector.finding(in: series(.cpuPercent) { $0 >= 80 ? 10 : 30 }, now: now))
    }

    func testAMondayBumpAndPatchTuesdaysNeverTrigger() {
        // Day 0 is a Monday here; every second Tuesday is patch day.
        let weekly = series(.bootSeconds) { day in
            day % 7 == 0 ? 60 : day % 14 == 1 ? 70 : 40
        }
        for day in 45...89 {
            XCTAssertNil(detector.finding(in: weekly, now: day), "judged on day \(day)")
        }
    }

    func testACrashBurstIsFoundAndASingleBadDayIsNot() throws {
        let burst = series(.crashes, wobble: 0) { day in
            day >= 84 ? [4, 3, 5, 2, 4, 3][day - 84] : day % 9 == 0 ? 1 : 0
        }
        let finding = try XCTUnwrap(detector.finding(in: burst, now: now))
        XCTAssertEqual(finding.kind, .crashBurst)
        XCTAssertEqual(finding.since, 84)
        XCTAssertEqual(finding.fingerprint, "LPT-0042|crashes|crashing")
        XCTAssertGreaterThan(finding.current, 3)

        let oneBadDay = series(.crashes, wobble: 0) { day in day == 87 ? 12 : day % 9 == 0 ? 1 : 0 }
        XCTAssertNil(detector.finding(in: oneBadDay, now: now))
    }

    func testTooLittleHistoryIsNotJudged() {
        XCTAssertNil(detector.finding(in: series(.bootSeconds, days: 70..<90) { $0 >= 85 ? 80 : 40 }, now: now))
    }

    func testScanReturnsOneFindingPerDegradedSeries() {
        let findings = detector.scan([
            series(.bootSeconds) { _ in 40 },
            series(.bootSeconds) { $0 >= 85 ? 60 : 40 },
        ], now: now)
        XCTAssertEqual(findings.count, 1)
    }
}

/// Devices compared with the other laptops of their model.
final class FleetComparisonMonitorTests: XCTestCase {
    func fleet(_ levels: [Double], metric: TelemetryMetric = .bootSeconds) -> [DailySeries] {
        levels.enumerated().map { index, level in
            DailySeries(device: "LPT-\(index)", metric: metric,
                        daily: Dictionary(uniqueKeysWithValues: (76...89).map { ($0, level * (1 + 0.01 * Double($0 % 3))) }))
        }
    }

    func testTheSlowLaptopOfAModelStandsOut() throws {
        let series = fleet([40, 41, 39, 42, 40, 38, 60])
        let models = Dictionary(uniqueKeysWithValues: (0..<7).map { ("LPT-\($0)", "T14-G3") })
        let outliers = FleetComparison.outliers(series, models: models, now: 89)
        XCTAssertEqual(outliers.map(\.device), ["LPT-6"])
        XCTAssertEqual(try XCTUnwrap(outliers.first).relativeChange, 0.5, accuracy: 0.05)
    }

    func testLowDiskFreeIsWorseAndFewPeersAreNotCompared() {
        let series = fleet([50, 52, 48, 51, 49, 20], metric: .diskFreePercent)
        let models = Dictionary(uniqueKeysWithValues: (0..<6).map { ("LPT-\($0)", "XPS-13") })
        XCTAssertEqual(FleetComparison.outliers(series, models: models, now: 89).map(\.device), ["LPT-5"])
        XCTAssertEqual(FleetComparison.outliers(series, models: models, now: 89, minimumPeers: 7), [])
    }
}
