/// How `desk monitor scan` turns findings into tickets: the detector's thresholds and what
/// happens to a monitor ticket afterwards. Read from the `monitor:` section of desk.yml.
public struct MonitorPolicy: Sendable, Equatable, Codable {
    /// What a scan does once a ticket's metric is back at its baseline for `recoveryDays`.
    public enum RecoveryAction: String, Sendable, Codable, CaseIterable {
        /// Comment once that the ticket can be closed: a person decides.
        case comment
        /// Resolve the ticket with that comment as the resolution.
        case resolve
    }

    public var detector = DetectorSettings()
    /// Days the metric must be back at the ticket's baseline before the scan says so.
    public var recoveryDays = 7
    public var onRecovery = RecoveryAction.comment
    /// The open ticket gets a comment when the change has grown by this share of the baseline
    /// since it was last reported (0.25: from +40 % to +65 %).
    public var worseBy = 0.25
    /// Monitor tickets affect one person; their urgency gives the priority through the matrix.
    public var urgency = Urgency.medium
    /// The ticket category for each metric: routing then works as for any ticket.
    public var categories: [String: String] = MonitorPolicy.defaultCategories

    public static let defaultCategories: [String: String] = [
        TelemetryMetric.bootSeconds.rawValue: "hardware/performance",
        TelemetryMetric.loginSeconds.rawValue: "hardware/performance",
        TelemetryMetric.appStartSeconds.rawValue: "hardware/performance",
        TelemetryMetric.cpuPercent.rawValue: "hardware/performance",
        TelemetryMetric.memoryPercent.rawValue: "hardware/performance",
        TelemetryMetric.diskFreePercent.rawValue: "hardware/disk",
        TelemetryMetric.crashes.rawValue: "software/crashes",
    ]

    public init() {}

    /// The category a ticket about `metric` is filed under.
    public func category(for metric: TelemetryMetric) -> String {
        categories[metric.rawValue] ?? Self.defaultCategories[metric.rawValue] ?? "hardware"
    }
}
