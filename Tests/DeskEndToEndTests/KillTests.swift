import DeskTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at any instant: the repository passes `git fsck`, nothing acknowledged is lost, and
/// the next desk command finishes or forgets the interrupted operation (via `.git/desk/journal`).
final class KillTests: DeskTestCase {
    /// Runs one desk command over and over on a background thread until stopped.
    private final class CommandLoop: @unchecked Sendable {
        private let lock = NSLock()
        private let finished = DispatchSemaphore(value: 0)
        private var current: RunningProcess?
        private var stopped = false
        /// What each run that succeeded was asked to do (its arguments) and printed.
        private(set) var acknowledged: [(arguments: [String], stdout: String)] = []
        private(set) var failures: [CommandResult] = []
        private(set) var killedOne = false
        private var startError: Error?

        func start(_ desk: TemporaryDesk, _ arguments: @escaping @Sendable (Int) -> [String]) {
            Thread.detachNewThread { [self] in
                defer { finished.signal() }
                var i = 0
                while true {
                    i += 1
                    let args = arguments(i)
                    let process: RunningProcess
                    do {
                        lock.lock()
                        defer { lock.unlock() }
                        if stopped { return }
                        process = try desk.start(arguments: args)
                        current = process
                    } catch {
                        lock.withLock { startError = error }
                        return
                    }
                    let result = process.wait()
                    lock.withLock {
                        current = nil
                        if result.succeeded {
                            acknowledged.append((args, result.trimmedStdout))
                        } else if !result.signaled {
                            failures.append(result)
                        }
                    }
                }
            }
        }

        /// Stops the loop, killing the command that is running right now (if any), and waits for it.
        func killAndStop() throws {
            lock.withLock {
                stopped = true
                if let current, current.kill(SIGKILL) { killedOne = true }
            }
            finished.wait()
            if let startError { throw startError }
        }
    }

    /// Runs `arguments` in a loop and kills it after a random delay; returns what was acknowledged.
    private func killRound(_ round: Int, typical: Double, rng: inout SplitMix64,
                           _ arguments: @escaping @Sendable (Int) -> [String]) throws -> (CommandLoop, String) {
        let loop = CommandLoop()
        loop.start(desk, arguments)
        let delay = Double.random(in: 0.0...(2.5 * typical), using: &rng)
        usleep(useconds_t(delay * 1_000_000))
        try loop.killAndStop()
        let context = "round \(round), killed after \(Int(delay * 1000)) ms"
        XCTAssertEqual(loop.failures.map(\.description), [], "no run failed on its own (\(context))")
        return (loop, context)
    }

    /// How long one command takes here, so kills land anywhere in its life (not an assertion).
    private func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return max(0.02, Date().timeIntervalSince(start))
    }

    /// Ticket ids in HEAD's tree, read with plain git.
    private func committedTickets() throws -> Set<String> {
        let files = lines(try desk.gitOutput("ls-tree", "-r", "--name-only", "HEAD", "tickets"))
        return Set(files.filter { $0 != "tickets/README.md" }.map { String($0.split(separator: "/").last!.dropLast(3)) })
    }

    func testKillDeskNewAtRandomMoments() throws {
        var rng = SplitMix64.seeded("testKillDeskNewAtRandomMoments")
        let typical = try measure { _ = try desk.newTicket("calibration") }
        var acknowledged: Set<String> = []
        var kills = 0
        for round in 1...10 {
            let (loop, context) = try killRound(round, typical: typical, rng: &rng) { ["new", "round \(round) ticket \($0)"] }
            if loop.killedOne { kills += 1 }
            acknowledged.formUnion(loop.acknowledged.map(\.stdout))

            // Right after the kill: the repository is whole and nothing acknowledged is lost.
            try assertFsckClean(context)
            let committed = try committedTickets()
            XCTAssertTrue(acknowledged.isSubset(of: committed),
                          "acknowledged but not committed: \(acknowledged.subtracting(committed)) (\(context))")

            // The next desk new succeeds and leaves the desk clean and consistent.
            let next = try desk.run("new", "after round \(round)")
            assertSuccess(next, context)
            if next.succeeded { acknowledged.insert(next.trimmedStdout) }
            try assertWorkingTreeClean(context)
            try assertFsckClean(context)
            XCTAssertFalse(FileManager.default.fileExists(atPath: desk.url(".git/desk/journal").path),
                           "the journal is gone once the operation is finished (\(context))")
            let all = try committedTickets()
            XCTAssertEqual(Set(try desk.listIDs("--all")), all, "the index agrees with HEAD (\(context))")
            XCTAssertEqual(try desk.commitCount(), all.count + 1, "one commit per ticket (\(context))")
        }
        print("testKillDeskNewAtRandomMoments: \(kills) of 10 kills hit a running desk new; typical run \(Int(typical * 1000)) ms")
    }

    /// The same for changes to one existing ticket: after a kill the next change to that very
    /// ticket must work (an unfinished write would look like an uncommitted hand edit).
    func testKillDeskCommentAtRandomMoments() throws {
        var rng = SplitMix64.seeded("testKillDeskCommentAtRandomMoments")
        let id = try desk.newTicket("Busy ticket")
        let typical = try measure { assertSuccess(try desk.run("comment", id, "calibration")) }
        var acknowledged: [String] = ["calibration"]
        for round in 1...6 {
            let (loop, context) = try killRound(round, typical: typical, rng: &rng) { ["comment", id, "round \(round) comment \($0)"] }
            acknowledged += loop.acknowledged.map { $0.arguments[2] }
            try assertFsckClean(context)

            assertSuccess(try desk.run("comment", id, "after round \(round)"), context)
            acknowledged.append("after round \(round)")
            try assertWorkingTreeClean(context)
            let texts = (try desk.show(id)["activity"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            XCTAssertTrue(Set(acknowledged).isSubset(of: Set(texts)),
                          "acknowledged but missing: \(Set(acknowledged).subtracting(texts)) (\(context))")
            XCTAssertEqual(texts.count, Set(texts).count, "no comment recorded twice (\(context))")
        }
    }

    // MARK: Kills at precise instants, reproduced by leaving the state such a kill leaves

    private var branchRef: String { get throws { try desk.gitOutput("symbolic-ref", "HEAD") } }

    /// Writes the journal a desk writes before it moves HEAD (see Committer.swift).
    private func writeJournal(old: String?, new: String, paths: [String]) throws {
        var object: [String: Any] = ["new": new, "paths": paths]
        object["old"] = old ?? NSNull()
        try desk.write(".git/desk/journal", try JSONSerialization.data(withJSONObject: object))
    }

    /// Killed while holding the branch's lock file, just before HEAD would move: the lock is the
    /// dead desk's own (desk serialises its writers), so the next desk must not wait for it.
    func testKilledWhileMovingHeadLeavesAStaleRefLock() throws {
        _ = try desk.newTicket("Before")
        let head = try desk.head()
        let orphan = try desk.gitOutput("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "T-ZZZZZZZZ: new: never landed")
        try writeJournal(old: head, new: orphan, paths: ["tickets/ZZ/T-ZZZZZZZZ.md"])
        let refLock = desk.url(".git/" + (try branchRef) + ".lock")
        try desk.write(refLock.path.replacingOccurrences(of: desk.root.path + "/", with: ""), orphan + "\n")

        let next = try desk.run("new", "After the kill")
        assertSuccess(next, "the next desk new succeeds at once")
        XCTAssertFalse(FileManager.default.fileExists(atPath: refLock.path), "the stale ref lock is gone")
        XCTAssertEqual(try desk.gitOutput("rev-parse", "HEAD^"), head, "the interrupted commit never landed")
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    /// Killed after HEAD moved, while writing the ticket file: a half-written temporary file is left.
    func testKilledWhileWritingTheTicketFileLeavesATemporaryFile() throws {
        let id = try desk.newTicket("Interrupted")
        let path = TicketFile.path(id)
        let bytes = try desk.read(path)
        // Undo the working-tree half of the commit, as if desk died right after moving HEAD…
        assertSuccess(try desk.git("rm", "-q", "--cached", path))
        try FileManager.default.removeItem(at: desk.url(path))
        try writeJournal(old: try desk.gitOutput("rev-parse", "HEAD^"), new: try desk.head(), paths: [path])
        // …in the middle of writing the file through a temporary one.
        let shard = (path as NSString).deletingLastPathComponent
        try desk.write(shard + "/.desk-tmp-4242-123456789", bytes.prefix(bytes.count / 2))

        let next = try desk.run("new", "After the kill")
        assertSuccess(next)
        XCTAssertEqual(try desk.read(path), bytes, "the interrupted operation was finished")
        try assertWorkingTreeClean("(a killed desk's temporary file must not linger)")
        try assertFsckClean()
    }

    /// Killed while writing git's index: HEAD and the file are done, `.git/index.lock` is left.
    func testKilledWhileWritingGitsIndexLeavesAnIndexLock() throws {
        let id = try desk.newTicket("Interrupted")
        let path = TicketFile.path(id)
        assertSuccess(try desk.git("rm", "-q", "--cached", path))
        try writeJournal(old: try desk.gitOutput("rev-parse", "HEAD^"), new: try desk.head(), paths: [path])
        try desk.write(".git/index.lock", Data(repeating: 0, count: 64))

        let next = try desk.run("new", "After the kill")
        assertSuccess(next)
        XCTAssertFalse(FileManager.default.fileExists(atPath: desk.url(".git/index.lock").path))
        try assertWorkingTreeClean()
        try assertFsckClean()
    }

    /// Killed after writing objects and the journal, before touching HEAD: the next desk forgets it.
    func testKilledBeforeMovingHeadIsForgotten() throws {
        _ = try desk.newTicket("Before")
        let head = try desk.head()
        let orphan = try desk.gitOutput("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "never landed")
        try writeJournal(old: head, new: orphan, paths: ["tickets/ZZ/T-ZZZZZZZZ.md"])
        let next = try desk.run("new", "After the kill")
        assertSuccess(next)
        XCTAssertEqual(try desk.gitOutput("rev-parse", "HEAD^"), head)
        XCTAssertEqual(try desk.commitCount(), 3)
        try assertWorkingTreeClean()
        try assertFsckClean()
    }
}
