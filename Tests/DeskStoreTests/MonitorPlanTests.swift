@testable import DeskStore
import DeskTestSupport
import XCTest

/// The scan's rules without a desk: when a finding opens a ticket, updates one, waits, or a
/// ticket is called recovered; and the `monitor:` section of desk.yml.
final class MonitorPlanTests: XCTestCase {
    let planner = MonitorPlanner(policy: MonitorPolicy())
    let id = TicketID("T-00000001")!

    func finding(_ change: Double, device: String = "LPT-0042", metric: TelemetryMetric = .bootSeconds) -> DegradationFinding {
        DegradationFinding(device: device, metric: metric, kind: .levelShift, baseline: 40, current: 40 * (1 + change),
                           relativeChange: change, since: 80, detectedOn: 89)
    }

    func ticket(resolvedDay: Int? = nil, reported: Double? = 0.4) -> MonitorTicket {
        MonitorTicket(id: id, fingerprint: "LPT-0042|boot_s|slower", sinceDay: 80, resolvedDay: resolvedDay,
                      reportedChange: reported)
    }

    func plan(_ findings: [DegradationFinding], _ tickets: [MonitorTicket], recovered: Bool = false) -> [MonitorStep] {
        planner.plan(findings: findings, tickets: tickets, now: 89) { _, _ in recovered }
    }

    func testANewProblemOpensTheFirstEpisode() {
        XCTAssertEqual(plan([finding(0.4)], []), [.open(finding(0.4), episode: 1)])
    }

    func testAnOpenTicketIsNotOpenedAgainAndIsCommentedOnlyWhenClearlyWorse() {
        XCTAssertEqual(plan([finding(0.5)], [ticket()]), [.ongoing(id, finding(0.5))], "+10 points is not worse enough")
        XCTAssertEqual(plan([finding(0.7)], [ticket()]), [.worse(id, finding(0.7), previous: 0.4)])
        XCTAssertEqual(plan([finding(2.3)], [ticket(reported: 2.0)]), [.ongoing(id, finding(2.3))],
                       "past +100 % worse means a quarter more than last reported")
        XCTAssertEqual(plan([finding(0.4)], [ticket(reported: nil)]), [.worse(id, finding(0.4), previous: nil)],
                       "back after being reported recovered")
    }

    func testARecentRepairGetsTimeToShowAndThenANewEpisodeOpens() {
        XCTAssertEqual(plan([finding(0.4)], [ticket(resolvedDay: 86)]), [.settling(id, finding(0.4))])
        XCTAssertEqual(plan([finding(0.4)], [ticket(resolvedDay: 70)]), [.open(finding(0.4), episode: 2)])
    }

    func testRecoveryIsReportedForOpenTicketsWithoutAFindingOnlyOnce() {
        XCTAssertEqual(plan([], [ticket()], recovered: true), [.recovered(id, fingerprint: "LPT-0042|boot_s|slower")])
        XCTAssertEqual(plan([], [ticket()], recovered: false), [])
        XCTAssertEqual(plan([], [ticket(reported: nil)], recovered: true), [], "already reported recovered")
        XCTAssertEqual(plan([], [ticket(resolvedDay: 80)], recovered: true), [], "done tickets are left alone")
    }

    func testRecoveryNeedsTheMetricBackAtTheOldBaseline() {
        var rng = SplitMix64(seed: 1)
        var daily: [Int: Double] = [:]
        for day in 0..<90 {
            let noise = 1 + (Double(rng.next() >> 11) * 0x1p-53 * 2 - 1) * 0.05
            daily[day] = (day >= 60 && day < 75 ? 60 : 40) * noise
        }
        let repaired = DailySeries(device: "LPT-0042", metric: .bootSeconds, daily: daily)
        let detector = DegradationDetector()
        XCTAssertTrue(detector.hasRecovered(repaired, baselineDay: 60, now: 89, days: 7))
        XCTAssertFalse(detector.hasRecovered(repaired, baselineDay: 60, now: 74, days: 7), "still slow on day 74")
        XCTAssertFalse(detector.hasRecovered(repaired, baselineDay: 60, now: 78, days: 7), "only four good days by day 78")
    }

    func testSparklineDrawsOneMarkPerDayWithGaps() {
        let series = DailySeries(device: "D-1", metric: .bootSeconds, daily: [0: 10, 1: 20, 3: 30])
        XCTAssertEqual(Sparkline.draw(series, from: 0, through: 4), "▁▅·█·")
    }

    func testDeskYmlMonitorSection() throws {
        let config = try DeskConfigCodec.decode(Array("""
            monitor:
              change: 30%
              noise: 3
              persist: 3 of 4
              recovery_days: 5
              on_recovery: resolve
              worse_by: 50%
              urgency: low
              categories: { crashes: software/stability }
            """.utf8))
        XCTAssertEqual(config.monitor.detector.relativeThreshold, 0.3)
        XCTAssertEqual(config.monitor.detector.madMultiplier, 3)
        XCTAssertEqual(config.monitor.detector.persistenceDays, 3)
        XCTAssertEqual(config.monitor.detector.persistenceWindow, 4)
        XCTAssertEqual(config.monitor.recoveryDays, 5)
        XCTAssertEqual(config.monitor.onRecovery, .resolve)
        XCTAssertEqual(config.monitor.worseBy, 0.5)
        XCTAssertEqual(config.monitor.urgency, .low)
        XCTAssertEqual(config.monitor.category(for: .crashes), "software/stability")
        XCTAssertEqual(config.monitor.category(for: .diskFreePercent), "hardware/disk")
        XCTAssertEqual(try DeskConfigCodec.decode([]).monitor, MonitorPolicy(), "defaults without the section")

        for (bad, line) in [("monitor:\n  change: lots\n", 2), ("monitor:\n  persist: 6 of 5\n", 2),
                            ("monitor:\n  on_recovery: delete\n", 2), ("monitor:\n  categories: { fan: x }\n", 2),
                            ("monitor:\n  speed: 3\n", 2)] {
            XCTAssertThrowsError(try DeskConfigCodec.decode(Array(bad.utf8)), bad) { error in
                XCTAssertEqual((error as? FormatError)?.line, line, "\(error)")
            }
        }
    }
}
