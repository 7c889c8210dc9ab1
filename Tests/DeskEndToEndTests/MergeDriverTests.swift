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

    func testNonOverlappingEditsMergeCleanly() throws {
        let ours = ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
        let theirs = ancestor.replacingOccurrences(of: "channel: cli\n", with: "channel: email\n")
        let (o, a, b) = try files(ours: ours, theirs: theirs)
        let result = try desk.run("merge-driver", o.path, a.path, b.path, "tickets/AB/T-AB123456.md")
        assertExit(result, 0)
        XCTAssertEqual(try text(a), ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
            .replacingOccurrences(of: "channel: cli\n", with: "channel: email\n"))
        XCTAssertEqual(try text(o), ancestor, "the ancestor is not touched")
        XCTAssertEqual(try text(b), theirs, "theirs is not touched")
    }

    func testOverlappingEditsLeaveConflictMarkers() throws {
        let ours = ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
        let theirs = ancestor.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer is broken\n")
        let (o, a, b) = try files(ours: ours, theirs: theirs)
        let result = try desk.run("merge-driver", o.path, a.path, b.path, "tickets/AB/T-AB123456.md")
        assertExit(result, 1)
        let merged = try text(a)
        assertContains(merged, "<<<<<<<")
        assertContains(merged, "=======")
        assertContains(merged, ">>>>>>>")
        assertContains(merged, "title: Printer jams on page 2")
        assertContains(merged, "title: Printer is broken")
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

        // Overlapping changes conflict as git would report them.
        assertSuccess(try desk.git("checkout", "-q", "-b", "other"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer broken")
        assertSuccess(try desk.git("commit", "-q", "-am", "title one way"))
        assertSuccess(try desk.git("checkout", "-q", "main"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer on fire")
        assertSuccess(try desk.git("commit", "-q", "-am", "title the other way"))
        let conflict = try desk.git("merge", "--no-edit", "other")
        XCTAssertNotEqual(conflict.exitCode, 0, "\(conflict)")
        assertContains(conflict.stdout + conflict.stderr, "CONFLICT")
        assertContains(try desk.ticketText(id), "<<<<<<<")
        assertSuccess(try desk.git("merge", "--abort"))
    }
}
