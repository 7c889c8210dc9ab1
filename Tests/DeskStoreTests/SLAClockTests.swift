@testable import DeskStore
import XCTest

/// Due times, pauses and standings, against hand-computed expectations on an Amsterdam office
/// calendar (Mon–Fri 08:30–17:30, Dutch public holidays). Local times are in the comments.
final class SLAClockTests: XCTestCase {
    static let config: DeskConfig = {
        var config = DeskConfig.standard
        config.calendars = [CalendarRules(
            name: "office", timeZone: "Europe/Amsterdam",
            hours: Array(repeating: [WorkingInterval(start: 510, end: 1050)], count: 5) + [[], []],
            holidaySets: ["nl"])]
        config.sla = SLAPolicy(calendar: "office", atRisk: 0.8, pauseIn: ["pending"], targets: [
            .p1: SLATarget(response: BusinessDuration(seconds: 1800), resolve: BusinessDuration(seconds: 4 * 3600), calendar: "24x7"),
            .p3: SLATarget(response: BusinessDuration(seconds: 4 * 3600), resolve: BusinessDuration(days: 3)),
        ])
        return config
    }()

    private func t(_ iso: String) -> Timestamp { Timestamp(iso: iso)! }

    /// A P3 ticket created at `created` whose status moved as given.
    private func ticket(created: String, moves: [(String, String)] = [], responded: String? = nil) -> Ticket {
        var ticket = Ticket(id: TicketID("T-AAAAAAAA")!, title: "Payroll", status: "new", created: t(created))
        ticket.priority = .p3
        var status = "new"
        for (index, (to, at)) in moves.enumerated() {
            ticket.activity.append(ActivityEntry(id: "A-\(index)", at: t(at), author: "bob", kind: "status", from: status, to: to))
            status = to
        }
        ticket.status = status
        ticket.responded = responded.map(t)
        return ticket
    }

    func testDueTimesSkipGoodFridayAndEasterMonday() throws {
        let clock = SLAClock(config: Self.config)
        // Thu 2 April 2026 15:00 CEST. Response 4h: 2.5h on Thursday, then Good Friday, the weekend
        // and Easter Monday are closed; 1.5h on Tuesday → 10:00.
        let due = try clock.dueTimes(priority: .p3, created: t("2026-04-02T13:00:00Z"))
        XCTAssertEqual(due.response, t("2026-04-07T08:00:00Z"))
        // Resolution 3 working days: Tue 7, Wed 8, Thu 9 April, at the same point of the day (15:00).
        XCTAssertEqual(due.resolve, t("2026-04-09T13:00:00Z"))
        // P1 runs on 24x7: four wall-clock hours.
        XCTAssertEqual(try clock.dueTimes(priority: .p1, created: t("2026-04-03T22:00:00Z")).resolve, t("2026-04-04T02:00:00Z"))
        XCTAssertEqual(try clock.dueTimes(priority: .p4, created: t("2026-04-03T22:00:00Z")).resolve, nil, "no target, no due time")
    }

    func testTimeInPendingMovesTheResolutionDueTime() throws {
        let clock = SLAClock(config: Self.config)
        // Created Mon 2 March 2026 09:00 CET; due Thu 5 March 09:00. Pending Mon 10:00 → Tue 10:00:
        // 7.5h + 1.5h = 9 business hours, so the due time moves from Thu 09:00 to Fri 09:00.
        let moves = [("open", "2026-03-02T08:30:00Z"), ("pending", "2026-03-02T09:00:00Z"), ("open", "2026-03-03T09:00:00Z")]
        let facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", moves: moves, responded: "2026-03-02T08:30:00Z"))
        XCTAssertEqual(try clock.dueTimes(priority: .p3, created: facts.created).resolve, t("2026-03-05T08:00:00Z"))
        XCTAssertEqual(try clock.resolveDue(priority: .p3, created: facts.created, statuses: facts.statuses, now: t("2026-03-04T00:00:00Z")),
                       t("2026-03-06T08:00:00Z"))
        // Thu 12:00: 27h target, 6h left (5.5 Thu + 0.5 Fri) → 21/27 used, not yet at risk.
        let noon = try clock.standing(of: facts, at: t("2026-03-05T11:00:00Z"), recompute: true)
        XCTAssertEqual(noon.resolveDue, t("2026-03-06T08:00:00Z"))
        XCTAssertEqual(try XCTUnwrap(noon.resolution.used), 21.0 / 27.0, accuracy: 1e-9)
        XCTAssertFalse(noon.isAtRisk(threshold: 0.8))
        // Thu 14:00: 4h left → 23/27 used: at risk.
        XCTAssertTrue(try clock.standing(of: facts, at: t("2026-03-05T13:00:00Z"), recompute: true).isAtRisk(threshold: 0.8))
        // Fri 10:00: one business hour late.
        XCTAssertEqual(try clock.standing(of: facts, at: t("2026-03-06T09:00:00Z"), recompute: true).resolution, .breached(by: 3600))
    }

    func testAPauseGoingOnIsCountedWithoutBeingWritten() throws {
        let clock = SLAClock(config: Self.config)
        // Pending since Mon 10:00 CET, still pending on Wed 12:00: 7.5 + 9 + 3.5 = 20h paused so far,
        // so the written Thu 09:00 stands for Thu 09:00 + 20h = Mon 9 March 11:00.
        var facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", moves: [("pending", "2026-03-02T09:00:00Z")]))
        facts.resolveDue = t("2026-03-05T08:00:00Z")
        let standing = try clock.standing(of: facts, at: t("2026-03-04T11:00:00Z"), recompute: false)
        XCTAssertEqual(standing.resolveDue, t("2026-03-09T10:00:00Z"))
        guard case .paused = standing.resolution else { return XCTFail("pending stops the clock: \(standing.resolution)") }
        XCTAssertFalse(standing.isAtRisk(threshold: 0.0), "a paused clock is not at risk")
        XCTAssertEqual(try clock.standing(of: facts, at: t("2026-03-04T11:00:00Z"), recompute: true).resolveDue, standing.resolveDue,
                       "written and recomputed agree")
    }

    func testWaitingAfterTheDueTimeDoesNotUndoABreach() throws {
        let clock = SLAClock(config: Self.config)
        // Due Thu 5 March 09:00; set pending on Fri 6 March 09:30: still breached, by what was late when
        // the wait began (Thu 09:00 → Fri 09:30 = 8.5h + 1h); the wait itself does not count.
        let facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", moves: [("pending", "2026-03-06T08:30:00Z")]))
        XCTAssertEqual(try clock.standing(of: facts, at: t("2026-03-09T12:00:00Z"), recompute: true).resolution, .breached(by: 9 * 3600 + 1800))
    }

    func testResponseClock() throws {
        let clock = SLAClock(config: Self.config)
        // Created Mon 09:00 CET, response due 13:00. Unanswered at 14:00: one hour late.
        let late = TicketFacts(ticket(created: "2026-03-02T08:00:00Z"))
        let standing = try clock.standing(of: late, at: t("2026-03-02T13:00:00Z"), recompute: true)
        XCTAssertEqual(standing.responseDue, t("2026-03-02T12:00:00Z"))
        XCTAssertEqual(standing.response, .breached(by: 3600))
        XCTAssertTrue(standing.isBreached)
        // Answered at 12:00: met, however late it is now.
        let answered = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", responded: "2026-03-02T11:00:00Z"))
        XCTAssertEqual(try clock.standing(of: answered, at: t("2026-03-09T13:00:00Z"), recompute: true).response, .met)
        // Asked about a moment before the answer: still running then (3 of 4 hours used at 12:00).
        let before = try clock.standing(of: answered.asOf(t("2026-03-02T10:59:00Z")), at: t("2026-03-02T11:00:00Z"), recompute: true)
        XCTAssertEqual(try XCTUnwrap(before.response.used), 0.75, accuracy: 1e-9)
    }

    func testResolvedAndReopenedPausesWhileResolved() throws {
        let clock = SLAClock(config: Self.config)
        // Resolved Mon 2 March 12:00, reopened Tue 12:00: 5.5 + 3.5 = 9h in `resolved` moves the due time on by 9h.
        let moves = [("open", "2026-03-02T08:30:00Z"), ("resolved", "2026-03-02T11:00:00Z"), ("open", "2026-03-03T11:00:00Z")]
        let facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", moves: moves))
        XCTAssertEqual(try clock.resolveDue(priority: .p3, created: facts.created, statuses: facts.statuses, now: t("2026-03-03T12:00:00Z")),
                       t("2026-03-06T08:00:00Z"))
    }

    func testWithoutSLAAHandWrittenDueTimeStillCounts() throws {
        let clock = SLAClock(config: .standard)
        var facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z"))
        facts.resolveDue = t("2026-03-02T10:00:00Z")
        XCTAssertEqual(try clock.standing(of: facts, at: t("2026-03-02T11:00:00Z"), recompute: false).resolution, .breached(by: 3600))
        XCTAssertEqual(try clock.standing(of: facts, at: t("2026-03-02T11:00:00Z"), recompute: true).resolution, .none)
    }

    func testStatusLogRoundTrip() {
        let facts = TicketFacts(ticket(created: "2026-03-02T08:00:00Z", moves: [("open", "2026-03-02T08:30:00Z"), ("pending", "2026-03-02T09:00:00Z")]))
        XCTAssertEqual(facts.statuses.map(\.status), ["new", "open", "pending"])
        XCTAssertEqual(TicketFacts.decodeStatusLog(TicketFacts.encodeStatusLog(facts.statuses)), facts.statuses)
    }
}

/// Faces, not queues: the department's face, the deputy when the face is away, else the category's group.
final class RoutingTests: XCTestCase {
    static let config: DeskConfig = {
        var config = DeskConfig.standard
        config.people = [
            Person(handle: "carol", role: .operator, groups: ["first-line"], absences: [Absence(from: LocalDate(iso: "2026-12-21")!, until: LocalDate(iso: "2026-12-31")!)]),
            Person(handle: "bob", role: .operator, groups: ["first-line"], absences: [Absence(from: LocalDate(iso: "2026-12-28")!, until: LocalDate(iso: "2026-12-28")!)]),
            Person(handle: "dave", role: .operator, groups: ["network"]),
            Person(handle: "pia", role: .requester, department: "hr"),
        ]
        config.departments = [Department(name: "hr", face: "carol", deputy: "bob")]
        config.categories = [CategoryRoute(category: "network", group: "network")]
        return config
    }()

    func testRoutesToTheFaceThenTheDeputyThenTheGroup() throws {
        let config = Self.config
        let normal = try XCTUnwrap(config.route(requester: "pia", department: nil, category: "network/vpn", on: LocalDate(iso: "2026-12-01")!))
        XCTAssertEqual(normal.assignee, "carol")
        XCTAssertEqual(normal.group, "network")
        XCTAssertEqual(normal.department, "hr")
        XCTAssertEqual(normal.reason, "department hr → face carol; category network/vpn → group network")

        let away = try XCTUnwrap(config.route(requester: "pia", department: nil, category: nil, on: LocalDate(iso: "2026-12-22")!))
        XCTAssertEqual(away.assignee, "bob")
        XCTAssertEqual(away.reason, "department hr → deputy bob, face carol is away (2026-12-21..2026-12-31)")

        let bothAway = try XCTUnwrap(config.route(requester: "pia", department: nil, category: "network", on: LocalDate(iso: "2026-12-28")!))
        XCTAssertNil(bothAway.assignee)
        XCTAssertEqual(bothAway.group, "network")
        XCTAssertNil(config.route(requester: "pia", department: nil, category: nil, on: LocalDate(iso: "2026-12-28")!),
                     "nobody to route to: the ticket waits unassigned")

        let given = try XCTUnwrap(config.route(requester: "stranger", department: "HR", category: nil, on: LocalDate(iso: "2026-12-01")!))
        XCTAssertEqual(given.assignee, "carol", "a department given by name, in any case")
        XCTAssertNil(config.route(requester: "stranger", department: nil, category: "printers", on: LocalDate(iso: "2026-12-01")!))
    }
}
