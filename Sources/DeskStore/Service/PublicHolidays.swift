/// The public holidays a business calendar can close on by naming a rule set (`holidays: [nl]`
/// in `desk.yml`): computed from rules rather than listed, so no year ever runs out of them.
///
/// The rules are today's; a desk dates tickets from the last few years, so historical changes
/// (Queen's Day on 30 April before 2014) are not modelled.
public enum PublicHolidays {
    /// Rule set code → the country whose holidays it holds.
    public static let knownSets: [String: String] = ["nl": "Netherlands", "no": "Norway"]

    /// The holidays of `set` in `year`, by date (two on one date keep the order above);
    /// empty for a set that is not in `knownSets`.
    public static func holidays(set: String, year: Int) -> [(date: LocalDate, name: String)] {
        let listed: [(date: LocalDate, name: String)]
        switch set {
        case "nl": listed = netherlands(year)
        case "no": listed = norway(year)
        default: return []
        }
        return listed.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// Easter Sunday in the Gregorian calendar: the anonymous algorithm (Meeus/Jones/Butcher).
    static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return LocalDate(year: year, month: n / 31, day: n % 31 + 1)
    }

    private static func netherlands(_ year: Int) -> [(date: LocalDate, name: String)] {
        let easter = easterSunday(year: year)
        let kingsDay = LocalDate(year: year, month: 4, day: 27)
        var days: [(date: LocalDate, name: String)] = [
            (LocalDate(year: year, month: 1, day: 1), "New Year's Day"),
            (easter.adding(days: -2), "Good Friday"),
            (easter, "Easter Sunday"),
            (easter.adding(days: 1), "Easter Monday"),
            // Celebrated on the Saturday before when the 27th is a Sunday.
            (kingsDay.weekday == 7 ? kingsDay.adding(days: -1) : kingsDay, "King's Day"),
            (easter.adding(days: 39), "Ascension Day"),
            (easter.adding(days: 49), "Whit Sunday"),
            (easter.adding(days: 50), "Whit Monday"),
            (LocalDate(year: year, month: 12, day: 25), "Christmas Day"),
            (LocalDate(year: year, month: 12, day: 26), "Second Christmas Day"),
        ]
        // A general day off only in lustrum years (collective agreements); other years people work.
        if year % 5 == 0 {
            days.append((LocalDate(year: year, month: 5, day: 5), "Liberation Day"))
        }
        return days
    }

    private static func norway(_ year: Int) -> [(date: LocalDate, name: String)] {
        let easter = easterSunday(year: year)
        return [
            (LocalDate(year: year, month: 1, day: 1), "New Year's Day"),
            (easter.adding(days: -3), "Maundy Thursday"),
            (easter.adding(days: -2), "Good Friday"),
            (easter, "Easter Sunday"),
            (easter.adding(days: 1), "Easter Monday"),
            (LocalDate(year: year, month: 5, day: 1), "Labour Day"),
            (LocalDate(year: year, month: 5, day: 17), "Constitution Day"),
            (easter.adding(days: 39), "Ascension Day"),
            (easter.adding(days: 49), "Whit Sunday"),
            (easter.adding(days: 50), "Whit Monday"),
            (LocalDate(year: year, month: 12, day: 25), "Christmas Day"),
            (LocalDate(year: year, month: 12, day: 26), "Second Christmas Day"),
        ]
    }
}
