import DeskTestSupport
import Foundation
import XCTest

/// Several desk processes writing one desk at once: all succeed, every write is its own commit.
final class ConcurrencyTests: DeskTestCase {
    /// Runs `bash -c script` once per value of `P` (1…count) at the same time; returns their results.
    private func runConcurrently(_ count: Int, _ script: String) throws -> [CommandResult] {
        let processes = try (1...count).map { try desk.startShell(script, env: ["P": String($0)]) }
        return processes.map { $0.wait() }
    }

    func testThreeProcessesCreatingAHundredTicketsEach() throws {
        let script = """
        for i in $(seq 100); do
          desk new "p$P t$i" || echo "desk new p$P t$i failed with exit $?" >&2
        done
        """
        let results = try runConcurrently(3, script)
        var printed: [String] = []
        for result in results {
            assertSuccess(result)
            XCTAssertEqual(lines(result.stderr).filter { $0.contains("failed with exit") }, [], "every desk new succeeded")
            let ids = lines(result.stdout)
            XCTAssertEqual(ids.count, 100, "each process printed 100 ids")
            printed += ids
        }
        XCTAssertEqual(Set(printed).count, 300, "300 distinct ids")

        // All 300 tickets are there, each with the title its process gave it.
        let listed = try desk.list("--all")
        XCTAssertEqual(listed.count, 300)
        XCTAssertEqual(Set(listed.compactMap { $0["id"] as? String }), Set(printed))
        var expectedTitles: Set<String> = []
        for p in 1...3 { for i in 1...100 { expectedTitles.insert("p\(p) t\(i)") } }
        XCTAssertEqual(Set(listed.compactMap { $0["title"] as? String }), expectedTitles)

        // Every ticket in its own commit: 300 + init, each adding exactly one file.
        XCTAssertEqual(try desk.commitCount(), 301)
        XCTAssertEqual(lines(try desk.gitOutput("log", "--oneline")).count, 301)
        let files = lines(try desk.gitOutput("log", "--format=", "--name-only", "HEAD~300..HEAD"))
        XCTAssertEqual(files.count, 300)
        XCTAssertEqual(Set(files), Set(printed.map(TicketFile.path)))
        let ticketTrailers = lines(try desk.gitOutput("log", "--format=%(trailers:key=Desk-Ticket,valueonly)", "HEAD~300..HEAD"))
        XCTAssertEqual(Set(ticketTrailers), Set(printed))
        XCTAssertEqual(ticketTrailers.count, 300)
        XCTAssertEqual(lines(try desk.gitOutput("ls-files", "tickets")).filter { $0.hasSuffix(".md") && $0 != "tickets/README.md" }.count, 300)

        try assertFsckClean()
        try assertWorkingTreeClean()
        XCTAssertEqual(try desk.git("diff", "--cached", "--quiet").exitCode, 0, "git's index matches HEAD")
    }

    func testTwoProcessesCommentingOnTheSameTicket() throws {
        let id = try desk.newTicket("Busy ticket")
        let script = """
        for i in $(seq 20); do
          desk comment \(id) "p$P c$i" || echo "desk comment p$P c$i failed with exit $?" >&2
        done
        """
        for result in try runConcurrently(2, script) {
            assertSuccess(result)
            XCTAssertEqual(lines(result.stderr).filter { $0.contains("failed with exit") }, [])
        }
        let activity = try XCTUnwrap(try desk.show(id)["activity"] as? [[String: Any]])
        let texts = activity.compactMap { $0["text"] as? String }
        XCTAssertEqual(texts.count, 40)
        var expected: Set<String> = []
        for p in 1...2 { for i in 1...20 { expected.insert("p\(p) c\(i)") } }
        XCTAssertEqual(Set(texts), expected, "no comment lost")
        for p in 1...2 {
            let own = texts.filter { $0.hasPrefix("p\(p) ") }
            XCTAssertEqual(own, (1...20).map { "p\(p) c\($0)" }, "each process's comments in its order")
        }
        XCTAssertEqual(Set(activity.compactMap { $0["id"] as? String }).count, 40, "entry ids are unique")
        XCTAssertEqual(try desk.commitCount(), 1 + 1 + 40)
        try assertFsckClean()
        try assertWorkingTreeClean()
    }

    func testWritersReadersAndGCAtOnce() throws {
        let writer = try desk.startShell("""
        for i in $(seq 40); do desk new "w$i" || echo "new $i failed: $?" >&2; done
        """)
        let reader = try desk.startShell("""
        for i in $(seq 40); do desk list --all --json >/dev/null || echo "list $i failed: $?" >&2; done
        """)
        let packer = try desk.startShell("""
        for i in $(seq 5); do desk gc 2>/dev/null || echo "gc $i failed: $?" >&2; sleep 0.2; done
        """)
        for (name, result) in [("writer", writer.wait()), ("reader", reader.wait()), ("gc", packer.wait())] {
            assertSuccess(result, name)
            XCTAssertEqual(lines(result.stderr).filter { $0.contains("failed") }, [], name)
        }
        XCTAssertEqual(try desk.list("--all").count, 40)
        XCTAssertEqual(try desk.commitCount(), 41)
        try assertFsckClean()
        try assertWorkingTreeClean()
    }

    func testDeskAndPlainGitCommittingAtOnce() throws {
        let writer = try desk.startShell("""
        for i in $(seq 30); do desk new "d$i" || echo "desk new $i failed: $?" >&2; done
        """)
        let gitter = try desk.startShell("""
        export GIT_AUTHOR_NAME=Hand GIT_AUTHOR_EMAIL=hand@example.org GIT_COMMITTER_NAME=Hand GIT_COMMITTER_EMAIL=hand@example.org
        for i in $(seq 15); do
          echo "note $i" >> notes.txt
          # Retry while desk holds git's index lock, but not forever.
          for attempt in $(seq 100); do
            git add notes.txt 2>/dev/null && git commit -q -m "note $i" -- notes.txt 2>/dev/null && break
            [ "$attempt" = 100 ] && { echo "git commit $i failed 100 times" >&2; exit 1; }
            sleep 0.05
          done
        done
        """)
        let results = [writer.wait(), gitter.wait()]
        for result in results { assertSuccess(result) }
        XCTAssertEqual(lines(results[0].stderr).filter { $0.contains("failed") }, [])
        XCTAssertEqual(try desk.list("--all").count, 30, "no desk commit was lost to a git commit")
        XCTAssertEqual(lines(try desk.gitOutput("log", "--format=%s", "--", "notes.txt")).count, 15,
                       "no git commit was lost to a desk commit")
        XCTAssertEqual(try desk.commitCount(), 1 + 30 + 15)
        try assertFsckClean()
        try assertWorkingTreeClean()
    }
}
