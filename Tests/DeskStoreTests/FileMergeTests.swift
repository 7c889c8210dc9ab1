@testable import DeskStore
import XCTest

/// Both desks created the same ticket id: the later ticket is renumbered, the same way everywhere.
final class TicketMergeIDCollisionTests: XCTestCase {
    private let path = "tickets/8K/T-8KQ2M4XZ.md"

    private func ticket(title: String, created: String, body: String = "") -> String {
        """
        ---
        id: T-8KQ2M4XZ
        title: \(title)
        status: new
        priority:
        impact:
        urgency:
        category:
        requester:
        department:
        assignee:
        group:
        created: \(created)
        updated: \(created)
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
        \(body)
        """
    }

    private var first: String { ticket(title: "Printer jams", created: "2026-11-24T09:00:00Z") }
    private var second: String { ticket(title: "Mouse is broken", created: "2026-11-24T09:00:05Z") }

    private func side(_ text: String) -> MergeSide { MergeSide(bytes: Array(text.utf8)) }
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testTheLaterTicketIsRenumberedAndBothRecordIt() throws {
        let result = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second))
        XCTAssertEqual(result.kept.path, path)
        let moved = try TicketCodec.decodeFile(result.renumbered.bytes, path: result.renumbered.path)
        XCTAssertEqual(moved.title, "Mouse is broken")
        let newID = moved.id.rawValue
        XCTAssertNotEqual(newID, "T-8KQ2M4XZ")
        XCTAssertNotNil(TicketID(newID), "a valid ticket id")
        XCTAssertEqual(result.renumbered.path, "tickets/\(newID.dropFirst(2).prefix(2))/\(newID).md")
        XCTAssertEqual(newID, "T-3A39HKAP", "the new id is a hash of the ticket's bytes: the same on every replica and in every version (checked with an independent SHA-1)")

        XCTAssertEqual(text(result.kept.bytes), first.replacingOccurrences(of: "updated: 2026-11-24T09:00:00Z",
                                                                           with: "updated: 2026-11-24T09:00:05Z")
            .replacingOccurrences(of: "activity: []\n", with: """
                activity:
                - id: A-4QZBWM4X
                  at: 2026-11-24T09:00:05Z
                  author: desk
                  kind: sync
                  field: id
                  from: T-8KQ2M4XZ
                  to: \(newID)
                  text: T-8KQ2M4XZ from another desk was renumbered \(newID) ('Mouse is broken'), both desks had created T-8KQ2M4XZ

                """))
        XCTAssertEqual(moved.activity.map(\.text), ["renumbered T-8KQ2M4XZ to \(newID), another desk had created T-8KQ2M4XZ first ('Printer jams')"])
        XCTAssertEqual(moved.activity.map(\.author), ["desk"])
        XCTAssertEqual(moved.activity.map(\.kind), ["sync"])
    }

    func testResolvingTwiceOrWithTheSidesSwappedGivesTheSameResult() throws {
        let once = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second))
        let twice = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second))
        let swapped = try FileMerge.resolveIDCollision(path: path, ours: side(second), theirs: side(first))
        for other in [twice, swapped] {
            XCTAssertEqual(other.kept.path, once.kept.path)
            XCTAssertEqual(other.kept.bytes, once.kept.bytes)
            XCTAssertEqual(other.renumbered.path, once.renumbered.path)
            XCTAssertEqual(other.renumbered.bytes, once.renumbered.bytes)
        }
    }

    func testCreatedAtTheSameSecondTheGreaterBytesAreRenumbered() throws {
        let a = ticket(title: "Alpha", created: "2026-11-24T09:00:00Z")
        let b = ticket(title: "Beta", created: "2026-11-24T09:00:00Z")
        for (ours, theirs) in [(a, b), (b, a)] {
            let result = try FileMerge.resolveIDCollision(path: path, ours: side(ours), theirs: side(theirs))
            XCTAssertEqual(try TicketCodec.decode(result.renumbered.bytes, path: result.renumbered.path).title, "Beta")
        }
    }

    func testATakenNewIDIsDrawnAgainDeterministically() throws {
        let plain = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second))
        let taken = plain.renumbered.path
        let again = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second)) { $0 == taken }
        XCTAssertNotEqual(again.renumbered.path, taken)
        let third = try FileMerge.resolveIDCollision(path: path, ours: side(second), theirs: side(first)) { $0 == taken }
        XCTAssertEqual(third.renumbered.path, again.renumbered.path)
    }

    func testMergeOfTwoAddedTicketsReportsTheRenumberedOne() throws {
        let outcome = FileMerge.merge(path: path, base: nil, ours: side(second), theirs: side(first))
        let resolved = try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(second))
        XCTAssertEqual(outcome.bytes, resolved.kept.bytes)
        XCTAssertEqual(outcome.renumbered, MergedFile(path: resolved.renumbered.path, bytes: resolved.renumbered.bytes))
        XCTAssertEqual(outcome.notes.map(\.field), ["id"])
        XCTAssertTrue(outcome.clean)
    }

    func testUnreadableOrIdenticalSidesAreRefused() {
        XCTAssertThrowsError(try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side(first)))
        XCTAssertThrowsError(try FileMerge.resolveIDCollision(path: path, ours: side(first), theirs: side("not a ticket\n")))
    }

    func testAnArticleCollisionIsRenumberedToo() throws {
        func article(_ title: String, _ created: String) -> String {
            "---\nid: KB-4F7Q2M\ntitle: \(title)\nstatus: draft\naudience: internal\ntags: []\ncategory:\ncreated: \(created)\n"
                + "updated: \(created)\nowner:\nsource: []\n---\n"
        }
        let a = article("Reset a token", "2026-11-24T09:00:00Z"), b = article("Map a drive", "2026-11-24T10:00:00Z")
        let result = try FileMerge.resolveIDCollision(path: "kb/KB-4F7Q2M.md", ours: side(b), theirs: side(a))
        XCTAssertEqual(text(result.kept.bytes), a)
        let moved = try ArticleCodec.decodeFile(result.renumbered.bytes, path: result.renumbered.path)
        XCTAssertEqual(moved.title, "Map a drive")
        XCTAssertEqual(moved.id.rawValue.count, 9)
    }
}

/// Files desk does not merge field by field (desk.yml, README, …): git's line merge.
final class TicketMergeTextFileTests: XCTestCase {
    private func merge(_ path: String, _ base: String?, _ ours: String, _ theirs: String) -> FileMergeOutcome {
        FileMerge.merge(path: path, base: base.map { Array($0.utf8) }, ours: MergeSide(bytes: Array(ours.utf8)),
                        theirs: MergeSide(bytes: Array(theirs.utf8)))
    }

    func testNonOverlappingEditsAreClean() {
        let outcome = merge("desk.yml", "a: 1\nb: 2\nc: 3\n", "a: 10\nb: 2\nc: 3\n", "a: 1\nb: 2\nc: 30\n")
        XCTAssertTrue(outcome.clean)
        XCTAssertEqual(outcome.bytes.map { String(decoding: $0, as: UTF8.self) }, "a: 10\nb: 2\nc: 30\n")
        XCTAssertEqual(outcome.notes, [])
    }

    func testAConflictIsNotCleanAndKeepsMarkers() {
        let outcome = merge("README.md", "# Desk\n", "# Our desk\n", "# Their desk\n")
        XCTAssertFalse(outcome.clean)
        XCTAssertEqual(outcome.bytes.map { String(decoding: $0, as: UTF8.self) },
                       "<<<<<<< ours\n# Our desk\n=======\n# Their desk\n>>>>>>> theirs\n")
    }

    func testAddedOnBothSidesDifferentlyConflicts() {
        XCTAssertFalse(merge("docs/notes.md", nil, "one\n", "two\n").clean)
    }

    func testAFileInTicketsThatIsNotATicketMergesAsText() {
        let outcome = merge("tickets/README.md", "x\n", "y\n", "z\n")
        XCTAssertFalse(outcome.clean)
    }
}
