import DeskTestSupport
import Foundation
import XCTest

/// Uncommitted work in the working tree is never overwritten or swept into a desk commit.
final class HandEditTests: DeskTestCase {
    private func appendLine(_ id: String) throws -> Data {
        let path = TicketFile.path(id)
        var bytes = try desk.read(path)
        bytes.append(Data("A line added by hand, not committed.\n".utf8))
        try desk.write(path, bytes)
        return bytes
    }

    func testMutatingATicketWithAnUncommittedEditIsRefused() throws {
        let id = try desk.newTicket("Hand edited")
        let edited = try appendLine(id)
        let head = try desk.head()
        for args in [["assign", id, "bob"], ["comment", id, "hi"], ["status", id, "pending"],
                     ["resolve", id, "--resolution", "done"], ["edit", id, "--set", "group=network"]] {
            let result = try desk.run(arguments: args)
            assertExit(result, 4, "\(args)")
            assertContains(result.stderr, TicketFile.path(id), "\(args)")
            assertContains(result.stderr, "uncommitted", "\(args)")
            XCTAssertEqual(try desk.head(), head, "nothing committed by \(args)")
            XCTAssertEqual(try desk.read(TicketFile.path(id)), edited, "the hand edit survives \(args)")
        }
        let json = try desk.run("assign", id, "bob", "--json")
        assertExit(json, 4)
        XCTAssertEqual(try JSON.error(json.stdout).code, "uncommitted_changes")
        XCTAssertEqual(try desk.gitOutput("status", "--porcelain"), "M \(TicketFile.path(id))")

        // Once committed with git, desk builds on the hand edit.
        try desk.commitByHand(message: "commit the hand edit", paths: [TicketFile.path(id)])
        assertSuccess(try desk.run("assign", id, "bob"))
        let ticket = try desk.show(id)
        XCTAssertEqual(ticket["assignee"] as? String, "bob")
        assertContains(ticket["body"] as? String ?? "", "A line added by hand, not committed.")
        try assertWorkingTreeClean()
    }

    func testStagedButUncommittedAndDeletedFilesAreRefusedToo() throws {
        let staged = try desk.newTicket("Staged edit")
        _ = try appendLine(staged)
        assertSuccess(try desk.git("add", TicketFile.path(staged)))
        let deleted = try desk.newTicket("Deleted by hand")
        try FileManager.default.removeItem(at: desk.url(TicketFile.path(deleted)))
        let head = try desk.head()
        assertExit(try desk.run("assign", staged, "bob"), 4)
        assertExit(try desk.run("assign", deleted, "bob"), 4)
        XCTAssertEqual(try desk.head(), head)
        XCTAssertFalse(FileManager.default.fileExists(atPath: desk.url(TicketFile.path(deleted)).path),
                       "desk did not bring the deleted file back")
    }

    func testOtherTicketsAndUntrackedFilesAreLeftAlone() throws {
        let edited = try desk.newTicket("Hand edited")
        let other = try desk.newTicket("Other")
        let bytes = try appendLine(edited)
        try desk.write("notes.txt", "my notes\n")
        try desk.write("tickets/scratch.md", "scratch\n")

        assertSuccess(try desk.run("assign", other, "bob"))
        assertSuccess(try desk.run("comment", other, "works"))
        let created = try desk.newTicket("Made meanwhile")

        XCTAssertEqual(try desk.read(TicketFile.path(edited)), bytes, "the hand edit is untouched")
        let status = Set(lines(try desk.git("status", "--porcelain", "--untracked-files=all").stdout))
        XCTAssertEqual(status, [" M \(TicketFile.path(edited))", "?? notes.txt", "?? tickets/scratch.md"],
                       "desk committed only its own files")
        let lastThree = try desk.gitOutput("log", "-3", "--name-only", "--format=")
        XCTAssertEqual(Set(lines(lastThree)), [TicketFile.path(other), TicketFile.path(created)])
        XCTAssertEqual(try desk.show(edited)["body"] as? String, "", "desk show reads what is committed")
    }
}
