@testable import DeskStore
import DeskTestSupport
import Foundation
import XCTest

/// The detector scored on a synthetic fleet with a known answer key, replaying a daily scan
/// over the last 40 days. `make bench` can report the same figures at 1,000 devices.
final class MonitorEvaluationTests: XCTestCase {
    func testDetectorMeetsItsFloorsOnASyntheticFleet() {
        let seed = UInt64(ProcessInfo.processInfo.environment["DESK_TEST_SEED"] ?? "") ?? 20_261_204
        print("MonitorEvaluationTests seed \(seed) (set DESK_TEST_SEED to repeat)")
        var rng = SplitMix64(seed: seed)
        let fleet = SyntheticFleet.generate(deviceCount: 300, using: &rng)
        let outcome = DetectorEvaluation.run(fleet, detector: DegradationDetector(), scanDays: 50...89)
        print(outcome.summary)
        for alarm in outcome.falseAlarms.prefix(10) {
            print("  false alarm: \(alarm.fingerprint) \(alarm.kind) day \(alarm.detectedOn) since \(alarm.since) "
                + String(format: "%.2f → %.2f (%+.0f%%)", alarm.baseline, alarm.current, alarm.relativeChange * 100))
        }
        XCTAssertGreaterThan(outcome.recallTally.total, 50, "the fleet has enough ≥ 25 % injections to score")
        // Floors a little below the measured figures: a detector change that loses them fails here.
        XCTAssertGreaterThanOrEqual(outcome.precision, 0.9)
        XCTAssertGreaterThanOrEqual(outcome.recall, 0.85)
        XCTAssertLessThanOrEqual(outcome.medianDelay ?? .infinity, 3)
    }
}
