import DeskTestSupport
import Foundation
import XCTest

/// The query index follows HEAD however it moved: desk commits, plain `git commit`, `git rm`, `git reset`.
final class IndexRefreshTests: DeskTestCase {
    private func titles(_ args: String...) throws -> [String: String] {
        let result = try desk.run(arguments: ["list", "--all", "--json"] + args)
        assertSuccess(result)
        var map: [String: String] = [:]
        for item in try JSON.array(result.stdout) {
            map[item["id"] as? String ?? "?"] = item["title"] as? String ?? "?"
        }
        return map
    }

    func testListReflectsATicketEditedAndCommittedWithPlainGit() throws {
        let id = try desk.newTicket("Printer jams")
        let other = try desk.newTicket("Unrelated")
        XCTAssertEqual(try titles(), [id: "Printer jams", other: "Unrelated"], "index warm")

        let path = TicketFile.path(id)
        let original = String(decoding: try desk.read(path), as: UTF8.self)
        let edited = original.replacingOccurrences(of: "title: Printer jams\n", with: "title: Scanner squeaks\n")
            .replacingOccurrences(of: "status: new\n", with: "status: pending\n")
        XCTAssertNotEqual(edited, original)
        try desk.commitByHand(path, edited, message: "retitle by hand")

        XCTAssertEqual(try titles(), [id: "Scanner squeaks", other: "Unrelated"])
        XCTAssertEqual(try desk.listIDs("--status", "pending"), [id])
        XCTAssertEqual(try desk.listIDs("--query", "squeaks"), [id])
        XCTAssertEqual(try desk.listIDs("--query", "jams"), [], "the old text is gone from the search index")
        // desk itself builds on the hand-made commit.
        assertSuccess(try desk.run("assign", id, "bob"))
        XCTAssertEqual(try desk.show(id)["title"] as? String, "Scanner squeaks")
        try assertWorkingTreeClean()
    }

    func testListReflectsTicketsAddedAndRemovedWithPlainGit() throws {
        let kept = try desk.newTicket("Kept")
        let removed = try desk.newTicket("Removed")
        XCTAssertEqual(Set(try titles().keys), [kept, removed])

        try desk.commitByHand(TicketFile.path("T-HANDMADE"),
                              TicketFile.minimal(id: "T-HANDMADE", title: "Arrived with a pull"),
                              message: "a ticket from elsewhere")
        XCTAssertEqual(try titles()["T-HANDMADE"], "Arrived with a pull")

        assertSuccess(try desk.git("rm", "-q", TicketFile.path(removed)))
        assertSuccess(try desk.git("commit", "-q", "-m", "remove one"))
        XCTAssertEqual(Set(try titles().keys), [kept, "T-HANDMADE"])
        let show = try desk.run("show", removed)
        assertExit(show, 3)
    }

    func testListFollowsHeadBackwardsAfterGitReset() throws {
        let first = try desk.newTicket("First")
        let base = try desk.head()
        let second = try desk.newTicket("Second")
        assertSuccess(try desk.run("assign", first, "bob"))
        XCTAssertEqual(Set(try titles().keys), [first, second])
        XCTAssertEqual(try desk.listIDs("--assignee", "bob"), [first])

        assertSuccess(try desk.git("reset", "-q", "--hard", base))
        XCTAssertEqual(Set(try titles().keys), [first])
        XCTAssertEqual(try desk.listIDs("--assignee", "bob"), [])
        XCTAssertEqual(try desk.listIDs("--unassigned"), [first])
        // And desk keeps working from there.
        let third = try desk.newTicket("Third")
        XCTAssertEqual(Set(try titles().keys), [first, third])
        try assertWorkingTreeClean()
    }

    func testUncommittedEditsDoNotReachTheIndex() throws {
        let id = try desk.newTicket("Committed title")
        let path = TicketFile.path(id)
        let text = String(decoding: try desk.read(path), as: UTF8.self)
        try desk.write(path, text.replacingOccurrences(of: "Committed title", with: "Draft title"))
        XCTAssertEqual(try titles()[id], "Committed title", "desk list shows what is committed")
        XCTAssertEqual(try desk.show(id)["title"] as? String, "Committed title")
    }
}
