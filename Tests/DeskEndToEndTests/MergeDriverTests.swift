import DeskTestSupport
import Foundation
import XCTest

/// `desk merge-driver O A B P`, on its own and as git's merge driver after `desk hooks install`.
final class MergeDriverTests: DeskTestCase {
    private let ancestor = TicketFile.minimal(id: "T-AB123456", title: "Printer jams",
                                              extra: ["category:", "urgency: low", "asset:", "channel: cli"],
                                              body: "The printer on floor 2 jams.\n")

    private func files(ours: String, theirs: String) throws -> (o: URL, a: URL, b: URL) {
        let folder = desk.base.appendingPathComponent("merge", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let o = folder.appendingPathComponent("O"), a = folder.appendingPathComponent("A"), b = folder.appendingPathComponent("B")
        try Data(ancestor.utf8).write(to: o)
        try Data(ours.utf8).write(to: a)
        try Data(theirs.utf8).write(to: b)
        return (o, a, b)
    }

    private func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The ancestor as desk writes it, with `title`, `updated`, `channel` and activity as given.
    private func canonical(title: String = "Printer jams", updated: String = "2026-01-05T09:00:00Z", channel: String = "cli",
                           activity: String = " []") -> String {
        """
        ---
        id: T-AB123456
        title: \(title)
        status: new
        priority:
        impact:
        urgency: low
        category:
        requester:
        department:
        assignee:
        group:
        created: 2026-01-05T09:00:00Z
        updated: \(updated)
        response_due:
        resolve_due:
        responded:
        resolved:
        tags: []
        links: []
        kb: []
        asset:
        channel: \(channel)
        activity:\(activity)
        ---
        The printer on floor 2 jams.

        """
    }

    /// The ancestor with a new title, stamped `updated` at `time` as desk does at every change.
    private func retitled(_ title: String, at time: String) -> String {
        ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: \(title)\n")
            .replacingOccurrences(of: "created: 2026-01-05T09:00:00Z\n", with: "created: 2026-01-05T09:00:00Z\nupdated: \(time)\n")
    }

    func testNonOverlappingEditsMergeCleanly() throws {
        let ours = ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
        let theirs = ancestor.replacingOccurrences(of: "channel: cli\n", with: "channel: email\n")
        let (o, a, b) = try files(ours: ours, theirs: theirs)
        let result = try desk.run("merge-driver", o.path, a.path, b.path, "tickets/AB/T-AB123456.md")
        assertExit(result, 0)
        // Merged field by field and written back as desk writes tickets.
        XCTAssertEqual(try text(a), canonical(title: "Printer jams on page 2", channel: "email"))
        XCTAssertEqual(try text(o), ancestor, "the ancestor is not touched")
        XCTAssertEqual(try text(b), theirs, "theirs is not touched")
    }

    func testBothSidesChangingTheTitleKeepTheLaterOneAndRecordTheOther() throws {
        let ours = retitled("Printer jams on page 2", at: "2026-01-06T10:00:00Z")
        let theirs = retitled("Printer is broken", at: "2026-01-07T10:00:00Z")
        for (mine, other) in [(ours, theirs), (theirs, ours)] {
            let (o, a, b) = try files(ours: mine, theirs: other)
            let result = try desk.run("merge-driver", o.path, a.path, b.path, "tickets/AB/T-AB123456.md")
            assertExit(result, 0, "a rule resolves it: no conflict for git")
            assertContains(result.stderr, "tickets/AB/T-AB123456.md: both sides changed title; kept the later change")
            XCTAssertEqual(try text(a), canonical(title: "Printer is broken", updated: "2026-01-07T10:00:00Z", activity: """

                - id: A-QEM358PJ
                  at: 2026-01-07T10:00:00Z
                  author: desk
                  kind: sync
                  field: title
                  from: Printer jams on page 2
                  to: Printer is broken
                  text: both desks changed title, kept the later value 'Printer is broken', dropped 'Printer jams on page 2'
                """), "the same bytes whichever side is ours")
        }
    }

    func testAConflictInAnotherFileLeavesMarkers() throws {
        let (o, a, b) = try files(ours: "# Our desk\n", theirs: "# Their desk\n")
        try Data("# Desk\n".utf8).write(to: o)
        let result = try desk.run("merge-driver", o.path, a.path, b.path, "README.md")
        assertExit(result, 1)
        let merged = try text(a)
        assertContains(merged, "<<<<<<<")
        assertContains(merged, "# Our desk")
        assertContains(merged, "# Their desk")
        assertContains(merged, ">>>>>>>")
    }

    func testATicketThatDoesNotParseMergesAsText() throws {
        let broken = ancestor.replacingOccurrences(of: "status: new\n", with: "status: [new\n")
        let ours = broken.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
        let theirs = ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer is broken\n")
        let (o, a, b) = try files(ours: ours, theirs: theirs)
        assertExit(try desk.run("merge-driver", o.path, a.path, b.path, "tickets/AB/T-AB123456.md"), 1)
        assertContains(try text(a), "<<<<<<<")
    }

    func testIdenticalEditsOnBothSidesAreClean() throws {
        let both = ancestor.replacingOccurrences(of: "urgency: low\n", with: "urgency: high\n")
        let (o, a, b) = try files(ours: both, theirs: both)
        assertExit(try desk.run("merge-driver", o.path, a.path, b.path), 0, "without the path argument too")
        XCTAssertEqual(try text(a), both)
    }

    func testAMissingInputFileFails() throws {
        let (o, a, _) = try files(ours: ancestor, theirs: ancestor)
        let missing = desk.base.appendingPathComponent("merge/missing")
        let result = try desk.run("merge-driver", o.path, a.path, missing.path, "x")
        XCTAssertNotEqual(result.exitCode, 0, "\(result)")
        XCTAssertNotEqual(result.exitCode, 1, "not a conflict: the merge could not run\n\(result)")
        XCTAssertEqual(try text(a), ancestor, "ours is left as it was")
    }

    func testGitMergeOfTwoBranchesChangingDifferentFieldsOfOneTicket() throws {
        let id = try desk.newTicket("Printer jams", "--urgency", "low")
        assertSuccess(try desk.run("hooks", "install"))
        let path = TicketFile.path(id)
        XCTAssertEqual(try desk.gitOutput("check-attr", "merge", "--", path), "\(path): merge: desk")

        assertSuccess(try desk.git("checkout", "-q", "-b", "feature"))
        try desk.editTicketLine(id, key: "category", to: "category: hardware")
        assertSuccess(try desk.git("commit", "-q", "-am", "categorise"))

        assertSuccess(try desk.git("checkout", "-q", "main"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer jams on page 2")
        assertSuccess(try desk.git("commit", "-q", "-am", "better title"))

        let merge = try desk.git("merge", "--no-edit", "feature")
        assertSuccess(merge)
        XCTAssertEqual(try desk.gitOutput("rev-list", "--parents", "-n", "1", "HEAD").split(separator: " ").count, 3,
                       "a merge commit")
        let ticket = try desk.show(id)
        XCTAssertEqual(ticket["title"] as? String, "Printer jams on page 2")
        XCTAssertEqual(ticket["category"] as? String, "hardware")
        assertSuccess(try desk.run("lint"))
        try assertWorkingTreeClean("after the merge")

        // Both branches change the title: the later change wins, the other is kept in the activity.
        assertSuccess(try desk.git("checkout", "-q", "-b", "other"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer broken")
        try desk.editTicketLine(id, key: "updated", to: "updated: 2099-01-02T00:00:00Z")
        assertSuccess(try desk.git("commit", "-q", "-am", "title one way"))
        assertSuccess(try desk.git("checkout", "-q", "main"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer on fire")
        try desk.editTicketLine(id, key: "updated", to: "updated: 2099-01-01T00:00:00Z")
        assertSuccess(try desk.git("commit", "-q", "-am", "title the other way"))
        assertSuccess(try desk.git("merge", "--no-edit", "other"))
        let merged = try desk.show(id)
        XCTAssertEqual(merged["title"] as? String, "Printer broken", "the later change, though ours and greater as text")
        XCTAssertEqual(merged["updated"] as? String, "2099-01-02T00:00:00Z")
        let sync = (merged["activity"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "sync" }
        XCTAssertEqual(sync.count, 1, "\(merged)")
        XCTAssertEqual(sync.first?["field"] as? String, "title")
        XCTAssertEqual(sync.first?["from"] as? String, "Printer on fire")
        XCTAssertEqual(sync.first?["to"] as? String, "Printer broken")
        XCTAssertEqual(sync.first?["author"] as? String, "desk")
        assertNotContains(try desk.ticketText(id), "<<<<<<<")
        assertSuccess(try desk.run("lint"))
        try assertWorkingTreeClean("after the second merge")
    }

    func testGitMergeOfTheSameNewTicketIDOnTwoBranchesRenumbersTheLaterOne() throws {
        assertSuccess(try desk.run("hooks", "install"))
        let path = "tickets/AB/T-AB123456.md"
        let first = canonical(title: "Printer jams")
        let second = canonical(title: "Mouse is broken").replacingOccurrences(of: "2026-01-05T09:00:00Z", with: "2026-01-05T10:00:00Z")
        assertSuccess(try desk.git("checkout", "-q", "-b", "other"))
        try desk.commitByHand(path, second, message: "a ticket made on another desk")
        assertSuccess(try desk.git("checkout", "-q", "main"))
        try desk.commitByHand(path, first, message: "a ticket made here")

        let merge = try desk.git("merge", "--no-edit", "other")
        XCTAssertEqual(merge.exitCode, 1, "git stops so that the renumbered ticket is committed too\n\(merge)")
        assertContains(merge.stderr, "both sides created T-AB123456 as two different tickets")
        XCTAssertEqual(try desk.ticketText("T-AB123456").contains("title: Printer jams\n"), true, "the earlier one keeps its id")
        let untracked = try desk.gitOutput("ls-files", "--others", "--exclude-standard")
        let newPath = untracked.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(newPath.hasPrefix("tickets/") && newPath.hasSuffix(".md"), untracked)
        let moved = String(decoding: try desk.read(newPath), as: UTF8.self)
        assertContains(moved, "title: Mouse is broken\n")
        assertContains(moved, "renumbered T-AB123456 to ")

        assertSuccess(try desk.git("add", path, newPath))
        assertSuccess(try desk.git("commit", "-q", "--no-edit"))
        assertSuccess(try desk.run("lint"))
        try assertWorkingTreeClean("after committing the renumbered ticket")
    }
}
