import DeskTestSupport
import Foundation
import XCTest

/// `desk new`: prints the id, writes one ticket file in one commit, with the documented JSON shape.
final class NewTests: DeskTestCase {
    static let frontMatterKeys = [
        "id", "title", "status", "priority", "impact", "urgency", "category", "requester", "department",
        "assignee", "group", "created", "updated", "response_due", "resolve_due", "responded", "resolved",
        "tags", "links", "kb", "asset", "channel",
    ]

    func testNewPrintsTheIdOnStdoutAndMakesExactlyOneCommit() throws {
        let before = try desk.head()
        let result = try desk.run("new", "VPN drops every 10 minutes", "--requester", "jan", "--department", "finance")
        assertSuccess(result)
        let id = result.trimmedStdout
        XCTAssertEqual(result.stdout, id + "\n", "stdout is the id and nothing else")
        XCTAssertNotNil(id.range(of: "^T-[0-9A-HJKMNP-TV-Z]{8}$", options: .regularExpression), "id \(id)")
        assertContains(result.stderr, "Created \(id)")

        // Exactly one new commit, on top of the previous HEAD, touching only the ticket file.
        XCTAssertEqual(try desk.gitOutput("rev-list", "--count", "\(before)..HEAD"), "1")
        XCTAssertEqual(try desk.gitOutput("rev-parse", "HEAD^"), before)
        let path = TicketFile.path(id)
        XCTAssertEqual(try desk.gitOutput("diff-tree", "--no-commit-id", "--name-status", "-r", "HEAD"), "A\t\(path)")

        let subject = try desk.gitOutput("log", "-1", "--format=%s")
        XCTAssertEqual(subject, "\(id): new: VPN drops every 10 minutes")
        let trailers = try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")
        XCTAssertEqual(lines(trailers), ["Desk-Ticket: \(id)", "Desk-Action: new"])
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%an"), "alice")
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%cn"), "alice")

        // The committed file is the one in the working tree, and git's index agrees.
        let committed = try desk.git("show", "HEAD:\(path)")
        XCTAssertEqual(committed.stdoutData, try desk.read(path))
        assertContains(committed.stdout, "id: \(id)\n")
        try assertWorkingTreeClean()
        XCTAssertEqual(try desk.git("diff", "--cached", "--quiet").exitCode, 0, "index differs from HEAD")
        XCTAssertEqual(try desk.git("diff-files", "--quiet").exitCode, 0, "working tree differs from index")
        try assertFsckClean()
    }

    func testJSONHasEveryFieldWithExplicitNulls() throws {
        let result = try desk.run("new", "Mail down", "--json")
        assertSuccess(result)
        let ticket = try JSON.object(result.stdout)
        for key in Self.frontMatterKeys + ["body", "activity", "path"] {
            XCTAssertNotNil(ticket[key], "key \(key) missing from desk new --json")
        }
        let id = try XCTUnwrap(ticket["id"] as? String)
        XCTAssertEqual(ticket["title"] as? String, "Mail down")
        XCTAssertEqual(ticket["status"] as? String, "new")
        XCTAssertEqual(ticket["priority"] as? String, "P3", "person × medium by default")
        for key in ["response_due", "resolve_due"] {
            XCTAssertNotNil(ticket[key] as? String, "\(key): the SLA `desk init` writes gives every priority targets")
        }
        for key in ["impact", "urgency", "category", "requester", "department", "assignee", "group",
                    "responded", "resolved", "asset"] {
            XCTAssertTrue(JSON.isNull(ticket, key), "\(key) should be null, is \(String(describing: ticket[key]))")
        }
        for key in ["tags", "links", "kb", "activity"] {
            XCTAssertEqual((ticket[key] as? [Any])?.count, 0, "\(key) should be an empty array")
        }
        XCTAssertEqual(ticket["body"] as? String, "")
        XCTAssertEqual(ticket["channel"] as? String, "cli")
        XCTAssertEqual(ticket["path"] as? String, TicketFile.path(id))
        let created = try XCTUnwrap(ticket["created"] as? String)
        XCTAssertNotNil(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression), created)
        XCTAssertEqual(ticket["updated"] as? String, created)

        // `desk new --json` prints the ticket as `desk show --json` does, plus its `suggestions`;
        // with --no-suggest, byte for byte the same.
        XCTAssertNotNil((ticket["suggestions"] as? [String: Any])?["articles"])
        let quiet = try desk.run("new", "Mail down again", "--json", "--no-suggest")
        let quietID = try XCTUnwrap(try JSON.object(quiet.stdout)["id"] as? String)
        XCTAssertEqual(try desk.run("show", quietID, "--json").stdout, quiet.stdout)
    }

    func testEveryOptionLandsInTheTicket() throws {
        let id = try desk.newTicket(
            "Laptop slow", "--requester", "ingrid", "--department", "sales", "--category", "hardware/laptop",
            "--impact", "department", "--urgency", "low", "--assignee", "bob", "--group", "second-line",
            "--tag", "laptop", "--tag", "slow", "--asset", "LPT-0042", "--channel", "mail")
        let ticket = try desk.show(id)
        XCTAssertEqual(ticket["requester"] as? String, "ingrid")
        XCTAssertEqual(ticket["department"] as? String, "sales")
        XCTAssertEqual(ticket["category"] as? String, "hardware/laptop")
        XCTAssertEqual(ticket["impact"] as? String, "department")
        XCTAssertEqual(ticket["urgency"] as? String, "low")
        XCTAssertEqual(ticket["priority"] as? String, "P3")
        XCTAssertEqual(ticket["assignee"] as? String, "bob")
        XCTAssertEqual(ticket["group"] as? String, "second-line")
        XCTAssertEqual(ticket["tags"] as? [String], ["laptop", "slow"])
        XCTAssertEqual(ticket["asset"] as? String, "LPT-0042")
        XCTAssertEqual(ticket["channel"] as? String, "mail")
        XCTAssertFalse(JSON.isNull(ticket, "responded"), "assigning at creation is the first response")
        let activity = try XCTUnwrap(ticket["activity"] as? [[String: Any]])
        XCTAssertEqual(activity.map { $0["kind"] as? String }, ["assign", "status"], "assigned at once, so open")
        XCTAssertEqual(activity.first?["to"] as? String, "bob")
        XCTAssertEqual(ticket["status"] as? String, "open")
    }

    func testPriorityFollowsImpactTimesUrgency() throws {
        // The default matrix in desk.yml.
        let matrix: [(impact: String, urgency: String, priority: String)] = [
            ("person", "low", "P4"), ("person", "medium", "P3"), ("person", "high", "P2"),
            ("department", "low", "P3"), ("department", "medium", "P3"), ("department", "high", "P2"),
            ("organization", "low", "P2"), ("organization", "medium", "P1"), ("organization", "high", "P1"),
        ]
        for cell in matrix {
            let result = try desk.run("new", "\(cell.impact) \(cell.urgency)", "--impact", cell.impact,
                                      "--urgency", cell.urgency, "--json")
            assertSuccess(result)
            let ticket = try JSON.object(result.stdout)
            XCTAssertEqual(ticket["priority"] as? String, cell.priority, "\(cell.impact) × \(cell.urgency)")
        }
        // Only one of the two: the other takes its default (person, medium).
        XCTAssertEqual(try desk.show(try desk.newTicket("u", "--urgency", "high"))["priority"] as? String, "P2")
        XCTAssertEqual(try desk.show(try desk.newTicket("i", "--impact", "organization"))["priority"] as? String, "P1")
        // An explicit priority wins over the matrix.
        let explicit = try desk.newTicket("override", "--impact", "organization", "--urgency", "high", "--priority", "P4")
        XCTAssertEqual(try desk.show(explicit)["priority"] as? String, "P4")
        let lower = try desk.newTicket("lower case", "--priority", "p2")
        XCTAssertEqual(try desk.show(lower)["priority"] as? String, "P2")
    }

    func testPriorityMatrixIsReadFromDeskYml() throws {
        let config = String(decoding: try desk.read("desk.yml"), as: UTF8.self)
        let changed = config.replacingOccurrences(of: "person:       { low: P4, medium: P3, high: P2 }",
                                                  with: "person:       { low: P1, medium: P3, high: P2 }")
        XCTAssertNotEqual(changed, config, "the default desk.yml changed; update this test")
        try desk.commitByHand("desk.yml", changed, message: "person/low is P1 here")
        XCTAssertEqual(try desk.show(try desk.newTicket("t", "--urgency", "low"))["priority"] as? String, "P1")
    }

    func testBodyFromArgumentAndFromStdin() throws {
        let inline = try desk.newTicket("inline", "--body", "Since Monday.")
        XCTAssertEqual(try desk.show(inline)["body"] as? String, "Since Monday.\n")

        let text = "Line one\n\n- a list item\n---\nnot front matter: really\n"
        let result = try desk.run("new", "from stdin", "--body", "-", stdin: text)
        assertSuccess(result)
        let ticket = try desk.show(result.trimmedStdout)
        XCTAssertEqual(ticket["body"] as? String, text)
        try assertWorkingTreeClean()
    }

    func testBadValuesAreUsageErrorsAndCommitNothing() throws {
        let head = try desk.head()
        let cases: [[String]] = [
            ["new", "x", "--impact", "galaxy"],
            ["new", "x", "--urgency", "yesterday"],
            ["new", "x", "--priority", "P9"],
            ["new", "   "],
            ["new", String(repeating: "long ", count: 200)],
            ["new", "x", "--requester", "two\nlines"],
            ["new", "x", "--tag", "a,b"],
            ["new"],
            ["new", "x", "--no-such-option"],
        ]
        for args in cases {
            let result = try desk.run(arguments: args)
            assertExit(result, 2, "args: \(args)")
            XCTAssertEqual(result.stdout, "", "nothing on stdout for \(args)")
            XCTAssertFalse(result.stderr.isEmpty, "a message on stderr for \(args)")
        }
        // With --json, even an argument error is a JSON error document on stdout.
        let json = try desk.run("new", "x", "--impact", "galaxy", "--json")
        assertExit(json, 2)
        let usage = try JSON.error(json.stdout)
        XCTAssertFalse(usage.code.isEmpty)
        assertContains(usage.message, "galaxy")
        XCTAssertEqual(try desk.head(), head, "nothing was committed")
        try assertWorkingTreeClean()
        let invalid = try desk.run("new", "   ", "--json")
        assertExit(invalid, 2)
        XCTAssertEqual(try JSON.error(invalid.stdout).code, "invalid_value")
    }
}
