import DeskTestSupport
import Foundation
import XCTest

/// `desk comment`: public and internal notes, text from stdin, first response rules.
final class CommentTests: DeskTestCase {
    func testPublicCommentIsOneCommitAndTheFirstResponse() throws {
        let id = try desk.newTicket("VPN drops", "--requester", "jan")
        let before = try desk.head()
        assertSuccess(try desk.run("comment", id, "Called Jan, reinstalling the client"))
        XCTAssertEqual(try desk.gitOutput("rev-list", "--count", "\(before)..HEAD"), "1")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%s"), "\(id): comment")
        XCTAssertEqual(lines(try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")),
                       ["Desk-Ticket: \(id)", "Desk-Action: comment"])
        let ticket = try desk.show(id)
        let entry = try XCTUnwrap((ticket["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(entry["kind"] as? String, "comment")
        XCTAssertEqual(entry["text"] as? String, "Called Jan, reinstalling the client")
        XCTAssertEqual(entry["author"] as? String, "alice")
        XCTAssertFalse(JSON.isNull(ticket, "responded"))
        XCTAssertEqual(ticket["status"] as? String, "new", "a comment does not move the status")
        try assertWorkingTreeClean()
    }

    func testInternalNoteIsMarkedAndIsNotAResponse() throws {
        let id = try desk.newTicket("VPN drops", "--requester", "jan")
        let result = try desk.run("comment", id, "--internal", "Same as last month", "--json")
        assertSuccess(result)
        let ticket = try JSON.object(result.stdout)
        let entry = try XCTUnwrap((ticket["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(entry["kind"] as? String, "internal")
        XCTAssertEqual(entry["text"] as? String, "Same as last month")
        XCTAssertTrue(JSON.isNull(ticket, "responded"), "staff notes are not a response to the requester")
        XCTAssertEqual(lines(try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")).last,
                       "Desk-Action: internal")
    }

    func testTheRequestersOwnCommentIsNotAResponse() throws {
        let id = try desk.newTicket("VPN drops", "--requester", "jan")
        assertSuccess(try desk.run("comment", id, "Still broken", env: ["DESK_USER": "jan"]))
        let ticket = try desk.show(id)
        XCTAssertTrue(JSON.isNull(ticket, "responded"))
        XCTAssertEqual((ticket["activity"] as? [[String: Any]])?.last?["author"] as? String, "jan")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%an"), "jan")
    }

    func testCommentFromStdin() throws {
        let id = try desk.newTicket("Printer")
        let text = "Line one\nLine two\n\n    indented code\n"
        assertSuccess(try desk.run("comment", id, "-", stdin: text))
        let entry = try XCTUnwrap((try desk.show(id)["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(entry["text"] as? String, text)
        let internalNote = try desk.run("comment", id, "--internal", "-", stdin: "from a pipe")
        assertSuccess(internalNote)
        let last = try XCTUnwrap((try desk.show(id)["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(last["kind"] as? String, "internal")
        XCTAssertEqual(last["text"] as? String, "from a pipe")
    }

    func testEmptyCommentIsRefused() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        assertExit(try desk.run("comment", id, ""), 2)
        assertExit(try desk.run("comment", id, "  \n "), 2)
        assertExit(try desk.run("comment", id, "-", stdin: ""), 2)
        XCTAssertEqual(try desk.head(), head)
        try assertWorkingTreeClean()
    }

    func testInvalidUTF8OnStdinIsRefused() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        let result = try DeskProcess.run(try DeskProcess.binary(), ["comment", id, "-"],
                                         environment: desk.environment, stdin: Data([0x66, 0xFF, 0xFE, 0x0A]),
                                         cwd: desk.root)
        assertExit(result, 2)
        assertContains(result.stderr, "UTF-8")
        XCTAssertEqual(try desk.head(), head)
    }
}
