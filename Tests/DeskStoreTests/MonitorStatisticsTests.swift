@testable import DeskStore
import DeskTestSupport
import Foundation
import XCTest

/// The robust statistics and the daily series the detector stands on.
final class MonitorStatisticsTests: XCTestCase {
    func testMedianOfOddEvenAndEmptyInputs() {
        XCTAssertEqual(RobustStatistics.median([3, 1, 2]), 2)
        XCTAssertEqual(RobustStatistics.median([4, 1, 3, 2]), 2.5)
        XCTAssertNil(RobustStatistics.median([]))
    }

    func testMadIgnoresOneWildValueAndIsScaled() {
        // Deviations from the median 3 are 2, 1, 0, 1, 97: their median is 1.
        XCTAssertEqual(RobustStatistics.mad([1, 2, 3, 4, 100])!, 1.4826, accuracy: 1e-12)
        XCTAssertEqual(RobustStatistics.mad([5, 5, 5]), 0)
    }

    func testTheilSenRecoversALineDespiteAnOutlier() throws {
        let x = (0..<10).map(Double.init)
        var y = x.map { 2 * $0 + 1 }
        y[5] = 100
        let line = try XCTUnwrap(RobustStatistics.theilSen(x: x, y: y))
        XCTAssertEqual(line.slope, 2, accuracy: 1e-12)
        XCTAssertEqual(line.intercept, 1, accuracy: 1e-12)
        XCTAssertNil(RobustStatistics.theilSen(x: [1], y: [1]))
    }

    func testPoissonUpperTail() {
        XCTAssertEqual(RobustStatistics.poissonUpperTail(atLeast: 1, lambda: 1), 1 - exp(-1), accuracy: 1e-12)
        XCTAssertEqual(RobustStatistics.poissonUpperTail(atLeast: 0, lambda: 3), 1)
        XCTAssertLessThan(RobustStatistics.poissonUpperTail(atLeast: 20, lambda: 2), 1e-9)
    }

    func testSeveralSamplesADayBecomeTheirMedianAndMissingDaysStayMissing() {
        let series = DailySeries(device: "LPT-0001", metric: .bootSeconds,
                                 samples: [(3, 40), (1, 30), (1, 90), (1, 31), (3, 44), (5, .nan)])
        XCTAssertEqual(series.days, [1, 3])
        XCTAssertEqual(series.values, [31, 42])
        XCTAssertEqual(series[3], 42)
        XCTAssertNil(series[2])
        XCTAssertNil(series[5], "a non-finite sample is dropped, not stored")
        XCTAssertEqual(series.positions(in: 2...3), 1..<2)
    }

    func testTimestampsAreBucketedByUTCDay() {
        let day = 20_000
        let series = DailySeries(device: "LPT-0001", metric: .loginSeconds, timestamped: [
            (TelemetryDay.date(of: day).addingTimeInterval(60), 10),
            (TelemetryDay.date(of: day).addingTimeInterval(86_399), 20),
            (TelemetryDay.date(of: day).addingTimeInterval(-1), 99),
        ])
        XCTAssertEqual(series.days, [day - 1, day])
        XCTAssertEqual(series[day], 15)
        XCTAssertEqual(TelemetryDay.weekday(of: 0), 3, "1970-01-01 was a Thursday")
        XCTAssertEqual(TelemetryDay.weekday(of: -1), 2)
    }

    func testMetricDirectionsAndFamilies() {
        XCTAssertEqual(TelemetryMetric.diskFreePercent.worseDirection, .lowerIsWorse)
        XCTAssertEqual(TelemetryMetric.bootSeconds.worseDirection, .higherIsWorse)
        XCTAssertEqual(TelemetryMetric.diskFreePercent.worsening(from: 50, to: 40), 10)
        XCTAssertEqual(TelemetryMetric.cpuPercent.worsening(from: 50, to: 40), -10)
        XCTAssertEqual(Set(TelemetryMetric.allCases.map(\.rawValue)),
                       ["boot_s", "login_s", "cpu_pct", "mem_pct", "disk_free_pct", "app_start_s", "crashes"])
    }

    func testTheSyntheticFleetIsDeterministicForASeed() {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        let a = SyntheticFleet.generate(deviceCount: 5, using: &first)
        let b = SyntheticFleet.generate(deviceCount: 5, using: &second)
        XCTAssertEqual(a.series, b.series)
        XCTAssertEqual(a.injections, b.injections)
        XCTAssertEqual(a.series.count, 5 * TelemetryMetric.allCases.count)
    }
}
