import Foundation

/// Scores a detector against a synthetic fleet's answer key by replaying a daily scan: the
/// figures the quality bar asks for (precision, recall on ≥ 25 % changes, median delay), shared
/// by the evaluation test and `make bench`.
public struct DetectorEvaluation: Sendable {
    /// Detected out of total.
    public struct Tally: Sendable, Equatable {
        public var detected = 0
        public var total = 0
        /// detected / total, or 1 when there was nothing to detect.
        public var rate: Double { total == 0 ? 1 : Double(detected) / Double(total) }
    }

    /// Size buckets recall is reported by; the first is below the 25 % target.
    public static let sizeBuckets: [(label: String, range: Range<Double>)] = [
        ("10-25%", 0.0..<0.25), ("25-35%", 0.25..<0.35), ("35-45%", 0.35..<0.45), ("45-60%", 0.45..<1.0),
    ]

    /// Series with a finding that matches an injection (found on or after its start).
    public private(set) var truePositives = 0
    /// Series with a finding where nothing was injected, or before the injection started.
    public private(set) var falsePositives = 0
    /// Injections of at least 25 % that were found.
    public private(set) var recallTally = Tally()
    public private(set) var byShape: [SyntheticFleet.Injection.Shape: Tally] = [:]
    public private(set) var bySize: [String: Tally] = [:]
    /// Detection day − onset day, for every found injection of at least 25 %.
    public private(set) var delays: [Int] = []
    /// Finding's `since` − injection start, for found steps and bursts (where the start is sharp).
    public private(set) var sinceErrors: [Int] = []
    /// Found injections of at least 25 % whose finding has the expected kind (step → levelShift,
    /// gradual → trend, disk → diskFilling, crashes → crashBurst): how well tickets will read.
    public private(set) var kindAgreement = Tally()
    /// The first false alarms, to look at when precision drops.
    public private(set) var falseAlarms: [DegradationFinding] = []

    /// TP / (TP + FP); a finding on a sub-25 % injection is a true degradation, so it counts as TP.
    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// Share of injections of at least 25 % that were found by the end of the data.
    public var recall: Double { recallTally.rate }

    /// Median of `delays` in days; nil when nothing was found.
    public var medianDelay: Double? { RobustStatistics.median(delays.map(Double.init)) }

    /// Replays a scan on every day of `scanDays`, stopping per series at its first finding.
    public static func run(_ fleet: SyntheticFleet, detector: DegradationDetector, scanDays: ClosedRange<Int>)
        -> DetectorEvaluation
    {
        var key: [String: SyntheticFleet.Injection] = [:]
        for injection in fleet.injections { key[injection.device + "|" + injection.metric.rawValue] = injection }
        var outcome = DetectorEvaluation()
        for series in fleet.series {
            let injection = key[series.device + "|" + series.metric.rawValue]
            var found: DegradationFinding?
            var falseAlarm = false
            for day in scanDays {
                guard let finding = detector.finding(in: series, now: day) else { continue }
                if let injection, day >= injection.start {
                    found = finding
                    break
                }
                if !falseAlarm {
                    falseAlarm = true
                    outcome.falsePositives += 1
                    if outcome.falseAlarms.count < 20 { outcome.falseAlarms.append(finding) }
                }
                // A clean series is done at its first alarm; an injected one still gets its chance.
                if injection == nil { break }
            }
            guard let injection else { continue }
            if found != nil { outcome.truePositives += 1 }
            outcome.record(injection, found)
        }
        return outcome
    }

    private mutating func record(_ injection: SyntheticFleet.Injection, _ found: DegradationFinding?) {
        let hit = found != nil ? 1 : 0
        let bucket = Self.sizeBuckets.first { $0.range.contains(injection.size) }!.label
        bySize[bucket, default: Tally()].detected += hit
        bySize[bucket, default: Tally()].total += 1
        guard injection.size >= 0.25 else { return }
        recallTally.detected += hit
        recallTally.total += 1
        byShape[injection.shape, default: Tally()].detected += hit
        byShape[injection.shape, default: Tally()].total += 1
        guard let found else { return }
        delays.append(found.detectedOn - injection.onset)
        let expected: DegradationFinding.Kind = switch injection.shape {
        case .step: .levelShift
        case .gradual: .trend
        case .diskFilling: .diskFilling
        case .crashBurst: .crashBurst
        }
        kindAgreement.total += 1
        kindAgreement.detected += found.kind == expected ? 1 : 0
        if injection.shape == .step || injection.shape == .crashBurst {
            sinceErrors.append(found.since - injection.start)
        }
    }

    /// A few lines for a test log or the bench report.
    public var summary: String {
        var lines = [String(format: "detector: precision %.3f (TP %d, FP %d), recall≥25%% %.3f (%d/%d), median delay %@ days",
                            precision, truePositives, falsePositives, recall, recallTally.detected, recallTally.total,
                            medianDelay.map { String(format: "%.1f", $0) } ?? "-")]
        for shape in SyntheticFleet.Injection.Shape.allCases {
            let tally = byShape[shape] ?? Tally()
            lines.append(String(format: "  recall %@: %.3f (%d/%d)", shape.rawValue, tally.rate, tally.detected, tally.total))
        }
        for bucket in Self.sizeBuckets {
            let tally = bySize[bucket.label] ?? Tally()
            lines.append(String(format: "  size %@: %.3f (%d/%d)", bucket.label, tally.rate, tally.detected, tally.total))
        }
        let sortedDelays = delays.sorted()
        if !sortedDelays.isEmpty {
            lines.append("  delay p10/p50/p90: \(sortedDelays[sortedDelays.count / 10])/\(sortedDelays[sortedDelays.count / 2])/\(sortedDelays[sortedDelays.count * 9 / 10]) days")
        }
        if let error = RobustStatistics.median(sinceErrors.map { Double(abs($0)) }) {
            lines.append(String(format: "  |since − start| median %.1f days over %d sharp changes", error, sinceErrors.count))
        }
        lines.append(String(format: "  kind as injected: %.3f (%d/%d)", kindAgreement.rate, kindAgreement.detected, kindAgreement.total))
        return lines.joined(separator: "\n")
    }
}
