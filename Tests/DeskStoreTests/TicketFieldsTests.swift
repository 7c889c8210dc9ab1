@testable import DeskStore
import XCTest

/// `desk edit --set key=value`: reading and writing ticket fields as text.
final class TicketFieldsTests: XCTestCase {
    private func set(_ key: String, _ value: String, on ticket: Ticket = Fixture.minimal) throws -> Ticket {
        var ticket = ticket
        try TicketFields.set(key, to: value, on: &ticket)
        return ticket
    }

    func testGetReadsEveryField() {
        let ticket = Fixture.full
        let expected: [String: String?] = [
            "title": "VPN drops every hour", "priority": "P2", "impact": "department", "urgency": "high",
            "category": "network/vpn", "requester": "alice@example.com", "department": "Finance", "assignee": "bob",
            "group": "network", "tags": "vpn,remote work", "links": "T-4F7Q2M9A", "kb": "KB-4F7Q2M",
            "asset": "LAPTOP-0042", "channel": "email",
        ]
        XCTAssertEqual(Set(expected.keys), Set(TicketFields.settable))
        for key in TicketFields.settable {
            XCTAssertEqual(TicketFields.get(key, of: ticket), expected[key] ?? nil, key)
        }
        XCTAssertNil(TicketFields.get("status", of: ticket), "status moves through the workflow, not --set")
        XCTAssertNil(TicketFields.get("nonsense", of: ticket))
    }

    func testGetOfUnsetFieldsIsNil() {
        for key in TicketFields.settable where key != "title" {
            XCTAssertNil(TicketFields.get(key, of: Fixture.minimal), key)
        }
    }

    func testSetThenGetGivesTheNormalizedValue() throws {
        let cases: [(key: String, input: String, stored: String)] = [
            ("title", "  New title  ", "New title"), ("priority", " p1 ", "P1"), ("impact", "Organization", "organization"),
            ("urgency", "LOW", "low"), ("category", " hardware ", "hardware"), ("requester", "carol", "carol"),
            ("department", "HR", "HR"), ("assignee", "dave", "dave"), ("group", "desk-side", "desk-side"),
            ("tags", "vpn, wifi,vpn,, , printer ", "vpn,wifi,printer"), ("links", "t-4f7q2m9a, T-4F7Q2M9A", "T-4F7Q2M9A"),
            ("kb", "kb-4f7q2m, KB-0001", "KB-4F7Q2M,KB-0001"), ("asset", "LAPTOP-0042", "LAPTOP-0042"),
            ("channel", "phone", "phone"),
        ]
        XCTAssertEqual(Set(cases.map(\.key)), Set(TicketFields.settable))
        for (key, input, stored) in cases {
            let ticket = try set(key, input)
            XCTAssertEqual(TicketFields.get(key, of: ticket), stored, key)
            assertRoundTrip(ticket, key)
        }
    }

    func testEmptyValueClearsOptionalFields() throws {
        for key in TicketFields.settable where key != "title" {
            let ticket = try set(key, "  ", on: Fixture.full)
            XCTAssertNil(TicketFields.get(key, of: ticket), key)
        }
        XCTAssertEqual(try set("tags", "", on: Fixture.full).tags, [])
    }

    func testTitleCannotBeCleared() {
        XCTAssertThrowsError(try set("title", "   ", on: Fixture.full)) { error in
            guard case DeskError.invalidValue(let field, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "title")
        }
    }

    func testInvalidChoicesListTheAllowedValues() {
        for (key, value, allowed) in [("priority", "P9", "P1, P2, P3, P4"), ("impact", "everyone", "person, department, organization"),
                                      ("urgency", "asap", "low, medium, high")] {
            XCTAssertThrowsError(try set(key, value), key) { error in
                guard case DeskError.invalidValue(let field, let given, let expected) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(field, key)
                XCTAssertEqual(given, value)
                XCTAssertEqual(expected, "one of " + allowed)
            }
        }
    }

    func testInvalidValuesAreRefusedAndLeaveTheTicketUnchanged() {
        let original = Fixture.full
        for (key, value) in [("priority", "P9"), ("assignee", "a\nb"), ("tags", "ok,bad\ttag"), ("links", "T-8KQ,T-4F7Q2M9A"),
                             ("kb", "KB-../x"), ("requester", String(repeating: "r", count: Validate.maxName + 1)),
                             ("title", String(repeating: "t", count: Validate.maxTitle + 1))] {
            var ticket = original
            XCTAssertThrowsError(try TicketFields.set(key, to: value, on: &ticket), key)
            XCTAssertEqual(ticket, original, "\(key) unchanged after a refused value")
        }
    }

    func testUnknownAndProtectedFieldsAreRefused() {
        for key in ["status", "id", "created", "updated", "activity", "resolved", "Title", "", "x-vendor-ref"] {
            var ticket = Fixture.full
            XCTAssertThrowsError(try TicketFields.set(key, to: "x", on: &ticket), key) { error in
                guard case DeskError.unknownField(let name, let settable) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(name, key)
                XCTAssertEqual(settable, TicketFields.settable)
            }
        }
    }

    func testTextWithYAMLSyntaxIsStoredAsText() throws {
        let ticket = try set("title", "key: value # [not] {yaml} &a *a")
        XCTAssertEqual(ticket.title, "key: value # [not] {yaml} &a *a")
        assertRoundTrip(ticket)
    }
}
