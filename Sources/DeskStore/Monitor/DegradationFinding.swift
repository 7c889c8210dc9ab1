/// A sustained worsening of one metric on one device: what a ticket is opened from.
public struct DegradationFinding: Sendable, Equatable {
    /// What shape the worsening has; disk and crash findings have their own kinds because
    /// their tickets read differently ("disk filling up", not "disk_free_pct level shift").
    /// Raw values are the names in `desk monitor --json`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case levelShift = "level_shift"
        case trend
        case diskFilling = "disk_filling"
        case crashBurst = "crash_burst"
    }

    public let device: String
    public let metric: TelemetryMetric
    public let kind: Kind
    /// The robust baseline: median of the baseline window (mean daily count for crashes).
    public let baseline: Double
    /// The recent level: median since the change, the trend's value today, or the recent rate.
    public let current: Double
    /// (current − baseline) / baseline, signed as the metric moves (negative for disk free).
    public let relativeChange: Double
    /// First day the degradation was visible.
    public let since: Int
    /// The "now" the detector judged.
    public let detectedOn: Int

    /// `device|metric|family`: stable while the problem lasts, so a scan that sees a level
    /// shift today and a trend tomorrow updates one ticket instead of opening two.
    public var fingerprint: String {
        "\(device)|\(metric.rawValue)|\(metric.family)"
    }

    /// Creates a finding.
    public init(device: String, metric: TelemetryMetric, kind: Kind, baseline: Double, current: Double,
                relativeChange: Double, since: Int, detectedOn: Int) {
        self.device = device
        self.metric = metric
        self.kind = kind
        self.baseline = baseline
        self.current = current
        self.relativeChange = relativeChange
        self.since = since
        self.detectedOn = detectedOn
    }
}
