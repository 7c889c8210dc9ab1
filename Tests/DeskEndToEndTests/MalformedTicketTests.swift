import DeskTestSupport
import Foundation
import XCTest

/// A broken ticket file committed by hand: one clear message naming file and line, and the rest
/// of the desk keeps working.
final class MalformedTicketTests: DeskTestCase {
    static let badID = "T-BAD00001"
    static let badPath = TicketFile.path(badID)

    /// Lines 1–5 of a valid ticket; what follows decides what is wrong.
    static let header = "---\nid: T-BAD00001\ntitle: Broken\nstatus: new\ncreated: 2026-01-05T09:00:00Z\n"

    /// Commits `bytes` as the bad ticket next to two good ones, then checks every command against it.
    /// `lines` are the file lines an error message may name (the first is where the problem is).
    private func check(_ bytes: [UInt8], lines expectedLines: [Int], file: StaticString = #filePath,
                       line: UInt = #line) throws {
        let good = try desk.newTicket("Good one")
        let other = try desk.newTicket("Good two", "--assignee", "bob")
        try desk.commitByHand(Self.badPath, Data(bytes), message: "a broken ticket")
        let pathAndLine = "(\(NSRegularExpression.escapedPattern(for: Self.badPath))):(\(expectedLines.map(String.init).joined(separator: "|")))\\b"

        // desk list: exit 0, one warning naming the file, the other tickets listed.
        for round in ["cold index", "warm index"] {
            let list = try desk.run("list", "--json")
            assertExit(list, 0, round, file: file, line: line)
            XCTAssertEqual(Set(try JSON.array(list.stdout).compactMap { $0["id"] as? String }), [good, other],
                           round, file: file, line: line)
            let warnings = lines(list.stderr).filter { $0.contains(Self.badPath) }
            XCTAssertEqual(warnings.count, 1, "one warning naming the file (\(round)):\n\(list.stderr)", file: file, line: line)
            XCTAssertNotNil(list.stderr.range(of: pathAndLine, options: .regularExpression),
                            "warning names file and line \(expectedLines):\n\(list.stderr)", file: file, line: line)
        }

        // desk show of the broken ticket: exit 5, file and line in the message.
        let show = try desk.run("show", Self.badID)
        assertExit(show, 5, file: file, line: line)
        XCTAssertEqual(show.stdout, "", file: file, line: line)
        XCTAssertNotNil(show.stderr.range(of: pathAndLine, options: .regularExpression),
                        "message names file and line \(expectedLines):\n\(show.stderr)", file: file, line: line)
        XCTAssertEqual(lines(show.stderr).count, 1, "one readable message:\n\(show.stderr)", file: file, line: line)
        let json = try desk.run("show", Self.badID, "--json")
        assertExit(json, 5, file: file, line: line)
        let error = try JSON.error(json.stdout)
        XCTAssertEqual(error.code, "invalid_file", file: file, line: line)
        assertContains(error.message, Self.badPath, file: file, line: line)

        // Mutating the broken ticket is refused and writes nothing.
        let head = try desk.head()
        assertExit(try desk.run("assign", Self.badID, "bob"), 5, file: file, line: line)
        XCTAssertEqual(try desk.head(), head, file: file, line: line)
        XCTAssertEqual(try desk.read(Self.badPath), Data(bytes), "the broken file is left as it is", file: file, line: line)

        // Every other ticket keeps working.
        assertSuccess(try desk.run("comment", good, "still fine"), file: file, line: line)
        assertSuccess(try desk.run("assign", other, "carol"), file: file, line: line)
        XCTAssertNoThrow(try desk.newTicket("Made after the broken one"), file: file, line: line)
        assertSuccess(try desk.run("log"), file: file, line: line)
        XCTAssertEqual(try desk.read(Self.badPath), Data(bytes), file: file, line: line)
        try assertWorkingTreeClean(file: file, line: line)
        try assertFsckClean(file: file, line: line)
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testBadYAML() throws {
        try check(bytes(Self.header + "tags: [a, b\n---\n"), lines: [6, 7])
    }

    /// A valid ticket whose `id:` is not the one its file name says (copied by hand, say).
    func testIDThatDoesNotMatchTheFileName() throws {
        let copied = Self.header.replacingOccurrences(of: "id: T-BAD00001", with: "id: T-BAD00002") + "---\n"
        try check(bytes(copied), lines: [2])
    }

    func testUnclosedFrontMatter() throws {
        try check(bytes(Self.header + "tags: []\n\nno closing line\n"), lines: [1])
    }

    func testCRLFLineEnds() throws {
        try check(bytes(Self.header.replacingOccurrences(of: "\n", with: "\r\n") + "---\r\nbody\r\n"), lines: [1])
    }

    func testByteOrderMark() throws {
        try check([0xEF, 0xBB, 0xBF] + bytes(Self.header + "---\n"), lines: [1])
    }

    func testBinaryFile() throws {
        try check(bytes(Self.header + "---\nbody\n") + [0x00, 0x01, 0x02, 0xFF, 0x00, 0x0A], lines: [8])
    }

    func testDuplicateKey() throws {
        try check(bytes(Self.header + "title: Again\n---\n"), lines: [6])
    }

    func testInvalidUTF8() throws {
        try check(bytes(Self.header + "category: caf") + [0xC3, 0x28] + bytes("\n---\n"), lines: [6])
    }

    func testYAMLAnchorsAndAliases() throws {
        try check(bytes(Self.header + "category: &c hardware\ngroup: *c\n---\n"), lines: [6, 7])
    }

    func testWrongType() throws {
        try check(bytes(Self.header + "tags: {a: b}\n---\n"), lines: [6])
    }

    func testIdThatDoesNotMatchTheFileName() throws {
        try check(bytes(Self.header.replacingOccurrences(of: "id: T-BAD00001", with: "id: T-BAD00002") + "---\n"),
                  lines: [2])
    }

    func testMissingRequiredField() throws {
        try check(bytes("---\nid: T-BAD00001\nstatus: new\ncreated: 2026-01-05T09:00:00Z\n---\n"), lines: [1, 2])
    }
}
