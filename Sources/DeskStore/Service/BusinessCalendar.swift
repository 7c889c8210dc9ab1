import Foundation

/// The working time of one business calendar: whether the desk is open at a moment, how much open
/// time lies between two moments, and when an SLA target started at a moment falls due.
///
/// Hours are wall-clock times in the calendar's zone, so each local day's intervals become UTC
/// with the offset in force at each boundary. Where the clock jumps forward, a time in the gap
/// moves forward by the gap (02:30 opens at 03:30); where it falls back, a repeated time means its
/// first occurrence. A 24x7 calendar in Europe/Amsterdam therefore has a 23-hour day on the last
/// Sunday of March and a 25-hour day on the last Sunday of October.
///
/// `desk sla` asks this for every ticket, so each local calendar year, the first time it is needed,
/// becomes a table of its days' UTC open intervals and the open seconds before each: counting open
/// time is two binary searches and finding a due time one. Years that a search only crosses keep
/// just their totals. Not `Sendable`, as the tables fill in as they are used: make one per command.
public final class BusinessCalendar {
    /// The due time of a target that can never be met: the calendar has no open time left.
    public static let never = Timestamp(seconds: Timestamp.maxSeconds)

    public let rules: CalendarRules
    private let zone: TimeZone
    /// False when no weekday has hours: then no search forward could ever end.
    private let hasHours: Bool
    private var tables: [Int: YearTable] = [:]
    private var crossedYears: [Int: YearTotals] = [:]
    private var holidaysByYear: [Int: [Int: String]] = [:]
    /// The table that answered last: nearly every question is about the same year as the one before.
    private var recent: YearTable?

    /// A search forward gives up (`never`) after this many years in a row without open time.
    private static let emptyYearLimit = 10
    /// The last local year a timestamp can fall in (`Timestamp.maxSeconds` east of UTC).
    private static let lastYear = 10_000
    /// More seconds (or days) than there are between the first and last timestamp: any larger
    /// amount ends at `never` just the same, and capping it keeps the arithmetic from overflowing.
    private static let longestSpan = Timestamp.maxSeconds - Timestamp.minSeconds

    /// Throws `DeskError.invalidInput` for a time zone Foundation does not know, a holiday set not
    /// in `PublicHolidays.knownSets`, or hours that are not 7 weekdays of sorted, non-overlapping,
    /// non-empty intervals within the day: the tables' binary searches rely on that order.
    public init(_ rules: CalendarRules) throws {
        guard let zone = TimeZone(identifier: rules.timeZone) else {
            throw DeskError.invalidInput(
                "calendar \(rules.name): unknown time zone \(rules.timeZone.debugDescription); use an IANA name such as Europe/Amsterdam or UTC")
        }
        for set in rules.holidaySets where PublicHolidays.knownSets[set] == nil {
            let known = PublicHolidays.knownSets.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
            throw DeskError.invalidInput(
                "calendar \(rules.name): unknown holiday set \(set.debugDescription); known sets: \(known.joined(separator: ", "))")
        }
        guard rules.hours.count == 7 else {
            throw DeskError.invalidInput("calendar \(rules.name): hours must list 7 weekdays, Monday to Sunday, not \(rules.hours.count)")
        }
        for (weekday, intervals) in rules.hours.enumerated() {
            var previousEnd = 0
            for interval in intervals {
                guard interval.start >= previousEnd, interval.start < interval.end, interval.end <= 24 * 60 else {
                    throw DeskError.invalidInput(
                        "calendar \(rules.name): weekday \(weekday + 1) (1 = Monday) needs sorted, non-overlapping hours within 00:00-24:00; \(Self.clock(interval.start))-\(Self.clock(interval.end)) is not")
                }
                previousEnd = interval.end
            }
        }
        self.rules = rules
        self.zone = zone
        hasHours = rules.hours.contains { !$0.isEmpty }
    }

    /// The day on the calendar's wall clock at `t`.
    public func localDate(of t: Timestamp) -> LocalDate {
        let seconds = Self.clamped(t)
        let table = table(containing: seconds)
        return LocalDate(dayNumber: table.firstDay + table.day(containing: seconds))
    }

    /// Whether `d` has open time: hours on its weekday, and not a public holiday or closed date.
    public func isWorkingDay(_ d: LocalDate) -> Bool {
        let table = table(year: d.year)
        return table.isWorking(day: d.dayNumber - table.firstDay)
    }

    /// The public holiday on `d` (the first of the calendar's sets that has one), `Closed` for one
    /// of the calendar's closed dates, nil on other days.
    public func holidayName(_ d: LocalDate) -> String? {
        holidays(year: d.year)[d.dayNumber]
    }

    public func isOpen(at t: Timestamp) -> Bool {
        let seconds = Self.clamped(t)
        return table(containing: seconds).isOpen(at: seconds)
    }

    /// The open time within `[a, b)`, in seconds; 0 when `b` is not after `a`.
    public func businessSeconds(from a: Timestamp, to b: Timestamp) -> Int64 {
        guard hasHours, a < b else { return 0 }
        let from = Self.clamped(a)
        let to = Self.clamped(b)
        let first = table(containing: from)
        let last = table(containing: to)
        guard first.year != last.year else { return last.position(of: to) - first.position(of: from) }
        var seconds = first.totals.openSeconds - first.position(of: from) + last.position(of: to)
        for year in first.year + 1 ..< last.year {
            seconds += totals(year: year).openSeconds
        }
        return seconds
    }

    /// The due time of a target `d` started at `start`: first its working days, then its seconds.
    ///
    /// Days keep the point of the business day. Take the start's local day and how far into its
    /// open time the start is (its open seconds before the start: 0 before opening, all of them
    /// after closing). A day without open time counts from the next working day, 0 seconds in. The
    /// due time is that far into the `days`-th working day after it, and at most its closing time:
    /// Tuesday 14:00 + 3d is Friday 14:00, and Tuesday 17:00 + 3d is Friday 17:00. A start 0
    /// seconds in is due at the closing time of the working day before that one, which is the same
    /// business moment shown the way people say it: Saturday 10:00 + 1d is Monday 17:00, not
    /// Tuesday 08:30. The point of the day is open time, not the clock: on a 24x7 calendar, 12:00 on
    /// the Saturday before the 23-hour Sunday + 1d is 13:00 on that Sunday.
    ///
    /// The seconds then run on from there as `add(seconds:to:)` counts them.
    public func add(_ d: BusinessDuration, to start: Timestamp) -> Timestamp {
        guard d.days > 0 else { return add(seconds: d.seconds, to: start) }
        guard hasHours else { return Self.never }
        let from = Self.clamped(start)
        let table = table(containing: from)
        let day = table.day(containing: from)
        let intoDay = table.openSeconds(ofDay: day, before: from)
        // 1-based among the year's working days: the start's day, or the next working day after it.
        let base = Int64(table.workingDaysBefore[day]) + 1
        let days = min(Int64(d.days), Self.longestSpan)
        let due = intoDay > 0
            ? workingDay(base + days, from: table).map { $0.table.instant(intoDay, intoWorkingDay: $0.index) }
            : workingDay(base + days - 1, from: table).map { $0.table.closing(ofWorkingDay: $0.index) }
        guard let due else { return Self.never }
        return add(seconds: d.seconds, to: Timestamp(seconds: min(due, Timestamp.maxSeconds)))
    }

    /// The moment `seconds` of open time after `start`.
    ///
    /// Counting starts at `start`, or at the next opening when the desk is closed then. When the
    /// amount runs out exactly at a closing time, that closing time is the answer (Friday 17:00,
    /// never the next opening on Monday 08:30): the target was met while the desk was open.
    /// 0 seconds returns `start` itself; a calendar without open time returns `never`.
    public func add(seconds: Int64, to start: Timestamp) -> Timestamp {
        guard seconds > 0 else { return start }
        guard hasHours else { return Self.never }
        let from = Self.clamped(start)
        let table = table(containing: from)
        let target = table.position(of: from) + min(seconds, Self.longestSpan)
        guard let found = locate(target, in: \.openSeconds, from: table) else { return Self.never }
        return Timestamp(seconds: min(found.table.instant(atPosition: found.remaining), Timestamp.maxSeconds))
    }

    // MARK: - Searching forward

    /// The table of the year holding the `ordinal`-th working day (1-based) counted from the start of
    /// `table`'s year, and that day's index among its own year's working days.
    private func workingDay(_ ordinal: Int64, from table: YearTable) -> (table: YearTable, index: Int)? {
        locate(ordinal, in: \.workingDays, from: table).map { ($0.table, Int($0.remaining) - 1) }
    }

    /// Walks from `table`'s year into later ones until `amount` (counted from the start of `table`'s
    /// year, at least 1) fits in one; returns that year's table and what is left of the amount in it.
    /// Nil past the last year or after `emptyYearLimit` years in a row with nothing to count.
    private func locate(_ amount: Int64, in measure: KeyPath<YearTotals, Int64>,
                        from table: YearTable) -> (table: YearTable, remaining: Int64)? {
        var remaining = amount
        var year = table.year
        var available = table.totals[keyPath: measure]
        var emptyYears = 0
        while remaining > available {
            remaining -= available
            emptyYears = available == 0 ? emptyYears + 1 : 0
            year += 1
            guard year <= Self.lastYear, emptyYears < Self.emptyYearLimit else { return nil }
            available = totals(year: year)[keyPath: measure]
        }
        return (year == table.year ? table : self.table(year: year), remaining)
    }

    // MARK: - Year tables

    private func table(year: Int) -> YearTable {
        if let table = tables[year] { return table }
        let table = makeTable(year: year)
        tables[year] = table
        return table
    }

    private func totals(year: Int) -> YearTotals {
        if let table = tables[year] { return table.totals }
        if let totals = crossedYears[year] { return totals }
        let totals = makeTable(year: year).totals
        crossedYears[year] = totals
        return totals
    }

    /// The table whose local days hold `t`.
    private func table(containing t: Int64) -> YearTable {
        if let recent, recent.contains(t) { return recent }
        let local = t + offset(at: t)
        let guess = LocalDate(dayNumber: Int(local >= 0 ? local / 86_400 : (local + 1) / 86_400 - 1)).year
        var table = table(year: guess)
        while t < table.dayStarts[0] { table = self.table(year: table.year - 1) }
        while t >= table.dayStarts[table.dayStarts.count - 1] { table = self.table(year: table.year + 1) }
        recent = table
        return table
    }

    private func makeTable(year: Int) -> YearTable {
        let firstDay = LocalDate(year: year, month: 1, day: 1).dayNumber
        let nextYear = LocalDate(year: year + 1, month: 1, day: 1).dayNumber
        let closedDays = holidays(year: year)
        var table = YearTable.Builder(year: year, firstDay: firstDay)
        // Every boundary is kept at or after the one before, so the table stays sorted even in a
        // zone whose clock once jumped a whole day (Pacific/Apia, 2011).
        var floor = Int64.min
        func utcNotBefore(day: Int, minute: Int) -> Int64 {
            floor = max(floor, utc(local: Int64(day) * 86_400 + Int64(minute) * 60))
            return floor
        }
        for day in firstDay..<nextYear {
            table.startDay(at: utcNotBefore(day: day, minute: 0))
            guard closedDays[day] == nil else { continue }
            for interval in rules.hours[LocalDate(dayNumber: day).weekday - 1] {
                let start = utcNotBefore(day: day, minute: interval.start)
                table.addInterval(start, utcNotBefore(day: day, minute: interval.end))
            }
        }
        return table.finish(at: utcNotBefore(day: nextYear, minute: 0))
    }

    /// Holidays and closed dates of `year` by day number.
    private func holidays(year: Int) -> [Int: String] {
        if let names = holidaysByYear[year] { return names }
        var names: [Int: String] = [:]
        for set in rules.holidaySets {
            for holiday in PublicHolidays.holidays(set: set, year: year) where names[holiday.date.dayNumber] == nil {
                names[holiday.date.dayNumber] = holiday.name
            }
        }
        for date in rules.closedDates where date.year == year && names[date.dayNumber] == nil {
            names[date.dayNumber] = "Closed"
        }
        holidaysByYear[year] = names
        return names
    }

    // MARK: - Wall clock

    /// The UTC instant of a wall-clock time, `local` seconds after 1970-01-01 00:00 on the local
    /// clock: in a spring gap, moved forward by the gap; in an autumn overlap, the first occurrence.
    private func utc(local: Int64) -> Int64 {
        // The offsets a day either side are the ones around any change near `local`.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if before == after { return local - before }
        let early = local - before
        let late = local - after
        switch (offset(at: early) == before, offset(at: late) == after) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        // Nothing on the clock reads `local`: it lies in the gap, so the old offset carries it past.
        case (false, false): return early
        }
    }

    private func offset(at utc: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))))
    }

    private static func clamped(_ t: Timestamp) -> Int64 {
        min(max(t.seconds, Timestamp.minSeconds), Timestamp.maxSeconds)
    }

    private static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return "\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }
}

/// What a year holds, for searches that cross it whole.
private struct YearTotals {
    var openSeconds: Int64
    var workingDays: Int64
}

/// One local year of a calendar in UTC: its days' start times, their open intervals in order,
/// and the open seconds before each interval.
private final class YearTable {
    let year: Int
    /// Day number of 1 January.
    let firstDay: Int
    /// UTC start of each local day, then of the next year's first (one more entry than days).
    let dayStarts: [Int64]
    /// Day `i` has intervals `firstInterval[i] ..< firstInterval[i + 1]`.
    let firstInterval: [Int]
    let starts: [Int64]
    let ends: [Int64]
    /// Open seconds of the year before interval `i`; the last entry is the year's total.
    let openBefore: [Int64]
    /// Working days before day `i`: its place among them when it is one, else the next one's.
    let workingDaysBefore: [Int]
    /// Day indexes of the working days.
    let workingDays: [Int]
    let totals: YearTotals

    struct Builder {
        let year: Int
        let firstDay: Int
        var dayStarts: [Int64] = []
        var firstInterval: [Int] = []
        var starts: [Int64] = []
        var ends: [Int64] = []
        var openBefore: [Int64] = [0]
        var workingDaysBefore: [Int] = []
        var workingDays: [Int] = []

        init(year: Int, firstDay: Int) {
            self.year = year
            self.firstDay = firstDay
        }

        mutating func startDay(at utc: Int64) {
            closeDay()
            dayStarts.append(utc)
            firstInterval.append(starts.count)
            workingDaysBefore.append(workingDays.count)
        }

        /// An interval that a clock change left empty (hours inside a spring gap) is no open time.
        mutating func addInterval(_ start: Int64, _ end: Int64) {
            guard end > start else { return }
            starts.append(start)
            ends.append(end)
            openBefore.append(openBefore[openBefore.count - 1] + end - start)
        }

        func finish(at nextYearStart: Int64) -> YearTable {
            var builder = self
            builder.startDay(at: nextYearStart)
            return YearTable(builder)
        }

        private mutating func closeDay() {
            if let first = firstInterval.last, first < starts.count {
                workingDays.append(firstInterval.count - 1)
            }
        }
    }

    private init(_ b: Builder) {
        year = b.year
        firstDay = b.firstDay
        dayStarts = b.dayStarts
        firstInterval = b.firstInterval
        starts = b.starts
        ends = b.ends
        openBefore = b.openBefore
        workingDaysBefore = b.workingDaysBefore
        workingDays = b.workingDays
        totals = YearTotals(openSeconds: b.openBefore[b.openBefore.count - 1], workingDays: Int64(b.workingDays.count))
    }

    func contains(_ t: Int64) -> Bool { t >= dayStarts[0] && t < dayStarts[dayStarts.count - 1] }

    /// The index of the local day holding `t` (which must be in this year).
    func day(containing t: Int64) -> Int {
        min(max(Self.upperBound(dayStarts, t) - 1, 0), dayStarts.count - 2)
    }

    func isWorking(day: Int) -> Bool { firstInterval[day] < firstInterval[day + 1] }

    func isOpen(at t: Int64) -> Bool {
        let i = Self.upperBound(starts, t) - 1
        return i >= 0 && t < ends[i]
    }

    /// The open seconds of the year before `t`.
    func position(of t: Int64) -> Int64 {
        let i = Self.upperBound(starts, t) - 1
        return i < 0 ? 0 : openBefore[i] + min(t, ends[i]) - starts[i]
    }

    /// The open seconds of `day` before `t` (a moment of that day): 0 before it opens, all after it closes.
    func openSeconds(ofDay day: Int, before t: Int64) -> Int64 {
        position(of: t) - openBefore[firstInterval[day]]
    }

    /// The instant at which `position` (1 … the year's total) open seconds of the year have passed:
    /// the end of an interval rather than the start of the next when it falls between them.
    func instant(atPosition position: Int64) -> Int64 {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high) / 2
            if openBefore[mid + 1] < position { low = mid + 1 } else { high = mid }
        }
        return starts[low] + position - openBefore[low]
    }

    /// The instant `seconds` (more than 0) open seconds into working day `index`, or its closing time.
    func instant(_ seconds: Int64, intoWorkingDay index: Int) -> Int64 {
        let day = workingDays[index]
        let opening = openBefore[firstInterval[day]]
        return instant(atPosition: min(opening + seconds, openBefore[firstInterval[day + 1]]))
    }

    func closing(ofWorkingDay index: Int) -> Int64 {
        ends[firstInterval[workingDays[index] + 1] - 1]
    }

    /// The first index whose value is greater than `value`.
    private static func upperBound(_ values: [Int64], _ value: Int64) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
