import DeskTestSupport
import Foundation
import XCTest

/// User text never becomes YAML structure, a path, a shell command or a commit trailer: it
/// round-trips exactly, scalar by scalar.
final class UserTextTests: DeskTestCase {
    /// Texts that break naive YAML writers, shells, path joins or commit messages.
    private var nastyTexts: [String] {
        let canary = desk.base.appendingPathComponent("pwned").path
        return [
            "two\nlines",
            "ends with a newline\n",
            "\n\nstarts with blank lines",
            "  leading and trailing spaces  ",
            "windows\r\nline ends\r\n",
            "a lone \r carriage return",
            "tab\tseparated",
            "\"double\" and 'single' quotes",
            "---",
            "--- \ntitle: injected\n---",
            "...",
            "../../../etc/passwd",
            "$(touch \(canary))",
            "`touch \(canary)`",
            "; touch \(canary) #",
            "key: value",
            "- list item",
            "[flow, list]",
            "{flow: map}",
            "&anchor value",
            "*alias",
            "!!python/object:os.system",
            "# not a comment",
            "| literal",
            "> folded",
            "? complex key",
            "%YAML 1.2",
            "@at and `backticks`",
            "null",
            "~",
            "true",
            "0x1F",
            "1e3",
            "2026-11-23",
            "\\ back\\slash \\n not a newline",
            "Desk-Action: delete\nDesk-Ticket: T-AAAA0001",
            "café naïve Ærøskøbing",
            "e\u{301} decomposed accent",
            "日本語のテキスト",
            "emoji 😀🎉👩‍💻",
            "rtl שלום עליכם",
            "nbsp\u{00A0}here",
            "line\u{2028}separator\u{2029}paragraph",
            "next\u{0085}line",
            "bom\u{FEFF}inside",
            "control \u{01}\u{07}\u{1B}[31mred\u{1B}[0m",
            "<script>alert(1)</script>",
            String(repeating: "long text ", count: 2_000),
        ]
    }

    private func scalars(_ text: String?) -> [UInt32] { (text ?? "<nil>").unicodeScalars.map(\.value) }

    /// Subject and trailers of the last `count` commits, oldest first, read with plain git.
    private func commits(_ count: Int) throws -> [(subject: String, trailers: [String])] {
        let log = try desk.gitOutput("log", "-\(count)", "--reverse", "--format=%x1e%s%x1f%(trailers:only,unfold)")
        return log.split(separator: "\u{1E}").map { record in
            let parts = record.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? lines(String(parts[1])) : [])
        }
    }

    func testCommentsRoundTripExactly() throws {
        let id = try desk.newTicket("Round trip")
        for text in nastyTexts {
            assertSuccess(try desk.run("comment", id, "--", text), "comment \(text.debugDescription)")
        }
        let texts = (try desk.show(id)["activity"] as? [[String: Any]] ?? []).map { $0["text"] as? String }
        XCTAssertEqual(texts.count, nastyTexts.count)
        for (text, stored) in zip(nastyTexts, texts) {
            XCTAssertEqual(scalars(stored), scalars(text), "comment \(text.debugDescription) came back as \(stored.debugDescription)")
        }
        // One commit each, whose message user text cannot reshape.
        let messages = try commits(nastyTexts.count)
        XCTAssertEqual(messages.map(\.subject), Array(repeating: "\(id): comment", count: nastyTexts.count))
        for message in messages { XCTAssertEqual(message.trailers, ["Desk-Ticket: \(id)", "Desk-Action: comment"]) }
        XCTAssertEqual(try desk.commitCount(), 2 + nastyTexts.count)
        try assertSafe()
    }

    func testCommentsFromStdinRoundTripExactly() throws {
        let id = try desk.newTicket("Round trip via stdin")
        // The texts a shell argument would mangle or an option parser would take for a flag.
        let sent = nastyTexts.filter { $0.contains("\n") || $0.contains("\r") || $0.hasPrefix("-") || $0.hasPrefix(" ") }
        XCTAssertGreaterThan(sent.count, 5)
        for text in sent {
            assertSuccess(try desk.run("comment", id, "-", stdin: text), text.debugDescription)
        }
        let texts = (try desk.show(id)["activity"] as? [[String: Any]] ?? []).map { $0["text"] as? String }
        XCTAssertEqual(texts.count, sent.count)
        for (text, stored) in zip(sent, texts) {
            XCTAssertEqual(scalars(stored), scalars(text), "stdin \(text.debugDescription) came back as \(stored.debugDescription)")
        }
        try assertSafe()
    }

    func testTitlesRoundTripExactly() throws {
        let titles = nastyTexts.filter { $0.count <= 500 }
        var ids: [String] = []
        for text in titles {
            let result = try desk.run("new", "--", text)
            assertSuccess(result, "title \(text.debugDescription)")
            ids.append(result.trimmedStdout)
        }
        XCTAssertEqual(Set(ids).count, titles.count)
        var stored: [String: String] = [:]
        for item in try desk.list("--all") { stored[item["id"] as? String ?? "?"] = item["title"] as? String }
        for (id, text) in zip(ids, titles) {
            // A title is one field: surrounding whitespace is trimmed, everything else is kept.
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(scalars(stored[id]), scalars(trimmed), "title \(text.debugDescription) came back as \(stored[id].debugDescription)")
        }
        XCTAssertEqual(scalars(try desk.show(ids[0])["title"] as? String), scalars(titles[0]), "desk show agrees")
        let messages = try commits(titles.count)
        for (id, message) in zip(ids, messages) {
            XCTAssertTrue(message.subject.hasPrefix("\(id): new: "), message.subject)
            XCTAssertEqual(message.trailers, ["Desk-Ticket: \(id)", "Desk-Action: new"], message.subject)
        }
        try assertSafe()
    }

    func testBodiesAndNamesAreText() throws {
        let body = nastyTexts.joined(separator: "\n---\n")
        let result = try desk.run("new", "Body", "--body", "-", "--requester", "../../root", "--category", "a/../../b",
                                  "--department", "key: value", "--tag", "$(id)", stdin: body)
        assertSuccess(result)
        let ticket = try desk.show(result.trimmedStdout)
        // Bodies are stored as LF text ending in a newline.
        let lfBody = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") + "\n"
        XCTAssertEqual(scalars(ticket["body"] as? String), scalars(lfBody))
        XCTAssertEqual(ticket["requester"] as? String, "../../root")
        XCTAssertEqual(ticket["category"] as? String, "a/../../b")
        XCTAssertEqual(ticket["department"] as? String, "key: value")
        XCTAssertEqual(ticket["tags"] as? [String], ["$(id)"])
        XCTAssertEqual(ticket["path"] as? String, TicketFile.path(result.trimmedStdout))
        try assertSafe()
    }

    func testAnIdWithPathCharactersIsRefused() throws {
        for input in ["../../desk.yml", "T-../../x", "T-AAAA/../x", "/etc/passwd", "T-AAAA0001.md", "T-AAAA 0001", "T-AAAA\n0001"] {
            let result = try desk.run("comment", input, "text")
            assertExit(result, 2, input.debugDescription)
        }
        try assertSafe()
    }

    /// Nothing escaped: no shell ran, no file outside tickets/, the repository is whole.
    private func assertSafe(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: desk.base.appendingPathComponent("pwned").path),
                       "a shell ran user text", file: file, line: line)
        let tracked = lines(try desk.gitOutput("ls-files"))
        for path in tracked where ![".gitattributes", "desk.yml", "tickets/README.md", "kb/README.md", "assets/README.md"].contains(path) {
            XCTAssertNotNil(path.range(of: #"^tickets/[0-9A-Z]{2}/T-[0-9A-Z]{8}\.md$"#, options: .regularExpression),
                            "unexpected file \(path)", file: file, line: line)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: desk.base.path).sorted(), ["desk", "home"],
                       "nothing written next to the desk", file: file, line: line)
        let list = try desk.run("list", "--all")
        assertSuccess(list, file: file, line: line)
        assertNotContains(list.stderr, "warning", "every file desk wrote is readable", file: file, line: line)
        try assertWorkingTreeClean(file: file, line: line)
        try assertFsckClean(file: file, line: line)
    }
}
