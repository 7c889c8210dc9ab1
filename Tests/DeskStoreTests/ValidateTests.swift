@testable import DeskStore
import XCTest

/// Checks applied to user-supplied values before they reach a ticket file.
final class ValidateTests: XCTestCase {
    /// `body` must throw `DeskError.invalidValue` for `field`; returns the `expected` text.
    @discardableResult
    private func assertInvalid(_ field: String, file: StaticString = #filePath, line: UInt = #line,
                               _ body: () throws -> Any) -> String? {
        do {
            let value = try body()
            XCTFail("expected invalidValue for \(field), got \(value)", file: file, line: line)
        } catch DeskError.invalidValue(let actual, _, let expected) {
            XCTAssertEqual(actual, field, file: file, line: line)
            XCTAssertFalse(expected.isEmpty, file: file, line: line)
            return expected
        } catch {
            XCTFail("expected invalidValue for \(field), got \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: title

    func testTitleIsTrimmed() throws {
        XCTAssertEqual(try Validate.title("  VPN drops \n"), "VPN drops")
        XCTAssertEqual(try Validate.title("\u{A0}NBSP\u{2028}"), "NBSP", "Unicode whitespace counts")
        XCTAssertEqual(try Validate.title("a\nb"), "a\nb", "inner newlines are kept (the codec quotes them)")
    }

    func testTitleMustHaveText() {
        for text in ["", "   ", "\n\t", "\u{3000}"] {
            assertInvalid("title") { try Validate.title(text) }
        }
    }

    func testTitleLengthLimitCountsCharacters() throws {
        XCTAssertEqual(try Validate.title(String(repeating: "é", count: 500)).count, 500)
        XCTAssertEqual(try Validate.title(String(repeating: "👩‍💻", count: 500)).count, 500)
        let expected = assertInvalid("title") { try Validate.title(String(repeating: "x", count: 501)) }
        XCTAssertTrue(expected?.contains("500") ?? false, expected ?? "")
    }

    // MARK: body

    func testBodyEndsWithOneNewline() throws {
        XCTAssertEqual(try Validate.body(""), "")
        XCTAssertEqual(try Validate.body("text"), "text\n")
        XCTAssertEqual(try Validate.body("text\n"), "text\n")
        XCTAssertEqual(try Validate.body("text\n\n"), "text\n\n", "existing blank lines are kept")
        XCTAssertEqual(try Validate.body("  indented"), "  indented\n", "not trimmed: Markdown cares")
    }

    func testBodyLineEndingsBecomeLF() throws {
        XCTAssertEqual(try Validate.body("a\r\nb\r\n"), "a\nb\n")
        XCTAssertEqual(try Validate.body("a\rb"), "a\nb\n", "old Mac line ends")
        XCTAssertEqual(try Validate.body("a\r\r\nb"), "a\n\nb\n")
        XCTAssertEqual(try Validate.body("\r\n"), "\n")
    }

    func testBodyThatPassesValidationCanBeStored() throws {
        var ticket = Fixture.minimal
        ticket.body = try Validate.body("Windows text\r\nwith CRLF\r\n---\r\n")
        XCTAssertNoThrow(try TicketCodec.decode(Array(TicketCodec.encode(ticket).utf8), path: Fixture.path))
    }

    func testBodyRejectsNULAndHugeText() throws {
        assertInvalid("body") { try Validate.body("binary\0data") }
        XCTAssertEqual(try Validate.body(String(repeating: "x", count: Validate.maxText - 1)).utf8.count, Validate.maxText)
        assertInvalid("body") { try Validate.body(String(repeating: "x", count: Validate.maxText + 1)) }
        assertInvalid("body") { try Validate.body(String(repeating: "é", count: Validate.maxText / 2 + 1)) }
    }

    // MARK: text (comments, resolutions, reasons)

    func testTextIsKeptExactly() throws {
        XCTAssertEqual(try Validate.text("  keep\n\nthis  \n", field: "comment"), "  keep\n\nthis  \n")
        assertInvalid("comment") { try Validate.text(" \n\t", field: "comment") }
        assertInvalid("reason") { try Validate.text("", field: "reason") }
        assertInvalid("comment") { try Validate.text(String(repeating: "x", count: Validate.maxText + 1), field: "comment") }
    }

    func testLeadingByteOrderMarkIsDroppedSoTextReadsBack() throws {
        // Yams drops U+FEFF at the start of a scalar when reading, so Validate must not let one through.
        XCTAssertEqual(try Validate.title("\u{FEFF}VPN"), "VPN")
        XCTAssertEqual(try Validate.name("\u{FEFF}alice\u{FEFF}", field: "requester"), "alice")
        XCTAssertEqual(try Validate.word("\u{FEFF}vpn", field: "tag"), "vpn")
        XCTAssertEqual(try Validate.text("\u{FEFF}pasted\u{FEFF}", field: "comment"), "pasted\u{FEFF}")
        assertInvalid("comment") { try Validate.text("\u{FEFF}", field: "comment") }
        var ticket = Fixture.minimal
        ticket.title = try Validate.title("\u{FEFF}VPN")
        ticket.activity = [ActivityEntry(id: "A-0000000A", at: ticket.created, author: "bob", kind: "comment",
                                         text: try Validate.text("\u{FEFF}pasted from a file", field: "comment"))]
        assertRoundTrip(ticket)
    }

    // MARK: names and tags

    func testNameIsOneTrimmedLine() throws {
        XCTAssertEqual(try Validate.name("  alice  ", field: "assignee"), "alice")
        XCTAssertEqual(try Validate.name("Zoë O'Brien-Łukasz 🚀", field: "requester"), "Zoë O'Brien-Łukasz 🚀")
        for bad in ["", "  ", "a\nb", "a\rb", "a\tb", "nul\0", "del\u{7F}", "esc\u{1B}[0m"] {
            assertInvalid("requester") { try Validate.name(bad, field: "requester") }
        }
        XCTAssertEqual(try Validate.name(String(repeating: "a", count: Validate.maxName), field: "group").count, Validate.maxName)
        assertInvalid("group") { try Validate.name(String(repeating: "a", count: Validate.maxName + 1), field: "group") }
    }

    func testTagIsAWordWithoutCommas() throws {
        XCTAssertEqual(try Validate.word(" vpn ", field: "tag"), "vpn")
        XCTAssertEqual(try Validate.word("remote work", field: "tag"), "remote work")
        XCTAssertEqual(try Validate.word(String(repeating: "t", count: 64), field: "tag").count, 64)
        for bad in ["a,b", ",", "a\nb", "", String(repeating: "t", count: 65)] {
            assertInvalid("tag") { try Validate.word(bad, field: "tag") }
        }
    }

    // MARK: ids

    func testArticleIDs() throws {
        XCTAssertEqual(try Validate.articleID("kb-4f7q2m"), "KB-4F7Q2M")
        XCTAssertEqual(try Validate.articleID("KB-o1"), "KB-01")
        XCTAssertEqual(try Validate.articleID("KB-1234567"), "KB-1234567", "at most 10 characters")
        for bad in ["KB-", "KB-12345678", "KB-../x", "4F7Q2M", "T-8KQ2M4XZ", "KB-4F7Q2U", "kb-ßß"] {
            assertInvalid("kb") { try Validate.articleID(bad) }
        }
    }

    func testTicketLinks() throws {
        XCTAssertEqual(try Validate.ticketLink("t-8kq2m4xz"), "T-8KQ2M4XZ")
        for bad in ["T-8KQ", "8KQ2M4XZ", "T-8KQ2M4XZ/..", ""] {
            assertInvalid("links") { try Validate.ticketLink(bad) }
        }
    }

    // MARK: helpers

    func testUniquedKeepsFirstOccurrenceOrder() {
        XCTAssertEqual(Validate.uniqued(["b", "a", "b", "c", "a"]), ["b", "a", "c"])
        XCTAssertEqual(Validate.uniqued([]), [])
    }

    func testTrimmingWhitespace() {
        XCTAssertEqual("  a b  ".trimmingWhitespace(), "a b")
        XCTAssertEqual("\u{A0}\u{2028}\u{3000}a\u{85}".trimmingWhitespace(), "a")
        XCTAssertEqual(" \n ".trimmingWhitespace(), "")
        XCTAssertEqual("e\u{301} ".trimmingWhitespace().unicodeScalars.count, 2, "combining marks are not whitespace")
    }
}
