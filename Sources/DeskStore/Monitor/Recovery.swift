extension DegradationDetector {
    /// Whether `series` has been back at its old level for the last `days` days: the baseline
    /// is the one the detector would have used on `baselineDay` (the problem's first day),
    /// because the current baseline window may by now hold the bad days themselves.
    ///
    /// Back means at least half of the days observed, their median inside half the level bar,
    /// and at most one day beyond the day bar (one bad morning does not undo a repair).
    public func hasRecovered(_ series: DailySeries, baselineDay: Int, now: Int, days: Int) -> Bool {
        let window = series.positions(in: (now - days + 1)...now)
        guard window.count * 2 >= days, !window.isEmpty else { return false }
        if series.metric.isCount {
            guard let baseRate = crashBaseline(series, now: baselineDay) else { return false }
            let dayBar = crashDayBar(baseRate)
            let recent = Array(series.values[window])
            return RobustStatistics.mean(recent)! < baseRate + settings.crashMinimumIncrease / 2
                && recent.filter { $0 >= dayBar }.count <= 1
        }
        guard let base = baseline(series, now: baselineDay) else { return false }
        let metric = series.metric
        let levelBar = max(settings.relativeThreshold * abs(base.center), settings.madMultiplier * base.mad)
        let dayBar = settings.dayThresholdFraction * levelBar
        let worsening = window.map { metric.worsening(from: base.center, to: base.adjusted(series.values[$0], on: series.days[$0])) }
        return RobustStatistics.median(worsening)! < levelBar / 2 && worsening.filter { $0 >= dayBar }.count <= 1
    }
}
