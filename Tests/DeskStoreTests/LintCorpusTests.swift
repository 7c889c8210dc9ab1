@testable import DeskStore
import XCTest

/// One finding a lint test expects: its stable rule id, line and severity.
struct ExpectedFinding: Hashable, Comparable, CustomStringConvertible {
    var rule: String
    var line: Int
    var severity: Severity

    init(_ rule: LintRule, _ line: Int, _ severity: Severity = .error) {
        self.rule = rule.rawValue
        self.line = line
        self.severity = severity
    }

    init(_ finding: LintFinding) {
        rule = finding.rule
        line = finding.line
        severity = finding.severity
    }

    static func < (a: ExpectedFinding, b: ExpectedFinding) -> Bool {
        (a.line, a.rule, a.severity.rawValue) < (b.line, b.rule, b.severity.rawValue)
    }

    var description: String { "\(severity.rawValue) [\(rule)] at line \(line)" }
}

/// Checks that `findings` are exactly `expected` (rule, line and severity; order ignored), all for
/// `path`, and that some message mentions each of `mentions`. On failure prints what lint returned.
func assertFindings(_ findings: [LintFinding], _ expected: [ExpectedFinding], path: String,
                    mentions: [String] = [], _ context: @autoclosure () -> String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    let got = findings.map(ExpectedFinding.init).sorted()
    let report = findings.isEmpty ? "  (no findings)" : findings.map { "  \($0)" }.joined(separator: "\n")
    let prefix = context().isEmpty ? "" : context() + ": "
    if got != expected.sorted() {
        XCTFail("\(prefix)expected \(expected.sorted()), lint returned:\n\(report)", file: file, line: line)
    }
    for finding in findings where finding.path != path {
        XCTFail("\(prefix)finding for the wrong path (want \(path)): \(finding)", file: file, line: line)
    }
    for word in mentions where !findings.contains(where: { $0.message.lowercased().contains(word.lowercased()) }) {
        XCTFail("\(prefix)no message mentions \(word.debugDescription); lint returned:\n\(report)", file: file, line: line)
    }
}

/// The malformed-input corpus run through the linter: every broken desk file gives findings with the
/// exact rule id, line and severity, and nothing crashes.
final class LintCorpusTests: XCTestCase {
    static let path = "tickets/8K/T-8KQ2M4XZ.md"

    /// A valid ticket, one line per element (line numbers in the comments).
    static let validLines = [
        "---", //                                1
        "id: T-8KQ2M4XZ", //                     2
        "title: VPN drops every hour", //        3
        "status: open", //                       4
        "priority: P2", //                       5
        "impact: department", //                 6
        "urgency: high", //                      7
        "requester: alice@example.com", //       8
        "created: 2026-11-23T14:05:00Z", //      9
        "updated: 2026-11-23T15:30:00Z", //      10
        "tags: [vpn]", //                        11
        "links: [T-4F7Q2M9A]", //                12
        "kb: [KB-4F7Q2M]", //                    13
        "activity:", //                          14
        "- id: A-0000000A", //                   15
        "  at: 2026-11-23T14:05:00Z", //         16
        "  author: alice", //                    17
        "  kind: created", //                    18
        "- id: A-0000000B", //                   19
        "  at: 2026-11-23T14:20:00Z", //         20
        "  author: bob", //                      21
        "  kind: comment", //                    22
        "  text: hello", //                      23
        "---", //                                24
        "The VPN drops.", //                     25
    ]

    /// The files the valid ticket refers to, and the ticket itself.
    static let desk: Set<String> = [path, "tickets/4F/T-4F7Q2M9A.md", "kb/KB-4F7Q2M.md"]

    /// The valid file with `edit` applied to its lines (index = line - 1), LF-terminated.
    private func ticket(_ edit: (inout [String]) -> Void = { _ in }) -> [UInt8] {
        var lines = Self.validLines
        edit(&lines)
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The valid file with raw `bytes` inserted on 1-based `line`, after `prefix`.
    private func ticket(line: Int, prefix: String = "", bytes: [UInt8]) -> [UInt8] {
        var lines = Self.validLines.map { Array($0.utf8) }
        lines[line - 1] = Array(prefix.utf8) + bytes + Array(lines[line - 1].dropFirst(prefix.utf8.count))
        return Array(lines.joined(separator: [10]) + [10])
    }

    private func lint(_ bytes: [UInt8], at path: String = LintCorpusTests.path, desk: Set<String> = LintCorpusTests.desk,
                      config: DeskConfig = .standard) -> [LintFinding] {
        FileLinter.lint(path: path, bytes: bytes, context: LintContext(config: config, contents: PathSet(paths: desk)))
    }

    /// Lints `bytes` as the ticket and checks the findings.
    private func assertTicket(_ bytes: [UInt8], _ expected: ExpectedFinding..., at path: String = LintCorpusTests.path,
                              desk: Set<String> = LintCorpusTests.desk, mentions: [String] = [],
                              file: StaticString = #filePath, line: UInt = #line) {
        assertFindings(lint(bytes, at: path, desk: desk), expected, path: path, mentions: mentions, file: file, line: line)
    }

    // MARK: The fixture

    func testTheUneditedTicketIsClean() throws {
        XCTAssertEqual(try TicketCodec.decode(ticket(), path: Self.path).activity.count, 2)
        assertTicket(ticket())
    }

    func testRuleIDsAreStable() {
        // The README and hooks name these ids; renaming one breaks users' scripts.
        XCTAssertEqual(LintRule.allCases.map(\.rawValue), [
            "front-matter", "yaml", "duplicate-key", "yaml-anchor", "encoding", "line-endings", "size", "required",
            "type", "value", "time", "id", "id-mismatch", "activity", "unknown-field", "config", "time-order",
            "activity-order", "resolution", "sla", "duplicate-id", "reference", "stray-file", "transition", "immutable",
            "activity-append", "status-author", "delete", "config-change",
        ])
    }

    func testFindingDescriptionIsPathLineColumn() {
        let findings = lint(ticket { $0[3] = "status: frobnicated" })
        XCTAssertEqual(findings.count, 1)
        XCTAssertTrue(findings.first?.description.hasPrefix("\(Self.path):4:1: error: ") ?? false, "\(findings)")
        XCTAssertTrue(findings.first?.description.hasSuffix("[value]") ?? false, "\(findings)")
    }

    // MARK: Front matter

    func testNoOpeningDelimiter() {
        assertTicket(ticket { $0.removeFirst() }, ExpectedFinding(.frontMatter, 1), mentions: ["---"])
        assertTicket(ticket { $0.insert("", at: 0) }, ExpectedFinding(.frontMatter, 1))
        assertTicket([], ExpectedFinding(.frontMatter, 1))
        assertTicket(Array("just some notes\n".utf8), ExpectedFinding(.frontMatter, 1))
    }

    func testFrontMatterNeverClosed() {
        assertTicket(ticket { $0.remove(at: 23) }, ExpectedFinding(.frontMatter, 1), mentions: ["never closed"])
        assertTicket(Array("---\n".utf8), ExpectedFinding(.frontMatter, 1), mentions: ["never closed"])
    }

    func testFrontMatterNotAMapping() {
        assertTicket(Array("---\n- id\n- title\n---\n".utf8), ExpectedFinding(.frontMatter, 2), mentions: ["mapping"])
    }

    func testBadYAMLIsLocated() {
        assertTicket(ticket { $0[2] = "title: [unclosed" }, ExpectedFinding(.yaml, 4), mentions: ["line 3"])
        assertTicket(ticket { $0[3] = "\tstatus: open" }, ExpectedFinding(.yaml, 4))
    }

    // MARK: Encoding

    func testInvalidUTF8() {
        assertTicket(ticket(line: 3, prefix: "title: ", bytes: [0xC3, 0x28]), ExpectedFinding(.encoding, 3), mentions: ["UTF-8"])
        assertTicket(ticket(line: 21, prefix: "  author: ", bytes: [0xFF]), ExpectedFinding(.encoding, 21))
        assertTicket(ticket(line: 25, bytes: [0xED, 0xA0, 0x80]), ExpectedFinding(.encoding, 25))
    }

    func testBinaryFile() {
        assertTicket(ticket(line: 9, prefix: "created: 2026", bytes: [0]), ExpectedFinding(.encoding, 9), mentions: ["NUL"])
        assertTicket(ticket(line: 25, bytes: [0x89, 0x50, 0x4E, 0x47, 0x1A, 0, 0, 0, 0x0D]),
                     ExpectedFinding(.encoding, 25), mentions: ["binary"])
        // A PNG header: its NUL is after two LF bytes, so on line 3.
        assertTicket([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], ExpectedFinding(.encoding, 3))
    }

    func testByteOrderMark() {
        assertTicket([0xEF, 0xBB, 0xBF] + ticket(), ExpectedFinding(.encoding, 1), mentions: ["byte-order mark"])
    }

    func testCRLFLineEndings() {
        let crlf = Array((Self.validLines.joined(separator: "\r\n") + "\r\n").utf8)
        assertTicket(crlf, ExpectedFinding(.lineEndings, 1), mentions: ["CRLF"])
        assertTicket(ticket { $0[8] += "\r" }, ExpectedFinding(.lineEndings, 9))
        assertTicket(ticket { $0[24] += "\r" }, ExpectedFinding(.lineEndings, 25))
    }

    // MARK: Size

    func testHugeFile() {
        let valid = ticket()
        let limit = FrontMatter.maxFileSize
        let padding = [UInt8](repeating: UInt8(ascii: "x"), count: limit - valid.count)
        assertTicket(valid + padding)
        // A size finding concerns the whole file: line 1 (the parser's 0 is clamped).
        assertTicket(valid + padding + [10], ExpectedFinding(.size, 1), mentions: ["\(limit + 1) bytes"])
        assertTicket(valid + padding + [UInt8](repeating: 0, count: 1000), ExpectedFinding(.size, 1))
        assertTicket([UInt8](repeating: 0xFF, count: limit + 1), ExpectedFinding(.size, 1))
    }

    func testHugeField() {
        let limit = FrontMatter.maxFileSize
        assertTicket(ticket { $0[2] = "title: " + String(repeating: "a", count: limit) }, ExpectedFinding(.size, 1))
        // Under the file limit a long value is readable; a title longer than desk writes is a warning.
        assertTicket(ticket { $0[2] = "title: " + String(repeating: "a", count: limit / 2) },
                     ExpectedFinding(.value, 3, .warning), mentions: ["at most \(Validate.maxTitle)"])
        let longBody = String(repeating: "a", count: limit / 2)
        assertTicket(ticket { $0[$0.count - 1] = longBody })
        let manyTags = (0..<20_000).map { "t\($0)" }.joined(separator: ", ")
        assertTicket(ticket { $0[10] = "tags: [\(manyTags)]" })
        // Deep nesting is refused by the YAML reader, located on its line, without overflowing the stack.
        assertTicket(ticket { $0[2] = "title: " + String(repeating: "[", count: 100_000) }, ExpectedFinding(.yaml, 3),
                     mentions: ["nesting"])
    }

    // MARK: Keys

    func testDuplicateKeys() {
        assertTicket(ticket { $0.insert("status: pending", at: 10) }, ExpectedFinding(.duplicateKey, 11),
                     mentions: ["`status`", "line 4"])
        assertTicket(ticket { $0.insert("  author: mallory", at: 17) }, ExpectedFinding(.duplicateKey, 18),
                     mentions: ["`author`", "line 17"])
    }

    func testAnchorsAndAliases() {
        assertTicket(ticket { $0[2] = "title: &t VPN drops"; $0.insert("category: *t", at: 9) },
                     ExpectedFinding(.yamlAnchor, 3), mentions: ["anchors and aliases"])
        assertTicket(ticket { $0[10] = "tags: &t [vpn]" }, ExpectedFinding(.yamlAnchor, 11))
        assertTicket(ticket { $0[18] = "- &entry id: A-0000000B" }, ExpectedFinding(.yamlAnchor, 19))
        assertTicket(ticket { $0.insert("category: *nowhere", at: 9) }, ExpectedFinding(.yaml, 10), mentions: ["alias"])
        var laughs = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            laughs.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        assertTicket(ticket { $0.insert(contentsOf: laughs, at: 13) }, ExpectedFinding(.yamlAnchor, 14))
    }

    func testUnknownScalarFieldIsAWarningOnItsLine() {
        assertTicket(ticket { $0.insert("x-vendor-ref: INC0012345", at: 13) }, ExpectedFinding(.unknownField, 14, .warning),
                     mentions: ["`x-vendor-ref`"])
        assertTicket(ticket { $0.insert(contentsOf: ["x-one: 1", "x-two: 2"], at: 4) },
                     ExpectedFinding(.unknownField, 5, .warning), ExpectedFinding(.unknownField, 6, .warning))
    }

    func testUnknownListOrMappingFieldIsAnError() {
        assertTicket(ticket { $0.insert("x-list: [a, b]", at: 13) }, ExpectedFinding(.unknownField, 14),
                     mentions: ["`x-list`"])
        assertTicket(ticket { $0.insert(contentsOf: ["x-map:", "  a: b"], at: 13) }, ExpectedFinding(.unknownField, 14),
                     mentions: ["`x-map`"])
    }

    func testUnknownFieldWithAQuotedKeyIsOnItsLine() {
        // A key that needs quoting (desk writes `"a: b"` keys quoted) is still located on its own line.
        assertTicket(ticket { $0.insert("\"x-ref\": INC0012345", at: 13) }, ExpectedFinding(.unknownField, 14, .warning))
    }

    // MARK: Types and values

    func testWrongTypes() {
        assertTicket(ticket { $0[10] = "tags: {a: b}" }, ExpectedFinding(.type, 11), mentions: ["`tags` must be a list"])
        assertTicket(ticket { $0[10] = "tags:"; $0.insert("  a: b", at: 11) }, ExpectedFinding(.type, 11))
        assertTicket(ticket { $0[2] = "title: [VPN, drops]" }, ExpectedFinding(.type, 3), mentions: ["`title`"])
        assertTicket(ticket { $0[2] = "title:"; $0.insert(contentsOf: ["  - VPN", "  - drops"], at: 3) },
                     ExpectedFinding(.type, 3))
        assertTicket(ticket { $0[11] = "links: T-4F7Q2M9A" }, ExpectedFinding(.type, 12), mentions: ["`links`"])
        assertTicket(ticket { $0[7] = "requester: {name: alice}" }, ExpectedFinding(.type, 8))
    }

    func testIDsWithPathCharacters() {
        assertTicket(ticket { $0[1] = "id: ../../etc/passwd" }, ExpectedFinding(.id, 2), mentions: ["../../etc/passwd"])
        assertTicket(ticket { $0[1] = "id: T-8KQ2/4XZ" }, ExpectedFinding(.id, 2))
        assertTicket(ticket { $0[1] = "id: T-../../x" }, ExpectedFinding(.id, 2))
        assertTicket(ticket { $0[1] = "id: \"T-8KQ2M4XZ\\n\"" }, ExpectedFinding(.id, 2))
    }

    func testMissingAndEmptyRequiredFields() {
        assertTicket(ticket { $0.remove(at: 2) }, ExpectedFinding(.required, 2), mentions: ["`title`"])
        assertTicket(ticket { $0[3] = "status:" }, ExpectedFinding(.required, 4), mentions: ["`status`"])
    }

    func testBadTimes() {
        assertTicket(ticket { $0[8] = "created: yesterday" }, ExpectedFinding(.time, 9), mentions: ["created: yesterday"])
        assertTicket(ticket { $0[9] = "updated: 2026-13-01T00:00:00Z" }, ExpectedFinding(.time, 10))
        assertTicket(ticket { $0[9] = "updated: 2026-02-30T10:00:00Z" }, ExpectedFinding(.time, 10))
        assertTicket(ticket { $0.insert("resolve_due: soon", at: 9) }, ExpectedFinding(.time, 10), mentions: ["resolve_due"])
        // An activity time is located on its entry's first line.
        assertTicket(ticket { $0[19] = "  at: noon" }, ExpectedFinding(.time, 19), mentions: ["noon"])
    }

    func testStatusNotInTheWorkflow() {
        assertTicket(ticket { $0[3] = "status: frobnicated" }, ExpectedFinding(.value, 4),
                     mentions: ["frobnicated", "new, open, pending, resolved, closed"])
        // A status of another desk's workflow is not one of this desk's.
        assertTicket(ticket { $0[3] = "status: in-progress" }, ExpectedFinding(.value, 4))
    }

    func testBadPriorityImpactUrgency() {
        assertTicket(ticket { $0[4] = "priority: P9" }, ExpectedFinding(.value, 5), mentions: ["priority: P9"])
        assertTicket(ticket { $0[5] = "impact: everyone" }, ExpectedFinding(.value, 6), mentions: ["everyone"])
        assertTicket(ticket { $0[6] = "urgency: yesterday" }, ExpectedFinding(.value, 7), mentions: ["urgency"])
        // Priority is read case-insensitively.
        assertTicket(ticket { $0[4] = "priority: p2" })
    }

    // MARK: Time order and activity

    func testUpdatedBeforeCreated() {
        assertTicket(ticket { $0[9] = "updated: 2026-11-22T00:00:00Z" }, ExpectedFinding(.timeOrder, 10),
                     mentions: ["`updated`", "before `created`"])
        assertTicket(ticket { $0.insert("responded: 2026-11-23T14:00:00Z", at: 10) }, ExpectedFinding(.timeOrder, 11),
                     mentions: ["`responded`"])
    }

    func testActivityOutOfTimeOrder() {
        assertTicket(ticket { $0[15] = "  at: 2026-11-23T14:30:00Z" }, ExpectedFinding(.activityOrder, 19),
                     mentions: ["A-0000000B", "oldest first"])
        // An entry before the ticket was created is only a warning.
        assertTicket(ticket { $0[15] = "  at: 2026-11-23T14:00:00Z" }, ExpectedFinding(.activityOrder, 15, .warning))
    }

    func testDuplicateActivityIDIsReportedAtTheRepeatedEntry() {
        // Like a duplicate key, the second entry with the id is the one to fix.
        assertTicket(ticket { $0[18] = "- id: A-0000000A" }, ExpectedFinding(.activity, 19), mentions: ["used twice"])
    }

    func testActivityFindingsInAnIndentedListAreOnTheEntry() {
        // `activity:` written as an indented block list (common in hand-written YAML).
        let lines = Array(Self.validLines[0..<14]) + [
            "  - id: A-0000000A", //             15
            "    at: 2026-11-23T14:30:00Z", //   16
            "    author: alice", //              17
            "    kind: created", //              18
            "  - id: A-0000000B", //             19
            "    at: 2026-11-23T14:20:00Z", //   20
            "    author: bob", //                21
            "    kind: comment", //              22
            "---",
        ]
        assertTicket(Array((lines.joined(separator: "\n") + "\n").utf8), ExpectedFinding(.activityOrder, 19))
    }

    func testResolutionWarnings() {
        assertTicket(ticket { $0[3] = "status: resolved"; $0.insert("resolved:", at: 10) },
                     ExpectedFinding(.resolution, 11, .warning), mentions: ["no `resolved` time"])
        assertTicket(ticket { $0.insert("resolved: 2026-11-23T16:00:00Z", at: 10) }, ExpectedFinding(.resolution, 11, .warning),
                     mentions: ["not a resolved status"])
        assertTicket(ticket { $0[3] = "status: closed"; $0.insert("resolved: 2026-11-23T16:00:00Z", at: 10) })
    }

    // MARK: Identity

    func testIDNotMatchingPath() {
        assertTicket(ticket(), ExpectedFinding(.idMismatch, 2), at: "tickets/ZZ/T-ZZZZZZZZ.md",
                     desk: Self.desk.subtracting([Self.path]).union(["tickets/ZZ/T-ZZZZZZZZ.md"]),
                     mentions: ["T-8KQ2M4XZ", "tickets/ZZ/T-ZZZZZZZZ.md"])
        // In the wrong shard folder: still a ticket, with the wrong path.
        assertTicket(ticket(), ExpectedFinding(.idMismatch, 2), at: "tickets/AB/T-8KQ2M4XZ.md",
                     desk: Self.desk.subtracting([Self.path]).union(["tickets/AB/T-8KQ2M4XZ.md"]))
        // A lower-case id names the same file (ids are case-insensitive): no finding.
        assertTicket(ticket { $0[1] = "id: t-8kq2m4xz" })
    }

    func testDuplicateID() {
        assertTicket(ticket(), ExpectedFinding(.idMismatch, 2), ExpectedFinding(.duplicateID, 2),
                     at: "tickets/ZZ/T-ZZZZZZZZ.md", desk: Self.desk.union(["tickets/ZZ/T-ZZZZZZZZ.md"]),
                     mentions: ["also the id of tickets/8K/T-8KQ2M4XZ.md"])
    }

    func testReferencesToMissingTicketsAndArticles() {
        assertTicket(ticket(), ExpectedFinding(.reference, 12), desk: [Self.path, "kb/KB-4F7Q2M.md"], mentions: ["T-4F7Q2M9A"])
        assertTicket(ticket(), ExpectedFinding(.reference, 13), desk: [Self.path, "tickets/4F/T-4F7Q2M9A.md"],
                     mentions: ["KB-4F7Q2M"])
        assertTicket(ticket(), ExpectedFinding(.reference, 12), ExpectedFinding(.reference, 13), desk: [Self.path])
        assertTicket(ticket { $0[11] = "links: [../../etc/passwd]" }, ExpectedFinding(.reference, 12),
                     mentions: ["not a ticket id"])
        assertTicket(ticket { $0[12] = "kb: [T-4F7Q2M9A]" }, ExpectedFinding(.reference, 13), mentions: ["not an article id"])
        // A lower-case reference names the same file.
        assertTicket(ticket { $0[11] = "links: [t-4f7q2m9a]" })
    }

    // MARK: Stray files

    func testStrayFiles() {
        for path in ["tickets/notes.txt", "kb/x.md", "tickets/8K/notes.md", "tickets/T-8KQ2M4XZ.md",
                     "tickets/8K/T-8KQ2M4XZ.txt", "tickets/8K/sub/T-8KQ2M4XZ.md", "kb/sub/KB-4F7Q2M.md", "kb/KB-4F7Q2M.txt"] {
            assertFindings(lint(ticket(), at: path), [ExpectedFinding(.strayFile, 1)], path: path, mentions: [path], path)
        }
    }

    func testFilesOutsideTheDeskFoldersAreNotLinted() {
        for path in ["README.md", "notes.txt", "docs/T-8KQ2M4XZ.md", "kb/README.md", "tickets/README.md",
                     "tickets/8K/.gitkeep", "kb/.gitkeep"] {
            assertFindings(lint(Array("anything\0\u{1}".utf8), at: path), [], path: path, path)
        }
    }

    // MARK: Articles

    static let articlePath = "kb/KB-4F7Q2M.md"
    static let articleLines = [
        "---", //                               1
        "id: KB-4F7Q2M", //                     2
        "title: Reset the VPN client", //       3
        "status: published", //                 4
        "audience: internal", //                5
        "tags: [vpn]", //                       6
        "category: network/vpn", //             7
        "created: 2026-11-23T14:05:00Z", //     8
        "updated: 2026-11-24T10:00:00Z", //     9
        "owner: alice", //                      10
        "source: [T-8KQ2M4XZ]", //              11
        "---", //                               12
        "1. Quit the client.", //               13
    ]

    private func article(_ edit: (inout [String]) -> Void = { _ in }) -> [UInt8] {
        var lines = Self.articleLines
        edit(&lines)
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func assertArticle(_ bytes: [UInt8], _ expected: ExpectedFinding..., at path: String = LintCorpusTests.articlePath,
                               desk: Set<String> = LintCorpusTests.desk, mentions: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line) {
        assertFindings(lint(bytes, at: path, desk: desk), expected, path: path, mentions: mentions, file: file, line: line)
    }

    func testTheUneditedArticleIsClean() {
        assertArticle(article())
    }

    func testArticleBadStatusAudienceAndID() {
        assertArticle(article { $0[3] = "status: archived" }, ExpectedFinding(.value, 4), mentions: ["draft, published, retired"])
        assertArticle(article { $0[4] = "audience: everyone" }, ExpectedFinding(.value, 5), mentions: ["internal, public"])
        assertArticle(article { $0[1] = "id: ../../etc/passwd" }, ExpectedFinding(.id, 2), mentions: ["not an article id"])
        assertArticle(article { $0[1] = "id: KB-12345678" }, ExpectedFinding(.id, 2))
        assertArticle(article { $0[1] = "id: T-8KQ2M4XZ" }, ExpectedFinding(.id, 2))
    }

    func testArticleIDMismatchAndDuplicate() {
        assertArticle(article { $0[1] = "id: KB-AAAA" }, ExpectedFinding(.idMismatch, 2), mentions: ["KB-AAAA"])
        assertArticle(article { $0[1] = "id: KB-AAAA" }, ExpectedFinding(.idMismatch, 2), ExpectedFinding(.duplicateID, 2),
                      desk: Self.desk.union(["kb/KB-AAAA.md"]))
    }

    func testArticleMalformedFiles() {
        assertArticle(article { $0.removeFirst() }, ExpectedFinding(.frontMatter, 1))
        assertArticle([0xEF, 0xBB, 0xBF] + article(), ExpectedFinding(.encoding, 1))
        assertArticle(article { $0.insert("status: draft", at: 5) }, ExpectedFinding(.duplicateKey, 6))
        assertArticle(article { $0[5] = "tags: {a: b}" }, ExpectedFinding(.type, 6))
        assertArticle(article { $0[7] = "created: tomorrow" }, ExpectedFinding(.time, 8))
        assertArticle(article { $0.remove(at: 2) }, ExpectedFinding(.required, 2), mentions: ["`title`"])
    }

    func testArticleRules() {
        assertArticle(article { $0[8] = "updated: 2026-01-01T00:00:00Z" }, ExpectedFinding(.timeOrder, 9))
        assertArticle(article(), ExpectedFinding(.reference, 11), desk: [Self.articlePath], mentions: ["T-8KQ2M4XZ"])
        assertArticle(article { $0[10] = "source: [KB-4F7Q2M]" }, ExpectedFinding(.reference, 11), mentions: ["not a ticket id"])
        assertArticle(article { $0.insert("x-reviewed: yes", at: 11) }, ExpectedFinding(.unknownField, 12, .warning))
        assertArticle(article { $0.insert("x-list: [a]", at: 11) }, ExpectedFinding(.unknownField, 12))
    }

    // MARK: desk.yml

    private func assertConfig(_ text: String, _ expected: ExpectedFinding..., mentions: [String] = [],
                              file: StaticString = #filePath, line: UInt = #line) {
        assertFindings(lint(Array(text.utf8), at: "desk.yml"), expected, path: "desk.yml", mentions: mentions,
                       file: file, line: line)
    }

    func testDefaultConfigIsClean() {
        assertConfig(DeskConfigCodec.defaultFile(name: "desk"))
        assertConfig("")
    }

    func testBrokenConfigYAML() {
        assertConfig("name: x\nworkflow: [\n", ExpectedFinding(.yaml, 3), mentions: ["invalid YAML in desk.yml"])
        assertConfig("name: a\nstorage:\n  fsync: true\nname: b\n", ExpectedFinding(.duplicateKey, 4))
        assertConfig("name: &n desk\n", ExpectedFinding(.yamlAnchor, 1))
        assertConfig("- workflow\n- people\n", ExpectedFinding(.config, 1), mentions: ["mapping of sections"])
        assertFindings(lint([0x6E, 0x3A, 0x20, 0xC3, 0x28, 0x0A], at: "desk.yml"), [ExpectedFinding(.encoding, 1)],
                       path: "desk.yml")
    }

    func testConfigUnknownPersonAsDepartmentFace() {
        let text = """
            name: Lab
            people:
              alice: { role: operator }
              dave: { role: requester }
            departments:
              HR: { face: bob }
              Sales: { face: alice }

            """
        assertConfig(text, ExpectedFinding(.config, 6), mentions: ["`departments.HR.face`", "`bob`"])
        assertConfig(text.replacingOccurrences(of: "face: bob", with: "face: dave"), ExpectedFinding(.config, 6),
                     mentions: ["requester"])
    }

    func testConfigUnknownTopLevelSectionIsAWarningOnItsLine() {
        assertConfig("name: Lab\nrouting:\n  p1: 4h\n", ExpectedFinding(.unknownField, 2, .warning), mentions: ["`routing`"])
        let base = DeskConfigCodec.defaultFile(name: "desk")
        let lineCount = base.split(separator: "\n", omittingEmptySubsequences: false).count
        // `base` ends with a newline, so its last (empty) element is where the appended text starts.
        assertConfig(base + "# routing rules\n\nrouting: {}\n", ExpectedFinding(.unknownField, lineCount + 2, .warning))
        assertConfig("routing: {}\nname: x\nescalation: []\n", ExpectedFinding(.unknownField, 1, .warning),
                     ExpectedFinding(.unknownField, 3, .warning))
    }

    func testConfigQuotedKnownSectionIsKnown() {
        // `"name": Lab` is the section `name`; quoting a key does not make it another one.
        assertConfig("\"name\": Lab\nstorage: {fsync: true}\n")
    }

    func testConfigUnknownSectionWithCRLFLineEndings() {
        // desk.yml is read with CRLF line ends (YAML allows them); its unknown sections are still reported.
        XCTAssertEqual(try DeskConfigCodec.decode(Array("name: Lab\r\nrouting: {p1: 4h}\r\n".utf8)).name, "Lab")
        assertConfig("name: Lab\r\nrouting: {p1: 4h}\r\n", ExpectedFinding(.unknownField, 2, .warning), mentions: ["`routing`"])
    }

    func testConfigUnknownSectionAfterADocumentStartMarker() {
        // `---` opening the YAML document is valid in desk.yml; the section is still on line 3.
        assertConfig("---\nname: Lab\nrouting: {p1: 4h}\n", ExpectedFinding(.unknownField, 3, .warning))
    }
}
