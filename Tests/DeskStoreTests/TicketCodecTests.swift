@testable import DeskStore
import XCTest

/// Ticket files: exact layout (golden text), round-trip stability for awkward text, and the
/// leniencies allowed when reading hand-edited files.
final class TicketCodecTests: XCTestCase {
    // MARK: Golden text (pins key order and value styles)

    func testMinimalTicketEncodesToGoldenText() throws {
        let expected = """
            ---
            id: T-8KQ2M4XZ
            title: VPN drops every hour
            status: new
            priority:
            impact:
            urgency:
            category:
            requester:
            department:
            assignee:
            group:
            created: 2026-11-23T14:05:00Z
            updated: 2026-11-23T14:05:00Z
            response_due:
            resolve_due:
            responded:
            resolved:
            tags: []
            links: []
            kb: []
            asset:
            channel:
            activity: []
            ---

            """
        XCTAssertEqual(TicketCodec.encode(Fixture.minimal), expected)
        XCTAssertEqual(try TicketCodec.decode(Array(expected.utf8), path: Fixture.path), Fixture.minimal)
    }

    func testFullTicketEncodesToGoldenText() throws {
        let expected = """
            ---
            id: T-8KQ2M4XZ
            title: VPN drops every hour
            status: open
            priority: P2
            impact: department
            urgency: high
            category: network/vpn
            requester: alice@example.com
            department: Finance
            assignee: bob
            group: network
            created: 2026-11-23T14:05:00Z
            updated: 2026-11-23T15:30:00Z
            response_due: 2026-11-23T16:05:00Z
            resolve_due: 2026-11-24T14:05:00Z
            responded: 2026-11-23T14:20:00Z
            resolved:
            tags: [vpn, remote work]
            links: [T-4F7Q2M9A]
            kb: [KB-4F7Q2M]
            asset: LAPTOP-0042
            channel: email
            x-vendor-ref: INC0012345
            activity:
            - id: A-0000000A
              at: 2026-11-23T14:05:00Z
              author: alice
              kind: created
            - id: A-0000000B
              at: 2026-11-23T14:20:00Z
              author: bob
              kind: status
              field: status
              from: new
              to: open
            - id: A-0000000C
              at: 2026-11-23T14:25:00Z
              author: bob
              kind: comment
              text: |
                Please try:

                1. reconnect
                2. reboot
            - id: A-0000000D
              at: 2026-11-23T15:30:00Z
              author: bob
              kind: internal
              text: "Looks like the \\"split tunnel\\" bug"
            ---
            The VPN drops every hour.

            """
        XCTAssertEqual(TicketCodec.encode(Fixture.full), expected)
        XCTAssertEqual(try TicketCodec.decode(Array(expected.utf8), path: Fixture.path), Fixture.full)
    }

    func testKnownKeysAreWrittenInTheDocumentedOrder() {
        let lines = TicketCodec.encode(Fixture.full).split(separator: "\n").map(String.init)
        let topLevelKeys = lines.dropFirst().prefix { $0 != "---" }
            .filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") && !$0.isEmpty }
            .map { String($0.prefix { $0 != ":" }) }
        XCTAssertEqual(topLevelKeys.filter { $0 != "x-vendor-ref" }, TicketCodec.keys)
        XCTAssertEqual(topLevelKeys.firstIndex(of: "x-vendor-ref"), TicketCodec.keys.count - 1,
                       "unknown keys come after the known ones, just before activity")
    }

    // MARK: Value styles

    func testWordsYAMLWouldReadAsOtherTypesAreQuoted() {
        for word in ["null", "Null", "NULL", "~", "true", "False", "yes", "No", "on", "OFF", "y", "n", "", "123",
                     "-1", "1.5", "0x1F", "1e3", ".inf", ".NaN", "2026-11-23", "12:30", "-", "?", "&a", "*a", "!tag",
                     "%x", "@me", "`x`", "#x", "|", ">", "'x'", "[a]", "{x}"] {
            var ticket = Fixture.minimal
            ticket.category = word
            let line = TicketCodec.encode(ticket).split(separator: "\n").first { $0.hasPrefix("category:") }
            XCTAssertEqual(line.map(String.init), "category: \(YAMLScalar.quoted(word))", "category \(word.debugDescription)")
            assertRoundTrip(ticket, "category \(word.debugDescription)")
        }
    }

    func testPlainTextStaysUnquoted() {
        for text in ["alice", "VPN drops every hour", "network/vpn", "key:value", "it's", "Ärger", "日本語",
                     "a [b] {c}", "done?", "C++", "about 50% (roughly)"] {
            XCTAssertEqual(YAMLScalar.inline(text), text, text)
        }
        XCTAssertEqual(YAMLScalar.inline("a [b]", flow: true), "\"a [b]\"", "brackets end a flow list item")
        XCTAssertEqual(YAMLScalar.inline("a, b", flow: true), "\"a, b\"")
        XCTAssertEqual(YAMLScalar.inline("a:? b", flow: true), "\"a:? b\"", "libyaml refuses `:?` in a flow list")
        XCTAssertEqual(YAMLScalar.inline("a:b", flow: true), "\"a:b\"")
        XCTAssertEqual(YAMLScalar.inline("a:? b"), "a:? b", "fine outside a flow list")
    }

    func testMultiLineTextUsesLiteralBlocksOnlyWhenExact() {
        XCTAssertEqual(YAMLScalar.field("text", text: "one\ntwo", indent: 2), "  text: |-\n    one\n    two\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "one\n\ntwo\n", indent: 2), "  text: |\n    one\n\n    two\n")
        // Two final newlines, a leading newline, an indented first line, trailing blanks, CR: quoted.
        XCTAssertEqual(YAMLScalar.field("text", text: "one\n\n", indent: 2), "  text: \"one\\n\\n\"\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "\none", indent: 2), "  text: \"\\none\"\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "  one\ntwo", indent: 2), "  text: \"  one\\ntwo\"\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "one \ntwo", indent: 2), "  text: \"one \\ntwo\"\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "one\r\ntwo", indent: 2), "  text: \"one\\r\\ntwo\"\n")
        XCTAssertEqual(YAMLScalar.field("text", text: "one", indent: 2), "  text: one\n")
    }

    func testCharactersTheYAMLReaderRefusesAreEscaped() {
        XCTAssertEqual(YAMLScalar.quoted("a\u{0}b\u{7F}\u{85}\u{2028}\u{FEFF}\u{FFFE}\u{FFFF}"),
                       "\"a\\u0000b\\u007F\\u0085\\u2028\\uFEFF\\uFFFE\\uFFFF\"")
        XCTAssertFalse(YAMLScalar.isLiteralBlockSafe("a\n\u{FFFF}"))
    }

    // MARK: Round trips

    func testMinimalAndFullTicketsRoundTrip() {
        assertRoundTrip(Fixture.minimal, "minimal")
        assertRoundTrip(Fixture.full, "full")
    }

    /// Text that looks like YAML, Markdown, paths or nothing at all.
    static let awkwardText: [String] = [
        "---", "...", "--- not a delimiter", "a\n---\nb", "a\n...\nb", "# heading", "a # not a comment", "'single'",
        "\"double\"", "it's \"mixed\"", "back\\slash", "key: value", "key:value", "- item", "-", "[a]", "{x}", "[a, b]",
        "{x: 1}", "&anchor", "*alias", "!tag", "!!str x", "%YAML 1.2", "%", "@mention", "`code`", "```\nfenced\n```",
        "?", "? key", ": value", "|", ">", "a | b", "tab\there", "\tleading tab", "  leading spaces", "trailing spaces  ",
        " ", "\n", "\n\n", "\nleading newline", "trailing newline\n", "two trailing newlines\n\n", "one\n\nempty line",
        "null", "Null", "~", "true", "yes", "no", "on", "off", "y", "0", "007", "-1", "1.5", "1e3", "0x1F", "0o17", ".inf",
        "-.inf", ".nan", "2026-11-23", "2026-11-23T14:05:00Z", "12:30:00", "../", "../../etc/passwd", "/etc/passwd",
        "C:\\Windows\\System32", "é (precomposed)", "e\u{301} (combining)", "Ünïcödé", "日本語のテキスト", "🚀", "👩‍💻 + 🇳🇴",
        "עברית RTL", "مرحبا بالعالم", "\u{200F}mark\u{202E}override", "no\u{A0}break", "line\u{2028}separator",
        "para\u{2029}separator", "next\u{85}line", "bom\u{FEFF}inside", "non\u{FFFE}char\u{FFFF}", "bell\u{7}",
        "escape\u{1B}[31m", "del\u{7F}", "nul\u{0}inside", "cr\rinside", "crlf\r\ninside", "vertical\u{B}tab",
        "form\u{C}feed", "a:", "a: ", " a", "a ", "x  y", "\u{10FFFF}", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x:?", "x:,y", "x:[a]", "x:{b}",
    ]

    func testAwkwardTextRoundTripsInEveryTextField() {
        for text in Self.awkwardText {
            var ticket = Fixture.full
            ticket.title = text
            ticket.status = text
            ticket.category = text
            ticket.requester = text
            ticket.department = text
            ticket.assignee = text
            ticket.group = text
            ticket.asset = text
            ticket.channel = text
            ticket.tags = [text, "plain"]
            ticket.extra = [ExtraField(key: "x-note", value: text)]
            ticket.activity.append(ActivityEntry(id: "A-0000000E", at: Fixture.time("2026-11-23T16:00:00Z"),
                                                 author: text, kind: text, field: text, from: text, to: text, text: text))
            assertRoundTrip(ticket, "text \(text.debugDescription)")
        }
    }

    func testCommentTextRoundTripsExactly() throws {
        for text in Self.awkwardText {
            var ticket = Fixture.minimal
            ticket.activity = [ActivityEntry(id: "A-0000000A", at: Fixture.time("2026-11-23T14:05:00Z"),
                                             author: "bob", kind: "comment", text: text)]
            guard assertRoundTrip(ticket, "comment \(text.debugDescription)") else { continue }
            let decoded = try TicketCodec.decode(Array(TicketCodec.encode(ticket).utf8), path: Fixture.path)
            // Unicode scalars, not just canonical equivalence: "é" must not come back as "e\u{301}".
            XCTAssertEqual(decoded.activity.first?.text.map { Array($0.unicodeScalars) }, Array(text.unicodeScalars))
        }
    }

    func testBodyIsStoredVerbatim() throws {
        let bodies = [
            "", "one line, no newline", "one line\n", "two newlines\n\n", "\n", "\n\nstarts blank",
            "---\nlooks like front matter\n---\n", "...\n", "id: T-00000000\ntitle: fake\n", "# Heading\n\n- list\n",
            "```yaml\nkey: value\n```\n", "  indented\n\ttabbed\n", "trailing spaces   \n", "🚀 עברית \u{2028} \u{FEFF}\n",
        ]
        for body in bodies {
            var ticket = Fixture.full
            ticket.body = body
            let encoded = TicketCodec.encode(ticket)
            XCTAssertTrue(encoded.hasSuffix("\n---\n" + body), "body \(body.debugDescription) is written after the closing line")
            assertRoundTrip(ticket, "body \(body.debugDescription)")
        }
    }

    func testEmptyAndAbsentOptionalValuesStayDistinct() throws {
        var ticket = Fixture.minimal
        ticket.category = ""
        ticket.tags = [""]
        ticket.activity = [ActivityEntry(id: "A-0000000A", at: Fixture.time("2026-11-23T14:05:00Z"), author: "bob",
                                         kind: "field", field: "category", from: nil, to: "", text: "")]
        assertRoundTrip(ticket)
        let decoded = try TicketCodec.decode(Array(TicketCodec.encode(ticket).utf8), path: Fixture.path)
        XCTAssertEqual(decoded.category, "")
        XCTAssertNil(decoded.requester)
        XCTAssertNil(decoded.activity.first?.from)
        XCTAssertEqual(decoded.activity.first?.to, "")
    }

    func testUnusualExtraKeysStayOneKey() {
        var ticket = Fixture.minimal
        ticket.extra = [
            ExtraField(key: "a: b", value: "1"), ExtraField(key: "", value: "empty key"),
            ExtraField(key: "# not a comment", value: "x"), ExtraField(key: "null", value: "~"),
        ]
        assertRoundTrip(ticket)
    }

    // MARK: Reading hand-edited files

    func testHandWrittenVariationsAreAcceptedAndNormalizedOnRewrite() throws {
        let handWritten = """
            ---
            # edited by hand
            title: "VPN drops every hour"   # trailing comment
            id: t-8kq2m4xz
            status: new
            priority: p2
            created: 2026-11-23
            tags:
              - vpn
              - 'remote work'
            links:
            activity:
            ...
            Body.

            """
        let ticket = try TicketCodec.decode(Array(handWritten.utf8), path: Fixture.path)
        XCTAssertEqual(ticket.id.rawValue, "T-8KQ2M4XZ")
        XCTAssertEqual(ticket.title, "VPN drops every hour")
        XCTAssertEqual(ticket.priority, .p2)
        XCTAssertEqual(ticket.created, Fixture.time("2026-11-23T00:00:00Z"))
        XCTAssertEqual(ticket.updated, ticket.created, "a missing `updated` defaults to `created`")
        XCTAssertEqual(ticket.tags, ["vpn", "remote work"])
        XCTAssertEqual(ticket.links, [])
        XCTAssertEqual(ticket.activity, [])
        XCTAssertEqual(ticket.body, "Body.\n")
        XCTAssertTrue(TicketCodec.encode(ticket).hasPrefix("---\nid: T-8KQ2M4XZ\ntitle: VPN drops every hour\n"))
        assertRoundTrip(ticket)
    }

    func testTimesWithOffsetsAreReadAsUTC() throws {
        let text = """
            ---
            id: T-8KQ2M4XZ
            title: x
            status: new
            created: 2026-11-23T15:05:00.250+01:00
            ---

            """
        let ticket = try TicketCodec.decode(Array(text.utf8), path: Fixture.path)
        XCTAssertEqual(ticket.created.description, "2026-11-23T14:05:00Z")
    }

    func testFileWithoutFinalNewlineAfterClosingLineHasEmptyBody() throws {
        let text = "---\nid: T-8KQ2M4XZ\ntitle: x\nstatus: new\ncreated: 2026-11-23T14:05:00Z\n---"
        XCTAssertEqual(try TicketCodec.decode(Array(text.utf8), path: Fixture.path).body, "")
    }
}
