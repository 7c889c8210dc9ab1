@testable import DeskStore
import XCTest

/// `FileMerge.merge` on tickets: hand-written base/ours/theirs files and the exact merged file.
final class TicketMergeTests: XCTestCase {
    private let path = "tickets/8K/T-8KQ2M4XZ.md"

    /// A ticket file as desk writes it; `activity` is the literal YAML of the entries (or `[]`).
    private func ticket(title: String = "VPN drops every hour", status: String = "open", assignee: String? = nil,
                        category: String? = nil, updated: String = "2026-11-23T14:05:00Z", responded: String? = nil,
                        tags: String = "", extra: String = "", activity: String = " []", body: String = "") -> String {
        """
        ---
        id: T-8KQ2M4XZ
        title: \(title)
        status: \(status)
        priority:
        impact:
        urgency:
        category:\(category.map { " " + $0 } ?? "")
        requester:
        department:
        assignee:\(assignee.map { " " + $0 } ?? "")
        group:
        created: 2026-11-23T14:05:00Z
        updated: \(updated)
        response_due:
        resolve_due:
        responded:\(responded.map { " " + $0 } ?? "")
        resolved:
        tags: [\(tags)]
        links: []
        kb: []
        asset:
        channel:
        \(extra)activity:\(activity)
        ---
        \(body)
        """
    }

    private func merge(_ base: String?, _ ours: String?, _ theirs: String?, oursSide: (Int64?, String?) = (nil, nil),
                       theirsSide: (Int64?, String?) = (nil, nil), file: StaticString = #filePath,
                       line: UInt = #line) -> FileMergeOutcome {
        func side(_ text: String?, _ info: (Int64?, String?)) -> MergeSide {
            MergeSide(bytes: text.map { Array($0.utf8) }, commitTime: info.0, commit: info.1.flatMap(ObjectID.init(hex:)))
        }
        let outcome = FileMerge.merge(path: path, base: base.map { Array($0.utf8) }, ours: side(ours, oursSide),
                                      theirs: side(theirs, theirsSide))
        // Every merge must come out the same with the sides swapped (but conflict markers name the sides).
        let swapped = FileMerge.merge(path: path, base: base.map { Array($0.utf8) }, ours: side(theirs, theirsSide),
                                      theirs: side(ours, oursSide))
        if outcome.clean {
            XCTAssertEqual(outcome.bytes.map(text), swapped.bytes.map(text), "swapping ours and theirs changes the result",
                           file: file, line: line)
        }
        XCTAssertEqual(outcome.clean, swapped.clean, file: file, line: line)
        XCTAssertEqual(outcome.notes, swapped.notes, file: file, line: line)
        XCTAssertEqual(outcome.renumbered, swapped.renumbered, file: file, line: line)
        return outcome
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Fields

    func testAFieldChangedOnOneSideTakesThatSide() {
        let base = ticket()
        let ours = ticket(title: "VPN drops every hour on Wi-Fi", updated: "2026-11-24T09:00:00Z")
        let theirs = ticket(assignee: "bob", updated: "2026-11-24T08:00:00Z")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text),
                       ticket(title: "VPN drops every hour on Wi-Fi", assignee: "bob", updated: "2026-11-24T09:00:00Z"))
        XCTAssertEqual(outcome.notes, [])
        XCTAssertTrue(outcome.clean)
    }

    func testAFieldChangedOnBothSidesKeepsTheLaterChangeAndRecordsTheOther() {
        let base = ticket(assignee: "alice")
        let ours = ticket(title: "VPN broken", assignee: "carol", updated: "2026-11-24T09:00:00Z")
        let theirs = ticket(title: "VPN drops on Wi-Fi", assignee: "bob", updated: "2026-11-24T10:30:00Z")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(title: "VPN drops on Wi-Fi", assignee: "bob", updated: "2026-11-24T10:30:00Z",
                                                      activity: """

            - id: A-YJS2CPA7
              at: 2026-11-24T10:30:00Z
              author: desk
              kind: sync
              field: title
              from: VPN broken
              to: VPN drops on Wi-Fi
              text: both desks changed title, kept the later value 'VPN drops on Wi-Fi', dropped 'VPN broken'
            - id: A-RPSXMK75
              at: 2026-11-24T10:30:00Z
              author: desk
              kind: sync
              field: assignee
              from: carol
              to: bob
              text: both desks changed assignee, kept the later value 'bob', dropped 'carol'
            """))
        XCTAssertEqual(outcome.notes, [
            MergeConflictNote(path: path, field: "title", kept: "VPN drops on Wi-Fi", dropped: "VPN broken"),
            MergeConflictNote(path: path, field: "assignee", kept: "bob", dropped: "carol"),
        ])
        XCTAssertTrue(outcome.clean)
        // The entry ids are a hash of what was decided: the same on every replica, run and version
        // (checked against an independent SHA-1: "conflict\0path\0title\0kept\0dropped\0").
        XCTAssertEqual(SyncEntry.entryID("conflict", path, "title", "VPN drops on Wi-Fi", "VPN broken"), "A-YJS2CPA7")
    }

    func testTheSameChangeOnBothSidesIsNoConflict() {
        let base = ticket()
        let ours = ticket(category: "network", updated: "2026-11-24T09:00:00Z")
        let theirs = ticket(category: "network", updated: "2026-11-24T10:00:00Z", body: "Seen on Wi-Fi.\n")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(category: "network", updated: "2026-11-24T10:00:00Z", body: "Seen on Wi-Fi.\n"))
        XCTAssertEqual(outcome.notes, [])
    }

    func testAFieldClearedOnOneSideAndChangedOnTheOtherIsAConflict() {
        let base = ticket(category: "network")
        let ours = ticket(updated: "2026-11-24T11:00:00Z")
        let theirs = ticket(category: "vpn", updated: "2026-11-24T10:00:00Z")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.notes, [MergeConflictNote(path: path, field: "category", kept: "", dropped: "vpn")])
        let merged = outcome.bytes.map(text) ?? ""
        XCTAssertTrue(merged.contains("category:\n"), merged)
        XCTAssertTrue(merged.contains("  from: vpn\n  text: both desks changed category, kept the later value (none), dropped 'vpn'\n"), merged)
        XCTAssertFalse(merged.contains("  to:"), "a cleared value has no `to`\n\(merged)")
    }

    func testTheFirstResponseIsTheEarlierOfTheTwo() {
        let base = ticket()
        let ours = ticket(updated: "2026-11-24T11:00:00Z", responded: "2026-11-24T11:00:00Z")
        let theirs = ticket(updated: "2026-11-24T10:00:00Z", responded: "2026-11-24T10:00:00Z")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(updated: "2026-11-24T11:00:00Z", responded: "2026-11-24T10:00:00Z"))
        XCTAssertEqual(outcome.notes, [])
    }

    func testTheResolvedTimeComesWithTheStatusThatWins() {
        // Resolved on one desk, put on hold later on the other: not resolved any more.
        let base = ticket()
        let resolved = ticket(status: "resolved", updated: "2026-11-24T09:00:00Z")
            .replacingOccurrences(of: "resolved:\n", with: "resolved: 2026-11-24T09:00:00Z\n")
        let pending = ticket(status: "pending", updated: "2026-11-24T10:00:00Z")
        let onHold = merge(base, resolved, pending)
        XCTAssertEqual(onHold.bytes.map(text), pending.replacingOccurrences(of: "activity: []", with: """
            activity:
            - id: A-YNHSWCVX
              at: 2026-11-24T10:00:00Z
              author: desk
              kind: sync
              field: status
              from: resolved
              to: pending
              text: both desks changed status, kept the later value 'pending', dropped 'resolved'
            """))
        XCTAssertEqual(onHold.notes.map(\.field), ["status"])

        // Closed on one desk, reopened earlier on the other: closed, and still resolved.
        let wasResolved = ticket(status: "resolved", updated: "2026-11-24T09:00:00Z")
            .replacingOccurrences(of: "resolved:\n", with: "resolved: 2026-11-24T09:00:00Z\n")
        let closed = wasResolved.replacingOccurrences(of: "status: resolved", with: "status: closed")
            .replacingOccurrences(of: "updated: 2026-11-24T09:00:00Z", with: "updated: 2026-11-24T12:00:00Z")
        let reopened = ticket(status: "open", updated: "2026-11-24T11:00:00Z")
        let outcome = merge(wasResolved, closed, reopened)
        let merged = outcome.bytes.map(text) ?? ""
        XCTAssertTrue(merged.contains("status: closed\n"), merged)
        XCTAssertTrue(merged.contains("resolved: 2026-11-24T09:00:00Z\n"), merged)
        XCTAssertEqual(outcome.notes.map(\.field), ["status"])
    }

    // MARK: Who is later

    func testEqualTimesAreDecidedByTheGreaterCommitIdWhenKnown() {
        let base = ticket()
        let ours = ticket(title: "A title", updated: "2026-11-24T09:00:00Z")
        let theirs = ticket(title: "B title", updated: "2026-11-24T09:00:00Z")
        let small = String(repeating: "1", count: 40), large = "f" + String(repeating: "0", count: 39)
        let oursLater = merge(base, ours, theirs, oursSide: (nil, large), theirsSide: (nil, small))
        XCTAssertEqual(oursLater.notes.map(\.kept), ["A title"])
        let theirsLater = merge(base, ours, theirs, oursSide: (nil, small), theirsSide: (nil, large))
        XCTAssertEqual(theirsLater.notes.map(\.kept), ["B title"])
        // Without commits (the merge driver): the greater bytes, here "B title".
        XCTAssertEqual(merge(base, ours, theirs).notes.map(\.kept), ["B title"])
    }

    func testAFileWithoutUpdatedUsesItsCommitTime() {
        let base = TicketMergeTests.handWritten(title: "Printer jams")
        let ours = TicketMergeTests.handWritten(title: "Printer jams on page 2")
        let theirs = TicketMergeTests.handWritten(title: "Printer broken")
        let outcome = merge(base, ours, theirs, oursSide: (1_800_000_000, nil), theirsSide: (1_700_000_000, nil))
        XCTAssertEqual(outcome.notes, [MergeConflictNote(path: path, field: "title", kept: "Printer jams on page 2",
                                                         dropped: "Printer broken")])
    }

    private static func handWritten(title: String) -> String {
        "---\nid: T-8KQ2M4XZ\ntitle: \(title)\nstatus: new\ncreated: 2026-11-23T14:05:00Z\n---\n"
    }

    // MARK: Lists, unknown keys

    func testTagsMergeAsASet() {
        let base = ticket(tags: "vpn, network, urgent")
        let ours = ticket(updated: "2026-11-24T09:00:00Z", tags: "vpn, urgent, wifi")
        let theirs = ticket(updated: "2026-11-24T10:00:00Z", tags: "vpn, network, boss, wifi")
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(updated: "2026-11-24T10:00:00Z", tags: "vpn, boss, wifi"))
        XCTAssertEqual(outcome.notes, [])
    }

    func testAListChangedOnOneSideKeepsThatSidesOrder() {
        let base = ticket(tags: "a, b")
        let ours = ticket(updated: "2026-11-24T09:00:00Z", tags: "b, a, c")
        let theirs = ticket(title: "New", updated: "2026-11-24T10:00:00Z", tags: "a, b")
        XCTAssertEqual(merge(base, ours, theirs).bytes.map(text), ticket(title: "New", updated: "2026-11-24T10:00:00Z", tags: "b, a, c"))
    }

    func testUnknownKeysMergeKeyByKey() {
        let base = ticket(extra: "site: Berlin\n")
        let ours = ticket(updated: "2026-11-24T09:00:00Z", extra: "site: Berlin\nzone: north\n")
        let theirs = ticket(updated: "2026-11-24T10:00:00Z", extra: "site: Bonn\nfloor: third\n")
        XCTAssertEqual(merge(base, ours, theirs).bytes.map(text),
                       ticket(updated: "2026-11-24T10:00:00Z", extra: "site: Bonn\nfloor: third\nzone: north\n"))
    }

    // MARK: Activity

    private let created = """

        - id: A-CREATED1
          at: 2026-11-23T14:05:00Z
          author: alice
          kind: created
        """

    private func comment(_ id: String, _ at: String, _ text: String) -> String {
        "\n- id: \(id)\n  at: \(at)\n  author: bob\n  kind: comment\n  text: \(text)"
    }

    func testCommentsAddedOnBothSidesAppearOnceEachInTimeOrder() {
        let base = ticket(activity: created)
        let ours = ticket(updated: "2026-11-24T10:00:00Z",
                          activity: created + comment("A-0URS1111", "2026-11-24T09:00:00Z", "ours first")
                            + comment("A-0URS2222", "2026-11-24T10:00:00Z", "ours second"))
        let theirs = ticket(updated: "2026-11-24T09:30:00Z",
                            activity: created + comment("A-THE1RS11", "2026-11-24T08:00:00Z", "theirs first")
                              + comment("A-0URS1111", "2026-11-24T09:00:00Z", "ours first")
                              + comment("A-THE1RS22", "2026-11-24T09:30:00Z", "theirs second"))
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(updated: "2026-11-24T10:00:00Z", activity: created
            + comment("A-THE1RS11", "2026-11-24T08:00:00Z", "theirs first")
            + comment("A-0URS1111", "2026-11-24T09:00:00Z", "ours first")
            + comment("A-THE1RS22", "2026-11-24T09:30:00Z", "theirs second")
            + comment("A-0URS2222", "2026-11-24T10:00:00Z", "ours second")))
        XCTAssertEqual(outcome.notes, [])
    }

    func testEntriesAtTheSameTimeKeepEachSidesOrderAndInterleaveByID() {
        let base = ticket(activity: created)
        let at = "2026-11-24T09:00:00Z"
        // Each side wrote two entries in one second, ids out of alphabetical order.
        let ours = ticket(updated: at, activity: created + comment("A-Z0000000", at, "ours 1") + comment("A-A0000000", at, "ours 2"))
        let theirs = ticket(updated: at, activity: created + comment("A-M0000000", at, "theirs 1") + comment("A-B0000000", at, "theirs 2"))
        XCTAssertEqual(merge(base, ours, theirs).bytes.map(text), ticket(updated: at, activity: created
            + comment("A-M0000000", at, "theirs 1") + comment("A-B0000000", at, "theirs 2")
            + comment("A-Z0000000", at, "ours 1") + comment("A-A0000000", at, "ours 2")))
    }

    func testAnEntryRemovedOnOneSideStaysRemoved() {
        let extra = comment("A-SPAM0000", "2026-11-23T15:00:00Z", "spam")
        let base = ticket(activity: created + extra)
        let ours = ticket(updated: "2026-11-24T09:00:00Z", activity: created)
        let theirs = ticket(updated: "2026-11-24T10:00:00Z", activity: created + extra + comment("A-NEW00000", "2026-11-24T10:00:00Z", "hi"))
        XCTAssertEqual(merge(base, ours, theirs).bytes.map(text), ticket(updated: "2026-11-24T10:00:00Z",
            activity: created + comment("A-NEW00000", "2026-11-24T10:00:00Z", "hi")))
    }

    // MARK: Description

    private let paragraphs = "The VPN drops every hour.\n\nIt started on Monday.\n\nOther users are fine.\n"

    func testNonOverlappingBodyEditsMerge() {
        let base = ticket(body: paragraphs)
        let ours = ticket(updated: "2026-11-24T09:00:00Z",
                          body: paragraphs.replacingOccurrences(of: "every hour", with: "every 55 minutes"))
        let theirs = ticket(updated: "2026-11-24T10:00:00Z",
                            body: paragraphs.replacingOccurrences(of: "Other users are fine.", with: "Other users are fine; only Wi-Fi."))
        let outcome = merge(base, ours, theirs)
        XCTAssertEqual(outcome.bytes.map(text), ticket(updated: "2026-11-24T10:00:00Z",
            body: "The VPN drops every 55 minutes.\n\nIt started on Monday.\n\nOther users are fine; only Wi-Fi.\n"))
        XCTAssertEqual(outcome.notes, [])
    }

    func testOverlappingBodyEditsKeepTheLaterBodyAndRecordTheOther() {
        let base = ticket(body: paragraphs)
        let ours = ticket(updated: "2026-11-24T09:00:00Z", body: paragraphs.replacingOccurrences(of: "Monday", with: "Tuesday"))
        let theirs = ticket(updated: "2026-11-24T10:00:00Z", body: paragraphs.replacingOccurrences(of: "Monday", with: "Friday"))
        let outcome = merge(base, ours, theirs)
        let kept = paragraphs.replacingOccurrences(of: "Monday", with: "Friday")
        let dropped = paragraphs.replacingOccurrences(of: "Monday", with: "Tuesday")
        XCTAssertEqual(outcome.bytes.map(text), ticket(updated: "2026-11-24T10:00:00Z", activity: """

            - id: A-T8QCT87K
              at: 2026-11-24T10:00:00Z
              author: desk
              kind: sync
              field: body
              text: |
                both desks edited the same lines of the description, kept the later version. The other version was:

                The VPN drops every hour.

                It started on Tuesday.

                Other users are fine.
            """, body: kept))
        XCTAssertEqual(outcome.notes, [MergeConflictNote(path: path, field: "body", kept: kept, dropped: dropped)])
        XCTAssertTrue(outcome.clean)
    }

    // MARK: Deletion

    func testChangedOnOneSideAndDeletedOnTheOtherKeepsTheChange() {
        let base = ticket()
        let changed = ticket(status: "resolved", updated: "2026-11-24T09:00:00Z")
        XCTAssertEqual(merge(base, changed, nil).bytes.map(text), changed)
        XCTAssertEqual(merge(base, nil, changed).bytes.map(text), changed)
        XCTAssertNil(merge(base, nil, nil).bytes, "deleted on both sides")
        XCTAssertNil(merge(base, base, nil).bytes, "deleted on one side, untouched on the other")
    }

    // MARK: Replicas

    func testTwoReplicasMergingTheSamePairWriteTheSameBytesAndAgreeLater() throws {
        let base = ticket(activity: created)
        let ours = ticket(title: "VPN broken", updated: "2026-11-24T09:00:00Z",
                          activity: created + comment("A-0URS1111", "2026-11-24T09:00:00Z", "ours"))
        let theirs = ticket(title: "VPN slow", updated: "2026-11-24T10:00:00Z",
                            activity: created + comment("A-THE1RS11", "2026-11-24T10:00:00Z", "theirs"))
        let first = try XCTUnwrap(merge(base, ours, theirs).bytes)
        let second = try XCTUnwrap(merge(base, theirs, ours).bytes)
        XCTAssertEqual(text(first), text(second))
        // One replica merged, the other merged too: their results merge to the same file, sync entry once.
        let again = try XCTUnwrap(merge(theirs, text(first), text(second)).bytes)
        XCTAssertEqual(text(again), text(first))
        // A replica that merged, then meets the other side's later comment, keeps one sync entry.
        let more = ticket(title: "VPN slow", updated: "2026-11-24T11:00:00Z", activity: created
            + comment("A-THE1RS11", "2026-11-24T10:00:00Z", "theirs") + comment("A-THE1RS22", "2026-11-24T11:00:00Z", "later"))
        let merged = text(try XCTUnwrap(merge(theirs, text(first), more).bytes))
        XCTAssertEqual(merged.components(separatedBy: "kind: sync").count - 1, 1, merged)
        XCTAssertTrue(merged.hasSuffix("  text: later\n---\n"), merged)
        XCTAssertNoThrow(try TicketCodec.decodeFile(Array(merged.utf8), path: path))
    }

    // MARK: Files that do not parse

    func testAnUnreadableTicketMergesAsTextAndAConflictIsNotClean() {
        let base = ticket()
        let ours = ticket(title: "One", updated: "2026-11-24T09:00:00Z").replacingOccurrences(of: "status: open\n", with: "status: [open\n")
        let theirs = ticket(title: "Two", updated: "2026-11-24T10:00:00Z")
        let outcome = merge(base, ours, theirs)
        XCTAssertFalse(outcome.clean)
        XCTAssertTrue((outcome.bytes.map(text) ?? "").contains("<<<<<<< ours"))

        let clean = merge(base, ours.replacingOccurrences(of: "title: One\n", with: "title: VPN drops every hour\n")
                                .replacingOccurrences(of: "updated: 2026-11-24T09:00:00Z", with: "updated: 2026-11-23T14:05:00Z"),
                          ticket(assignee: "bob"))
        XCTAssertTrue(clean.clean)
        XCTAssertEqual(clean.bytes.map(text), ticket(assignee: "bob").replacingOccurrences(of: "status: open\n", with: "status: [open\n"))
    }
}
