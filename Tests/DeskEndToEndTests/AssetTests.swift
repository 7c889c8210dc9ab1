import DeskTestSupport
import Foundation
import XCTest

/// `desk asset add|show|list|edit`: one file per device in assets/, one commit per change, and
/// the tickets that name the asset.
final class AssetTests: DeskTestCase {
    private func addLaptop() throws {
        let added = try desk.run("asset", "add", "lpt-0042", "--kind", "laptop", "--model", "Latitude 7440",
                                 "--owner", "jan.devries", "--department", "finance", "--purchased", "2024-03-14",
                                 "--os", "Windows 11 23H2", "--json")
        assertSuccess(added)
        let object = try JSON.object(added.stdout)
        XCTAssertEqual(object["id"] as? String, "LPT-0042", "ids are upper-case")
        XCTAssertEqual(object["purchased"] as? String, "2024-03-14")
        XCTAssertEqual(object["path"] as? String, "assets/LPT-0042.md")
    }

    func testAddShowListEditEachOneCommit() throws {
        let before = try desk.commitCount()
        try addLaptop()
        XCTAssertEqual(try desk.commitCount(), before + 1)
        assertContains(try desk.gitOutput("log", "-1", "--format=%s%n%b"), "LPT-0042: add laptop Latitude 7440")
        let file = String(decoding: try desk.read("assets/LPT-0042.md"), as: UTF8.self)
        XCTAssertTrue(file.hasPrefix("---\nid: LPT-0042\nkind: laptop\nmodel: Latitude 7440\nowner: jan.devries\n"), file)

        let id = try desk.newTicket("Laptop takes five minutes to boot", "--requester", "jan.devries", "--asset", "LPT-0042")
        _ = try desk.newTicket("Unrelated printer jam")
        let shown = try desk.run("asset", "show", "lpt-0042", "--json")
        assertSuccess(shown)
        let tickets = try JSON.object(shown.stdout)["tickets"] as? [[String: Any]] ?? []
        XCTAssertEqual(tickets.compactMap { $0["id"] as? String }, [id], "show lists the asset's tickets, only those")
        assertContains(try desk.run("asset", "show", "LPT-0042").stdout, "Laptop takes five minutes to boot")

        assertSuccess(try desk.run("asset", "add", "MON-17", "--kind", "monitor", "--department", "sales"))
        let listed = try desk.run("asset", "list", "--department", "finance", "--json")
        XCTAssertEqual((try JSON.array(listed.stdout)).compactMap { $0["id"] as? String }, ["LPT-0042"])
        assertContains(try desk.run("asset", "list").stdout, "MON-17")

        let count = try desk.commitCount()
        let edited = try desk.run("asset", "edit", "LPT-0042", "--set", "owner=lisa.meijer", "--set", "os=", "--json")
        assertSuccess(edited)
        let object = try JSON.object(edited.stdout)
        XCTAssertEqual(object["owner"] as? String, "lisa.meijer")
        XCTAssertTrue(object["os"] is NSNull, "an empty value clears the field")
        XCTAssertEqual(try desk.commitCount(), count + 1)
        let again = try desk.run("asset", "edit", "LPT-0042", "--set", "owner=lisa.meijer")
        assertSuccess(again)
        assertContains(again.stderr, "nothing to change")
        XCTAssertEqual(try desk.commitCount(), count + 1)
        try assertWorkingTreeClean("after asset commands")
        assertSuccess(try desk.run("lint"))
    }

    func testBadInputIsRefusedAndNothingIsWritten() throws {
        try addLaptop()
        let count = try desk.commitCount()
        let duplicate = try desk.run("asset", "add", "LPT-0042", "--kind", "laptop")
        assertExit(duplicate, 2)
        assertContains(duplicate.stderr, "exists already")
        let badID = try desk.run("asset", "add", "laptop 42", "--kind", "laptop")
        assertExit(badID, 2)
        assertContains(badID.stderr, "LPT-0042")
        let badDate = try desk.run("asset", "add", "LPT-0043", "--kind", "laptop", "--purchased", "2024-13-01")
        assertExit(badDate, 2)
        assertContains(badDate.stderr, "purchased")
        let unknownField = try desk.run("asset", "edit", "LPT-0042", "--set", "colour=red")
        assertExit(unknownField, 2)
        assertContains(unknownField.stderr, "kind, model, owner")
        let missing = try desk.run("asset", "show", "LPT-9999")
        XCTAssertNotEqual(missing.exitCode, 0)
        assertContains(missing.stderr, "not found")
        XCTAssertEqual(try desk.commitCount(), count, "nothing committed")
        try assertWorkingTreeClean("after refusals")
    }

    func testAHandEditedAssetFileThatDoesNotReadIsNamed() throws {
        try addLaptop()
        try desk.commitByHand("assets/LPT-0042.md", "---\nid: LPT-0042\nkind: laptop\npurchased: last spring\ncreated: 2026-01-05T09:00:00Z\n---\n")
        let shown = try desk.run("asset", "show", "LPT-0042")
        assertExit(shown, 5)
        assertContains(shown.stderr, "assets/LPT-0042.md:4")
        let list = try desk.run("asset", "list")
        assertSuccess(list, "the rest keeps working")
        assertContains(list.stderr, "assets/LPT-0042.md")
    }
}
