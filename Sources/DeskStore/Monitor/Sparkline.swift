/// A one-line chart of daily values in block characters, one per day, for ticket bodies and
/// `desk monitor show`: enough to see a step, a ramp or a spike at a glance in any terminal.
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Drawn for a day without data, so the days stay aligned with the axis.
    static let gap: Character = "·"

    /// The days `first...last` of `series`, scaled between `low` and `high` (default: the
    /// smallest and largest value shown).
    public static func draw(_ series: DailySeries, from first: Int, through last: Int,
                            low: Double? = nil, high: Double? = nil) -> String {
        let window = series.positions(in: first...last)
        let shown = window.map { series.values[$0] }
        guard let smallest = low ?? shown.min(), let largest = high ?? shown.max() else {
            return String(repeating: gap, count: max(0, last - first + 1))
        }
        let span = largest - smallest
        var line = ""
        var position = window.lowerBound
        for day in first...last {
            if position < window.upperBound, series.days[position] == day {
                let share = span > 0 ? (series.values[position] - smallest) / span : 0.5
                line.append(levels[min(levels.count - 1, max(0, Int((share * Double(levels.count)).rounded(.down))))])
                position += 1
            } else {
                line.append(gap)
            }
        }
        return line
    }
}
