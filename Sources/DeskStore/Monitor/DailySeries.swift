import Foundation

/// Days counted from 1970-01-01 in UTC, the time axis every series uses. Plain integers keep
/// window arithmetic cheap and make a day's weekday a remainder.
public enum TelemetryDay {
    /// The UTC day a timestamp falls on.
    public static func index(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Midnight UTC at the start of `day`.
    public static func date(of day: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400)
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). Only equality of slots matters
    /// to the detector, but a named order helps people reading test fixtures.
    public static func weekday(of day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }
}

/// One metric of one device, one value per day. Days without data are simply absent; several
/// samples on one day are reduced to their median so a reboot loop does not count ten times.
public struct DailySeries: Sendable, Equatable {
    public let device: String
    public let metric: TelemetryMetric
    /// Days with a value, strictly ascending.
    public let days: [Int]
    /// The value of each day in `days`, at the same position.
    public let values: [Double]

    /// Builds the series from raw samples in any order; non-finite values are dropped.
    public init(device: String, metric: TelemetryMetric, samples: [(day: Int, value: Double)]) {
        var sorted = samples.filter { $0.value.isFinite }
        sorted.sort { $0.day != $1.day ? $0.day < $1.day : $0.value < $1.value }
        var days: [Int] = []
        var values: [Double] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].day == sorted[start].day { end += 1 }
            days.append(sorted[start].day)
            values.append(RobustStatistics.sortedMedian(sorted[start..<end].map(\.value)))
            start = end
        }
        self.init(device: device, metric: metric, days: days, values: values)
    }

    /// Builds the series from timestamped samples, bucketed by UTC day.
    public init(device: String, metric: TelemetryMetric, timestamped: [(date: Date, value: Double)]) {
        self.init(device: device, metric: metric,
                  samples: timestamped.map { (TelemetryDay.index(of: $0.date), $0.value) })
    }

    /// Builds the series from values already reduced to one per day.
    public init(device: String, metric: TelemetryMetric, daily: [Int: Double]) {
        self.init(device: device, metric: metric, samples: daily.map { ($0.key, $0.value) })
    }

    private init(device: String, metric: TelemetryMetric, days: [Int], values: [Double]) {
        self.device = device
        self.metric = metric
        self.days = days
        self.values = values
    }

    /// Number of days with data.
    public var count: Int { days.count }

    /// The value of `day`, or nil when that day has no data.
    public subscript(day: Int) -> Double? {
        let position = lowerBound(day)
        return position < days.count && days[position] == day ? values[position] : nil
    }

    /// Positions in `days` that fall inside `range`, found by binary search.
    func positions(in range: ClosedRange<Int>) -> Range<Int> {
        lowerBound(range.lowerBound)..<lowerBound(range.upperBound + 1)
    }

    /// First position whose day is ≥ `day`.
    private func lowerBound(_ day: Int) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let mid = (low + high) / 2
            if days[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
