import Yams

/// Reads the `monitor:` section of desk.yml into a `MonitorPolicy`.
///
///     monitor:
///       change: 25%            # the smallest worsening that opens a ticket
///       noise: 2.5             # … and at least this many MADs of the device's own day-to-day noise
///       persist: 4 of 5        # bad days among the last observed days before it counts
///       recovery_days: 7       # back at baseline this long: suggest closing (or resolve)
///       on_recovery: comment   # comment | resolve
///       worse_by: 25%          # comment again when the change grows by this much
///       urgency: medium        # priority of monitor tickets: impact person × this urgency
///       categories: { crashes: software/crashes }
enum MonitorCodec {
    static let keys = ["change", "noise", "persist", "recovery_days", "on_recovery", "worse_by", "urgency", "categories"]

    static func decode(_ top: Node.Mapping, into config: inout DeskConfig, fail: (Node, String) -> FormatError) throws {
        guard let node = top["monitor"], !FieldReader.isNull(node) else { return }
        guard case .mapping(let fields) = node else {
            throw fail(node, "`monitor` must be a mapping with \(keys.joined(separator: ", "))")
        }
        var policy = MonitorPolicy()
        for (key, value) in fields {
            let name = key.string ?? ""
            switch name {
            case "change":
                guard let share = FieldReader.share(value), share >= 0.05, share <= 5 else {
                    throw fail(value, "`monitor.change` must be a percentage between 5% and 500%, like 25%")
                }
                policy.detector.relativeThreshold = share
            case "noise":
                guard let number = value.string.flatMap(Double.init), number >= 0, number <= 20 else {
                    throw fail(value, "`monitor.noise` must be a number of MADs between 0 and 20, like 2.5")
                }
                policy.detector.madMultiplier = number
            case "persist":
                let parts = (value.string ?? "").split(separator: " ")
                guard parts.count == 3, parts[1] == "of", let days = Int(parts[0]), let window = Int(parts[2]),
                      days >= 1, window >= days, window <= policy.detector.recentDays else {
                    throw fail(value, "`monitor.persist` must read `N of M` days with 1 ≤ N ≤ M ≤ \(policy.detector.recentDays), like `4 of 5`")
                }
                policy.detector.persistenceDays = days
                policy.detector.persistenceWindow = window
            case "recovery_days":
                guard let days = value.int, (1...60).contains(days) else {
                    throw fail(value, "`monitor.recovery_days` must be a whole number of days from 1 to 60")
                }
                policy.recoveryDays = days
            case "on_recovery":
                guard let action = value.string.flatMap(MonitorPolicy.RecoveryAction.init(rawValue:)) else {
                    throw fail(value, "`monitor.on_recovery` must be `comment` (suggest closing) or `resolve`")
                }
                policy.onRecovery = action
            case "worse_by":
                guard let share = FieldReader.share(value), share > 0, share <= 10 else {
                    throw fail(value, "`monitor.worse_by` must be a percentage above 0, like 25%")
                }
                policy.worseBy = share
            case "urgency":
                guard let urgency = value.string.flatMap(Urgency.init(rawValue:)) else {
                    throw fail(value, "`monitor.urgency` must be low, medium or high")
                }
                policy.urgency = urgency
            case "categories":
                guard case .mapping(let entries) = value else {
                    throw fail(value, "`monitor.categories` must map metrics to categories, like `crashes: software/crashes`")
                }
                for (metricKey, category) in entries {
                    guard let metric = metricKey.string.flatMap(TelemetryMetric.init(rawValue:)) else {
                        throw fail(metricKey, "`monitor.categories` key `\(metricKey.string ?? "?")` is not a metric (\(TelemetryMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    guard let text = category.string, !text.isEmpty, !text.contains(where: \.isWhitespace) else {
                        throw fail(category, "`monitor.categories.\(metric.rawValue)` must be a category name such as `hardware/performance`")
                    }
                    policy.categories[metric.rawValue] = text
                }
            default:
                throw fail(key, "`monitor` has unknown key `\(name)`; known: \(keys.joined(separator: ", "))")
            }
        }
        config.monitor = policy
    }
}
