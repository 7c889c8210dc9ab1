/// A device whose recent level is clearly worse than that of its peers of the same model.
public struct PeerDeviation: Sendable, Equatable {
    public let device: String
    public let model: String
    public let metric: TelemetryMetric
    /// The device's recent level: median of its recent days (mean for counts).
    public let level: Double
    /// The median of the same level over all devices of the model.
    public let peerMedian: Double
    /// (level − peerMedian) / peerMedian, signed as the metric moves.
    public let relativeChange: Double
    /// How many devices of the model had enough recent data to compare.
    public let peers: Int
}

/// Compares each device with the others of its model. This catches what a device's own history
/// cannot: a laptop that was slow from the day it arrived, or one whose image was never right.
public enum FleetComparison {
    /// Deviations as of day `now`, sorted by device then metric. A model needs `minimumPeers`
    /// devices with at least half of the `recentDays` observed before anyone is compared.
    public static func outliers(_ series: [DailySeries], models: [String: String], now: Int, recentDays: Int = 14,
                                relativeThreshold: Double = 0.25, madMultiplier: Double = 3,
                                minimumPeers: Int = 5) -> [PeerDeviation] {
        var deviations: [PeerDeviation] = []
        for (key, members) in recentLevels(series, models: models, now: now, recentDays: recentDays)
        where members.count >= minimumPeers {
            let levels = members.map(\.level)
            let center = RobustStatistics.median(levels)!
            let scale = abs(center)
            let spread = max(RobustStatistics.mad(levels, around: center)!, 0.02 * scale, 1e-9)
            let bar = max(relativeThreshold * scale, madMultiplier * spread)
            let model = String(key[..<key.lastIndex(of: "|")!])
            for member in members where member.metric.worsening(from: center, to: member.level) >= bar {
                deviations.append(PeerDeviation(
                    device: member.device, model: model, metric: member.metric, level: member.level, peerMedian: center,
                    relativeChange: (member.level - center) / max(scale, 1e-9), peers: members.count))
            }
        }
        return deviations.sorted { ($0.device, $0.metric) < ($1.device, $1.metric) }
    }

    /// The median recent level of each model's devices, by `model|metric`, for the evidence in a
    /// ticket ("the 14 other T14-G3 boot in 23 s"): nil for models with fewer than `minimumPeers`.
    public static func peerMedians(_ series: [DailySeries], models: [String: String], now: Int, recentDays: Int = 14,
                                   minimumPeers: Int = 3) -> [String: (median: Double, devices: Int)] {
        var medians: [String: (median: Double, devices: Int)] = [:]
        for (key, members) in recentLevels(series, models: models, now: now, recentDays: recentDays)
        where members.count >= minimumPeers {
            medians[key] = (RobustStatistics.median(members.map(\.level))!, members.count)
        }
        return medians
    }

    /// Each device's level over the recent days (median; mean for counts), grouped by
    /// `model|metric`; devices with fewer than half the days observed are left out.
    private static func recentLevels(_ series: [DailySeries], models: [String: String], now: Int, recentDays: Int)
        -> [String: [(device: String, metric: TelemetryMetric, level: Double)]]
    {
        var groups: [String: [(device: String, metric: TelemetryMetric, level: Double)]] = [:]
        for one in series {
            guard let model = models[one.device] else { continue }
            let window = one.positions(in: (now - recentDays + 1)...now)
            guard window.count * 2 >= recentDays else { continue }
            let values = Array(one.values[window])
            let level = one.metric.isCount ? RobustStatistics.mean(values)! : RobustStatistics.median(values)!
            groups[model + "|" + one.metric.rawValue, default: []].append((one.device, one.metric, level))
        }
        return groups
    }
}
