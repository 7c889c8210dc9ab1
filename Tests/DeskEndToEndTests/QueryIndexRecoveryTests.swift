import DeskTestSupport
import Foundation
import XCTest

/// `.git/desk/` is derived data: damaged or deleted, desk rebuilds it from git and carries on.
final class QueryIndexRecoveryTests: DeskTestCase {
    private var indexPath: String { desk.url(".git/desk/index.sqlite").path }

    private func makeTickets() throws -> Set<String> {
        var ids: Set<String> = []
        ids.insert(try desk.newTicket("Café machine", "--department", "sales"))
        ids.insert(try desk.newTicket("VPN drops", "--department", "finance"))
        let resolved = try desk.newTicket("Printer")
        assertSuccess(try desk.run("resolve", resolved, "--resolution", "toner"))
        ids.insert(resolved)
        XCTAssertEqual(Set(try desk.listIDs("--all")), ids, "index built")
        return ids
    }

    private func removeSQLiteSideFiles() {
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: indexPath + suffix) }
    }

    private func assertListWorks(_ ids: Set<String>, _ context: String, file: StaticString = #filePath,
                                 line: UInt = #line) throws {
        let all = try desk.run("list", "--all", "--json")
        assertSuccess(all, context, file: file, line: line)
        guard all.succeeded else { return }
        XCTAssertEqual(Set(try JSON.array(all.stdout).compactMap { $0["id"] as? String }), ids, context, file: file, line: line)
        let filtered = try desk.run("list", "--department", "sales", "--json")
        assertSuccess(filtered, context, file: file, line: line)
        guard filtered.succeeded else { return }
        XCTAssertEqual(try JSON.array(filtered.stdout).count, 1, context, file: file, line: line)
        let search = try desk.run("list", "--query", "cafe", "--json")
        assertSuccess(search, context, file: file, line: line)
        guard search.succeeded else { return }
        XCTAssertEqual(try JSON.array(search.stdout).count, 1, context, file: file, line: line)
    }

    func testIndexOverwrittenWithGarbageIsRebuilt() throws {
        let ids = try makeTickets()
        removeSQLiteSideFiles()
        var garbage = Data()
        for i in 0..<20_000 { garbage.append(UInt8(truncatingIfNeeded: i &* 7919 &+ 13)) }
        try garbage.write(to: URL(fileURLWithPath: indexPath))
        let list = try desk.run("list", "--all", "--json")
        assertSuccess(list)
        XCTAssertEqual(Set(try JSON.array(list.stdout).compactMap { $0["id"] as? String }), ids)
        try assertListWorks(ids, "after the rebuild")
        // And mutations keep working with the rebuilt index.
        let id = try desk.newTicket("After the rebuild")
        XCTAssertTrue(try desk.listIDs().contains(id))
        try assertWorkingTreeClean()
    }

    func testIndexTruncatedOrEmptiedIsRebuilt() throws {
        let ids = try makeTickets()
        let original = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        for (name, bytes) in [("empty", Data()), ("text", Data("not a database\n".utf8)),
                              ("truncated", original.prefix(original.count / 3)), ("header only", original.prefix(100))] {
            removeSQLiteSideFiles()
            try bytes.write(to: URL(fileURLWithPath: indexPath))
            try assertListWorks(ids, name)
        }
    }

    /// Damage one page at a time of an index SQLite can still open: every query must still be right.
    func testIndexWithADamagedPageIsRebuilt() throws {
        let ids = try makeTickets()
        removeSQLiteSideFiles()
        let original = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        let pageSize = Int(original[16]) << 8 | Int(original[17])
        XCTAssertGreaterThanOrEqual(pageSize, 512, "not an SQLite file?")
        let pages = original.count / max(pageSize, 1)
        XCTAssertGreaterThan(pages, 2)
        for page in 1..<pages {
            var damaged = original
            damaged.replaceSubrange(page * pageSize..<(page + 1) * pageSize, with: Data(repeating: 0xA5, count: pageSize))
            removeSQLiteSideFiles()
            try damaged.write(to: URL(fileURLWithPath: indexPath))
            let context = "page \(page + 1) of \(pages) damaged"
            let all = try desk.run("list", "--all", "--json")
            assertSuccess(all, context)
            if all.succeeded {
                XCTAssertEqual(Set(try JSON.array(all.stdout).compactMap { $0["id"] as? String }), ids, context)
            }
            let search = try desk.run("list", "--query", "cafe", "--json")
            assertSuccess(search, context)
            if search.succeeded { XCTAssertEqual(try JSON.array(search.stdout).count, 1, context) }
        }
        try assertListWorks(ids, "after the last damaged page")
    }

    func testDeletingTheStateFolderLosesNothing() throws {
        let ids = try makeTickets()
        try FileManager.default.removeItem(at: desk.url(".git/desk"))
        try assertListWorks(ids, "after rm -rf .git/desk")

        try FileManager.default.removeItem(at: desk.url(".git/desk"))
        let id = try desk.newTicket("Made without a state folder")
        assertSuccess(try desk.run("comment", id, "still works"))
        try assertListWorks(ids.union([id]), "after a mutation without .git/desk")
        try assertWorkingTreeClean()
        try assertFsckClean()
        XCTAssertEqual(try desk.gitOutput("ls-files", ".git"), "", "derived data is never committed")
    }

    func testStateFolderReplacedByAFileGivesAClearError() throws {
        _ = try makeTickets()
        try FileManager.default.removeItem(at: desk.url(".git/desk"))
        try desk.write(".git/desk", "not a folder\n")
        let head = try desk.head()
        let result = try desk.run("list")
        XCTAssertFalse(result.signaled, result.description)
        XCTAssertNotEqual(result.exitCode, 0, result.description)
        assertContains(result.stderr, ".git/desk")
        XCTAssertEqual(lines(result.stderr).count, 1, result.description)
        XCTAssertEqual(try desk.head(), head)
    }
}
