import DeskTestSupport
import Foundation
import XCTest

/// `desk gc`: packs the loose objects libgit2 leaves behind; the repository stays whole.
final class GCTests: DeskTestCase {
    private func objectCounts() throws -> (loose: Int, packed: Int, packs: Int) {
        var values: [String: Int] = [:]
        for line in lines(try desk.gitOutput("count-objects", "-v")) {
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { values[parts[0]] = Int(parts[1]) }
        }
        return (values["count"] ?? -1, values["in-pack"] ?? -1, values["packs"] ?? -1)
    }

    func testGCPacksLooseObjectsAndKeepsEverything() throws {
        var ids: [String] = []
        for i in 1...5 { ids.append(try desk.newTicket("Ticket \(i)")) }
        assertSuccess(try desk.run("assign", ids[0], "bob"))
        let head = try desk.head()
        let before = try objectCounts()
        XCTAssertGreaterThan(before.loose, 0, "desk writes loose objects")

        let result = try desk.run("gc")
        assertSuccess(result)
        XCTAssertNotNil(result.stderr.range(of: "Packed \(before.loose) (loose )?object", options: .regularExpression),
                        result.stderr)
        let after = try objectCounts()
        XCTAssertEqual(after.loose, 0)
        XCTAssertGreaterThanOrEqual(after.packed, before.loose)
        XCTAssertEqual(try desk.head(), head, "gc does not commit")
        try assertFsckClean("after desk gc")
        try assertWorkingTreeClean()
        XCTAssertEqual(Set(try desk.listIDs("--all")), Set(ids))

        // Desk keeps writing on top of the pack, and a second gc packs only what is new.
        let later = try desk.newTicket("After gc")
        XCTAssertEqual(try desk.show(later)["title"] as? String, "After gc")
        XCTAssertEqual(try desk.show(ids[0])["assignee"] as? String, "bob", "objects are read from the pack")
        let loose = try objectCounts().loose
        XCTAssertGreaterThan(loose, 0)
        let again = try desk.run("gc", "--json")
        assertSuccess(again)
        let json = try JSON.object(again.stdout)
        XCTAssertEqual(json["packed_objects"] as? Int, loose, "\(json)")
        try assertFsckClean("after the second gc")
        XCTAssertEqual(try objectCounts().loose, 0)
    }

    func testFullGCFoldsPacksIntoOne() throws {
        for round in 1...3 {
            _ = try desk.newTicket("Ticket \(round)")
            assertSuccess(try desk.run("gc"))
        }
        XCTAssertGreaterThan(try objectCounts().packs, 1, "each gc of new loose objects adds a pack")
        let objects = try desk.gitOutput("rev-list", "--objects", "--all").split(separator: "\n").count
        assertSuccess(try desk.run("gc", "--full"))
        let after = try objectCounts()
        XCTAssertEqual(after.packs, 1)
        XCTAssertEqual(after.loose, 0)
        XCTAssertGreaterThanOrEqual(after.packed, objects, "nothing reachable was dropped")
        try assertFsckClean("after desk gc --full")
        XCTAssertEqual(try desk.listIDs().count, 3)
    }

    func testGCWithReindexRebuildsTheQueryIndex() throws {
        for i in 1...3 { _ = try desk.newTicket("Ticket \(i)") }
        let result = try desk.run("gc", "--reindex", "--json")
        assertSuccess(result)
        let json = try JSON.object(result.stdout)
        XCTAssertEqual(json["reindexed_files"] as? Int, 3)
        XCTAssertEqual(try desk.listIDs().count, 3)
    }

    func testGCOnAFreshDesk() throws {
        assertSuccess(try desk.run("gc"))
        assertSuccess(try desk.run("gc"))
        try assertFsckClean()
        XCTAssertEqual(try objectCounts().loose, 0)
    }
}
