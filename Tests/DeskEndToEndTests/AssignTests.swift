import DeskTestSupport
import Foundation
import XCTest

/// `desk assign`: one commit, a new ticket becomes open, the first response is recorded.
final class AssignTests: DeskTestCase {
    func testAssignOpensANewTicketInOneCommit() throws {
        let id = try desk.newTicket("VPN drops")
        let before = try desk.head()
        let result = try desk.run("assign", String(id.prefix(6)).lowercased(), "bob")
        assertSuccess(result)
        XCTAssertEqual(result.stdout, "", "without --json a mutation prints nothing on stdout")
        assertContains(result.stderr, id)

        XCTAssertEqual(try desk.gitOutput("rev-list", "--count", "\(before)..HEAD"), "1")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%s"), "\(id): assign to bob")
        XCTAssertEqual(lines(try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")),
                       ["Desk-Ticket: \(id)", "Desk-Action: assign"])
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%an"), "alice")
        XCTAssertEqual(try desk.gitOutput("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"), TicketFile.path(id))

        let ticket = try desk.show(id)
        XCTAssertEqual(ticket["assignee"] as? String, "bob")
        XCTAssertEqual(ticket["status"] as? String, "open")
        XCTAssertFalse(JSON.isNull(ticket, "responded"))
        let activity = try XCTUnwrap(ticket["activity"] as? [[String: Any]])
        XCTAssertEqual(activity.map { $0["kind"] as? String }, ["assign", "status"])
        XCTAssertEqual(activity[0]["to"] as? String, "bob")
        XCTAssertEqual(activity[1]["from"] as? String, "new")
        XCTAssertEqual(activity[1]["to"] as? String, "open")
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    func testReassignKeepsStatusAndRecordsFromAndTo() throws {
        let id = try desk.newTicket("Printer")
        assertSuccess(try desk.run("assign", id, "bob"))
        let responded = try desk.show(id)["responded"] as? String
        let result = try desk.run("assign", id, "carol", "--json")
        assertSuccess(result)
        let ticket = try JSON.object(result.stdout)
        XCTAssertEqual(ticket["assignee"] as? String, "carol")
        XCTAssertEqual(ticket["status"] as? String, "open")
        XCTAssertEqual(ticket["responded"] as? String, responded, "the first response stays the first")
        let last = try XCTUnwrap((ticket["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(last["kind"] as? String, "assign")
        XCTAssertEqual(last["from"] as? String, "bob")
        XCTAssertEqual(last["to"] as? String, "carol")
        XCTAssertEqual(try desk.show(id)["assignee"] as? String, "carol", "--json printed what was committed")
    }

    func testAssigningTheSameOperatorAgainCommitsNothing() throws {
        let id = try desk.newTicket("Printer")
        assertSuccess(try desk.run("assign", id, "bob"))
        let head = try desk.head()
        let again = try desk.run("assign", id, "bob")
        assertSuccess(again)
        assertContains(again.stderr, "nothing to change")
        XCTAssertEqual(try desk.head(), head)
    }

    func testAssignErrors() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        assertExit(try desk.run("assign", id, "two\nlines"), 2)
        assertExit(try desk.run("assign", id, "   "), 2)
        assertExit(try desk.run("assign", id), 2)
        let missing = try desk.run("assign", "T-ZZZZZZZZ", "bob", "--json")
        assertExit(missing, 3)
        XCTAssertEqual(try JSON.error(missing.stdout).code, "not_found")
        XCTAssertEqual(try desk.head(), head)
        try assertWorkingTreeClean()
    }
}
