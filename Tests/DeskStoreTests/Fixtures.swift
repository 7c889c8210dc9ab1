@testable import DeskStore
import Foundation
import DeskTestSupport
import XCTest

/// Inline fixtures shared by the model and file-format tests.
enum Fixture {
    static let path = "tickets/8K/T-8KQ2M4XZ.md"
    static let id = TicketID(unchecked: "T-8KQ2M4XZ")

    static func time(_ iso: String) -> Timestamp {
        guard let time = Timestamp(iso: iso) else { preconditionFailure("bad fixture time \(iso)") }
        return time
    }

    /// A ticket with only the required fields.
    static var minimal: Ticket {
        Ticket(id: id, title: "VPN drops every hour", status: "new", created: time("2026-11-23T14:05:00Z"))
    }

    /// A ticket with every field set, an unknown field and four kinds of activity.
    static var full: Ticket {
        var ticket = Ticket(id: id, title: "VPN drops every hour", status: "open", created: time("2026-11-23T14:05:00Z"))
        ticket.priority = .p2
        ticket.impact = .department
        ticket.urgency = .high
        ticket.category = "network/vpn"
        ticket.requester = "alice@example.com"
        ticket.department = "Finance"
        ticket.assignee = "bob"
        ticket.group = "network"
        ticket.updated = time("2026-11-23T15:30:00Z")
        ticket.responseDue = time("2026-11-23T16:05:00Z")
        ticket.resolveDue = time("2026-11-24T14:05:00Z")
        ticket.responded = time("2026-11-23T14:20:00Z")
        ticket.tags = ["vpn", "remote work"]
        ticket.links = ["T-4F7Q2M9A"]
        ticket.kb = ["KB-4F7Q2M"]
        ticket.asset = "LAPTOP-0042"
        ticket.channel = "email"
        ticket.extra = [ExtraField(key: "x-vendor-ref", value: "INC0012345")]
        ticket.activity = [
            ActivityEntry(id: "A-0000000A", at: time("2026-11-23T14:05:00Z"), author: "alice", kind: "created"),
            ActivityEntry(id: "A-0000000B", at: time("2026-11-23T14:20:00Z"), author: "bob", kind: "status",
                          field: "status", from: "new", to: "open"),
            ActivityEntry(id: "A-0000000C", at: time("2026-11-23T14:25:00Z"), author: "bob", kind: "comment",
                          text: "Please try:\n\n1. reconnect\n2. reboot\n"),
            ActivityEntry(id: "A-0000000D", at: time("2026-11-23T15:30:00Z"), author: "bob", kind: "internal",
                          text: "Looks like the \"split tunnel\" bug"),
        ]
        ticket.body = "The VPN drops every hour.\n"
        return ticket
    }
}

enum TestSeed {
    /// `DESK_TEST_SEED` (decimal or 0x-hex) when set, so a failure can be replayed; else `fallback`.
    static func value(fallback: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment["DESK_TEST_SEED"]?.trimmingCharacters(in: .whitespaces),
              !text.isEmpty else { return fallback }
        let parsed = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let parsed else { preconditionFailure("DESK_TEST_SEED=\(text) is not a number") }
        return parsed
    }
}

/// Encodes, decodes and re-encodes `ticket`; records a failure (with `context`) unless the decoded
/// ticket equals the original and the second encoding is byte-identical. Returns whether it held.
///
/// Both readers are checked: `TicketCodec.decode` (which takes the fast canonical reader for
/// files desk wrote) and the full YAML reader, which must agree with it; and the fast reader must
/// accept what desk wrote (unless it has an unusual unknown key), or every index build pays for
/// the slow path.
@discardableResult
func assertRoundTrip(_ ticket: Ticket, _ context: @autoclosure () -> String = "",
                     file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let encoded = TicketCodec.encode(ticket)
    let bytes = Array(encoded.utf8)
    let decoded: Ticket
    let viaYAML: Ticket
    do {
        decoded = try TicketCodec.decode(bytes, path: ticket.id.path)
        viaYAML = try TicketCodec.decodeYAML(bytes, path: ticket.id.path)
    } catch {
        XCTFail("\(context()) decoding what was encoded failed: \(error)\nencoded: \(encoded.debugDescription)",
                file: file, line: line)
        return false
    }
    // Unknown keys only come from hand edits; the fast reader may leave unusual ones (quoted, spaces,
    // colons, non-ASCII) to the full reader.
    func isSimpleKey(_ key: String) -> Bool {
        YAMLScalar.inline(key) == key && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
    let oddKeys = ticket.extra.contains { !isSimpleKey($0.key) }
    guard oddKeys || CanonicalTicketParser.parse(bytes, path: ticket.id.path) != nil else {
        XCTFail("\(context()) the fast canonical reader refused a file desk wrote\nencoded: \(encoded.debugDescription)",
                file: file, line: line)
        return false
    }
    guard viaYAML == decoded else {
        XCTFail("\(context()) the full YAML reader and the fast reader disagree\nfast: \(decoded)\nyaml: \(viaYAML)"
                + "\nencoded: \(encoded.debugDescription)", file: file, line: line)
        return false
    }
    guard decoded == ticket else {
        XCTFail("\(context()) decoded ticket differs\nwant: \(ticket)\ngot:  \(decoded)\nencoded: \(encoded.debugDescription)",
                file: file, line: line)
        return false
    }
    let again = TicketCodec.encode(decoded)
    guard Array(again.utf8) == Array(encoded.utf8) else {
        XCTFail("\(context()) re-encoding changed the bytes\nfirst:  \(encoded.debugDescription)\nsecond: \(again.debugDescription)",
                file: file, line: line)
        return false
    }
    return true
}

/// Runs `body`, which must throw a `FormatError`, and returns it (nil and a recorded failure otherwise).
func formatError(_ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> FormatError? {
    do {
        let value = try body()
        XCTFail("expected a FormatError, got a value: \(value)", file: file, line: line)
    } catch let error as FormatError {
        return error
    } catch {
        XCTFail("expected a FormatError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}
