import DeskTestSupport
import Foundation
import XCTest

/// `desk list`: every filter, sorting, limits, empty results and the JSON shape.
final class ListTests: DeskTestCase {
    private var cafe = "", vpn = "", printer = "", closed = "", pending = ""

    /// Five tickets covering each filter; made through desk itself.
    private func makeTickets() throws {
        cafe = try desk.newTicket("Café machine broken", "--department", "Sales", "--category", "hardware/coffee",
                                  "--tag", "Kitchen", "--requester", "jan", "--impact", "organization", "--urgency", "high")
        vpn = try desk.newTicket("VPN drops", "--category", "network/vpn", "--group", "network", "--requester", "piet",
                                 "--tag", "vpn", "--body", "A naïve résumé of the problem.")
        assertSuccess(try desk.run("assign", vpn, "bob"))
        assertSuccess(try desk.run("comment", vpn, "Rebooted the concentrator"))
        printer = try desk.newTicket("Printer offline", "--category", "networkx", "--department", "finance",
                                     "--urgency", "low")
        assertSuccess(try desk.run("resolve", printer, "--resolution", "Replaced the toner cartridge"))
        closed = try desk.newTicket("Old request", "--tag", "kitchen")
        assertSuccess(try desk.run("resolve", closed, "--resolution", "done"))
        assertSuccess(try desk.run("close", closed))
        pending = try desk.newTicket("Waiting for user", "--assignee", "carol", "--urgency", "high")
        assertSuccess(try desk.run("status", pending, "pending"))
    }

    private func ids(_ args: String...) throws -> Set<String> {
        let result = try desk.run(arguments: ["list"] + args + ["--json"])
        assertSuccess(result, "list \(args)")
        return Set(try JSON.array(result.stdout).compactMap { $0["id"] as? String })
    }

    private func orderedIDs(_ args: String...) throws -> [String] {
        let result = try desk.run(arguments: ["list"] + args + ["--json"])
        assertSuccess(result, "list \(args)")
        return try JSON.array(result.stdout).compactMap { $0["id"] as? String }
    }

    func testStatusFilters() throws {
        try makeTickets()
        XCTAssertEqual(try ids(), [cafe, vpn, pending], "active tickets only by default")
        XCTAssertEqual(try ids("--all"), [cafe, vpn, printer, closed, pending])
        XCTAssertEqual(try ids("--status", "resolved"), [printer])
        XCTAssertEqual(try ids("--status", "closed"), [closed])
        XCTAssertEqual(try ids("--status", "new", "--status", "pending"), [cafe, pending])
        XCTAssertEqual(try ids("--status", "open"), [vpn])
    }

    func testPeopleAndOrganisationFilters() throws {
        try makeTickets()
        XCTAssertEqual(try ids("--assignee", "bob"), [vpn])
        XCTAssertEqual(try ids("--assignee", "carol"), [pending])
        XCTAssertEqual(try ids("--assignee", "nobody"), [])
        XCTAssertEqual(try ids("--unassigned"), [cafe])
        XCTAssertEqual(try ids("--unassigned", "--all"), [cafe, printer, closed])
        XCTAssertEqual(try ids("--department", "Sales"), [cafe])
        XCTAssertEqual(try ids("--department", "sales"), [cafe], "department matches in any case")
        XCTAssertEqual(try ids("--department", "finance", "--all"), [printer])
        XCTAssertEqual(try ids("--group", "network"), [vpn])
        XCTAssertEqual(try ids("--requester", "jan"), [cafe])
        XCTAssertEqual(try ids("--requester", "piet"), [vpn])
        XCTAssertEqual(try ids("--requester", "ja"), [], "requester is an exact match, not a prefix")
    }

    func testPriorityCategoryAndTagFilters() throws {
        try makeTickets()
        XCTAssertEqual(try ids("--priority", "P1"), [cafe])
        XCTAssertEqual(try ids("--priority", "p1"), [cafe])
        XCTAssertEqual(try ids("--priority", "P1", "--priority", "P2"), [cafe, pending])
        XCTAssertEqual(try ids("--priority", "P4", "--all"), [printer])
        // A category matches itself and its subcategories, but not a longer name.
        XCTAssertEqual(try ids("--category", "network", "--all"), [vpn])
        XCTAssertEqual(try ids("--category", "network/vpn"), [vpn])
        XCTAssertEqual(try ids("--category", "networkx", "--all"), [printer])
        XCTAssertEqual(try ids("--category", "hardware"), [cafe])
        XCTAssertEqual(try ids("--category", "hardware/coffee"), [cafe])
        XCTAssertEqual(try ids("--category", "hard"), [])
        XCTAssertEqual(try ids("--tag", "kitchen", "--all"), [cafe, closed], "tags match in any case")
        XCTAssertEqual(try ids("--tag", "vpn"), [vpn])
        XCTAssertEqual(try ids("--tag", "kit"), [])
        // Filters combine with AND.
        XCTAssertEqual(try ids("--tag", "kitchen", "--status", "closed"), [closed])
        XCTAssertEqual(try ids("--department", "sales", "--priority", "P4"), [])
    }

    func testFullTextQuery() throws {
        try makeTickets()
        XCTAssertEqual(try ids("--query", "cafe"), [cafe], "cafe finds café")
        XCTAssertEqual(try ids("--query", "CAFÉ"), [cafe])
        XCTAssertEqual(try ids("--query", "machine broken"), [cafe], "every word must match")
        XCTAssertEqual(try ids("--query", "machine vpn"), [])
        XCTAssertEqual(try ids("--query", "naive resume"), [vpn], "description text, diacritics folded")
        XCTAssertEqual(try ids("--query", "concentrator"), [vpn], "comment text")
        XCTAssertEqual(try ids("--query", "toner", "--all"), [printer], "resolution text")
        XCTAssertEqual(try ids("--query", "drops", "--assignee", "bob"), [vpn])
        XCTAssertEqual(try ids("--query", "drops", "--assignee", "carol"), [])
        XCTAssertEqual(try ids("--query", "zebra"), [])
        // Query syntax is text, never an FTS expression that fails.
        for odd in ["\"unbalanced", "a OR", "NEAR(", "*", "-vpn", "col:vpn", "'; DROP TABLE tickets; --"] {
            let result = try desk.run("list", "--query=\(odd)", "--json")
            assertSuccess(result, "query \(odd.debugDescription)")
            XCTAssertNoThrow(try JSON.array(result.stdout))
        }
        XCTAssertEqual(try ids("--all"), [cafe, vpn, printer, closed, pending], "the index survived the odd queries")
    }

    func testSortReverseAndLimit() throws {
        try makeTickets()
        let byTitle = try orderedIDs("--sort", "title")
        XCTAssertEqual(byTitle, [cafe, vpn, pending], "Café…, VPN…, Waiting…")
        XCTAssertEqual(try orderedIDs("--sort", "title", "--reverse"), byTitle.reversed())
        XCTAssertEqual(try orderedIDs("--sort", "id"), [cafe, vpn, pending].sorted())
        XCTAssertEqual(try orderedIDs("--sort", "id", "--reverse"), [cafe, vpn, pending].sorted().reversed())
        XCTAssertEqual(try orderedIDs("--sort", "priority"), [cafe, pending, vpn], "P1, P2, P3")
        XCTAssertEqual(try orderedIDs(), [cafe, pending, vpn], "priority is the default order")
        XCTAssertEqual(try orderedIDs("--sort", "title", "--limit", "2"), Array(byTitle.prefix(2)))
        XCTAssertEqual(try orderedIDs("--sort", "title", "--limit", "1"), [cafe])
        XCTAssertEqual(try orderedIDs("--limit", "0"), [])
        XCTAssertEqual(try orderedIDs("--sort", "id", "--all", "--limit", "100").count, 5)
    }

    func testSortByTimes() throws {
        // Hand-made tickets with distinct times (desk's own are seconds apart at best).
        let times = [("T-0000000A", "2026-01-01T08:00:00Z", "2026-03-01T08:00:00Z"),
                     ("T-0000000B", "2026-01-02T08:00:00Z", "2026-02-01T08:00:00Z"),
                     ("T-0000000C", "2026-01-03T08:00:00Z", "2026-04-01T08:00:00Z")]
        for (id, created, updated) in times {
            try desk.write(TicketFile.path(id), TicketFile.minimal(id: id, created: created, extra: ["updated: \(updated)"]))
        }
        try desk.commitByHand(message: "three tickets", paths: ["tickets"])
        let created = try orderedIDs("--sort", "created")
        XCTAssertTrue(created == ["T-0000000A", "T-0000000B", "T-0000000C"]
                      || created == ["T-0000000C", "T-0000000B", "T-0000000A"], "by created: \(created)")
        XCTAssertEqual(try orderedIDs("--sort", "created", "--reverse"), created.reversed())
        let updated = try orderedIDs("--sort", "updated")
        XCTAssertTrue(updated == ["T-0000000B", "T-0000000A", "T-0000000C"]
                      || updated == ["T-0000000C", "T-0000000A", "T-0000000B"], "by updated: \(updated)")
        XCTAssertEqual(try orderedIDs("--sort", "updated", "--reverse"), updated.reversed())
    }

    func testEmptyResultIsSuccess() throws {
        let empty = try desk.run("list")
        assertSuccess(empty)
        XCTAssertEqual(empty.stdout, "")
        XCTAssertFalse(empty.stderr.isEmpty, "a note on stderr says nothing matched")
        let json = try desk.run("list", "--json")
        assertSuccess(json)
        XCTAssertEqual(try JSON.array(json.stdout).count, 0)
        _ = try desk.newTicket("one")
        let filtered = try desk.run("list", "--assignee", "nobody", "--json")
        assertSuccess(filtered)
        XCTAssertEqual(try JSON.array(filtered.stdout).count, 0)
    }

    func testJSONItemsHaveTheFieldsWithoutBodyAndActivity() throws {
        let id = try desk.newTicket("Shape", "--body", "not in the list", "--tag", "t1")
        assertSuccess(try desk.run("comment", id, "not in the list either"))
        let items = try desk.list()
        XCTAssertEqual(items.count, 1)
        let item = try XCTUnwrap(items.first)
        for key in NewTests.frontMatterKeys + ["path"] { XCTAssertNotNil(item[key], "\(key) missing") }
        XCTAssertNil(item["body"])
        XCTAssertNil(item["activity"])
        XCTAssertTrue(JSON.isNull(item, "assignee"))
        XCTAssertEqual(item["tags"] as? [String], ["t1"])
        XCTAssertEqual(item["path"] as? String, TicketFile.path(id))
        // The same values desk show reports.
        let shown = try desk.show(id)
        for key in NewTests.frontMatterKeys {
            XCTAssertEqual("\(item[key] ?? "absent")", "\(shown[key] ?? "absent")", key)
        }
    }

    func testTextTable() throws {
        let id = try desk.newTicket("Table row", "--assignee", "bob")
        let result = try desk.run("list")
        assertSuccess(result)
        let rows = lines(result.stdout)
        XCTAssertEqual(rows.count, 2, result.stdout)
        XCTAssertTrue(rows[0].hasPrefix("ID"), rows[0])
        XCTAssertTrue(rows[1].hasPrefix(id), rows[1])
        assertContains(rows[1], "bob")
        assertContains(rows[1], "Table row")
        assertNotContains(result.stdout, "\u{1B}[")
    }

    func testBadArgumentsAreUsageErrors() throws {
        for args in [["--limit", "-1"], ["--unassigned", "--assignee", "bob"], ["--sort", "colour"],
                     ["--priority", "P7"], ["--limit", "many"]] {
            let result = try desk.run(arguments: ["list"] + args)
            assertExit(result, 2, "list \(args)")
            XCTAssertEqual(result.stdout, "")
        }
    }
}
