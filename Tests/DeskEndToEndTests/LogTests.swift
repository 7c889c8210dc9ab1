import DeskTestSupport
import Foundation
import XCTest

/// `desk log`: history from commits, field by field, for desk's own commits and plain git ones.
final class LogTests: DeskTestCase {
    private func log(_ args: String...) throws -> [[String: Any]] {
        let result = try desk.run(arguments: ["log"] + args + ["--json"])
        assertSuccess(result, "log \(args)")
        return try JSON.array(result.stdout)
    }

    private func changes(_ entry: [String: Any]) -> [String: String] {
        var map: [String: String] = [:]
        for change in entry["changes"] as? [[String: Any]] ?? [] {
            let from = change["from"] as? String ?? "–"
            let to = change["to"] as? String ?? "–"
            map[change["field"] as? String ?? "?"] = "\(from)→\(to)"
        }
        return map
    }

    func testLogOfATicketAsJSON() throws {
        let id = try desk.newTicket("VPN drops", "--department", "finance")
        assertSuccess(try desk.run("assign", id, "bob"))
        assertSuccess(try desk.run("comment", id, "Reinstalled the client", env: ["DESK_USER": "bob"]))
        _ = try desk.newTicket("Another ticket")

        let entries = try log(id)
        XCTAssertEqual(entries.count, 3, "the other ticket is not in this ticket's log")
        for entry in entries {
            for key in ["commit", "at", "author", "ticket", "action", "changes"] {
                XCTAssertNotNil(entry[key], "\(key) missing")
            }
            XCTAssertEqual(entry["ticket"] as? String, id)
        }
        XCTAssertEqual(entries.map { $0["action"] as? String }, ["comment", "assign", "new"], "newest first")
        XCTAssertEqual(entries.map { $0["author"] as? String }, ["bob", "alice", "alice"])
        let commits = lines(try desk.gitOutput("log", "--format=%H", "-4")).dropFirst()
        XCTAssertEqual(entries.map { $0["commit"] as? String ?? "" }, Array(commits))
        let at = try XCTUnwrap(entries.first?["at"] as? String)
        XCTAssertNotNil(at.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression), at)

        XCTAssertEqual(changes(entries[0])["comment"], "–→Reinstalled the client")
        XCTAssertEqual(changes(entries[1])["assignee"], "–→bob")
        XCTAssertEqual(changes(entries[1])["status"], "new→open")
        XCTAssertEqual(changes(entries[2])["title"], "–→VPN drops")
        XCTAssertEqual(changes(entries[2])["department"], "–→finance")
    }

    func testLogText() throws {
        let id = try desk.newTicket("VPN drops")
        assertSuccess(try desk.run("assign", id, "bob"))
        let result = try desk.run("log", id)
        assertSuccess(result)
        let head = try desk.head()
        assertContains(result.stdout, String(head.prefix(10)))
        assertContains(result.stdout, "\(id): assign to bob")
        assertContains(result.stdout, "\(id): new: VPN drops")
        XCTAssertNotNil(result.stdout.range(of: "assignee: .* → bob", options: .regularExpression), result.stdout)
        XCTAssertNotNil(result.stdout.range(of: "status: new → open"), result.stdout)
        XCTAssertLessThan(try XCTUnwrap(result.stdout.range(of: "assign to bob")).lowerBound,
                          try XCTUnwrap(result.stdout.range(of: "new: VPN drops")).lowerBound, "newest first")
    }

    func testLogOfAChangeMadeWithPlainGitWithoutTrailers() throws {
        let id = try desk.newTicket("Printer jams", "--urgency", "low")
        let path = TicketFile.path(id)
        let text = String(decoding: try desk.read(path), as: UTF8.self)
        let edited = text.replacingOccurrences(of: "title: Printer jams\n", with: "title: Printer jams on page 2\n")
            .replacingOccurrences(of: "urgency: low\n", with: "urgency: high\n")
        XCTAssertNotEqual(edited, text)
        try desk.commitByHand(path, edited, message: "fix the title by hand")

        let entries = try log(id)
        XCTAssertEqual(entries.count, 2)
        let hand = entries[0]
        XCTAssertEqual(hand["commit"] as? String, try desk.head())
        XCTAssertEqual(hand["author"] as? String, "Hand Editor")
        XCTAssertEqual(hand["ticket"] as? String, id)
        XCTAssertFalse((hand["action"] as? String ?? "").isEmpty, "an action is derived for commits without trailers")
        XCTAssertEqual(changes(hand)["title"], "Printer jams→Printer jams on page 2")
        XCTAssertEqual(changes(hand)["urgency"], "low→high")

        // A ticket that arrived by plain git, in the whole desk's log.
        try desk.commitByHand(TicketFile.path("T-HANDMADE"), TicketFile.minimal(id: "T-HANDMADE", title: "From a pull"),
                              message: "add a ticket by hand")
        let all = try log()
        let added = try XCTUnwrap(all.first)
        XCTAssertEqual(added["ticket"] as? String, "T-HANDMADE")
        XCTAssertEqual(changes(added)["title"], "–→From a pull")
        let handLog = try log("T-HANDMADE")
        XCTAssertEqual(handLog.count, 1)
    }

    func testWholeDeskLogFiltersAndLimits() throws {
        let first = try desk.newTicket("First")
        assertSuccess(try desk.run("new", "Second", env: ["DESK_USER": "bob"]))
        assertSuccess(try desk.run("comment", first, "note"))

        let all = try log()
        XCTAssertEqual(all.map { $0["action"] as? String }, ["comment", "new", "new", "init"])
        let initEntry = try XCTUnwrap(all.last)
        XCTAssertTrue(JSON.isNull(initEntry, "ticket"), "the init commit is about no ticket")
        XCTAssertEqual(try log("--limit", "2").count, 2)
        XCTAssertEqual(try log("--author", "bob").map { $0["action"] as? String }, ["new"])
        XCTAssertEqual(try log("--since", "2000-01-01").count, 4)
        XCTAssertEqual(try log("--since", "2999-01-01").count, 0)
        assertExit(try desk.run("log", "--since", "last tuesday"), 2)
        assertExit(try desk.run("log", "T-ZZZZZZZZ"), 3)
    }
}
