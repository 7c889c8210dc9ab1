@testable import DeskStore
import XCTest

/// `FileMerge.merge` on knowledge articles: field by field, conflicts only as notes.
final class ArticleMergeTests: XCTestCase {
    private let path = "kb/KB-4F7Q2M.md"

    private func article(title: String = "Reset a VPN token", status: String = "draft", tags: String = "vpn",
                         owner: String? = nil, updated: String = "2026-11-20T10:00:00Z", body: String = "1. Open the portal.\n") -> String {
        """
        ---
        id: KB-4F7Q2M
        title: \(title)
        status: \(status)
        audience: internal
        tags: [\(tags)]
        category:
        created: 2026-11-20T10:00:00Z
        updated: \(updated)
        owner:\(owner.map { " " + $0 } ?? "")
        source: []
        ---
        \(body)
        """
    }

    private func merge(_ base: String?, _ ours: String?, _ theirs: String?, file: StaticString = #filePath,
                       line: UInt = #line) -> FileMergeOutcome {
        let b = base.map { Array($0.utf8) }
        let o = MergeSide(bytes: ours.map { Array($0.utf8) }), t = MergeSide(bytes: theirs.map { Array($0.utf8) })
        let outcome = FileMerge.merge(path: path, base: b, ours: o, theirs: t)
        let swapped = FileMerge.merge(path: path, base: b, ours: t, theirs: o)
        XCTAssertEqual(outcome.bytes, swapped.bytes, "swapping ours and theirs changes the result", file: file, line: line)
        XCTAssertEqual(outcome.notes, swapped.notes, file: file, line: line)
        return outcome
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testFieldsChangedOnDifferentSidesBothApply() {
        let outcome = merge(article(), article(status: "published", updated: "2026-11-21T10:00:00Z"),
                            article(owner: "alice", updated: "2026-11-22T10:00:00Z"))
        XCTAssertEqual(outcome.bytes.map(text), article(status: "published", owner: "alice", updated: "2026-11-22T10:00:00Z"))
        XCTAssertEqual(outcome.notes, [])
    }

    func testBothSidesChangingTheTitleKeepTheLaterOneAsANoteOnly() {
        let outcome = merge(article(), article(title: "Reset an RSA token", updated: "2026-11-22T10:00:00Z"),
                            article(title: "VPN token reset", updated: "2026-11-21T10:00:00Z"))
        XCTAssertEqual(outcome.bytes.map(text), article(title: "Reset an RSA token", updated: "2026-11-22T10:00:00Z"))
        XCTAssertEqual(outcome.notes, [MergeConflictNote(path: path, field: "title", kept: "Reset an RSA token",
                                                         dropped: "VPN token reset")])
        XCTAssertTrue(outcome.clean)
    }

    func testTagsMergeAsASetAndBodiesMergeAsText() {
        let base = article(tags: "vpn, token", body: "1. Open the portal.\n2. Click reset.\n3. Log in again.\n")
        let ours = article(tags: "vpn, rsa", updated: "2026-11-21T10:00:00Z",
                           body: "1. Open https://portal.example.com.\n2. Click reset.\n3. Log in again.\n")
        let theirs = article(tags: "token, mfa", updated: "2026-11-22T10:00:00Z",
                             body: "1. Open the portal.\n2. Click reset.\n3. Log in again with the new code.\n")
        XCTAssertEqual(merge(base, ours, theirs).bytes.map(text), article(tags: "mfa, rsa", updated: "2026-11-22T10:00:00Z",
            body: "1. Open https://portal.example.com.\n2. Click reset.\n3. Log in again with the new code.\n"))
    }

    func testOverlappingBodiesKeepTheLaterWithTheOtherInTheNote() {
        let outcome = merge(article(), article(updated: "2026-11-21T10:00:00Z", body: "1. Call the desk.\n"),
                            article(updated: "2026-11-22T10:00:00Z", body: "1. Use the self-service page.\n"))
        XCTAssertEqual(outcome.bytes.map(text), article(updated: "2026-11-22T10:00:00Z", body: "1. Use the self-service page.\n"))
        XCTAssertEqual(outcome.notes, [MergeConflictNote(path: path, field: "body", kept: "1. Use the self-service page.\n",
                                                         dropped: "1. Call the desk.\n")])
    }

    func testChangedOnOneSideAndDeletedOnTheOtherKeepsTheChange() {
        let changed = article(status: "published", updated: "2026-11-21T10:00:00Z")
        XCTAssertEqual(merge(article(), nil, changed).bytes.map(text), changed)
    }
}
