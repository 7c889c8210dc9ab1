@testable import DeskStore
import XCTest

/// The holiday rule sets, against dates looked up by hand in published calendars.
final class PublicHolidaysTests: XCTestCase {
    private func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    private func dates(_ set: String, _ year: Int, named name: String) -> [LocalDate] {
        PublicHolidays.holidays(set: set, year: year).filter { $0.name == name }.map(\.date)
    }

    func testEasterSunday() {
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2024), date("2024-03-31"))
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2025), date("2025-04-20"))
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2026), date("2026-04-05"))
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2027), date("2027-03-28"))
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2038), date("2038-04-25"), "the latest possible")
        XCTAssertEqual(PublicHolidays.easterSunday(year: 2285), date("2285-03-22"), "the earliest possible")
    }

    func testGoodFridayAndEasterMonday() {
        for set in ["nl", "no"] {
            XCTAssertEqual(dates(set, 2025, named: "Good Friday"), [date("2025-04-18")], set)
            XCTAssertEqual(dates(set, 2025, named: "Easter Monday"), [date("2025-04-21")], set)
            XCTAssertEqual(dates(set, 2026, named: "Good Friday"), [date("2026-04-03")], set)
            XCTAssertEqual(dates(set, 2026, named: "Easter Monday"), [date("2026-04-06")], set)
            XCTAssertEqual(dates(set, 2027, named: "Good Friday"), [date("2027-03-26")], set)
            XCTAssertEqual(dates(set, 2027, named: "Easter Monday"), [date("2027-03-29")], set)
        }
    }

    func testAscensionAndWhitMonday() {
        for set in ["nl", "no"] {
            XCTAssertEqual(dates(set, 2025, named: "Ascension Day"), [date("2025-05-29")], set)
            XCTAssertEqual(dates(set, 2026, named: "Ascension Day"), [date("2026-05-14")], set)
            XCTAssertEqual(dates(set, 2027, named: "Ascension Day"), [date("2027-05-06")], set)
            XCTAssertEqual(dates(set, 2025, named: "Whit Monday"), [date("2025-06-09")], set)
            XCTAssertEqual(dates(set, 2026, named: "Whit Monday"), [date("2026-05-25")], set)
            XCTAssertEqual(dates(set, 2027, named: "Whit Monday"), [date("2027-05-17")], set)
            XCTAssertEqual(dates(set, 2026, named: "Whit Sunday"), [date("2026-05-24")], set)
        }
    }

    func testKingsDayMovesToSaturdayWhenThe27thIsASunday() {
        XCTAssertEqual(dates("nl", 2025, named: "King's Day"), [date("2025-04-26")])
        XCTAssertEqual(dates("nl", 2026, named: "King's Day"), [date("2026-04-27")])
        XCTAssertEqual(dates("nl", 2014, named: "King's Day"), [date("2014-04-26")])
    }

    func testLiberationDayOnlyInLustrumYears() {
        XCTAssertEqual(dates("nl", 2025, named: "Liberation Day"), [date("2025-05-05")])
        XCTAssertEqual(dates("nl", 2030, named: "Liberation Day"), [date("2030-05-05")])
        XCTAssertEqual(dates("nl", 2026, named: "Liberation Day"), [])
        XCTAssertEqual(dates("no", 2025, named: "Liberation Day"), [], "not a Norwegian holiday")
    }

    func testConstitutionDayEveryYearInNorway() {
        for year in 2020...2035 {
            XCTAssertEqual(dates("no", year, named: "Constitution Day"), [LocalDate(year: year, month: 5, day: 17)])
        }
        XCTAssertEqual(dates("nl", 2026, named: "Constitution Day"), [])
    }

    func testMaundyThursdayOnlyInNorway() {
        XCTAssertEqual(dates("no", 2026, named: "Maundy Thursday"), [date("2026-04-02")])
        XCTAssertEqual(dates("nl", 2026, named: "Maundy Thursday"), [])
    }

    func testFullNetherlandsYear() {
        let holidays = PublicHolidays.holidays(set: "nl", year: 2025)
        XCTAssertEqual(holidays.map(\.date.description), [
            "2025-01-01", "2025-04-18", "2025-04-20", "2025-04-21", "2025-04-26", "2025-05-05",
            "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26",
        ])
        XCTAssertEqual(holidays.map(\.name), [
            "New Year's Day", "Good Friday", "Easter Sunday", "Easter Monday", "King's Day", "Liberation Day",
            "Ascension Day", "Whit Sunday", "Whit Monday", "Christmas Day", "Second Christmas Day",
        ])
        XCTAssertEqual(PublicHolidays.holidays(set: "nl", year: 2026).count, 10, "no Liberation Day")
    }

    func testFullNorwayYearIsSortedEvenWhenTwoShareADate() {
        // Whit Monday 2027 falls on 17 May: both stay, in the rule set's order.
        let holidays = PublicHolidays.holidays(set: "no", year: 2027)
        XCTAssertEqual(holidays.map(\.date.description), [
            "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01",
            "2027-05-06", "2027-05-16", "2027-05-17", "2027-05-17", "2027-12-25", "2027-12-26",
        ])
        XCTAssertEqual(holidays[8].name, "Constitution Day")
        XCTAssertEqual(holidays[9].name, "Whit Monday")
    }

    func testUnknownSetHasNoHolidays() {
        XCTAssertTrue(PublicHolidays.holidays(set: "xx", year: 2026).isEmpty)
        XCTAssertTrue(PublicHolidays.holidays(set: "NL", year: 2026).isEmpty, "codes are lower case")
        XCTAssertEqual(PublicHolidays.knownSets, ["nl": "Netherlands", "no": "Norway"])
    }

    func testEveryHolidayFallsInItsYear() {
        for set in PublicHolidays.knownSets.keys {
            for year in 1900...2300 {
                for holiday in PublicHolidays.holidays(set: set, year: year) {
                    XCTAssertEqual(holiday.date.year, year, "\(set) \(holiday.name)")
                    XCTAssertEqual(LocalDate(dayNumber: holiday.date.dayNumber), holiday.date, "a real date")
                }
                let easter = PublicHolidays.easterSunday(year: year)
                XCTAssertEqual(easter.weekday, 7, "\(year): Easter is a Sunday")
                XCTAssertTrue(easter >= LocalDate(year: year, month: 3, day: 22) && easter <= LocalDate(year: year, month: 4, day: 25))
            }
        }
    }
}
