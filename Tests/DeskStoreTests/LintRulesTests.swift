@testable import DeskStore
import XCTest

/// The rules beyond reading a file: references to people, groups and departments, SLA and
/// resolution warnings (`TicketRules`), and the rules for a change between two revisions (`ChangeRules`).
final class LintRulesTests: XCTestCase {
    static let peopleYAML = """
        name: Lab
        people:
          alice: { name: Alice Jansen, email: alice@example.org, role: operator, groups: [first-line] }
          lena:  { name: Lena Lead, email: lena@example.org, role: lead, groups: [network] }
          adam:  { name: Adam Admin, email: adam@example.org, role: admin }
          dave:  { name: Dave Smit, email: dave@example.org, role: requester, department: HR }
        departments:
          HR: { face: alice, deputy: lena }
          Finance: { face: lena }

        """

    /// The line of each key in a ticket file as `TicketCodec.encode` writes it.
    enum Line {
        static let id = 2, title = 3, status = 4, priority = 5, category = 8, requester = 9, department = 10,
                   assignee = 11, group = 12, created = 13, updated = 14, responseDue = 15, resolveDue = 16,
                   responded = 17, resolved = 18, links = 20, kb = 21, activity = 24
        /// Entry A (4 lines) starts here, entry B (7 lines, a status change) after it.
        static let entryA = 25, entryB = 29
    }

    private var people: DeskConfig!

    override func setUpWithError() throws {
        people = try DeskConfigCodec.decode(Array(Self.peopleYAML.utf8))
    }

    private static func time(_ iso: String) -> Timestamp {
        guard let time = Timestamp(iso: iso) else { preconditionFailure("bad time \(iso)") }
        return time
    }

    /// A ticket that is clean against `peopleYAML`: open, assigned to an operator in her group, with
    /// SLA times and two activity entries.
    static var base: Ticket {
        var ticket = Ticket(id: TicketID("T-8KQ2M4XZ")!, title: "VPN drops every hour", status: "open",
                            created: time("2026-11-23T14:05:00Z"))
        ticket.priority = .p2
        ticket.category = "network/vpn"
        ticket.requester = "dave"
        ticket.department = "HR"
        ticket.assignee = "alice"
        ticket.group = "first-line"
        ticket.updated = time("2026-11-23T14:20:00Z")
        ticket.responseDue = time("2026-11-23T16:05:00Z")
        ticket.resolveDue = time("2026-11-24T14:05:00Z")
        ticket.responded = time("2026-11-23T14:20:00Z")
        ticket.activity = [
            ActivityEntry(id: "A-0000000A", at: time("2026-11-23T14:05:00Z"), author: "dave", kind: "created"),
            ActivityEntry(id: "A-0000000B", at: time("2026-11-23T14:20:00Z"), author: "alice", kind: "status",
                          field: "status", from: "new", to: "open"),
        ]
        ticket.body = "The VPN drops every hour.\n"
        return ticket
    }

    static let path = "tickets/8K/T-8KQ2M4XZ.md"

    private func bytes(_ ticket: Ticket) -> [UInt8] { Array(TicketCodec.encode(ticket).utf8) }

    private func lint(_ ticket: Ticket, config: DeskConfig) -> [LintFinding] {
        FileLinter.lint(path: Self.path, bytes: bytes(ticket),
                        context: LintContext(config: config, contents: PathSet(paths: [Self.path])))
    }

    private func assertTicket(_ edit: (inout Ticket) -> Void, _ expected: ExpectedFinding..., config: DeskConfig? = nil,
                              mentions: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        var ticket = Self.base
        edit(&ticket)
        assertFindings(lint(ticket, config: config ?? people), expected, path: Self.path, mentions: mentions,
                       file: file, line: line)
    }

    // MARK: Fixture

    func testFixtureLinesMatchTheEncoder() {
        let lines = TicketCodec.encode(Self.base).split(separator: "\n", omittingEmptySubsequences: false)
        func check(_ line: Int, _ prefix: String) {
            XCTAssertTrue(lines[line - 1].hasPrefix(prefix), "fixture drift: line \(line) is \(lines[line - 1])")
        }
        check(Line.id, "id:"); check(Line.status, "status:"); check(Line.priority, "priority:")
        check(Line.requester, "requester:"); check(Line.department, "department:"); check(Line.assignee, "assignee:")
        check(Line.group, "group:"); check(Line.created, "created:"); check(Line.updated, "updated:")
        check(Line.responseDue, "response_due:"); check(Line.resolveDue, "resolve_due:"); check(Line.responded, "responded:")
        check(Line.resolved, "resolved:"); check(Line.links, "links:"); check(Line.kb, "kb:")
        check(Line.activity, "activity:"); check(Line.entryA, "- id: A-0000000A"); check(Line.entryB, "- id: A-0000000B")
    }

    func testTheBaseTicketIsClean() {
        XCTAssertEqual(people.people.count, 4)
        assertTicket { _ in }
        assertTicket({ _ in }, config: .standard)
    }

    // MARK: References to people

    func testAssigneeNotListed() {
        assertTicket({ $0.assignee = "zed" }, ExpectedFinding(.reference, Line.assignee), mentions: ["`assignee: zed`", "people"])
    }

    func testAssigneeIsARequester() {
        assertTicket({ $0.assignee = "dave" }, ExpectedFinding(.reference, Line.assignee), mentions: ["requester"])
    }

    func testAssigneeMayBeAnyWorkerInAnyCase() {
        for handle in ["alice", "Alice", "LENA", "adam"] {
            assertTicket({ $0.assignee = handle })
        }
    }

    func testRequesterNotListedIsAWarning() {
        assertTicket({ $0.requester = "zed" }, ExpectedFinding(.reference, Line.requester, .warning), mentions: ["`requester: zed`"])
        // An e-mail address is a requester desk need not know.
        assertTicket({ $0.requester = "zed@example.org" })
        // Operators raise tickets too.
        assertTicket({ $0.requester = "lena" })
    }

    func testGroupNotAnyonesGroup() {
        assertTicket({ $0.group = "printers" }, ExpectedFinding(.reference, Line.group), mentions: ["printers", "first-line, network"])
        assertTicket({ $0.group = "network" })
    }

    func testDepartmentNotListed() {
        assertTicket({ $0.department = "Sales" }, ExpectedFinding(.reference, Line.department), mentions: ["Finance, HR"])
        assertTicket({ $0.department = "Finance" })
    }

    func testDepartmentsComeFromPeopleWhenNotListed() throws {
        let config = try DeskConfigCodec.decode(Array("""
            people:
              alice: { role: operator, groups: [first-line] }
              dave: { role: requester, department: HR }

            """.utf8))
        assertTicket({ $0.department = "Sales" }, ExpectedFinding(.reference, Line.department), config: config)
        assertTicket({ $0.department = "HR" }, config: config)
    }

    func testEveryReferenceProblemAtOnce() {
        assertTicket({ $0.assignee = "zed"; $0.requester = "yves"; $0.group = "printers"; $0.department = "Sales" },
                     ExpectedFinding(.reference, Line.assignee), ExpectedFinding(.reference, Line.requester, .warning),
                     ExpectedFinding(.reference, Line.group), ExpectedFinding(.reference, Line.department))
    }

    func testWithoutPeopleAnyNameIsAccepted() {
        assertTicket({ $0.assignee = "zed"; $0.requester = "yves"; $0.group = "printers"; $0.department = "Sales" },
                     config: .standard)
    }

    func testReferencesToOtherTickets() {
        let desk: Set<String> = [Self.path, "tickets/4F/T-4F7Q2M9A.md", "kb/KB-4F7Q2M.md"]
        var ticket = Self.base
        ticket.links = ["T-4F7Q2M9A", "T-ZZZZZZZZ"]
        ticket.kb = ["KB-4F7Q2M", "KB-ZZZZ"]
        let findings = FileLinter.lint(path: Self.path, bytes: bytes(ticket),
                                       context: LintContext(config: people, contents: PathSet(paths: desk)))
        assertFindings(findings, [ExpectedFinding(.reference, Line.links), ExpectedFinding(.reference, Line.kb)],
                       path: Self.path, mentions: ["T-ZZZZZZZZ", "KB-ZZZZ"])
    }

    func testArticleOwnerNotListed() {
        var article = Article(id: ArticleID("KB-4F7Q2M")!, title: "Reset the VPN client", status: .published,
                              created: Self.time("2026-11-23T14:05:00Z"))
        article.owner = "zed"
        let path = "kb/KB-4F7Q2M.md"
        func lint(_ config: DeskConfig) -> [LintFinding] {
            FileLinter.lint(path: path, bytes: Array(ArticleCodec.encode(article).utf8),
                            context: LintContext(config: config, contents: PathSet(paths: [path])))
        }
        assertFindings(lint(people), [ExpectedFinding(.reference, 10)], path: path, mentions: ["`owner: zed`"])
        assertFindings(lint(.standard), [], path: path)
        article.owner = "alice"
        assertFindings(lint(people), [], path: path)
    }

    // MARK: SLA

    func testResponseDueBeforeCreated() {
        assertTicket({ $0.responseDue = Self.time("2026-11-23T14:00:00Z") }, ExpectedFinding(.sla, Line.responseDue, .warning),
                     mentions: ["`response_due`", "before `created`"])
    }

    func testResolveDueBeforeCreatedAndBeforeResponseDue() {
        assertTicket({ $0.resolveDue = Self.time("2026-11-23T12:00:00Z") },
                     ExpectedFinding(.sla, Line.resolveDue, .warning), ExpectedFinding(.sla, Line.resolveDue, .warning))
    }

    func testResolveDueBeforeResponseDue() {
        assertTicket({ $0.resolveDue = Self.time("2026-11-23T15:00:00Z") }, ExpectedFinding(.sla, Line.resolveDue, .warning),
                     mentions: ["before `response_due`"])
    }

    func testDueTimesWithoutPriority() {
        assertTicket({ $0.priority = nil }, ExpectedFinding(.sla, Line.responseDue, .warning),
                     ExpectedFinding(.sla, Line.resolveDue, .warning), mentions: ["no priority"])
        assertTicket({ $0.priority = nil; $0.responseDue = nil; $0.resolveDue = nil })
    }

    // MARK: Resolution and time order

    func testResolvedStatusWithoutResolvedTime() {
        assertTicket({ $0.status = "resolved" }, ExpectedFinding(.resolution, Line.resolved, .warning),
                     mentions: ["status `resolved` but no `resolved` time"])
        assertTicket({ $0.status = "closed" }, ExpectedFinding(.resolution, Line.resolved, .warning))
        assertTicket({ $0.status = "resolved"; $0.resolved = Self.time("2026-11-23T15:00:00Z") })
    }

    func testResolvedTimeOnAnOpenTicket() {
        assertTicket({ $0.resolved = Self.time("2026-11-23T15:00:00Z") }, ExpectedFinding(.resolution, Line.resolved, .warning),
                     mentions: ["not a resolved status"])
        // A status outside the workflow is reported once, as a bad value, not also as a resolution problem.
        assertTicket({ $0.status = "parked"; $0.resolved = Self.time("2026-11-23T15:00:00Z") },
                     ExpectedFinding(.value, Line.status))
    }

    func testTimesBeforeCreated() {
        assertTicket({ $0.responded = Self.time("2026-11-23T14:00:00Z") }, ExpectedFinding(.timeOrder, Line.responded))
        assertTicket({ $0.status = "resolved"; $0.resolved = Self.time("2026-11-22T14:00:00Z") },
                     ExpectedFinding(.timeOrder, Line.resolved))
        assertTicket({ $0.updated = Self.time("2026-11-23T14:04:59Z") }, ExpectedFinding(.timeOrder, Line.updated))
    }

    func testCustomWorkflowStatuses() throws {
        let config = try DeskConfigCodec.decode(Array("""
            workflow:
              statuses: [todo, doing, done]
              initial: todo
              resolve_to: done
              close_to: done
              reopen_to: todo
              done: [done]
              transitions:
                todo: [doing]
                doing: [todo, done]
                done: []

            """.utf8))
        assertTicket({ $0.status = "doing" }, config: config)
        assertTicket({ $0.status = "open" }, ExpectedFinding(.value, Line.status), config: config, mentions: ["todo, doing, done"])
        assertTicket({ $0.status = "done" }, ExpectedFinding(.resolution, Line.resolved, .warning), config: config)
    }

    func testMissingConfigFile() {
        let (findings, config) = ConfigRules.check(nil)
        assertFindings(findings, [ExpectedFinding(.config, 1)], path: "desk.yml", mentions: ["missing"])
        XCTAssertEqual(config, .standard)
    }

    func testBrokenConfigFallsBackToTheStandardOne() {
        let (findings, config) = ConfigRules.check(Array("name: x\nworkflow: [\n".utf8))
        assertFindings(findings, [ExpectedFinding(.yaml, 3)], path: "desk.yml")
        XCTAssertEqual(config, .standard)
    }

    // MARK: Changes

    static let alice = ChangeAuthor(name: "Alice Jansen", email: "alice@example.org", label: "commit 1a2b3c4d5e by alice")
    static let lena = ChangeAuthor(name: "Lena Lead", email: "lena@example.org", label: "commit 2b3c4d5e6f by lena")
    static let adam = ChangeAuthor(name: "Adam Admin", email: "adam@example.org", label: "commit 3c4d5e6f7a by adam")
    static let dave = ChangeAuthor(name: "Dave Smit", email: "dave@example.org", label: "commit 4d5e6f7a8b by dave")
    static let mallory = ChangeAuthor(name: "Mallory", email: "mallory@evil.example", label: "staged change by Mallory")

    private func change(_ old: Ticket?, _ new: Ticket?, by author: ChangeAuthor, config: DeskConfig? = nil) -> [LintFinding] {
        ChangeRules.check(path: Self.path, old: old.map(bytes), new: new.map(bytes), author: author, config: config ?? people)
    }

    /// Changes the base ticket with `edit` and checks the findings for that change.
    private func assertChange(by author: ChangeAuthor, _ edit: (inout Ticket) -> Void, _ expected: ExpectedFinding...,
                              from old: Ticket = LintRulesTests.base, config: DeskConfig? = nil, mentions: [String] = [],
                              file: StaticString = #filePath, line: UInt = #line) {
        var new = old
        edit(&new)
        XCTAssertNotEqual(new, old, "the change changes nothing", file: file, line: line)
        let findings = change(old, new, by: author, config: config)
        assertFindings(findings, expected, path: Self.path, mentions: mentions, file: file, line: line)
        for finding in findings where !finding.message.hasPrefix(author.label + ": ") {
            XCTFail("message does not start with the change's label \(author.label): \(finding)", file: file, line: line)
        }
    }

    /// A status move as desk makes it: new status, updated time and an appended status entry.
    private static func move(_ ticket: inout Ticket, to status: String, by handle: String, at iso: String, id: String = "A-0000000C") {
        ticket.activity.append(ActivityEntry(id: id, at: time(iso), author: handle, kind: "status", field: "status",
                                             from: ticket.status, to: status))
        ticket.status = status
        ticket.updated = time(iso)
    }

    private static func comment(_ ticket: inout Ticket, by handle: String, at iso: String, id: String = "A-0000000C") {
        ticket.activity.append(ActivityEntry(id: id, at: time(iso), author: handle, kind: "comment", text: "Any news?"))
        ticket.updated = time(iso)
    }

    func testLegalStatusMoveByAnOperatorIsClean() {
        XCTAssertTrue(people.workflow.allows(from: "open", to: "pending"))
        assertChange(by: Self.alice) { Self.move(&$0, to: "pending", by: "alice", at: "2026-11-23T15:00:00Z") }
        assertChange(by: Self.lena) { Self.move(&$0, to: "resolved", by: "lena", at: "2026-11-23T15:00:00Z")
            $0.resolved = Self.time("2026-11-23T15:00:00Z") }
        // Also without people: anyone may move a ticket along the workflow.
        assertChange(by: Self.mallory, { Self.move(&$0, to: "pending", by: "mallory", at: "2026-11-23T15:00:00Z") },
                     config: .standard)
    }

    func testRequesterCommentIsClean() {
        assertChange(by: Self.dave) { Self.comment(&$0, by: "dave", at: "2026-11-23T15:00:00Z") }
    }

    func testIllegalTransition() {
        XCTAssertFalse(people.workflow.allows(from: "open", to: "closed"))
        assertChange(by: Self.alice, { Self.move(&$0, to: "closed", by: "alice", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.transition, Line.status), mentions: ["open → closed", "pending, resolved"])
        var closed = Self.base
        closed.status = "closed"
        // The workflow binds admins too; `closed` may move nowhere.
        assertChange(by: Self.adam, { Self.move(&$0, to: "open", by: "adam", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.transition, Line.status), from: closed, mentions: ["nothing"])
    }

    func testIDAndCreatedNeverChange() {
        assertChange(by: Self.alice, { $0.id = TicketID("T-ZZZZZZZZ")! }, ExpectedFinding(.immutable, Line.id),
                     mentions: ["`id` changed from T-8KQ2M4XZ to T-ZZZZZZZZ"])
        assertChange(by: Self.adam, { $0.created = Self.time("2026-11-23T14:00:00Z") }, ExpectedFinding(.immutable, Line.created),
                     mentions: ["`created`"])
    }

    func testActivityEntryRemoved() {
        assertChange(by: Self.alice, { $0.activity.removeLast() }, ExpectedFinding(.activityAppend, Line.activity),
                     mentions: ["`A-0000000B`", "removed", "append-only"])
        assertChange(by: Self.lena, { $0.activity = [] }, ExpectedFinding(.activityAppend, Line.activity),
                     ExpectedFinding(.activityAppend, Line.activity))
    }

    func testActivityEntryEdited() {
        assertChange(by: Self.alice, { $0.activity[1].author = "lena" }, ExpectedFinding(.activityAppend, Line.entryB),
                     mentions: ["`A-0000000B` was edited"])
        assertChange(by: Self.alice, { $0.activity[0].at = Self.time("2026-11-23T14:06:00Z") },
                     ExpectedFinding(.activityAppend, Line.entryA))
        // Entries reordered are not edited: nothing is reported for the order (the file rules check it).
        assertChange(by: Self.alice) { $0.activity.reverse() }
    }

    func testAdminMayRewriteActivity() {
        assertChange(by: Self.adam) { $0.activity.removeLast() }
        assertChange(by: Self.adam) { $0.activity[0].author = "alice" }
    }

    func testStatusChangedByARequester() {
        assertChange(by: Self.dave, { Self.move(&$0, to: "pending", by: "dave", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.statusAuthor, Line.status), mentions: ["dave (requester)", "only operators"])
        // An illegal move by a requester is both.
        assertChange(by: Self.dave, { Self.move(&$0, to: "closed", by: "dave", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.transition, Line.status), ExpectedFinding(.statusAuthor, Line.status))
    }

    func testStatusChangedBySomeoneNotListed() {
        assertChange(by: Self.mallory, { Self.move(&$0, to: "pending", by: "mallory", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.statusAuthor, Line.status), mentions: ["Mallory <mallory@evil.example>"])
    }

    func testAuthorIsMatchedByEmailThenHandleOrName() {
        let byEmail = ChangeAuthor(name: "A. Jansen", email: "ALICE@example.org", label: "commit 1 by A. Jansen")
        let byHandle = ChangeAuthor(name: "alice", email: "", label: "staged change by alice")
        let byName = ChangeAuthor(name: "alice jansen", email: "alice@home.example", label: "commit 2 by alice jansen")
        for author in [byEmail, byHandle, byName] {
            assertChange(by: author) { Self.move(&$0, to: "pending", by: "alice", at: "2026-11-23T15:00:00Z") }
        }
        // Dave's e-mail address wins over Alice's name.
        let daveAsAlice = ChangeAuthor(name: "Alice Jansen", email: "dave@example.org", label: "commit 3 by Alice Jansen")
        assertChange(by: daveAsAlice, { Self.move(&$0, to: "pending", by: "alice", at: "2026-11-23T15:00:00Z") },
                     ExpectedFinding(.statusAuthor, Line.status))
    }

    func testNewTicket() {
        var raised = Self.base
        raised.status = "new"
        raised.assignee = nil
        raised.activity = [raised.activity[0]]
        assertFindings(change(nil, raised, by: Self.dave), [], path: Self.path)
        assertFindings(change(nil, Self.base, by: Self.alice), [], path: Self.path)
        assertFindings(change(nil, Self.base, by: Self.dave), [ExpectedFinding(.statusAuthor, Line.status)], path: Self.path,
                       mentions: ["starts as `new`"])
        assertFindings(change(nil, Self.base, by: Self.mallory, config: .standard), [], path: Self.path)
    }

    func testDeletedTicket() {
        assertFindings(change(Self.base, nil, by: Self.alice), [ExpectedFinding(.delete, 1)], path: Self.path,
                       mentions: ["only by an admin", "alice (operator)", "close or retire"])
        assertFindings(change(Self.base, nil, by: Self.lena), [ExpectedFinding(.delete, 1)], path: Self.path)
        assertFindings(change(Self.base, nil, by: Self.adam), [], path: Self.path)
    }

    func testDeletedArticle() {
        let path = "kb/KB-4F7Q2M.md"
        let article = Article(id: ArticleID("KB-4F7Q2M")!, title: "Reset the VPN client", created: Self.time("2026-11-23T14:05:00Z"))
        let old = Array(ArticleCodec.encode(article).utf8)
        assertFindings(ChangeRules.check(path: path, old: old, new: nil, author: Self.lena, config: people),
                       [ExpectedFinding(.delete, 1)], path: path, mentions: ["an article"])
        assertFindings(ChangeRules.check(path: path, old: old, new: nil, author: Self.adam, config: people), [], path: path)
    }

    func testArticleIDAndCreatedNeverChange() {
        let path = "kb/KB-4F7Q2M.md"
        let article = Article(id: ArticleID("KB-4F7Q2M")!, title: "Reset the VPN client", created: Self.time("2026-11-23T14:05:00Z"))
        var renamed = article
        renamed.id = ArticleID("KB-AAAA")!
        var backdated = article
        backdated.created = Self.time("2026-01-01T00:00:00Z")
        var edited = article
        edited.status = .published
        edited.body = "1. Quit the client.\n"
        func check(_ new: Article) -> [LintFinding] {
            ChangeRules.check(path: path, old: Array(ArticleCodec.encode(article).utf8), new: Array(ArticleCodec.encode(new).utf8),
                              author: Self.alice, config: people)
        }
        assertFindings(check(renamed), [ExpectedFinding(.immutable, 2)], path: path)
        assertFindings(check(backdated), [ExpectedFinding(.immutable, 8)], path: path)
        assertFindings(check(edited), [], path: path)
    }

    static let configV1 = """
        name: Lab
        people:
          alice: { email: alice@example.org, role: operator, groups: [first-line] }
          lena: { email: lena@example.org, role: lead }
          adam: { email: adam@example.org, role: admin }

        """

    private func configChange(by author: ChangeAuthor, old: String? = LintRulesTests.configV1, new: String,
                              config: DeskConfig? = nil) throws -> [LintFinding] {
        let before = try config ?? DeskConfigCodec.decode(Array((old ?? "").utf8))
        return ChangeRules.check(path: "desk.yml", old: old.map { Array($0.utf8) }, new: Array(new.utf8), author: author,
                                 config: before)
    }

    func testConfigChangedByANonLead() throws {
        let new = Self.configV1.replacingOccurrences(of: "role: operator", with: "role: admin")
        assertFindings(try configChange(by: Self.alice, new: new), [ExpectedFinding(.configChange, 1)], path: "desk.yml",
                       mentions: ["leads and admins", "alice (operator)"])
        assertFindings(try configChange(by: Self.mallory, new: new), [ExpectedFinding(.configChange, 1)], path: "desk.yml")
    }

    func testConfigChangedByALeadOrAdminIsClean() throws {
        let new = Self.configV1 + "  bob: { role: operator }\n"
        assertFindings(try configChange(by: Self.lena, new: new), [], path: "desk.yml")
        assertFindings(try configChange(by: Self.adam, new: new), [], path: "desk.yml")
        // Before people are configured, anyone may configure the desk; also the first desk.yml.
        assertFindings(try configChange(by: Self.mallory, new: new, config: .standard), [], path: "desk.yml")
        assertFindings(try configChange(by: Self.mallory, old: nil, new: new), [], path: "desk.yml")
    }

    func testUnreadableFilesAreLeftToTheFileRules() {
        let garbage: [UInt8] = Array("not a ticket\n".utf8)
        assertFindings(ChangeRules.check(path: Self.path, old: bytes(Self.base), new: garbage, author: Self.dave, config: people),
                       [], path: Self.path)
        assertFindings(ChangeRules.check(path: Self.path, old: garbage, new: bytes(Self.base), author: Self.dave, config: people),
                       [], path: Self.path)
        assertFindings(ChangeRules.check(path: "tickets/notes.txt", old: garbage, new: nil, author: Self.dave, config: people),
                       [], path: "tickets/notes.txt")
        assertFindings(ChangeRules.check(path: "README.md", old: garbage, new: nil, author: Self.dave, config: people),
                       [], path: "README.md")
    }
}
