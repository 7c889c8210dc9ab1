@testable import DeskStore
import DeskTestSupport
import XCTest

/// Open time and due times on business calendars. Starts are written on the calendar's wall clock
/// (`+01:00` in winter, `+02:00` in summer); expected due times are worked out by hand, in UTC.
final class BusinessCalendarTests: XCTestCase {
    static let defaultSeed: UInt64 = 0xCA1E_2026_0329

    private static func weekdays(_ intervals: [WorkingInterval], saturday: Bool = false) -> [[WorkingInterval]] {
        Array(repeating: intervals, count: saturday ? 6 : 5) + Array(repeating: [], count: saturday ? 1 : 2)
    }

    private static func hours(_ from: String, _ to: String) -> WorkingInterval {
        func minutes(_ clock: String) -> Int {
            let parts = clock.split(separator: ":").map { Int($0)! }
            return parts[0] * 60 + parts[1]
        }
        return WorkingInterval(start: minutes(from), end: minutes(to))
    }

    /// Europe/Amsterdam, Monday to Friday 08:30-17:00, Dutch holidays.
    static let officeRules = CalendarRules(
        name: "office", timeZone: "Europe/Amsterdam", hours: weekdays([hours("08:30", "17:00")]), holidaySets: ["nl"])
    /// Europe/Oslo, Monday to Friday 08:00-16:00, Norwegian holidays.
    static let osloRules = CalendarRules(
        name: "oslo", timeZone: "Europe/Oslo", hours: weekdays([hours("08:00", "16:00")]), holidaySets: ["no"])
    /// Europe/Amsterdam, Monday to Friday 09:00-12:00 and 13:00-17:00, no holidays.
    static let lunchRules = CalendarRules(
        name: "lunch", timeZone: "Europe/Amsterdam", hours: weekdays([hours("09:00", "12:00"), hours("13:00", "17:00")]))
    /// Europe/Amsterdam, open every minute: days follow the wall clock, so two are not 24 hours long.
    static let aroundTheClockRules = CalendarRules(
        name: "ams-24x7", timeZone: "Europe/Amsterdam", hours: Array(repeating: [hours("00:00", "24:00")], count: 7))
    /// Europe/Amsterdam, Monday to Saturday 09:00-17:00, Dutch holidays.
    static let shopRules = CalendarRules(
        name: "shop", timeZone: "Europe/Amsterdam", hours: weekdays([hours("09:00", "17:00")], saturday: true),
        holidaySets: ["nl"])
    /// Europe/Amsterdam, Sundays 02:30-04:00: the hours the clock changes skip or repeat.
    static let nightRules = CalendarRules(
        name: "night", timeZone: "Europe/Amsterdam", hours: Array(repeating: [], count: 6) + [[hours("02:30", "04:00")]])

    private func at(_ iso: String, file: StaticString = #filePath, line: UInt = #line) -> Timestamp {
        guard let t = Timestamp(iso: iso) else {
            XCTFail("bad timestamp in test: \(iso)", file: file, line: line)
            return Timestamp(seconds: 0)
        }
        return t
    }

    private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    private static let hour: Int64 = 3600

    // MARK: - Building

    func testRejectsRulesItCannotCompute() {
        func message(_ rules: CalendarRules) -> String? {
            do {
                _ = try BusinessCalendar(rules)
                return nil
            } catch let error as DeskError {
                XCTAssertEqual(error.code, "invalid_input")
                return error.description
            } catch {
                return "\(error)"
            }
        }
        var rules = Self.officeRules
        rules.timeZone = "Mars/Olympus_Mons"
        XCTAssertEqual(message(rules), "calendar office: unknown time zone \"Mars/Olympus_Mons\"; use an IANA name such as Europe/Amsterdam or UTC")
        rules = Self.officeRules
        rules.holidaySets = ["nl", "xx"]
        XCTAssertEqual(message(rules), "calendar office: unknown holiday set \"xx\"; known sets: nl (Netherlands), no (Norway)")
        rules = Self.officeRules
        rules.hours.removeLast()
        XCTAssertEqual(message(rules), "calendar office: hours must list 7 weekdays, Monday to Sunday, not 6")
        rules = Self.officeRules
        rules.hours[1] = [Self.hours("13:00", "17:00"), Self.hours("09:00", "12:00")]
        XCTAssertEqual(message(rules), "calendar office: weekday 2 (1 = Monday) needs sorted, non-overlapping hours within 00:00-24:00; 09:00-12:00 is not")
        rules.hours[1] = [Self.hours("17:00", "08:30")]
        XCTAssertNotNil(message(rules), "backwards")
        rules.hours[1] = [WorkingInterval(start: 0, end: 1441)]
        XCTAssertNotNil(message(rules), "past midnight")
        XCTAssertNil(message(.alwaysOpen))
        XCTAssertNil(message(Self.osloRules))
    }

    // MARK: - Days and moments

    func testLocalDateFollowsTheZone() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertEqual(office.localDate(of: at("2026-03-28T23:30:00Z")), date("2026-03-29"), "00:30 CET")
        XCTAssertEqual(office.localDate(of: at("2026-03-28T22:59:59Z")), date("2026-03-28"))
        XCTAssertEqual(office.localDate(of: at("2026-06-30T22:00:00Z")), date("2026-07-01"), "00:00 CEST")
        XCTAssertEqual(office.localDate(of: at("2026-06-30T21:59:59Z")), date("2026-06-30"))
        XCTAssertEqual(office.localDate(of: at("2026-12-31T23:00:00Z")), date("2027-01-01"), "a new year")
        let utc = try BusinessCalendar(.alwaysOpen)
        XCTAssertEqual(utc.localDate(of: at("2026-12-31T23:59:59Z")), date("2026-12-31"))
        XCTAssertEqual(utc.localDate(of: at("1969-12-31T12:00:00Z")), date("1969-12-31"), "before 1970")
    }

    func testIsOpenAtTheEdgesOfTheDay() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertFalse(office.isOpen(at: at("2026-03-09T08:29:59+01:00")))
        XCTAssertTrue(office.isOpen(at: at("2026-03-09T08:30:00+01:00")), "opening is open")
        XCTAssertTrue(office.isOpen(at: at("2026-03-09T16:59:59+01:00")))
        XCTAssertFalse(office.isOpen(at: at("2026-03-09T17:00:00+01:00")), "closing is closed")
        XCTAssertFalse(office.isOpen(at: at("2026-03-14T12:00:00+01:00")), "Saturday")
        XCTAssertTrue(office.isWorkingDay(date("2026-03-13")))
        XCTAssertFalse(office.isWorkingDay(date("2026-03-14")))
        XCTAssertFalse(office.isWorkingDay(date("2026-03-15")))
        XCTAssertNil(office.holidayName(date("2026-03-14")), "a weekend is not a holiday")
    }

    // MARK: - Adding business time

    func testWeekendIsSkipped() throws {
        let office = try BusinessCalendar(Self.officeRules)
        let friday = at("2026-03-13T16:00:00+01:00")
        // One hour on Friday, one from Monday 08:30: Monday 09:30 CET.
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: friday).description, "2026-03-16T08:30:00Z")
        XCTAssertEqual(office.businessSeconds(from: friday, to: at("2026-03-16T09:30:00+01:00")), 2 * Self.hour)
        XCTAssertEqual(office.businessSeconds(from: friday, to: at("2026-03-16T08:00:00+01:00")), Self.hour)
    }

    func testTargetEndingAtClosingTimeIsDueAtClosingTime() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertEqual(office.add(seconds: Self.hour, to: at("2026-03-13T16:00:00+01:00")).description,
                       "2026-03-13T16:00:00Z", "Friday 17:00, not Monday 08:30")
        XCTAssertEqual(office.add(BusinessDuration(seconds: Self.hour), to: at("2026-03-13T16:00:00+01:00")).description,
                       "2026-03-13T16:00:00Z")
        XCTAssertEqual(office.add(seconds: 30_600, to: at("2026-03-09T08:30:00+01:00")).description,
                       "2026-03-09T16:00:00Z", "a whole day from opening ends at that day's closing")
        XCTAssertEqual(office.add(seconds: 60, to: at("2026-03-13T17:00:00+01:00")).description,
                       "2026-03-16T07:31:00Z", "a minute after Friday's closing is Monday 08:31")
    }

    func testZeroSecondsIsTheStartItself() throws {
        let office = try BusinessCalendar(Self.officeRules)
        let saturday = at("2026-03-14T10:00:00+01:00")
        XCTAssertEqual(office.add(seconds: 0, to: saturday), saturday, "even when closed")
        XCTAssertEqual(office.add(BusinessDuration(), to: saturday), saturday)
        XCTAssertEqual(office.businessSeconds(from: saturday, to: saturday), 0)
        XCTAssertEqual(office.businessSeconds(from: at("2026-03-16T12:00:00+01:00"), to: at("2026-03-16T11:00:00+01:00")), 0,
                       "backwards is nothing")
    }

    func testStartOutsideHoursCountsFromTheNextOpening() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertEqual(office.add(seconds: 4 * Self.hour, to: at("2026-03-10T22:00:00+01:00")).description,
                       "2026-03-11T11:30:00Z", "Tuesday 22:00 + 4h: Wednesday 12:30")
        XCTAssertEqual(office.add(seconds: 4 * Self.hour, to: at("2026-03-15T11:00:00+01:00")).description,
                       "2026-03-16T11:30:00Z", "Sunday 11:00 + 4h: Monday 12:30")
        XCTAssertEqual(office.add(seconds: Self.hour, to: at("2026-03-09T07:00:00+01:00")).description,
                       "2026-03-09T08:30:00Z", "Monday 07:00 + 1h: 09:30")
    }

    func testTargetsSpanningSeveralDays() throws {
        let office = try BusinessCalendar(Self.officeRules)
        func due(_ target: String, _ start: String) -> String {
            office.add(BusinessDuration(text: target)!, to: at(start)).description
        }
        // Monday 10:00 + 16h: 7h Monday, 8h30 Tuesday, 30m Wednesday.
        XCTAssertEqual(due("16h", "2026-03-09T10:00:00+01:00"), "2026-03-11T08:00:00Z")
        XCTAssertEqual(due("3d", "2026-03-10T14:00:00+01:00"), "2026-03-13T13:00:00Z", "Tuesday 14:00 + 3d: Friday 14:00")
        XCTAssertEqual(due("3d", "2026-03-10T17:00:00+01:00"), "2026-03-13T16:00:00Z", "Tuesday 17:00 + 3d: Friday 17:00")
        XCTAssertEqual(due("1d", "2026-03-13T14:00:00+01:00"), "2026-03-16T13:00:00Z", "Friday 14:00 + 1d: Monday 14:00")
        XCTAssertEqual(due("5d", "2026-03-11T11:00:00+01:00"), "2026-03-18T10:00:00Z", "Wednesday to Wednesday")
        XCTAssertEqual(due("1d", "2026-03-14T10:00:00+01:00"), "2026-03-16T16:00:00Z", "Saturday 10:00 + 1d: Monday 17:00")
        XCTAssertEqual(due("1d", "2026-03-15T11:00:00+01:00"), "2026-03-16T16:00:00Z", "Sunday 11:00 + 1d: Monday 17:00")
        XCTAssertEqual(due("1d", "2026-03-10T22:00:00+01:00"), "2026-03-11T16:00:00Z", "Tuesday 22:00 + 1d: Wednesday 17:00")
        XCTAssertEqual(due("1d", "2026-03-09T07:00:00+01:00"), "2026-03-09T16:00:00Z", "before opening: the same day's closing")
        XCTAssertEqual(due("1d", "2026-03-09T08:30:00+01:00"), "2026-03-09T16:00:00Z", "at opening: the same day's closing")
        // Thursday 14:00 + 1d is Friday 14:00; 3h more that day, 1h on Monday.
        XCTAssertEqual(due("1d4h", "2026-03-12T14:00:00+01:00"), "2026-03-16T08:30:00Z")
        // Saturday + 1d is Monday 17:00; the 4h start on Tuesday 08:30.
        XCTAssertEqual(due("1d4h", "2026-03-14T10:00:00+01:00"), "2026-03-17T11:30:00Z")
    }

    func testLunchBreakIsClosed() throws {
        let lunch = try BusinessCalendar(Self.lunchRules)
        XCTAssertTrue(lunch.isOpen(at: at("2026-03-09T11:59:59+01:00")))
        XCTAssertFalse(lunch.isOpen(at: at("2026-03-09T12:30:00+01:00")))
        XCTAssertTrue(lunch.isOpen(at: at("2026-03-09T13:00:00+01:00")))
        let eleven = at("2026-03-09T11:00:00+01:00")
        XCTAssertEqual(lunch.add(seconds: 2 * Self.hour, to: eleven).description, "2026-03-09T13:00:00Z", "14:00: lunch skipped")
        XCTAssertEqual(lunch.add(seconds: Self.hour, to: eleven).description, "2026-03-09T11:00:00Z", "12:00, not 13:00")
        XCTAssertEqual(lunch.add(seconds: 1800, to: at("2026-03-09T12:30:00+01:00")).description, "2026-03-09T12:30:00Z",
                       "from lunch, counting starts at 13:00")
        XCTAssertEqual(lunch.businessSeconds(from: eleven, to: at("2026-03-09T14:00:00+01:00")), 2 * Self.hour)
        XCTAssertEqual(lunch.businessSeconds(from: at("2026-03-09T09:00:00+01:00"), to: at("2026-03-10T09:00:00+01:00")),
                       7 * Self.hour)
        // At lunch the whole morning is behind: a day later is the end of Tuesday's morning.
        XCTAssertEqual(lunch.add(BusinessDuration(days: 1), to: at("2026-03-09T12:30:00+01:00")).description,
                       "2026-03-10T11:00:00Z")
        XCTAssertEqual(lunch.add(BusinessDuration(days: 1), to: at("2026-03-09T14:00:00+01:00")).description,
                       "2026-03-10T13:00:00Z")
    }

    // MARK: - Holidays

    func testEasterClosesGoodFridayAndEasterMonday() throws {
        let office = try BusinessCalendar(Self.officeRules)
        for (friday, monday) in [("2025-04-18", "2025-04-21"), ("2026-04-03", "2026-04-06"), ("2027-03-26", "2027-03-29")] {
            XCTAssertFalse(office.isWorkingDay(date(friday)), friday)
            XCTAssertFalse(office.isWorkingDay(date(monday)), monday)
            XCTAssertEqual(office.holidayName(date(friday)), "Good Friday")
            XCTAssertEqual(office.holidayName(date(monday)), "Easter Monday")
            XCTAssertTrue(office.isWorkingDay(date(friday).adding(days: -1)), "Maundy Thursday is a working day in the Netherlands")
            XCTAssertTrue(office.isWorkingDay(date(monday).adding(days: 1)))
        }
        // Thursday 16:00 + 2h: one hour before Easter, one on Tuesday from 08:30 CEST.
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2025-04-17T16:00:00+02:00")).description, "2025-04-22T07:30:00Z")
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2026-04-02T16:00:00+02:00")).description, "2026-04-07T07:30:00Z")
        // 2027: Easter Sunday is also the day the clocks go forward; Thursday is CET, Tuesday CEST.
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2027-03-25T16:00:00+01:00")).description, "2027-03-30T07:30:00Z")
        XCTAssertEqual(office.add(BusinessDuration(days: 1), to: at("2026-04-02T10:00:00+02:00")).description,
                       "2026-04-07T08:00:00Z", "Thursday 10:00 + 1d: Tuesday 10:00")
    }

    func testNorwayAlsoClosesMaundyThursday() throws {
        let oslo = try BusinessCalendar(Self.osloRules)
        XCTAssertFalse(oslo.isWorkingDay(date("2026-04-02")))
        XCTAssertEqual(oslo.holidayName(date("2026-04-02")), "Maundy Thursday")
        // Wednesday 15:00 + 2h: one hour on Wednesday, then Tuesday 08:00-09:00 CEST.
        XCTAssertEqual(oslo.add(seconds: 2 * Self.hour, to: at("2026-04-01T15:00:00+02:00")).description, "2026-04-07T07:00:00Z")
    }

    func testAscensionAndWhitMondayAreClosed() throws {
        let office = try BusinessCalendar(Self.officeRules)
        for day in ["2025-05-29", "2026-05-14", "2027-05-06"] {
            XCTAssertEqual(office.holidayName(date(day)), "Ascension Day")
            XCTAssertFalse(office.isWorkingDay(date(day)), day)
        }
        for day in ["2025-06-09", "2026-05-25", "2027-05-17"] {
            XCTAssertEqual(office.holidayName(date(day)), "Whit Monday")
            XCTAssertFalse(office.isWorkingDay(date(day)), day)
        }
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2026-05-13T16:00:00+02:00")).description,
                       "2026-05-15T07:30:00Z", "Wednesday 16:00 + 2h: Friday 09:30")
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2026-05-22T16:00:00+02:00")).description,
                       "2026-05-26T07:30:00Z", "Friday 16:00 + 2h: Tuesday 09:30")
    }

    func testKingsDay2025FallsOnASaturday() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertTrue(office.isWorkingDay(date("2025-04-25")), "the Friday before stays open")
        XCTAssertTrue(office.isOpen(at: at("2025-04-25T12:00:00+02:00")))
        XCTAssertFalse(office.isWorkingDay(date("2026-04-27")), "2026: a Monday off")
        let shop = try BusinessCalendar(Self.shopRules)
        XCTAssertFalse(shop.isWorkingDay(date("2025-04-26")))
        XCTAssertEqual(shop.holidayName(date("2025-04-26")), "King's Day")
        XCTAssertFalse(shop.isOpen(at: at("2025-04-26T12:00:00+02:00")))
        XCTAssertTrue(shop.isWorkingDay(date("2025-04-19")), "other Saturdays are open")
        // Friday 16:00 + 2h: one hour Friday, Saturday closed, Sunday no hours, Monday 09:00-10:00.
        XCTAssertEqual(shop.add(seconds: 2 * Self.hour, to: at("2025-04-25T16:00:00+02:00")).description, "2025-04-28T08:00:00Z")
    }

    func testConstitutionDayClosesOslo() throws {
        let oslo = try BusinessCalendar(Self.osloRules)
        XCTAssertFalse(oslo.isWorkingDay(date("2027-05-17")), "a Monday")
        XCTAssertEqual(oslo.holidayName(date("2027-05-17")), "Constitution Day", "Whit Monday too, the first name wins")
        // Friday 15:00 + 2h: one hour Friday, then Tuesday 08:00-09:00.
        XCTAssertEqual(oslo.add(seconds: 2 * Self.hour, to: at("2027-05-14T15:00:00+02:00")).description, "2027-05-18T07:00:00Z")
        XCTAssertFalse(oslo.isWorkingDay(date("2028-05-17")))
        XCTAssertTrue(try BusinessCalendar(Self.officeRules).isWorkingDay(date("2028-05-17")), "not a Dutch holiday")
    }

    func testClosedDates() throws {
        var rules = Self.officeRules
        rules.closedDates = [date("2026-03-16"), date("2026-04-03")]
        let office = try BusinessCalendar(rules)
        XCTAssertEqual(office.holidayName(date("2026-03-16")), "Closed")
        XCTAssertEqual(office.holidayName(date("2026-04-03")), "Good Friday", "a holiday keeps its name")
        XCTAssertFalse(office.isWorkingDay(date("2026-03-16")))
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2026-03-13T16:00:00+01:00")).description,
                       "2026-03-17T08:30:00Z", "Friday 16:00 + 2h: Tuesday 09:30")
    }

    // MARK: - Years

    func testAcrossTheTurnOfTheYear() throws {
        let office = try BusinessCalendar(Self.officeRules)
        // Thursday 31 December 16:00 + 2h: 1 January is a holiday, then a weekend.
        XCTAssertEqual(office.add(seconds: 2 * Self.hour, to: at("2026-12-31T16:00:00+01:00")).description, "2027-01-04T08:30:00Z")
        XCTAssertEqual(office.add(BusinessDuration(days: 3), to: at("2026-12-30T10:00:00+01:00")).description,
                       "2027-01-05T09:00:00Z", "Wednesday + 3d: Thursday, Monday, Tuesday 10:00")
        // 24 Dec 10:00-17:00 (7h), 28-31 Dec (4 × 8h30), 4 Jan (8h30), 5 Jan 08:30-10:00 (1h30): 51h.
        XCTAssertEqual(office.businessSeconds(from: at("2026-12-24T10:00:00+01:00"), to: at("2027-01-05T10:00:00+01:00")),
                       51 * Self.hour)
    }

    func testWholeYears() throws {
        let office = try BusinessCalendar(Self.officeRules)
        // 2026: 261 weekdays, 7 of them holidays (1 Jan, Good Friday, Easter Monday, King's Day,
        // Ascension, Whit Monday, Christmas Day); 254 days of 8h30.
        XCTAssertEqual(office.businessSeconds(from: at("2026-01-01T00:00:00+01:00"), to: at("2027-01-01T00:00:00+01:00")),
                       254 * 30_600)
        // 2025: 261 - 8 (Liberation Day too; King's Day is a Saturday) = 253; 2027: 261 - 6 = 255.
        XCTAssertEqual(office.businessSeconds(from: at("2025-01-01T00:00:00+01:00"), to: at("2028-01-01T00:00:00+01:00")),
                       (253 + 254 + 255) * 30_600)
    }

    // MARK: - Daylight saving time

    func testClockChangesDoNotChangeBusinessHours() throws {
        let office = try BusinessCalendar(Self.officeRules)
        // Friday 16:00 to Monday 10:00 is 1h + 1h30 both times the clocks change over the weekend.
        XCTAssertEqual(office.businessSeconds(from: at("2026-03-27T16:00:00+01:00"), to: at("2026-03-30T10:00:00+02:00")), 9000)
        XCTAssertEqual(office.businessSeconds(from: at("2026-10-23T16:00:00+02:00"), to: at("2026-10-26T10:00:00+01:00")), 9000)
        XCTAssertEqual(office.add(seconds: 9000, to: at("2026-03-27T16:00:00+01:00")).description, "2026-03-30T08:00:00Z")
        XCTAssertEqual(office.add(seconds: 9000, to: at("2026-10-23T16:00:00+02:00")).description, "2026-10-26T09:00:00Z")
        // Opening is 08:30 on the wall clock, so an hour earlier in UTC in summer.
        XCTAssertFalse(office.isOpen(at: at("2026-03-27T07:29:59Z")))
        XCTAssertTrue(office.isOpen(at: at("2026-03-27T07:30:00Z")))
        XCTAssertFalse(office.isOpen(at: at("2026-03-30T06:29:59Z")))
        XCTAssertTrue(office.isOpen(at: at("2026-03-30T06:30:00Z")))
    }

    func testAroundTheClockDaysAre23And25HoursLong() throws {
        let calendar = try BusinessCalendar(Self.aroundTheClockRules)
        // Local midnight to local midnight.
        XCTAssertEqual(calendar.businessSeconds(from: at("2026-03-28T23:00:00Z"), to: at("2026-03-29T22:00:00Z")), 23 * Self.hour)
        XCTAssertEqual(calendar.businessSeconds(from: at("2026-10-24T22:00:00Z"), to: at("2026-10-25T23:00:00Z")), 25 * Self.hour)
        XCTAssertEqual(calendar.localDate(of: at("2026-03-29T21:59:59Z")), date("2026-03-29"))
        XCTAssertEqual(calendar.localDate(of: at("2026-10-25T22:59:59Z")), date("2026-10-25"))
        // A day later is as far into the next day's open time: 12 hours into the short Sunday is
        // 13:00 CEST, into the long one 11:00 CET.
        XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: at("2026-03-28T12:00:00+01:00")).description, "2026-03-29T11:00:00Z")
        XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: at("2026-10-24T12:00:00+02:00")).description, "2026-10-25T10:00:00Z")
        // Sunday 12:00 CEST is 11 hours into that day, so Monday 11:00 CEST.
        XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: at("2026-03-29T12:00:00+02:00")).description, "2026-03-30T09:00:00Z")
        XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: at("2026-03-29T00:00:00+01:00")).description,
                       "2026-03-29T22:00:00Z", "from midnight: the end of that short day")
        // Seconds are seconds, clock change or not.
        XCTAssertEqual(calendar.add(seconds: 2 * Self.hour, to: at("2026-03-29T00:30:00Z")).description, "2026-03-29T02:30:00Z")
        XCTAssertEqual(calendar.add(seconds: 2 * Self.hour, to: at("2026-10-25T00:30:00Z")).description, "2026-10-25T02:30:00Z")
        XCTAssertTrue(calendar.isOpen(at: at("2026-03-29T01:00:00Z")))
        XCTAssertTrue(calendar.isOpen(at: at("2026-10-25T01:30:00Z")))
    }

    func testHoursTheClockSkipsOrRepeats() throws {
        let night = try BusinessCalendar(Self.nightRules)
        // 29 March: 02:30 does not exist and opens at 03:30 CEST (01:30Z); 04:00 CEST is 02:00Z.
        XCTAssertEqual(night.businessSeconds(from: at("2026-03-28T12:00:00Z"), to: at("2026-03-29T12:00:00Z")), 1800)
        XCTAssertEqual(night.add(seconds: 60, to: at("2026-03-28T12:00:00Z")).description, "2026-03-29T01:31:00Z")
        // 25 October: 02:30 happens twice and opens the first time (CEST, 00:30Z); 04:00 CET is 03:00Z.
        XCTAssertEqual(night.businessSeconds(from: at("2026-10-24T12:00:00Z"), to: at("2026-10-25T12:00:00Z")), 9000)
        XCTAssertEqual(night.add(seconds: 60, to: at("2026-10-24T12:00:00Z")).description, "2026-10-25T00:31:00Z")
        // An ordinary Sunday: 02:30-04:00 CET.
        XCTAssertEqual(night.businessSeconds(from: at("2026-03-21T12:00:00Z"), to: at("2026-03-22T12:00:00Z")), 5400)
    }

    // MARK: - Special calendars

    func testAlwaysOpenAddsPlainSeconds() throws {
        let calendar = try BusinessCalendar(.alwaysOpen)
        for start in ["2026-03-09T10:00:00Z", "2026-03-29T00:30:00Z", "2026-12-31T22:00:00Z", "2028-02-28T23:00:00Z", "1999-12-31T23:59:59Z"] {
            let t = at(start)
            XCTAssertEqual(calendar.add(seconds: 4 * Self.hour, to: t).seconds, t.seconds + 14_400, start)
            XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: t).seconds, t.seconds + 86_400, start)
            XCTAssertEqual(calendar.businessSeconds(from: t, to: Timestamp(seconds: t.seconds + 1_000_000)), 1_000_000, start)
            XCTAssertTrue(calendar.isOpen(at: t))
        }
        XCTAssertEqual(calendar.add(BusinessDuration(days: 1), to: at("2026-03-09T00:00:00Z")).description, "2026-03-10T00:00:00Z")
    }

    func testCalendarWithoutHoursIsNeverDue() throws {
        let closed = try BusinessCalendar(CalendarRules(name: "closed", timeZone: "UTC", hours: Array(repeating: [], count: 7)))
        let start = at("2026-03-09T10:00:00Z")
        XCTAssertEqual(closed.add(seconds: 60, to: start), BusinessCalendar.never)
        XCTAssertEqual(closed.add(BusinessDuration(days: 1), to: start), BusinessCalendar.never)
        XCTAssertEqual(closed.add(seconds: 0, to: start), start)
        XCTAssertEqual(closed.businessSeconds(from: start, to: BusinessCalendar.never), 0)
        XCTAssertFalse(closed.isOpen(at: start))
        XCTAssertFalse(closed.isWorkingDay(date("2026-03-09")))
        XCTAssertEqual(BusinessCalendar.never.description, "9999-12-31T23:59:59Z")
    }

    func testSearchGivesUpAfterTenClosedYears() throws {
        // Sundays only, and every Sunday from 2026 to 2040 closed.
        var rules = CalendarRules(name: "sundays", timeZone: "UTC", hours: Array(repeating: [], count: 6) + [[Self.hours("09:00", "17:00")]])
        rules.closedDates = stride(from: date("2026-01-04").dayNumber, through: date("2040-12-30").dayNumber, by: 7)
            .map { LocalDate(dayNumber: $0) }
        let sundays = try BusinessCalendar(rules)
        XCTAssertEqual(sundays.add(seconds: 60, to: at("2026-01-01T00:00:00Z")), BusinessCalendar.never)
        XCTAssertEqual(sundays.add(BusinessDuration(days: 1), to: at("2026-01-01T00:00:00Z")), BusinessCalendar.never)
        XCTAssertEqual(sundays.add(seconds: 60, to: at("2032-01-01T00:00:00Z")).description, "2041-01-06T09:01:00Z",
                       "nine closed years are crossed")
    }

    func testHugeAmountsAndFarStartsEndAtNever() throws {
        let office = try BusinessCalendar(Self.officeRules)
        XCTAssertEqual(office.add(seconds: 3600, to: Timestamp(seconds: .max)), BusinessCalendar.never)
        XCTAssertEqual(office.add(BusinessDuration(days: .max), to: at("9990-01-01T00:00:00Z")), BusinessCalendar.never)
        XCTAssertEqual(office.add(seconds: .max, to: at("9990-01-01T00:00:00Z")), BusinessCalendar.never)
        XCTAssertEqual(office.businessSeconds(from: Timestamp(seconds: .min), to: Timestamp(seconds: .min + 1)), 0)
    }

    // MARK: - Properties

    /// Adding open time and counting it back agree, for any start and amount.
    func testAddingAndCountingAgree() throws {
        let seed = TestSeed.value(fallback: Self.defaultSeed)
        var rng = SplitMix64(seed: seed)
        let first = at("2025-01-01T00:00:00Z").seconds, last = at("2029-01-01T00:00:00Z").seconds
        for rules in [Self.officeRules, Self.osloRules, Self.lunchRules, Self.aroundTheClockRules, Self.shopRules, Self.nightRules] {
            let calendar = try BusinessCalendar(rules)
            for iteration in 0..<2_000 {
                let start = Timestamp(seconds: Int64.random(in: first...last, using: &rng))
                let amount = Int64.random(in: 1...(300 * Self.hour), using: &rng)
                let due = calendar.add(seconds: amount, to: start)
                let context = "\(rules.name): \(start) + \(amount)s = \(due); seed \(seed) (rerun with DESK_TEST_SEED=\(seed)), iteration \(iteration)"
                guard calendar.businessSeconds(from: start, to: due) == amount,
                      calendar.isOpen(at: Timestamp(seconds: due.seconds - 1)) else {
                    return XCTFail("counts back to \(calendar.businessSeconds(from: start, to: due)), open just before: \(calendar.isOpen(at: Timestamp(seconds: due.seconds - 1))); \(context)")
                }
                let middle = Timestamp(seconds: Int64.random(in: start.seconds...due.seconds, using: &rng))
                guard calendar.businessSeconds(from: start, to: middle) + calendar.businessSeconds(from: middle, to: due) == amount else {
                    return XCTFail("split at \(middle) does not add up; \(context)")
                }
            }
        }
    }

    /// On a calendar whose working days are all equally long, N days from any start is exactly N
    /// days' worth of open time: the same point of the business day, N working days on.
    func testDaysAreWholeBusinessDays() throws {
        let seed = TestSeed.value(fallback: Self.defaultSeed)
        var rng = SplitMix64(seed: seed)
        let first = at("2025-01-01T00:00:00Z").seconds, last = at("2029-01-01T00:00:00Z").seconds
        for (rules, dayLength) in [(Self.officeRules, Int64(30_600)), (Self.osloRules, 28_800), (Self.lunchRules, 25_200)] {
            let calendar = try BusinessCalendar(rules)
            for iteration in 0..<2_000 {
                // Whole half hours, so many starts land exactly on an opening or a closing.
                let start = Timestamp(seconds: Int64.random(in: first...last, using: &rng) / 1800 * 1800)
                let days = Int.random(in: 1...20, using: &rng)
                let due = calendar.add(BusinessDuration(days: days), to: start)
                guard calendar.businessSeconds(from: start, to: due) == Int64(days) * dayLength else {
                    return XCTFail("\(rules.name): \(start) + \(days)d = \(due), \(calendar.businessSeconds(from: start, to: due))s; seed \(seed) (rerun with DESK_TEST_SEED=\(seed)), iteration \(iteration)")
                }
            }
        }
    }
}
