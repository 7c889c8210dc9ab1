@testable import DeskStore
import XCTest

/// The malformed-input corpus: every broken ticket file gives one `FormatError` naming the rule,
/// the file and the line, and nothing crashes or hangs.
final class BadInputTests: XCTestCase {
    /// A valid ticket, one line per element (line numbers in the comments).
    static let validLines = [
        "---", //                            1
        "id: T-8KQ2M4XZ", //                 2
        "title: VPN drops every hour", //    3
        "status: new", //                    4
        "created: 2026-11-23T14:05:00Z", //  5
        "tags: [vpn]", //                    6
        "activity:", //                      7
        "- id: A-0000000A", //               8
        "  at: 2026-11-23T14:05:00Z", //     9
        "  author: alice", //                10
        "  kind: comment", //                11
        "  text: hello", //                  12
        "---", //                            13
        "The VPN drops.", //                 14
    ]

    /// The valid file with `edit` applied to its lines (index = line - 1), LF-terminated.
    private func file(_ edit: (inout [String]) -> Void = { _ in }) -> [UInt8] {
        var lines = Self.validLines
        edit(&lines)
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The valid file with raw `bytes` inserted at the start of 1-based `line`, after `prefix` on that line.
    private func file(line: Int, prefix: String = "", bytes: [UInt8]) -> [UInt8] {
        var lines = Self.validLines.map { Array($0.utf8) }
        lines[line - 1] = Array(prefix.utf8) + bytes + Array(lines[line - 1].dropFirst(prefix.utf8.count))
        return Array(lines.joined(separator: [10]) + [10])
    }

    private func assertRejects(_ bytes: [UInt8], rule: String, line: Int, mentions: [String] = [],
                               file: StaticString = #filePath, line testLine: UInt = #line) {
        guard let error = formatError({ try TicketCodec.decode(bytes, path: Fixture.path) }, file: file, line: testLine)
        else { return }
        XCTAssertEqual(error.rule, rule, "rule; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.path, Fixture.path, file: file, line: testLine)
        let location = line > 0 ? "\(Fixture.path):\(line)" : "\(Fixture.path): "
        XCTAssertTrue(error.description.hasPrefix(location), "\(error.description) starts with \(location)",
                      file: file, line: testLine)
        for word in mentions {
            XCTAssertTrue(error.message.lowercased().contains(word.lowercased()),
                          "message \(error.message.debugDescription) mentions \(word.debugDescription)",
                          file: file, line: testLine)
        }
    }

    func testTheUneditedFixtureIsValid() throws {
        let ticket = try TicketCodec.decode(file(), path: Fixture.path)
        XCTAssertEqual(ticket.title, "VPN drops every hour")
        XCTAssertEqual(ticket.activity.count, 1)
        XCTAssertEqual(ticket.body, "The VPN drops.\n")
    }

    // MARK: Delimiters

    func testMissingOpeningDelimiter() {
        assertRejects(file { $0.removeFirst() }, rule: "front-matter", line: 1, mentions: ["start with a `---`"])
        assertRejects(file { $0.insert("", at: 0) }, rule: "front-matter", line: 1, mentions: ["---"])
        assertRejects(file { $0[0] = "--- " }, rule: "front-matter", line: 1, mentions: ["---"])
        assertRejects([], rule: "front-matter", line: 1)
    }

    func testFrontMatterNeverClosed() {
        assertRejects(file { $0.remove(at: 12) }, rule: "front-matter", line: 1, mentions: ["never closed"])
        assertRejects(Array("---\n".utf8), rule: "front-matter", line: 1, mentions: ["never closed"])
    }

    func testFrontMatterThatIsNotAMapping() {
        assertRejects(Array("---\n---\nbody\n".utf8), rule: "front-matter", line: 2, mentions: ["mapping"])
        assertRejects(Array("---\n- id\n- title\n---\n".utf8), rule: "front-matter", line: 2, mentions: ["mapping"])
        assertRejects(Array("---\njust words\n---\n".utf8), rule: "front-matter", line: 2, mentions: ["mapping"])
        assertRejects(file { $0.insert(contentsOf: ["? [a, b]", ": c"], at: 5) }, rule: "front-matter", line: 6,
                      mentions: ["keys"])
    }

    // MARK: YAML syntax

    func testUnclosedFlowList() {
        // libyaml notices on the next line; the message points back at where the list began.
        assertRejects(file { $0[2] = "title: [unclosed" }, rule: "yaml", line: 4, mentions: ["flow sequence (line 3)"])
    }

    func testUnclosedQuote() {
        assertRejects(file { $0[2] = "title: \"unclosed" }, rule: "yaml", line: 13,
                      mentions: ["quoted scalar (line 3)", "end of stream"])
    }

    func testTabIndentation() {
        assertRejects(file { $0[3] = "\tstatus: new" }, rule: "yaml", line: 4, mentions: ["tab"])
    }

    func testSecondDocumentMarkerInsideFrontMatter() {
        // `--- ` (with a space) is not the closing line, so YAML sees a second document.
        assertRejects(file { $0.insert("--- ", at: 5) }, rule: "yaml", line: 6, mentions: ["document"])
    }

    func testCharactersYAMLRefusesAreLocated() {
        assertRejects(file { $0.insert("category: bad\u{FFFF}char", at: 5) }, rule: "yaml", line: 6,
                      mentions: ["control characters"])
        assertRejects(file { $0[11] = "  text: \"bad \u{FFFE}\"" }, rule: "yaml", line: 12, mentions: ["control characters"])
    }

    func testDeepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        assertRejects(file { $0[2] = "title: " + deep }, rule: "yaml", line: 3, mentions: ["nesting"])
    }

    // MARK: Encoding

    func testInvalidUTF8() {
        assertRejects(file(line: 3, prefix: "title: ", bytes: [0xC3, 0x28]), rule: "encoding", line: 3, mentions: ["UTF-8"])
        assertRejects(file(line: 9, prefix: "  at: ", bytes: [0x80]), rule: "encoding", line: 9, mentions: ["UTF-8"])
        assertRejects(file(line: 12, prefix: "  text: ", bytes: [0xC0, 0xAF]), rule: "encoding", line: 12)
        assertRejects(file(line: 14, bytes: [0xED, 0xA0, 0x80]), rule: "encoding", line: 14, mentions: ["UTF-8"])
        assertRejects(file() + [0xE2, 0x82], rule: "encoding", line: 15, mentions: ["UTF-8"])
        assertRejects([0xFF] + file(), rule: "encoding", line: 1)
    }

    func testBinaryFile() {
        assertRejects(file(line: 5, prefix: "created: 2026", bytes: [0]), rule: "encoding", line: 5, mentions: ["binary", "NUL"])
        assertRejects(file(line: 14, bytes: [0x89, 0x50, 0x4E, 0x47, 0x1A, 0, 0, 0, 0x0D]),
                      rule: "encoding", line: 14, mentions: ["binary"])
    }

    func testByteOrderMark() {
        assertRejects([0xEF, 0xBB, 0xBF] + file(), rule: "encoding", line: 1, mentions: ["byte-order mark"])
    }

    func testCRLFLineEndings() {
        let crlf = Array((Self.validLines.joined(separator: "\r\n") + "\r\n").utf8)
        assertRejects(crlf, rule: "line-endings", line: 1, mentions: ["CRLF", "LF"])
        assertRejects(file { $0[4] += "\r" }, rule: "line-endings", line: 5, mentions: ["CRLF"])
        assertRejects(file { $0[13] += "\r" }, rule: "line-endings", line: 14)
    }

    func testHugeFile() throws {
        let valid = file()
        let limit = FrontMatter.maxFileSize
        XCTAssertEqual(limit, 1 << 20)
        let padding = [UInt8](repeating: UInt8(ascii: "x"), count: limit - valid.count)
        XCTAssertNoThrow(try TicketCodec.decode(valid + padding, path: Fixture.path), "exactly 1 MiB is allowed")
        assertRejects(valid + padding + [UInt8(ascii: "x")], rule: "size", line: 0, mentions: ["\(limit + 1) bytes", "\(limit)"])
        assertRejects(valid + padding + [UInt8](repeating: 0, count: 1000), rule: "size", line: 0)
    }

    // MARK: Keys

    func testDuplicateKeys() {
        assertRejects(file { $0.insert("status: open", at: 5) }, rule: "duplicate-key", line: 6,
                      mentions: ["`status`", "line 4"])
        assertRejects(file { $0.insert("  author: mallory", at: 10) }, rule: "duplicate-key", line: 11,
                      mentions: ["`author`", "line 10"])
    }

    func testDuplicateKeysInAFlowMappingNameTheFirstLine() {
        assertRejects(file { $0.insert("x-map: {a: 1, a: 2}", at: 5) }, rule: "duplicate-key", line: 6, mentions: ["`a`"])
    }

    func testAnchorsAndAliases() {
        assertRejects(file { $0[2] = "title: &t VPN drops"; $0.insert("category: *t", at: 5) }, rule: "yaml-anchor",
                      line: 3, mentions: ["anchors and aliases"])
        assertRejects(file { $0[5] = "tags: &t [vpn]" }, rule: "yaml-anchor", line: 6, mentions: ["anchors"])
        assertRejects(file { $0[7] = "- &entry id: A-0000000A" }, rule: "yaml-anchor", line: 8)
        assertRejects(file { $0.insert("category: *nowhere", at: 5) }, rule: "yaml", line: 6, mentions: ["undefined alias"])
    }

    func testBillionLaughsIsRefusedAtTheFirstAnchor() {
        var laughs = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            laughs.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        assertRejects(file { $0.insert(contentsOf: laughs, at: 5) }, rule: "yaml-anchor", line: 6)
    }

    // MARK: Types and values

    func testWrongTypes() {
        assertRejects(file { $0[5] = "tags: vpn" }, rule: "type", line: 6, mentions: ["`tags` must be a list"])
        assertRejects(file { $0[2] = "title:"; $0.insert("  first: VPN", at: 3) }, rule: "type", line: 3,
                      mentions: ["`title`", "single value"])
        assertRejects(file { $0[2] = "title: [VPN, drops]" }, rule: "type", line: 3, mentions: ["`title`"])
        assertRejects(file { $0[5] = "tags: [vpn, {a: b}]" }, rule: "type", line: 6, mentions: ["`tags` items"])
        assertRejects(file { $0[5] = "tags:"; $0.insert(contentsOf: ["  - vpn", "  - [nested]"], at: 6) }, rule: "type",
                      line: 8, mentions: ["`tags` items"])
        assertRejects(file { $0.insert("requester: {name: alice}", at: 5) }, rule: "type", line: 6, mentions: ["`requester`"])
    }

    func testUnknownStatusIsNotACodecError() throws {
        // Statuses are checked against desk.yml's workflow by lint, not by the codec.
        let ticket = try TicketCodec.decode(file { $0[3] = "status: frobnicated" }, path: Fixture.path)
        XCTAssertEqual(ticket.status, "frobnicated")
    }

    func testUnknownEnumValues() {
        assertRejects(file { $0.insert("priority: P9", at: 4) }, rule: "value", line: 5, mentions: ["priority: P9"])
        assertRejects(file { $0.insert("impact: everyone", at: 4) }, rule: "value", line: 5, mentions: ["everyone"])
        assertRejects(file { $0.insert("urgency: \"yesterday\"", at: 4) }, rule: "value", line: 5, mentions: ["urgency"])
    }

    func testBadTimes() {
        assertRejects(file { $0[4] = "created: yesterday" }, rule: "time", line: 5, mentions: ["created: yesterday", "ISO 8601"])
        assertRejects(file { $0[4] = "created: 2026-02-30T10:00:00Z" }, rule: "time", line: 5, mentions: ["2026-02-30"])
        assertRejects(file { $0[4] = "created: 2026-11-23T14:05:00" }, rule: "time", line: 5)
        assertRejects(file { $0.insert("resolve_due: soon", at: 5) }, rule: "time", line: 6, mentions: ["resolve_due"])
        assertRejects(file { $0[8] = "  at: noon" }, rule: "time", line: 8, mentions: ["noon"])
    }

    func testIDsThatAreNotTicketIDs() {
        assertRejects(file { $0[1] = "id: ../../etc/passwd" }, rule: "id", line: 2, mentions: ["../../etc/passwd"])
        assertRejects(file { $0[1] = "id: T-8KQ2M4X" }, rule: "id", line: 2, mentions: ["not a ticket id"])
        assertRejects(file { $0[1] = "id: T-8KQ2/4XZ" }, rule: "id", line: 2)
        assertRejects(file { $0[1] = "id: \"T-8KQ2M4XZ\\n\"" }, rule: "id", line: 2)
        assertRejects(file { $0[1] = "id: 12345" }, rule: "id", line: 2)
    }

    // MARK: Required fields

    func testMissingRequiredFields() {
        assertRejects(file { $0.remove(at: 2) }, rule: "required", line: 2, mentions: ["`title`", "missing"])
        assertRejects(file { $0.remove(at: 1) }, rule: "required", line: 2, mentions: ["`id`"])
        assertRejects(file { $0.remove(at: 4) }, rule: "required", line: 2, mentions: ["`created`"])
        assertRejects(file { $0.remove(at: 3) }, rule: "required", line: 2, mentions: ["`status`"])
    }

    func testEmptyRequiredFields() {
        assertRejects(file { $0[2] = "title:" }, rule: "required", line: 3, mentions: ["`title`", "empty"])
        assertRejects(file { $0[2] = "title: \"\"" }, rule: "required", line: 3, mentions: ["`title`"])
        assertRejects(file { $0[2] = "title: ~" }, rule: "required", line: 3)
        assertRejects(file { $0[3] = "status: null" }, rule: "required", line: 4, mentions: ["`status`"])
    }

    // MARK: Activity

    func testActivityEntryMissingAField() {
        assertRejects(file { $0.remove(at: 9) }, rule: "activity", line: 8, mentions: ["missing `author`"])
        assertRejects(file { $0[10] = "  kind: \"\"" }, rule: "activity", line: 8, mentions: ["missing `kind`"])
        assertRejects(file { $0.remove(at: 8) }, rule: "activity", line: 8, mentions: ["missing `at`"])
    }

    func testMalformedActivity() {
        assertRejects(file { $0.replaceSubrange(6...11, with: ["activity: hello"]) }, rule: "activity", line: 7,
                      mentions: ["list"])
        assertRejects(file { $0.replaceSubrange(7...11, with: ["- just text"]) }, rule: "activity", line: 8,
                      mentions: ["mapping"])
        assertRejects(file { $0.insert("  mood: grumpy", at: 11) }, rule: "activity", line: 12, mentions: ["`mood`"])
        assertRejects(file { $0[11] = "  text: [a, b]" }, rule: "activity", line: 12, mentions: ["`text`"])
    }

    // MARK: Unknown fields

    func testUnknownScalarFieldIsKeptAndWrittenBack() throws {
        let ticket = try TicketCodec.decode(file { $0.insert("x-vendor-ref: INC0012345", at: 5) }, path: Fixture.path)
        XCTAssertEqual(ticket.extra, [ExtraField(key: "x-vendor-ref", value: "INC0012345")])
        let encoded = TicketCodec.encode(ticket)
        XCTAssertTrue(encoded.contains("\nchannel:\nx-vendor-ref: INC0012345\nactivity:\n"), encoded)
        assertRoundTrip(ticket)
    }

    func testUnknownFieldWithAListOrMappingIsRefused() {
        assertRejects(file { $0.insert("x-list: [a, b]", at: 5) }, rule: "unknown-field", line: 6,
                      mentions: ["`x-list`", "single values"])
        assertRejects(file { $0.insert(contentsOf: ["x-map:", "  a: b"], at: 5) }, rule: "unknown-field", line: 6,
                      mentions: ["`x-map`"])
    }
}
