@testable import DeskStore
import XCTest

/// The service-desk rules in `desk.yml` (`categories`, `calendars`, `sla`, absences): what they
/// read as, and every refusal naming the key and its line.
final class PolicyConfigTests: XCTestCase {
    private func decode(_ text: String) throws -> DeskConfig {
        try DeskConfigCodec.decode(Array(text.utf8))
    }

    private func assertRejects(_ text: String, line: Int, mentions: [String],
                               file: StaticString = #filePath, testLine: UInt = #line) {
        guard let error = formatError({ try decode(text) }, file: file, line: testLine) else { return }
        XCTAssertEqual(error.rule, "config", "rule; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line; message: \(error.message)", file: file, line: testLine)
        for word in mentions {
            XCTAssertTrue(error.message.contains(word), "message \(error.message.debugDescription) mentions \(word)",
                          file: file, line: testLine)
        }
        let findings = FileLinter.lint(path: "desk.yml", bytes: Array(text.utf8),
                                       context: LintContext(config: .standard, contents: PathSet(paths: [])))
        assertFindings(findings, [ExpectedFinding(.config, max(1, line))], path: "desk.yml", file: file, line: testLine)
    }

    static let text = """
        people:
          alice: { role: lead, groups: [first-line] }
          bob: { role: operator, groups: [network], absent: [2026-12-21..2027-01-03, 2027-02-12] }
          pia: { role: requester, department: hr }
        departments:
          hr: { face: alice, deputy: bob }
        categories:
          network: network
          network/wifi: first-line
        calendars:
          office:
            time_zone: Europe/Amsterdam
            hours:
              mon-thu: "08:30-12:00, 13:00-17:30"
              fri: [ "08:30-12:00" ]
              sat: closed
            holidays: [nl, 2026-12-24, 2026-12-28..2026-12-30]
        sla:
          calendar: office
          at_risk: 75%
          P1: { response: 30m, resolve: 4h, calendar: 24x7 }
          P3: { response: 4h, resolve: 1d4h }

        """

    func testReadsCategoriesCalendarsSLAAndAbsences() throws {
        let config = try decode(Self.text)
        XCTAssertEqual(config.categories, [CategoryRoute(category: "network", group: "network"),
                                           CategoryRoute(category: "network/wifi", group: "first-line")])
        XCTAssertEqual(config.categoryRoute(for: "network/vpn")?.group, "network", "a rule covers its sub-categories")
        XCTAssertEqual(config.categoryRoute(for: "Network/WiFi/guest")?.group, "first-line", "the most specific rule wins")
        XCTAssertNil(config.categoryRoute(for: "networking"), "a prefix that is not a whole category does not match")

        let office = try XCTUnwrap(config.calendarRules("office"))
        XCTAssertEqual(office.timeZone, "Europe/Amsterdam")
        XCTAssertEqual(office.hours[0], [WorkingInterval(start: 510, end: 720), WorkingInterval(start: 780, end: 1050)])
        XCTAssertEqual(office.hours[3], office.hours[0])
        XCTAssertEqual(office.hours[4], [WorkingInterval(start: 510, end: 720)])
        XCTAssertEqual(office.hours[5], [])
        XCTAssertEqual(office.hours[6], [], "a day not listed is closed")
        XCTAssertEqual(office.holidaySets, ["nl"])
        XCTAssertEqual(office.closedDates.map(\.description), ["2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30"])
        XCTAssertEqual(config.calendarRules("24x7"), .alwaysOpen, "24x7 is built in")

        let sla = try XCTUnwrap(config.sla)
        XCTAssertEqual(sla.calendar, "office")
        XCTAssertEqual(sla.atRisk, 0.75, accuracy: 1e-9)
        XCTAssertEqual(sla.pauseIn, ["pending"])
        XCTAssertEqual(sla.targets[.p1], SLATarget(response: BusinessDuration(seconds: 1800), resolve: BusinessDuration(seconds: 14_400), calendar: "24x7"))
        XCTAssertEqual(sla.targets[.p3]?.resolve, BusinessDuration(days: 1, seconds: 14_400))
        XCTAssertNil(sla.targets[.p2])
        XCTAssertEqual(sla.calendarName(for: .p1), "24x7")
        XCTAssertEqual(sla.calendarName(for: .p3), "office")

        let bob = try XCTUnwrap(config.person("bob"))
        XCTAssertNotNil(bob.absence(on: LocalDate(year: 2027, month: 1, day: 3)))
        XCTAssertNil(bob.absence(on: LocalDate(year: 2027, month: 1, day: 4)))
        XCTAssertNotNil(bob.absence(on: LocalDate(year: 2027, month: 2, day: 12)))
    }

    func testDurations() {
        XCTAssertEqual(BusinessDuration(text: "30m"), BusinessDuration(seconds: 1800))
        XCTAssertEqual(BusinessDuration(text: "1h30m"), BusinessDuration(seconds: 5400))
        XCTAssertEqual(BusinessDuration(text: "3d"), BusinessDuration(days: 3))
        XCTAssertEqual(BusinessDuration(text: "2d4h")?.description, "2d4h")
        for bad in ["", "0m", "h", "4", "4x", "30m1h", "1h1h", "-1h", "1.5h", "4 h"] {
            XCTAssertNil(BusinessDuration(text: bad), bad)
        }
    }

    // MARK: Refusals

    func testRefusesABadDurationNamingTheKey() {
        assertRejects("sla:\n  P2: { response: 1h, resolve: 8 hours }\n", line: 2, mentions: ["sla.P2.resolve", "8 hours"])
    }

    func testRefusesAnUnknownCalendar() {
        assertRejects("sla:\n  calendar: office\n", line: 2, mentions: ["sla.calendar", "office", "24x7"])
        assertRejects("calendars:\n  office: { hours: { mon-fri: \"09:00-17:00\" } }\nsla:\n  P1: { resolve: 4h, calendar: night }\n",
                      line: 4, mentions: ["sla.P1.calendar", "night"])
    }

    func testRefusesOverlappingHoursAndDays() {
        assertRejects("calendars:\n  office:\n    hours:\n      mon-fri: \"09:00-17:00\"\n      fri: \"09:00-12:00\"\n",
                      line: 5, mentions: ["calendars.office.hours.fri", "overlaps", "fri"])
        assertRejects("calendars:\n  office:\n    hours:\n      mon: \"09:00-13:00, 12:00-17:00\"\n",
                      line: 4, mentions: ["calendars.office.hours.mon", "overlap"])
        assertRejects("calendars:\n  office:\n    hours:\n      mon: \"17:00-09:00\"\n", line: 4, mentions: ["17:00-09:00"])
        assertRejects("calendars:\n  office:\n    hours:\n      fri-mon: \"09:00-17:00\"\n", line: 4, mentions: ["fri-mon"])
    }

    func testRefusesBadCalendarSettings() {
        assertRejects("calendars:\n  office:\n    time_zone: Europe/Amsterdm\n    hours: { mon: \"09:00-17:00\" }\n",
                      line: 3, mentions: ["time_zone", "Europe/Amsterdm"])
        assertRejects("calendars:\n  office:\n    hours: { mon: \"09:00-17:00\" }\n    holidays: [nl, se]\n",
                      line: 4, mentions: ["holidays", "se", "nl, no"])
        assertRejects("calendars:\n  office:\n    hours: { sat: closed }\n", line: 3, mentions: ["no working hours"])
        assertRejects("calendars:\n  24x7:\n    hours: { mon: \"09:00-17:00\" }\n", line: 2, mentions: ["built in"])
    }

    func testRefusesBadCategoriesAndAbsences() {
        assertRejects("people:\n  alice: { role: operator, groups: [first-line] }\ncategories:\n  network: netwrk\n",
                      line: 4, mentions: ["categories.network", "netwrk", "first-line"])
        assertRejects("categories:\n  network: a\n  Network: b\n", line: 3, mentions: ["listed twice"])
        assertRejects("people:\n  bob: { role: operator, absent: [2026-12-31..2026-12-01] }\n", line: 2,
                      mentions: ["people.bob.absent", "2026-12-31..2026-12-01"])
    }

    func testRefusesBadSLASettings() {
        assertRejects("sla:\n  at_risk: 120%\n", line: 2, mentions: ["sla.at_risk"])
        assertRejects("sla:\n  P5: { resolve: 1d }\n", line: 2, mentions: ["P5", "P1, P2, P3, P4"])
        assertRejects("sla:\n  pause_in: [waiting]\n", line: 2, mentions: ["waiting", "pending"])
        assertRejects("sla:\n  P1: { response: 1h, respond: 2h }\n", line: 2, mentions: ["respond"])
    }
}
