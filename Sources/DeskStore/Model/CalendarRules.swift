/// A day on a calendar's own wall clock: `2026-04-27`, whatever the time zone.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Int(Timestamp.daysIn(month: Int64(m), year: Int64(y))) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { Int(Timestamp.days(fromCivil: Int64(year), Int64(month), Int64(day))) }

    public init(dayNumber: Int) {
        let (y, m, d) = Timestamp.civil(fromDays: Int64(dayNumber))
        self.init(year: Int(y), month: Int(m), day: Int(d))
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let n = dayNumber
        return ((n % 7 + 7) % 7 + 3) % 7 + 1
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Part of a working day on the wall clock, in minutes since local midnight: `[start, end)`.
public struct WorkingInterval: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A business calendar from `desk.yml`: the hours the service desk works, in its time zone,
/// and the days it does not (public holidays by rule set, plus explicit dates).
public struct CalendarRules: Sendable, Equatable, Codable {
    /// The calendar that never closes.
    public static let alwaysOpenName = "24x7"

    public var name: String
    /// IANA time zone, such as `Europe/Amsterdam`.
    public var timeZone: String
    /// Working intervals per weekday: index 0 is Monday, 6 is Sunday; sorted, not overlapping.
    public var hours: [[WorkingInterval]]
    /// Built-in public holiday rule sets by code (`nl`, `no`).
    public var holidaySets: [String]
    /// Extra closed days.
    public var closedDates: [LocalDate]

    public init(name: String, timeZone: String, hours: [[WorkingInterval]], holidaySets: [String] = [],
                closedDates: [LocalDate] = []) {
        self.name = name
        self.timeZone = timeZone
        self.hours = hours
        self.holidaySets = holidaySets
        self.closedDates = closedDates
    }

    /// Open every minute of every day, in UTC, no holidays.
    public static let alwaysOpen = CalendarRules(
        name: alwaysOpenName, timeZone: "UTC",
        hours: Array(repeating: [WorkingInterval(start: 0, end: 24 * 60)], count: 7))
}

/// An SLA target: whole working days (same point of the business day, that many working days
/// later) and/or business time in seconds. `3d`, `4h`, `30m`, `1d4h`.
public struct BusinessDuration: Hashable, Sendable, Codable, CustomStringConvertible {
    public var days: Int
    public var seconds: Int64

    public init(days: Int = 0, seconds: Int64 = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Parses `30m`, `4h`, `3d`, `1h30m`, `2d4h` (units in decreasing order, each at most once).
    public init?(text: String) {
        var days = 0
        var seconds: Int64 = 0
        var number = ""
        var lastUnit = 4
        var sawAny = false
        for ch in text.trimmingWhitespace() {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            let rank: Int
            switch ch {
            case "d": rank = 3
            case "h": rank = 2
            case "m": rank = 1
            default: return nil
            }
            guard rank < lastUnit, !number.isEmpty, number.count <= 6, let value = Int(number) else { return nil }
            switch rank {
            case 3: days = value
            case 2: seconds += Int64(value) * 3600
            default: seconds += Int64(value) * 60
            }
            lastUnit = rank
            number = ""
            sawAny = true
        }
        guard number.isEmpty, sawAny, days > 0 || seconds > 0 else { return nil }
        self.init(days: days, seconds: seconds)
    }

    public var description: String {
        var text = days > 0 ? "\(days)d" : ""
        if seconds / 3600 > 0 { text += "\(seconds / 3600)h" }
        if seconds % 3600 / 60 > 0 { text += "\(seconds % 3600 / 60)m" }
        return text.isEmpty ? "0m" : text
    }
}
