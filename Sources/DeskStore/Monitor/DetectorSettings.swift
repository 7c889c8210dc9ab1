/// The knobs of `DegradationDetector`, with defaults measured on the synthetic fleet
/// (`DetectorEvaluation`). desk.yml's `monitor:` section sets the main ones (`MonitorCodec`).
public struct DetectorSettings: Sendable, Equatable, Codable {
    /// Smallest relative worsening that counts: 25 %, the size of change worth a ticket.
    public var relativeThreshold: Double = 0.25
    /// The worsening must also exceed this many (scaled) MADs of the baseline, so a noisy
    /// device needs a bigger change than a steady one. 2.5 rather than 3: persistence already
    /// keeps noise out, and 3 lost a fifth of the 25–35 % changes on noisy metrics (cpu_pct).
    public var madMultiplier: Double = 2.5
    /// A single day counts as "beyond" when it is worse by this share of the level bar
    /// (the larger of the relative and the MAD bar): single days are only evidence.
    public var dayThresholdFraction: Double = 0.6
    /// The baseline window, in days before "now": 15…42 is four whole weeks, so every
    /// weekday appears equally often, ending two weeks back so a fresh change is not in it.
    public var baselineDaysAgo: ClosedRange<Int> = 15...42
    /// Fewer baseline days than this and the device is not judged at all.
    public var minimumBaselineDays: Int = 14
    /// The longest recent window a level shift is measured over.
    public var recentDays: Int = 7
    /// Persistence: at least `persistenceDays` of the last `persistenceWindow` observed days
    /// must be beyond, so single-day spikes (even two close together) never fire. 4 of 5
    /// rather than 3 of 4 halved the false alarms on the synthetic fleet for +1 day of delay.
    public var persistenceWindow: Int = 5
    /// See `persistenceWindow`.
    public var persistenceDays: Int = 4
    /// The window the Theil–Sen trend is fitted over.
    public var trendDays: Int = 14
    /// Fewer observed days in the trend window and no trend is fitted.
    public var minimumTrendDays: Int = 9
    /// A trend's line must climb by this share of the level bar across its window.
    public var trendMinimumClimb: Double = 0.5
    /// A day worse than both its neighbours by this many level bars is a spike and does not
    /// count towards persistence. Measured on 12 synthetic fleets (seeds 1–12, 300 devices):
    /// false alarms 36 → 17, recall 0.966 → 0.962; 1.0 gave 15 but lost more recall and delay.
    public var spikeFactor: Double = 1.5
    /// A trend also needs the median of the persistence window this far past the baseline, as a
    /// share of the level bar: most false alarms were lines extrapolated from a few noisy days
    /// (12 fleets: 45 → 36; 0.6 kept 24 of them with the spike rule).
    public var trendRecentShare: Double = 0.75
    /// Share of the trend window's days that must be worse than the baseline.
    public var trendWorseShare: Double = 0.6
    /// Remove each weekday's typical offset (Monday boots, patch Tuesdays) before comparing.
    public var weekdayAdjustment: Bool = true
    /// Crashes: the recent rate must exceed the baseline rate by at least this many per day.
    public var crashMinimumIncrease: Double = 1
    /// Crashes: at least this many of the last `crashMinimumDays + 2` observed days must have
    /// more crashes than usual, so two bad afternoons a few days apart are not a burst.
    public var crashMinimumDays: Int = 3
    /// Crashes: the fewest crashes a day needs to count as a bad day; two crashes happen to a
    /// healthy laptop now and then, and 2 gave most of the false bursts on the synthetic fleet.
    public var crashDayMinimum: Double = 3
    /// Crashes: the recent count must be this unlikely under the baseline rate (Poisson tail).
    public var crashSignificance: Double = 0.001
    /// Crashes: a device that never crashed is treated as crashing this often, so its first
    /// crash is not infinitely surprising.
    public var crashBaselineFloor: Double = 0.05

    /// The defaults.
    public init() {}
}
