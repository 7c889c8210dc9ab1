/// One kind of daily device measurement, named as it appears in telemetry files.
public enum TelemetryMetric: String, CaseIterable, Sendable, Codable, Comparable {
    case bootSeconds = "boot_s"
    case loginSeconds = "login_s"
    case cpuPercent = "cpu_pct"
    case memoryPercent = "mem_pct"
    case diskFreePercent = "disk_free_pct"
    case appStartSeconds = "app_start_s"
    case crashes

    /// Which way a change hurts the user.
    public enum Direction: Sendable {
        case higherIsWorse
        case lowerIsWorse
    }

    /// Free disk space falling is the problem; for everything else a rise is.
    public var worseDirection: Direction {
        self == .diskFreePercent ? .lowerIsWorse : .higherIsWorse
    }

    /// Counts are mostly zero, so medians say nothing about them; they are compared as rates.
    public var isCount: Bool { self == .crashes }

    /// The symptom family shared by a level shift and a trend of this metric, so both map to
    /// one ticket fingerprint instead of two.
    public var family: String {
        switch self {
        case .bootSeconds, .loginSeconds, .appStartSeconds: "slower"
        case .cpuPercent, .memoryPercent: "busier"
        case .diskFreePercent: "filling"
        case .crashes: "crashing"
        }
    }

    /// How much worse `value` is than `baseline`, as a signed amount in the metric's unit:
    /// positive means worse whatever the metric's direction.
    @inlinable
    func worsening(from baseline: Double, to value: Double) -> Double {
        worseDirection == .higherIsWorse ? value - baseline : baseline - value
    }

    /// The worse of two values.
    @inlinable
    func worse(_ a: Double, _ b: Double) -> Double {
        worseDirection == .higherIsWorse ? max(a, b) : min(a, b)
    }

    public static func < (lhs: TelemetryMetric, rhs: TelemetryMetric) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
