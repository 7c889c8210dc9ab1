import DeskTestSupport
import Foundation
import XCTest

/// `desk show`: text and JSON, ids by unique prefix in any case, clear errors for the rest.
final class ShowTests: DeskTestCase {
    /// Two hand-made tickets that share the prefix T-AAAA, committed with plain git.
    private func commitTwins() throws {
        try desk.write(TicketFile.path("T-AAAA0001"), TicketFile.minimal(id: "T-AAAA0001", title: "First twin"))
        try desk.write(TicketFile.path("T-AAAA0002"), TicketFile.minimal(id: "T-AAAA0002", title: "Second twin"))
        try desk.commitByHand(message: "two tickets", paths: ["tickets"])
    }

    func testShowTextHasFieldsBodyAndActivity() throws {
        let id = try desk.newTicket("VPN drops", "--requester", "jan", "--department", "finance",
                                    "--body", "Every ten minutes since Monday.")
        assertSuccess(try desk.run("comment", id, "Reinstalled the client"))
        let result = try desk.run("show", id)
        assertSuccess(result)
        XCTAssertEqual(lines(result.stdout).first, "\(id)  VPN drops")
        XCTAssertNotNil(result.stdout.range(of: #"(?m)^status +new$"#, options: .regularExpression), result.stdout)
        XCTAssertNotNil(result.stdout.range(of: #"(?m)^requester +jan$"#, options: .regularExpression), result.stdout)
        XCTAssertNotNil(result.stdout.range(of: #"(?m)^department +finance$"#, options: .regularExpression), result.stdout)
        assertContains(result.stdout, "\nEvery ten minutes since Monday.\n")
        assertContains(result.stdout, "Activity")
        assertContains(result.stdout, "comment: Reinstalled the client")
        XCTAssertEqual(result.stderr, "")
        assertNotContains(result.stdout, "\u{1B}[", "no colour when stdout is not a terminal")
    }

    func testShowJSONHasTheDocumentedShape() throws {
        let id = try desk.newTicket("Printer", "--body", "Jams on page 2")
        assertSuccess(try desk.run("comment", id, "public reply"))
        assertSuccess(try desk.run("comment", id, "--internal", "staff only"))
        let ticket = try desk.show(id)
        for key in NewTests.frontMatterKeys + ["body", "activity", "path"] {
            XCTAssertNotNil(ticket[key], "\(key) missing")
        }
        XCTAssertEqual(ticket["id"] as? String, id)
        XCTAssertEqual(ticket["body"] as? String, "Jams on page 2\n")
        XCTAssertEqual(ticket["path"] as? String, TicketFile.path(id))
        let activity = try XCTUnwrap(ticket["activity"] as? [[String: Any]])
        XCTAssertEqual(activity.map { $0["kind"] as? String }, ["comment", "internal"], "oldest first")
        XCTAssertEqual(activity.map { $0["text"] as? String }, ["public reply", "staff only"])
        for entry in activity {
            for key in ["id", "at", "author", "kind", "text"] { XCTAssertNotNil(entry[key], "activity.\(key) missing") }
            XCTAssertEqual(entry["author"] as? String, "alice")
        }
        XCTAssertNotEqual(activity[0]["id"] as? String, activity[1]["id"] as? String, "entry ids are unique")
    }

    func testUniquePrefixInAnyCaseFindsTheTicket() throws {
        try commitTwins()
        let id = try desk.newTicket("Made by desk")
        let body = String(id.dropFirst(2))
        for input in [id, id.lowercased(), String(id.prefix(6)), String(id.prefix(6)).lowercased(),
                      String(body.prefix(4)), String(body.prefix(4)).lowercased(), " \(id) "] {
            let result = try desk.run("show", input, "--json")
            assertSuccess(result, "input \(input.debugDescription)")
            XCTAssertEqual(try JSON.object(result.stdout)["id"] as? String, id, "input \(input.debugDescription)")
        }
        // Crockford look-alikes: o → 0, i and l → 1.
        let twin = try desk.run("show", "aaaaooOi", "--json")
        assertSuccess(twin)
        XCTAssertEqual(try JSON.object(twin.stdout)["id"] as? String, "T-AAAA0001")
    }

    func testAmbiguousPrefixIsRefusedListingTheCandidates() throws {
        try commitTwins()
        for input in ["T-AAAA", "aaaa", "T-AA", "t-aaaa000"] {
            let result = try desk.run("show", input)
            assertExit(result, 4, "input \(input)")
            XCTAssertEqual(result.stdout, "")
            assertContains(result.stderr, "ambiguous")
            assertContains(result.stderr, "T-AAAA0001")
            assertContains(result.stderr, "T-AAAA0002")
        }
        let json = try desk.run("show", "T-AAAA", "--json")
        assertExit(json, 4)
        let error = try JSON.error(json.stdout)
        XCTAssertEqual(error.code, "ambiguous_id")
        assertContains(error.message, "T-AAAA0001")
        assertContains(error.message, "T-AAAA0002")
    }

    func testUnknownIdIsNotFound() throws {
        try commitTwins()
        let result = try desk.run("show", "T-ZZZZZZZZ")
        assertExit(result, 3)
        XCTAssertEqual(result.stdout, "")
        assertContains(result.stderr, "T-ZZZZZZZZ")
        assertContains(result.stderr, "not found")

        let json = try desk.run("show", "T-ZZZZZZZZ", "--json")
        assertExit(json, 3)
        let error = try JSON.error(json.stdout)
        XCTAssertEqual(error.code, "not_found")
        assertContains(error.message, "T-ZZZZZZZZ")

        // One character off a real id: the message suggests it.
        let typo = try desk.run("show", "T-AAAA0003")
        assertExit(typo, 3)
        assertContains(typo.stderr, "T-AAAA0001")
    }

    func testTextThatIsNotAnIdIsAUsageError() throws {
        for input in ["../etc/passwd", "T-", "T-AAAA!", "tickets/AA/T-AAAA0001.md", "T-AAAA00011", "ümlaut"] {
            let result = try desk.run("show", input, "--json")
            assertExit(result, 2, "input \(input.debugDescription)")
            XCTAssertEqual(try JSON.error(result.stdout).code, "invalid_id", "input \(input.debugDescription)")
        }
    }
}
