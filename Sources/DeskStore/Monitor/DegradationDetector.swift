/// Finds sustained degradations in daily series by comparing the last days with a robust
/// baseline of the same device. Pure and deterministic: the same series and "now" always
/// give the same finding, so a scan can be replayed and tested day by day.
public struct DegradationDetector: Sendable {
    public var settings: DetectorSettings

    /// A detector with the given thresholds.
    public init(settings: DetectorSettings = DetectorSettings()) {
        self.settings = settings
    }

    /// Findings for every series, judged as of day `now` (days after it are ignored).
    public func scan(_ series: [DailySeries], now: Int) -> [DegradationFinding] {
        series.compactMap { finding(in: $0, now: now) }
    }

    /// The one finding for `series` as of day `now`, or nil when it looks healthy or there is
    /// too little history to tell.
    public func finding(in series: DailySeries, now: Int) -> DegradationFinding? {
        series.metric.isCount ? crashFinding(series, now: now) : levelFinding(series, now: now)
    }

    // MARK: Levels and trends

    /// Median and MAD of the baseline window after taking out each weekday's usual offset.
    struct Baseline {
        let center: Double
        let mad: Double
        /// Offset of each `day mod 14` from the center: Mondays boot slower on every device,
        /// and every second Tuesday is patch day. Comparing like with like this way keeps a
        /// recurring bump from looking like a new problem.
        let offsets: [Double]

        func adjusted(_ value: Double, on day: Int) -> Double {
            value - offsets[Self.slot(day)]
        }

        /// Position in a fortnight; `slot % 7` is the weekday slot.
        static func slot(_ day: Int) -> Int {
            ((day % 14) + 14) % 14
        }
    }

    func baseline(_ series: DailySeries, now: Int) -> Baseline? {
        let window = series.positions(in: (now - settings.baselineDaysAgo.upperBound)...(now - settings.baselineDaysAgo.lowerBound))
        guard window.count >= settings.minimumBaselineDays else { return nil }
        let raw = Array(series.values[window])
        let rawCenter = RobustStatistics.median(raw)!
        var offsets = [Double](repeating: 0, count: 14)
        if settings.weekdayAdjustment {
            var weekly = [[Double]](repeating: [], count: 7)
            var fortnightly = [[Double]](repeating: [], count: 14)
            for position in window {
                let residual = series.values[position] - rawCenter
                weekly[Baseline.slot(series.days[position]) % 7].append(residual)
                fortnightly[Baseline.slot(series.days[position])].append(residual)
            }
            for slot in 0..<14 {
                // Two occurrences are the least that says "this day is different".
                let weekday = weekly[slot % 7].count >= 2 ? RobustStatistics.median(weekly[slot % 7])! : 0
                guard fortnightly[slot].count >= 2, let own = RobustStatistics.median(fortnightly[slot]) else {
                    offsets[slot] = weekday
                    continue
                }
                // Forgive whichever is worse: the weekday's usual bump (Mondays) or this day of
                // the fortnight's (patch Tuesdays, which the weekday median only half sees).
                offsets[slot] = series.metric.worsening(from: weekday, to: own) > 0 ? own : weekday
            }
        }
        let adjusted = window.map { series.values[$0] - offsets[Baseline.slot(series.days[$0])] }
        let center = RobustStatistics.median(adjusted)!
        // The spread is measured around the weekday offsets only: fortnight offsets rest on two
        // days each and would soak up half the noise, making every wobble look significant.
        // √(4/3) undoes what fitting one weekday value from four days takes away.
        var weekdayOffsets = [Double](repeating: 0, count: 7)
        if settings.weekdayAdjustment {
            var weekly = [[Double]](repeating: [], count: 7)
            for position in window {
                weekly[Baseline.slot(series.days[position]) % 7].append(series.values[position] - rawCenter)
            }
            for slot in 0..<7 where weekly[slot].count >= 2 {
                weekdayOffsets[slot] = RobustStatistics.median(weekly[slot])!
            }
        }
        let weekdayAdjusted = window.map { series.values[$0] - weekdayOffsets[Baseline.slot(series.days[$0]) % 7] }
        let spread = RobustStatistics.mad(weekdayAdjusted)! * (settings.weekdayAdjustment ? (4.0 / 3).squareRoot() : 1)
        // A perfectly flat baseline would make any wobble "infinitely many MADs".
        let mad = max(spread, 0.02 * abs(center), 1e-9)
        return Baseline(center: center, mad: mad, offsets: offsets)
    }

    private func levelFinding(_ series: DailySeries, now: Int) -> DegradationFinding? {
        guard let base = baseline(series, now: now) else { return nil }
        let metric = series.metric
        let scale = abs(base.center)
        let levelBar = max(settings.relativeThreshold * scale, settings.madMultiplier * base.mad)
        let dayBar = settings.dayThresholdFraction * levelBar

        // Everything after the baseline window, weekday-adjusted, with a "beyond" flag per day.
        let tailWindow = series.positions(in: (now - settings.baselineDaysAgo.lowerBound + 1)...now)
        let adjusted = tailWindow.map { base.adjusted(series.values[$0], on: series.days[$0]) }
        let tail: [(day: Int, value: Double, beyond: Bool)] = adjusted.indices.map { index in
            let value = adjusted[index]
            // A lone spike — worse than both its neighbours by more than the level bar — is not
            // persistence: three bad afternoons around two normal days are not a step.
            let spike = index > 0 && index + 1 < adjusted.count
                && metric.worsening(from: metric.worse(adjusted[index - 1], adjusted[index + 1]), to: value)
                    >= settings.spikeFactor * levelBar
            return (series.days[tailWindow.lowerBound + index], value,
                    !spike && metric.worsening(from: base.center, to: value) >= dayBar)
        }
        let recentStart = now - settings.recentDays + 1
        let lastDays = tail.suffix(settings.persistenceWindow).filter { $0.day >= recentStart }
        guard lastDays.filter(\.beyond).count >= settings.persistenceDays,
              let since = Self.runStart(tail.map { ($0.day, $0.beyond) })
        else { return nil }

        let run = tail.filter { $0.day >= max(since, recentStart) }
        // The run's level without its single worst day, so one spike inside a few ordinary
        // bad days cannot carry the median over the bar.
        var runValues = run.map(\.value).sorted()
        if runValues.count >= 3 {
            if metric.worseDirection == .higherIsWorse { runValues.removeLast() } else { runValues.removeFirst() }
        }
        let runLevel = RobustStatistics.sortedMedian(runValues)
        let level = metric.worsening(from: base.center, to: runLevel) >= levelBar ? runLevel : nil
        let trend = trendLine(series, base: base, levelBar: levelBar, now: now)

        let kind: DegradationFinding.Kind
        let current: Double
        let start: Int
        if let level {
            // A run that keeps climbing since it began is a trend even when its median already cleared the bar.
            kind = Self.isRising(tail.filter { $0.day >= since }, metric: metric, by: levelBar / 2) ? .trend : .levelShift
            // A climbing run is where its line is today, not its middle: the disk is 12 % free
            // now, not the 18 % it had halfway through.
            current = kind == .trend ? trend.map { metric.worsening(from: level, to: $0.current) > 0 ? $0.current : level } ?? level : level
            start = since
        } else if let trend, Self.recentLevelHolds(lastDays.map(\.value), base: base.center, metric: metric,
                                                    bar: settings.trendRecentShare * levelBar) {
            kind = .trend
            current = trend.current
            start = trend.since
        } else {
            return nil
        }
        return DegradationFinding(
            device: series.device, metric: metric, kind: metric == .diskFreePercent ? .diskFilling : kind,
            baseline: base.center, current: current, relativeChange: (current - base.center) / max(scale, 1e-9),
            since: start, detectedOn: now)
    }

    /// A Theil–Sen line over the trend window that is worse than the baseline by the level bar
    /// today, climbs by more than noise, and has most of its days on the bad side.
    private func trendLine(_ series: DailySeries, base: Baseline, levelBar: Double, now: Int)
        -> (current: Double, since: Int)?
    {
        let first = now - settings.trendDays + 1
        let window = series.positions(in: first...now)
        guard window.count >= settings.minimumTrendDays else { return nil }
        let metric = series.metric
        let x = window.map { Double(series.days[$0] - now) }
        let y = window.map { base.adjusted(series.values[$0], on: series.days[$0]) }
        guard let line = RobustStatistics.theilSen(x: x, y: y) else { return nil }
        let today = line.intercept
        let climb = metric.worsening(from: 0, to: line.slope) * Double(settings.trendDays - 1)
        let worseShare = Double(y.filter { metric.worsening(from: base.center, to: $0) > 0 }.count) / Double(y.count)
        guard metric.worsening(from: base.center, to: today) >= levelBar,
              climb >= settings.trendMinimumClimb * levelBar,
              worseShare >= settings.trendWorseShare
        else { return nil }
        // Where the line leaves the baseline: the first day the slowdown was there to see.
        let crossing = (base.center - line.intercept) / line.slope
        let since = min(now, max(first, now + Int(crossing.rounded(.up))))
        return (today, since)
    }

    /// Whether the run keeps worsening: its own Theil–Sen slope worsens by at least `amount`
    /// across the run, and so does its later half against its earlier half. A step with a noisy
    /// week after it can have a steep fitted slope; its halves sit at the same level.
    private static func isRising(_ run: [(day: Int, value: Double, beyond: Bool)], metric: TelemetryMetric,
                                 by amount: Double) -> Bool {
        guard run.count >= 4, let first = run.first, let last = run.last,
              let line = RobustStatistics.theilSen(x: run.map { Double($0.day) }, y: run.map(\.value))
        else { return false }
        let half = run.count / 2
        let earlier = RobustStatistics.median(run.prefix(half).map(\.value))!
        let later = RobustStatistics.median(run.suffix(half).map(\.value))!
        return metric.worsening(from: 0, to: line.slope) * Double(last.day - first.day) >= amount
            && metric.worsening(from: earlier, to: later) >= amount / 2
    }

    /// Whether the median of the last days is worse than the baseline by `bar`: a fitted line
    /// that only reaches the bar by extrapolating from noisy days is not yet a finding.
    private static func recentLevelHolds(_ values: [Double], base: Double, metric: TelemetryMetric, bar: Double) -> Bool {
        guard let median = RobustStatistics.median(values) else { return false }
        return metric.worsening(from: base, to: median) >= bar
    }

    /// Walks back from the newest day to where the bad run began, forgiving one ordinary day
    /// inside it (noise), stopping at two in a row. Nil when the newest days are not bad.
    static func runStart(_ flags: [(day: Int, beyond: Bool)]) -> Int? {
        var start: Int?
        var ordinary = 0
        for flag in flags.reversed() {
            if flag.beyond {
                start = flag.day
                ordinary = 0
            } else {
                ordinary += 1
                if ordinary >= 2 { break }
            }
        }
        return start
    }

    // MARK: Crashes

    /// Crashes are rare counts: compare rates, and demand several bad days and a recent total
    /// that would be very unlikely at the old rate, so one bad afternoon does not page anyone.
    private func crashFinding(_ series: DailySeries, now: Int) -> DegradationFinding? {
        guard let baseRate = crashBaseline(series, now: now) else { return nil }
        let expected = max(baseRate, settings.crashBaselineFloor)
        let dayBar = crashDayBar(baseRate)

        let tailWindow = series.positions(in: (now - settings.baselineDaysAgo.lowerBound + 1)...now)
        let tail = tailWindow.map { (day: series.days[$0], count: series.values[$0]) }
        let recentStart = now - settings.recentDays + 1
        let recent = tail.filter { $0.day >= recentStart }
        guard recent.suffix(settings.crashMinimumDays + 2).filter({ $0.count >= dayBar }).count >= settings.crashMinimumDays,
              let since = Self.runStart(tail.map { ($0.day, $0.count >= dayBar) })
        else { return nil }
        let run = tail.filter { $0.day >= max(since, recentStart) }
        let total = run.reduce(0) { $0 + $1.count }
        let rate = total / Double(run.count)
        guard rate - baseRate >= settings.crashMinimumIncrease,
              RobustStatistics.poissonUpperTail(atLeast: Int(total.rounded()), lambda: expected * Double(run.count))
                < settings.crashSignificance
        else { return nil }
        return DegradationFinding(
            device: series.device, metric: series.metric, kind: .crashBurst, baseline: baseRate, current: rate,
            relativeChange: (rate - baseRate) / expected, since: since, detectedOn: now)
    }

    /// The mean daily crash count of the baseline window, or nil with too few days to say.
    func crashBaseline(_ series: DailySeries, now: Int) -> Double? {
        let window = series.positions(in: (now - settings.baselineDaysAgo.upperBound)...(now - settings.baselineDaysAgo.lowerBound))
        guard window.count >= settings.minimumBaselineDays else { return nil }
        return RobustStatistics.mean(Array(series.values[window]))
    }

    /// The crashes a day needs to count as a bad day at a baseline rate.
    func crashDayBar(_ baseRate: Double) -> Double {
        max(settings.crashDayMinimum, (max(baseRate, settings.crashBaselineFloor) + settings.crashMinimumIncrease).rounded(.up))
    }

    /// The device's usual level as the detector sees it on `now`: the baseline's median (weekday
    /// pattern taken out), or the mean daily count for crashes.
    public func usualLevel(_ series: DailySeries, now: Int) -> Double? {
        series.metric.isCount ? crashBaseline(series, now: now) : baseline(series, now: now)?.center
    }
}
