import DeskTestSupport
import Foundation
import XCTest

/// `desk edit --set KEY=VALUE…`: typed fields, each change in the activity, clear refusals.
final class EditTests: DeskTestCase {
    static let settable = ["title", "priority", "impact", "urgency", "category", "requester", "department",
                           "assignee", "group", "tags", "links", "kb", "asset", "channel"]

    func testSetSeveralFieldsInOneCommit() throws {
        let id = try desk.newTicket("VPN drops", "--group", "first-line")
        let before = try desk.head()
        let result = try desk.run("edit", id, "--set", "category=network/vpn", "--set", "urgency=high",
                                  "--set", "tags=vpn,laptop", "--set", "group=", "--json")
        assertSuccess(result)
        let ticket = try JSON.object(result.stdout)
        XCTAssertEqual(ticket["category"] as? String, "network/vpn")
        XCTAssertEqual(ticket["urgency"] as? String, "high")
        XCTAssertEqual(ticket["priority"] as? String, "P2", "person × high: priority follows urgency")
        XCTAssertEqual(ticket["tags"] as? [String], ["vpn", "laptop"])
        XCTAssertTrue(JSON.isNull(ticket, "group"), "an empty value clears the field")

        XCTAssertEqual(try desk.gitOutput("rev-list", "--count", "\(before)..HEAD"), "1")
        XCTAssertEqual(lines(try desk.gitOutput("log", "-1", "--format=%(trailers:only,unfold)")),
                       ["Desk-Ticket: \(id)", "Desk-Action: edit"])
        let fields = (ticket["activity"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "field" }
        var changes: [String: String] = [:]
        for entry in fields {
            changes[entry["field"] as? String ?? "?"] = "\(entry["from"] as? String ?? "–")→\(entry["to"] as? String ?? "–")"
        }
        XCTAssertEqual(changes["category"], "–→network/vpn")
        XCTAssertEqual(changes["urgency"], "–→high")
        XCTAssertEqual(changes["priority"], "P3→P2")
        XCTAssertEqual(changes["group"], "first-line→–")
        XCTAssertEqual(changes["tags"], "–→vpn,laptop")
        XCTAssertEqual(try desk.show(id)["category"] as? String, "network/vpn")
        try assertWorkingTreeClean()
    }

    /// A priority chosen by hand outranks the matrix: later impact or urgency changes keep it.
    func testAPriorityChosenByHandSurvivesImpactAndUrgencyChanges() throws {
        let id = try desk.newTicket("Boardroom screen dead")
        assertSuccess(try desk.run("edit", id, "--set", "priority=P1"))
        let changed = try JSON.object(try desk.run("edit", id, "--set", "urgency=low", "--json").stdout)
        XCTAssertEqual(changed["priority"] as? String, "P1")
        // A priority that came from the matrix keeps following it.
        let other = try desk.newTicket("Mouse wheel sticks")
        let followed = try JSON.object(try desk.run("edit", other, "--set", "urgency=low", "--json").stdout)
        XCTAssertEqual(followed["priority"] as? String, "P4", "person × low")
    }

    func testEverySettableFieldCanBeSet() throws {
        let id = try desk.newTicket("Original")
        let other = try desk.newTicket("Linked")
        let values: [(String, String, Any)] = [
            ("title", "Renamed", "Renamed"), ("priority", "p1", "P1"), ("impact", "department", "department"),
            ("urgency", "low", "low"), ("category", "hardware", "hardware"), ("requester", "jan", "jan"),
            ("department", "finance", "finance"), ("assignee", "bob", "bob"), ("group", "network", "network"),
            ("tags", "a,b,a", ["a", "b"]), ("links", other.lowercased(), [other]), ("kb", "kb-4f7q2m", ["KB-4F7Q2M"]),
            ("asset", "LPT-0042", "LPT-0042"), ("channel", "phone", "phone"),
        ]
        XCTAssertEqual(values.map(\.0).sorted(), Self.settable.sorted(), "a settable field is missing here")
        for (key, value, expected) in values {
            let result = try desk.run("edit", id, "--set", "\(key)=\(value)", "--json")
            assertSuccess(result, key)
            let ticket = try JSON.object(result.stdout)
            if let list = expected as? [String] {
                XCTAssertEqual(ticket[key] as? [String], list, key)
            } else {
                XCTAssertEqual(ticket[key] as? String, expected as? String, key)
            }
            XCTAssertEqual(try desk.show(id)[key] as? String, ticket[key] as? String, "\(key) was committed")
        }
    }

    func testUnknownFieldNamesTheSettableFields() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        for key in ["colour", "status", "id", "created", "activity"] {
            let result = try desk.run("edit", id, "--set", "\(key)=x")
            assertExit(result, 2, key)
            assertContains(result.stderr, key)
            for field in Self.settable { assertContains(result.stderr, field, key) }
        }
        let json = try desk.run("edit", id, "--set", "colour=red", "--json")
        assertExit(json, 2)
        XCTAssertEqual(try JSON.error(json.stdout).code, "unknown_field")
        // A valid field together with an unknown one: nothing at all is applied.
        assertExit(try desk.run("edit", id, "--set", "title=New", "--set", "colour=red"), 2)
        XCTAssertEqual(try desk.head(), head)
        XCTAssertEqual(try desk.show(id)["title"] as? String, "Printer")
    }

    func testBadValuesAreRefused() throws {
        let id = try desk.newTicket("Printer")
        let head = try desk.head()
        let cases: [(String, String)] = [
            ("urgency=extreme", "low, medium, high"), ("impact=universe", "person"), ("priority=P0", "P1"),
            ("links=T-12", "T-"), ("kb=nonsense", "KB-"), ("title=", "title"), ("tags=a\u{7}b", "tag"),
            ("requester=a\nb", "requester"),
        ]
        for (assignment, hint) in cases {
            let result = try desk.run("edit", id, "--set", assignment)
            assertExit(result, 2, assignment)
            assertContains(result.stderr, hint, assignment)
        }
        let json = try desk.run("edit", id, "--set", "urgency=extreme", "--json")
        assertExit(json, 2)
        XCTAssertEqual(try JSON.error(json.stdout).code, "invalid_value")
        assertExit(try desk.run("edit", id), 2, "no --set")
        assertExit(try desk.run("edit", id, "--set", "urgency"), 2, "no =")
        XCTAssertEqual(try desk.head(), head)
        try assertWorkingTreeClean()
    }

    func testSettingTheSameValueCommitsNothing() throws {
        let id = try desk.newTicket("Printer", "--category", "hardware")
        let head = try desk.head()
        let result = try desk.run("edit", id, "--set", "category=hardware")
        assertSuccess(result)
        assertContains(result.stderr, "nothing to change")
        XCTAssertEqual(try desk.head(), head)
    }
}
