import DeskTestSupport
import Foundation
import XCTest

/// `desk status`, `resolve`, `close`, `reopen`: the workflow in desk.yml, and refusals that change nothing.
final class WorkflowTests: DeskTestCase {
    private func status(_ id: String) throws -> String? { try desk.show(id)["status"] as? String }

    private func lastAction() throws -> String? {
        lines(try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")).last
    }

    func testTheWholeLifeOfATicket() throws {
        let id = try desk.newTicket("Laptop slow", "--requester", "ingrid")
        assertSuccess(try desk.run("status", id, "pending"))
        XCTAssertEqual(try status(id), "pending")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%s"), "\(id): status pending")
        XCTAssertEqual(try lastAction(), "Desk-Action: status")

        assertSuccess(try desk.run("status", id, "open"))
        XCTAssertEqual(try status(id), "open")

        let article = try desk.run("kb", "new", "Replace a failing SSD", "--body", "Swap it.")
        assertSuccess(article)
        let articleID = article.trimmedStdout
        let resolve = try desk.run("resolve", id, "--resolution", "Replaced the SSD", "--kb", articleID.lowercased(), "--json")
        assertSuccess(resolve)
        var ticket = try JSON.object(resolve.stdout)
        XCTAssertEqual(ticket["status"] as? String, "resolved")
        XCTAssertFalse(JSON.isNull(ticket, "resolved"))
        XCTAssertEqual(ticket["kb"] as? [String], [articleID])
        let resolution = try XCTUnwrap((ticket["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(resolution["text"] as? String, "Replaced the SSD")
        XCTAssertEqual(try lastAction(), "Desk-Action: resolve")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%s"), "\(id): resolve")

        assertSuccess(try desk.run("reopen", id, "--reason", "Slow again since this morning"))
        ticket = try desk.show(id)
        XCTAssertEqual(ticket["status"] as? String, "open")
        XCTAssertTrue(JSON.isNull(ticket, "resolved"), "reopening clears the resolution time")
        let reason = try XCTUnwrap((ticket["activity"] as? [[String: Any]])?.last)
        XCTAssertEqual(reason["kind"] as? String, "comment")
        XCTAssertEqual(reason["text"] as? String, "Slow again since this morning")
        XCTAssertEqual(try lastAction(), "Desk-Action: reopen")

        assertSuccess(try desk.run("resolve", id, "--resolution", "-", stdin: "Reinstalled\nthe driver\n"))
        XCTAssertEqual((try desk.show(id)["activity"] as? [[String: Any]])?.last?["text"] as? String,
                       "Reinstalled\nthe driver\n")
        assertSuccess(try desk.run("close", id))
        XCTAssertEqual(try status(id), "closed")
        XCTAssertEqual(try lastAction(), "Desk-Action: close")

        // Every step was a status change recorded in the activity, oldest first.
        let moves = (try desk.show(id)["activity"] as? [[String: Any]] ?? [])
            .filter { $0["kind"] as? String == "status" }.map { "\($0["from"] as? String ?? "?")→\($0["to"] as? String ?? "?")" }
        XCTAssertEqual(moves, ["new→pending", "pending→open", "open→resolved", "resolved→open", "open→resolved",
                               "resolved→closed"])
        // init, new, the article it cites and the 6 changes: one commit each.
        XCTAssertEqual(try desk.commitCount(), 1 + 1 + 1 + 6)
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    /// An illegal move exits 4, names the legal moves, and leaves HEAD, the file and git's index alone.
    private func assertRefused(_ args: [String], legal: [String], file: StaticString = #filePath,
                               line: UInt = #line) throws {
        let id = args[1]
        let head = try desk.head()
        let bytes = try desk.read(TicketFile.path(id))
        let result = try desk.run(arguments: args)
        assertExit(result, 4, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        for status in legal { assertContains(result.stderr, status, file: file, line: line) }
        XCTAssertEqual(try desk.head(), head, "nothing committed", file: file, line: line)
        XCTAssertEqual(try desk.read(TicketFile.path(id)), bytes, "file untouched", file: file, line: line)
        try assertWorkingTreeClean("after \(args)", file: file, line: line)

        let json = try desk.run(arguments: args + ["--json"])
        assertExit(json, 4, file: file, line: line)
        XCTAssertEqual(try JSON.error(json.stdout).code, "illegal_transition", file: file, line: line)
        XCTAssertEqual(try desk.head(), head, file: file, line: line)
    }

    func testIllegalTransitionsAreRefusedNamingTheLegalOnes() throws {
        let fresh = try desk.newTicket("New ticket")
        try assertRefused(["close", fresh], legal: ["open", "pending", "resolved"])
        try assertRefused(["status", fresh, "closed"], legal: ["open", "pending", "resolved"])

        let open = try desk.newTicket("Open ticket", "--assignee", "bob")
        assertSuccess(try desk.run("status", open, "open"))
        try assertRefused(["close", open], legal: ["pending", "resolved"])

        let done = try desk.newTicket("Closed ticket")
        assertSuccess(try desk.run("resolve", done, "--resolution", "fixed"))
        assertSuccess(try desk.run("close", done))
        try assertRefused(["reopen", done], legal: ["none"])
        try assertRefused(["status", done, "open"], legal: ["none"])
        try assertRefused(["resolve", done, "--resolution", "again"], legal: ["none"])
        XCTAssertEqual(try status(done), "closed")
    }

    func testMovingToTheCurrentStatusCommitsNothing() throws {
        let id = try desk.newTicket("Printer")
        assertSuccess(try desk.run("status", id, "pending"))
        let head = try desk.head()
        let again = try desk.run("status", id, "pending")
        assertSuccess(again)
        assertContains(again.stderr, "nothing to change")
        XCTAssertEqual(try desk.head(), head)
    }

    func testUnknownStatusAndMissingResolutionAreUsageErrors() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        let unknown = try desk.run("status", id, "frozen")
        assertExit(unknown, 2)
        for status in ["new", "open", "pending", "resolved", "closed"] { assertContains(unknown.stderr, status) }
        let json = try desk.run("status", id, "frozen", "--json")
        assertExit(json, 2)
        XCTAssertEqual(try JSON.error(json.stdout).code, "invalid_value")
        assertExit(try desk.run("resolve", id), 2)
        assertExit(try desk.run("resolve", id, "--resolution", " "), 2)
        assertExit(try desk.run("resolve", id, "--resolution", "ok", "--kb", "not an article"), 2)
        XCTAssertEqual(try desk.head(), head)
        XCTAssertEqual(try status(id), "new")
    }

    func testWorkflowIsReadFromDeskYml() throws {
        let config = String(decoding: try desk.read("desk.yml"), as: UTF8.self)
        let changed = config.replacingOccurrences(of: "    closed: []\n", with: "    closed: [open]\n")
        XCTAssertNotEqual(changed, config, "the default desk.yml changed; update this test")
        try desk.commitByHand("desk.yml", changed, message: "closed tickets may be reopened here")
        let id = try desk.newTicket("Printer")
        assertSuccess(try desk.run("resolve", id, "--resolution", "done"))
        assertSuccess(try desk.run("close", id))
        assertSuccess(try desk.run("status", id, "open"))
        XCTAssertEqual(try status(id), "open")
    }
}
