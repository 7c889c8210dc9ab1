/// The words and numbers of a monitor ticket: a title a person understands, and a body with
/// the evidence (baseline, current level, change, since when, peers, a sparkline) so whoever
/// picks it up can judge it without opening a dashboard.
public struct MonitorTicketText: Sendable {
    /// What the scan knows about the device.
    public struct Device: Sendable {
        public var id: String
        public var kind: String?
        public var model: String?
        public var owner: String?
        public var department: String?

        public init(id: String, kind: String? = nil, model: String? = nil, owner: String? = nil, department: String? = nil) {
            self.id = id
            self.kind = kind
            self.model = model
            self.owner = owner
            self.department = department
        }
    }

    /// Days of history drawn in a ticket's sparkline: the baseline window and what came after.
    public static let chartDays = 42

    public let settings: DetectorSettings
    public let recoveryDays: Int

    public init(settings: DetectorSettings, recoveryDays: Int) {
        self.settings = settings
        self.recoveryDays = recoveryDays
    }

    public func title(_ finding: DegradationFinding) -> String {
        let metric = finding.metric
        var text = "\(finding.device) \(metric.symptom): \(metric.format(finding.current)), usually \(metric.format(finding.baseline))"
        if !metric.isCount { text += " (\(TelemetryMetric.percentChange(finding.relativeChange)))" }
        return text
    }

    public func body(_ finding: DegradationFinding, device: Device, series: DailySeries,
                     peers: (median: Double, devices: Int)?) -> String {
        let metric = finding.metric
        var what = [device.kind, device.model].compactMap { $0 }.joined(separator: " ")
        if what.isEmpty { what = "device" }
        var who: [String] = []
        if let owner = device.owner { who.append("used by \(owner)") }
        if let department = device.department { who.append(department) }
        var lines = ["desk monitor noticed a sustained change on \(finding.device) (\(([what] + who).joined(separator: ", "))) before anyone reported it.", ""]
        let days = finding.detectedOn - finding.since + 1
        lines.append("**\(metric.label)** has been worse since \(day(finding.since)) (\(days) day\(days == 1 ? "" : "s")): "
            + "\(metric.format(finding.current)) now against a usual \(metric.format(finding.baseline))"
            + (metric.isCount ? "." : ", \(TelemetryMetric.percentChange(finding.relativeChange))."))
        lines.append("")
        lines.append("- Pattern: \(pattern(finding.kind)).")
        let first = finding.detectedOn - settings.baselineDaysAgo.upperBound
        let last = finding.detectedOn - settings.baselineDaysAgo.lowerBound
        let observed = series.positions(in: first...last).count
        lines.append("- Baseline: the device's own \(metric.isCount ? "mean" : "median") over \(day(first)) … \(day(last)) "
            + "(\(observed) days with data)\(metric.isCount ? "" : ", with each weekday's usual pattern taken out (Monday mornings, patch days)").")
        if let peers, let model = device.model {
            lines.append("- Peers: the median of the \(peers.devices) \(model) devices over the last 14 days is \(metric.format(peers.median)).")
        }
        lines.append("- Judged on \(day(finding.detectedOn)); thresholds: a change of at least \(Int((settings.relativeThreshold * 100).rounded())) % "
            + "and \(settings.madMultiplier) times the device's usual spread, on \(settings.persistenceDays) of its last \(settings.persistenceWindow) days.")
        lines.append("")
        lines.append(contentsOf: chart(series, through: finding.detectedOn, since: finding.since).map { "    " + $0 })
        lines.append("")
        lines.append("Fingerprint `\(finding.fingerprint)`: while this ticket is open, `desk monitor scan` opens no other ticket for it, "
            + "comments here if it gets worse, and says so once \(metric.label.lowercased()) has been back to normal for \(recoveryDays) days.")
        return lines.joined(separator: "\n")
    }

    /// A comment for a problem that grew since it was last reported.
    public func worseComment(_ finding: DegradationFinding, previous: Double?) -> String {
        let metric = finding.metric
        let now = metric.isCount ? metric.format(finding.current) : "\(metric.format(finding.current)) (\(TelemetryMetric.percentChange(finding.relativeChange)))"
        guard let previous else {
            return "desk monitor: the problem is back. \(metric.label) is at \(now) again, against a usual \(metric.format(finding.baseline)), since \(day(finding.since))."
        }
        let was = metric.isCount ? "" : " from \(TelemetryMetric.percentChange(metric.worseDirection == .higherIsWorse ? previous : -previous))"
        return "desk monitor: worse\(was). \(metric.label) is now \(now), against a usual \(metric.format(finding.baseline)) (judged on \(day(finding.detectedOn)))."
    }

    /// A comment (or resolution) for a metric that has been back at baseline long enough.
    public func recoveredComment(metric: TelemetryMetric, recent: Double?, on today: Int) -> String {
        let level = recent.map { " (\(metric.format($0)) over the last \(recoveryDays) days)" } ?? ""
        return "desk monitor: \(metric.label.lowercased()) has been back to its usual level for \(recoveryDays) days\(level), as of \(day(today)). This ticket can be closed."
    }

    /// The sparkline of the last `chartDays` with its dates and range, marking where it began.
    public func chart(_ series: DailySeries, through last: Int, since: Int?, days: Int = MonitorTicketText.chartDays) -> [String] {
        let first = last - days + 1
        let window = series.positions(in: first...last).map { series.values[$0] }
        guard let low = window.min(), let high = window.max() else { return ["(no data in the last \(days) days)"] }
        var lines = ["\(series.metric.rawValue), \(day(first)) … \(day(last)), one mark a day (· no data):",
                     Sparkline.draw(series, from: first, through: last)]
        if let since, since >= first {
            lines.append(String(repeating: " ", count: since - first) + "^ since \(day(since))")
        }
        lines.append("lowest \(series.metric.format(low)), highest \(series.metric.format(high))")
        return lines
    }

    private func pattern(_ kind: DegradationFinding.Kind) -> String {
        switch kind {
        case .levelShift: "a step: it jumped and stayed there"
        case .trend: "a steady climb, day after day"
        case .diskFilling: "free space falling steadily"
        case .crashBurst: "a burst of crashes on several days, far beyond this device's usual rate"
        }
    }

    private func day(_ number: Int) -> String { LocalDate(dayNumber: number).description }
}
