import Foundation

/// Median-based statistics: telemetry has spikes, missing days and odd devices, and a mean or a
/// least-squares slope follows a single outlier where a median does not.
enum RobustStatistics {
    /// The factor that makes the median absolute deviation estimate the standard deviation of
    /// normally distributed data, so "3 MADs" reads like "3 sigma".
    static let madScale = 1.4826

    /// Median of `values`; nil for an empty input. Even counts average the two middle values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sorted = values
        sorted.sort()
        return sortedMedian(sorted)
    }

    /// Median of values already in ascending order.
    static func sortedMedian<C: RandomAccessCollection>(_ sorted: C) -> Double where C.Element == Double, C.Index == Int {
        let count = sorted.count
        let middle = sorted.startIndex + count / 2
        return count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Median absolute deviation around `center` (the median when nil), scaled by 1.4826.
    static func mad(_ values: [Double], around center: Double? = nil) -> Double? {
        guard let center = center ?? median(values) else { return nil }
        return median(values.map { abs($0 - center) }).map { $0 * madScale }
    }

    /// Arithmetic mean; nil for an empty input. Used only for counts, where a rate is the point.
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Theil–Sen estimator: the median of all pairwise slopes, and the median intercept for it.
    /// Quadratic in the number of points, which is fine for the ≤ 90 days a series holds.
    static func theilSen(x: [Double], y: [Double]) -> (slope: Double, intercept: Double)? {
        precondition(x.count == y.count, "theilSen needs paired samples")
        let count = x.count
        guard count >= 2 else { return nil }
        var slopes: [Double] = []
        slopes.reserveCapacity(count * (count - 1) / 2)
        for i in 0..<(count - 1) {
            for j in (i + 1)..<count where x[j] != x[i] {
                slopes.append((y[j] - y[i]) / (x[j] - x[i]))
            }
        }
        guard let slope = median(slopes) else { return nil }
        var residuals = [Double](repeating: 0, count: count)
        for i in 0..<count { residuals[i] = y[i] - slope * x[i] }
        return (slope, median(residuals)!)
    }

    /// P(X ≥ k) for X ~ Poisson(lambda): how surprising a count of crashes is under the old rate.
    static func poissonUpperTail(atLeast k: Int, lambda: Double) -> Double {
        guard k > 0 else { return 1 }
        guard lambda > 0 else { return 0 }
        // 1 − P(X ≤ k−1), summed in the direction that stays accurate for small tails.
        var term = exp(-lambda)
        var below = term
        for i in 1..<k {
            term *= lambda / Double(i)
            below += term
        }
        return max(0, 1 - below)
    }
}
