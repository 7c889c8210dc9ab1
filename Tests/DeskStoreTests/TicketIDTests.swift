@testable import DeskStore
import DeskTestSupport
import XCTest

/// Ticket ids: `T-` and 8 Crockford base-32 characters, case-insensitive, never a path.
final class TicketIDTests: XCTestCase {
    func testCanonicalID() throws {
        let id = try XCTUnwrap(TicketID("T-8KQ2M4XZ"))
        XCTAssertEqual(id.rawValue, "T-8KQ2M4XZ")
        XCTAssertEqual(id.description, "T-8KQ2M4XZ")
        XCTAssertEqual(id.body, "8KQ2M4XZ")
    }

    func testCaseInsensitive() {
        XCTAssertEqual(TicketID("t-8kq2m4xz")?.rawValue, "T-8KQ2M4XZ")
        XCTAssertEqual(TicketID("T-8kQ2m4Xz")?.rawValue, "T-8KQ2M4XZ")
        XCTAssertEqual(TicketID("t-8kq2m4xz"), TicketID("T-8KQ2M4XZ"))
    }

    func testCrockfordLookAlikesAreMapped() {
        XCTAssertEqual(TicketID("T-O0oOABCD")?.rawValue, "T-0000ABCD", "o and O read as zero")
        XCTAssertEqual(TicketID("T-IiLl1ABC")?.rawValue, "T-11111ABC", "i, I, l and L read as one")
    }

    func testShardAndPath() throws {
        let id = try XCTUnwrap(TicketID("t-8kq2m4xz"))
        XCTAssertEqual(id.shard, "8K")
        XCTAssertEqual(id.path, "tickets/8K/T-8KQ2M4XZ.md")
        XCTAssertEqual(Fixture.id.path, Fixture.path)
    }

    func testRejectsWrongShapes() {
        for text in ["", "T-", "T-8KQ2M4X", "T-8KQ2M4XZ0", "8KQ2M4XZ", "T8KQ2M4XZ", "T_8KQ2M4XZ", "KB-8KQ2M4XZ", "T--8KQ2M4X",
                     "T-8KQ2M4XU", "T-8KQ2M4X!", " T-8KQ2M4XZ", "T-8KQ2M4XZ ", "T-8KQ2 4XZ"] {
            XCTAssertNil(TicketID(text), text.debugDescription)
        }
    }

    func testRejectsPathCharacters() {
        for text in ["T-8KQ2/4XZ", "T-8KQ2\\4XZ", "T-../../XY", "../../etc/passwd", "T-8KQ2M4X/", "T-8KQ2M4X\0",
                     "T-8KQ2M4X\n", "T-8KQ2M4X.", "T-8KQ:M4XZ", "T-8KQ2M4X%", "T-8KQ2M4XZ/../../x"] {
            XCTAssertNil(TicketID(text), text.debugDescription)
        }
    }

    func testRejectsNonASCIILookAlikes() {
        // Unicode case mapping would make `ß` → `SS` and `ı` → `I` → 1; ids are ASCII only.
        for text in ["t-ßßßß", "T-ıııııııı", "T-8KQ2M4XＺ", "T-８KQ2M4XZ", "Т-8KQ2M4XZ", "T-8KQ2M4X\u{301}Z", "t-ﬀﬀﬀﬀ"] {
            XCTAssertNil(TicketID(text), text.debugDescription)
        }
    }

    func testRandomIDsAreCanonicalAndReadBack() {
        var rng = SplitMix64(seed: 7)
        var seen = Set<TicketID>()
        for _ in 0..<2_000 {
            let id = TicketID.random(using: &rng)
            XCTAssertEqual(id.rawValue.count, 10)
            XCTAssertEqual(TicketID(id.rawValue), id, id.rawValue)
            XCTAssertEqual(TicketID(id.rawValue.lowercased()), id, id.rawValue)
            XCTAssertTrue(id.body.allSatisfy { Crockford.allowed.contains($0) }, id.rawValue)
            seen.insert(id)
        }
        XCTAssertGreaterThan(seen.count, 1_990, "40 random bits: collisions among 2,000 are rare")
    }

    func testRandomIDsUseTheWholeAlphabet() {
        var rng = SplitMix64(seed: 11)
        let used = Set((0..<500).flatMap { _ in TicketID.random(using: &rng).body })
        XCTAssertEqual(used, Crockford.allowed)
        XCTAssertEqual(Crockford.alphabet.count, 32)
        XCTAssertFalse(Crockford.allowed.contains { "ILOU".contains($0) })
    }

    func testOrderingIsByText() throws {
        let a = try XCTUnwrap(TicketID("T-00000001"))
        let b = try XCTUnwrap(TicketID("T-0000000A"))
        XCTAssertLessThan(a, b)
    }

    func testActivityIDs() {
        var rng = SplitMix64(seed: 3)
        let id = ActivityEntry.newID(using: &rng)
        XCTAssertTrue(id.hasPrefix("A-"))
        XCTAssertEqual(id.count, 10)
        XCTAssertTrue(id.dropFirst(2).allSatisfy { Crockford.allowed.contains($0) }, id)
        XCTAssertNotEqual(id, ActivityEntry.newID(using: &rng))
    }
}
