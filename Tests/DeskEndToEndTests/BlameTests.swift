import DeskTestSupport
import Foundation
import XCTest

/// `desk blame`: the commit, author and time that last set each field, for desk's and plain git's commits.
final class BlameTests: DeskTestCase {
    private func blame(_ id: String) throws -> [String: [String: Any]] {
        let result = try desk.run("blame", id, "--json")
        assertSuccess(result)
        let entries = try JSON.array(result.stdout)
        for entry in entries {
            XCTAssertEqual(Set(entry.keys), ["field", "value", "commit", "at", "author", "action", "subject"], "\(entry)")
        }
        return Dictionary(entries.map { ($0["field"] as? String ?? "?", $0) }, uniquingKeysWith: { first, _ in first })
    }

    func testBlameNamesDeskAndPlainGitCommits() throws {
        let id = try desk.newTicket("Printer jams", "--urgency", "low")
        let created = try desk.head()
        assertSuccess(try desk.run("assign", id, "bob"))
        let assigned = try desk.head()
        try desk.editTicketLine(id, key: "category", to: "category: hardware")
        assertSuccess(try desk.gitAuthored(by: "bob", "bob@example.org", ["commit", "-q", "-am", "categorise by hand"]))
        let categorised = try desk.head()
        _ = try desk.newTicket("Another ticket")

        let fields = try blame(id)
        XCTAssertEqual(fields["assignee"]?["value"] as? String, "bob")
        XCTAssertEqual(fields["assignee"]?["commit"] as? String, assigned)
        XCTAssertEqual(fields["assignee"]?["author"] as? String, "alice")
        XCTAssertEqual(fields["assignee"]?["action"] as? String, "assign")
        XCTAssertEqual(fields["assignee"]?["subject"] as? String, "\(id): assign to bob")

        XCTAssertEqual(fields["status"]?["value"] as? String, "open")
        XCTAssertEqual(fields["status"]?["commit"] as? String, assigned)

        XCTAssertEqual(fields["category"]?["value"] as? String, "hardware")
        XCTAssertEqual(fields["category"]?["commit"] as? String, categorised)
        XCTAssertEqual(fields["category"]?["author"] as? String, "bob")
        XCTAssertEqual(fields["category"]?["subject"] as? String, "categorise by hand")
        XCTAssertEqual(fields["category"]?["action"] as? String, "edit", "a plain git commit has no action trailer")

        XCTAssertEqual(fields["title"]?["value"] as? String, "Printer jams")
        XCTAssertEqual(fields["title"]?["commit"] as? String, created)
        XCTAssertEqual(fields["title"]?["author"] as? String, "alice")
        XCTAssertEqual(fields["title"]?["action"] as? String, "new")
        XCTAssertEqual(fields["urgency"]?["value"] as? String, "low")
        XCTAssertEqual(fields["urgency"]?["commit"] as? String, created)

        let at = fields["category"]?["at"] as? String ?? ""
        XCTAssertNotNil(at.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression), at)

        // The text form: one line per field with the short commit and the author.
        let text = try desk.run("blame", id)
        assertSuccess(text)
        let categoryLine = try XCTUnwrap(lines(text.stdout).first { $0.hasPrefix("category ") }, text.stdout)
        assertContains(categoryLine, "hardware")
        assertContains(categoryLine, String(categorised.prefix(10)))
        XCTAssertTrue(categoryLine.hasSuffix("bob"), categoryLine)
        let titleLine = try XCTUnwrap(lines(text.stdout).first { $0.hasPrefix("title ") }, text.stdout)
        assertContains(titleLine, String(created.prefix(10)))
        XCTAssertTrue(titleLine.hasSuffix("alice"), titleLine)

        // A unique prefix works like the id.
        let prefix = String(id.dropFirst(2).prefix(5)).lowercased()
        XCTAssertEqual(try blame(prefix)["category"]?["commit"] as? String, categorised)
        try assertWorkingTreeClean()
    }

    func testBlameFollowsALaterChangeOfTheSameField() throws {
        let id = try desk.newTicket("Printer jams")
        assertSuccess(try desk.run("assign", id, "bob"))
        try desk.editTicketLine(id, key: "assignee", to: "assignee: carol")
        assertSuccess(try desk.gitAuthored(by: "bob", "bob@example.org", ["commit", "-q", "-am", "hand over"]))
        let handedOver = try desk.head()
        let fields = try blame(id)
        XCTAssertEqual(fields["assignee"]?["value"] as? String, "carol")
        XCTAssertEqual(fields["assignee"]?["commit"] as? String, handedOver)
        XCTAssertEqual(fields["assignee"]?["author"] as? String, "bob")
    }

    func testBlameOfAnUnknownTicketFails() throws {
        _ = try desk.newTicket("Printer jams")
        let result = try desk.run("blame", "T-ZZZZZZZZ")
        XCTAssertNotEqual(result.exitCode, 0, "\(result)")
        XCTAssertEqual(result.stdout, "")
        XCTAssertFalse(result.stderr.isEmpty)
    }
}
