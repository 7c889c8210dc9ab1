import DeskTestSupport
import Foundation
import XCTest

/// git's index as plain git may leave it: desk keeps it right, or refuses before committing anything.
final class GitIndexFormatTests: DeskTestCase {
    func testIndexVersion4() throws {
        let first = try desk.newTicket("Before")
        assertSuccess(try desk.git("update-index", "--index-version", "4"))
        let second = try desk.newTicket("After switching to index v4")
        assertSuccess(try desk.run("assign", first, "bob"))
        assertSuccess(try desk.run("comment", second, "still fine"))
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    func testIndexRewrittenByGitBetweenDeskCommands() throws {
        var ids: [String] = []
        for i in 1...4 {
            ids.append(try desk.newTicket("Ticket \(i)"))
            // Each of these makes git rewrite or refresh its index in its own way.
            switch i {
            case 1: assertSuccess(try desk.git("status", "--porcelain"))
            case 2: assertSuccess(try desk.git("update-index", "--refresh"))
            case 3: assertSuccess(try desk.git("read-tree", "HEAD"))
            default: assertSuccess(try desk.git("reset", "-q"))
            }
            try assertWorkingTreeClean("after step \(i)")
        }
        for id in ids { assertSuccess(try desk.run("assign", id, "bob")) }
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    /// libgit2 cannot read a split index. Either desk copes with it, or it says how to fix it and
    /// commits nothing — a failure must never leave a ticket committed behind the script's back.
    func testSplitIndexIsHandledOrRefusedBeforeCommitting() throws {
        _ = try desk.newTicket("Before")
        assertSuccess(try desk.git("update-index", "--split-index"))
        let head = try desk.head()
        let result = try desk.run("new", "With a split index")
        if result.succeeded {
            try assertWorkingTreeClean()
        } else {
            assertExit(result, 10)
            assertContains(result.stderr, "splitIndex")
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(try desk.head(), head, "desk failed, yet committed the ticket")
            XCTAssertEqual(try desk.gitOutput("status", "--porcelain"), "", "desk failed, yet changed the working tree")
            // Turning the split index off the way git documents it is enough for desk to work again.
            assertSuccess(try desk.git("config", "core.splitIndex", "false"))
            assertSuccess(try desk.git("update-index", "--no-split-index"))
            XCTAssertNoThrow(try desk.newTicket("After the fix"))
            try assertWorkingTreeClean()
        }
        try assertFsckClean()
    }
}
