import DeskTestSupport
import Foundation
import XCTest

/// `desk remote`, `desk sync`, `desk clone` and `desk status --sync` between desks sharing a bare
/// repository on this machine (paths and `file://`).
final class SyncTests: XCTestCase {
    // swiftlint:disable:next implicitly_unwrapped_optional
    private var team: DeskTeam!
    private var alice: TemporaryDesk { team.desks[0] }
    private var bob: TemporaryDesk { team.desks[1] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        team = try DeskTeam(users: ["alice", "bob"])
    }

    override func tearDownWithError() throws {
        team?.remove()
        team = nil
        try super.tearDownWithError()
    }

    private func syncJSON(_ desk: TemporaryDesk, _ args: String...) throws -> [String: Any] {
        let result = try desk.run(arguments: ["sync", "--json"] + args)
        assertSuccess(result)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], result.description)
    }

    private func assertSameHead(_ desks: [TemporaryDesk], file: StaticString = #filePath, line: UInt = #line) throws {
        let heads = try desks.map { try $0.head() }
        XCTAssertEqual(Set(heads).count, 1, "heads differ: \(heads)", file: file, line: line)
        XCTAssertEqual(heads.first, try team.remoteHead(), "the remote has the same commit", file: file, line: line)
    }

    private func assertClean(_ desk: TemporaryDesk, file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try desk.git("status", "--porcelain", "--untracked-files=all")
        XCTAssertEqual(status.stdout, "", "git status is not clean in \(desk.user)'s desk", file: file, line: line)
        let fsck = try desk.git("fsck", "--strict", "--no-dangling", "--no-progress")
        XCTAssertTrue(fsck.succeeded && fsck.stdout.isEmpty && fsck.stderr.isEmpty, "\(fsck)", file: file, line: line)
        let diff = try desk.git("diff-index", "--cached", "--quiet", "HEAD")
        XCTAssertEqual(diff.exitCode, 0, "git's index differs from HEAD\n\(diff)", file: file, line: line)
    }

    func testFirstPushCloneAndRemoteCommands() throws {
        let list = try alice.run("remote", "list", "--json")
        assertSuccess(list)
        let remotes = try XCTUnwrap(JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]])
        XCTAssertEqual(remotes.first?["name"] as? String, "origin")
        XCTAssertEqual(remotes.first?["url"] as? String, team.bare.path)
        XCTAssertEqual(remotes.first?["ahead"] as? Int, 0)
        XCTAssertEqual(try bob.gitOutput("ls-tree", "-r", "--name-only", "HEAD"), try alice.gitOutput("ls-tree", "-r", "--name-only", "HEAD"))
        assertContains(try bob.gitOutput("config", "--get", "merge.desk.driver"), "merge-driver %O %A %B %P",
                       "desk clone sets up the merge driver")
        try assertSameHead([alice, bob])

        // A new ticket is one commit ahead, without the network.
        let id = try alice.newTicket("VPN drops every 10 minutes")
        let status = try alice.run("status", "--sync", "--json")
        assertSuccess(status)
        let standing = try XCTUnwrap(JSONSerialization.jsonObject(with: status.stdoutData) as? [String: Any])
        let origin = try XCTUnwrap((standing["remotes"] as? [[String: Any]])?.first)
        XCTAssertEqual(origin["ahead"] as? Int, 1)
        XCTAssertEqual(origin["behind"] as? Int, 0)

        let out = try syncJSON(alice)
        XCTAssertEqual(out["pushed"] as? Bool, true)
        let outgoing = try XCTUnwrap(out["outgoing"] as? [[String: Any]])
        XCTAssertEqual(outgoing.map { $0["id"] as? String }, [id])
        XCTAssertEqual(outgoing.first?["change"] as? String, "created")

        let incoming = try syncJSON(bob)
        XCTAssertEqual((incoming["incoming"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id])
        XCTAssertEqual(incoming["pushed"] as? Bool, false)
        XCTAssertEqual(try bob.show(id)["title"] as? String, "VPN drops every 10 minutes", "the index sees the synced ticket")
        try assertSameHead([alice, bob])
        try assertClean(bob)

        let again = try syncJSON(bob)
        XCTAssertEqual(again["up_to_date"] as? Bool, true)
        assertContains(try bob.run("sync").stdout, "Already in step")

        let removed = try alice.run("remote", "remove", "origin")
        assertSuccess(removed)
        let noRemote = try alice.run("sync")
        assertExit(noRemote, 2)
        assertContains(noRemote.stderr, "desk remote add origin URL")
    }

    func testConcurrentEditsOfOneTicketMergeFieldByFieldAndKeepEveryComment() throws {
        let id = try alice.newTicket("Printer jams", "--requester", "jan")
        try alice.require(alice.run("sync"), "sync")
        try bob.require(bob.run("sync"), "sync")

        try alice.require(alice.run("comment", id, "Tried a new cartridge"), "comment")
        try alice.require(alice.run("edit", id, "--set", "category=printing"), "edit")
        try bob.require(bob.run("comment", id, "Paper tray 2 is bent"), "comment")
        try bob.require(bob.run("edit", id, "--set", "title=Printer jams on floor 2"), "edit")
        sleep(1) // alice's title edit is the later one
        try alice.require(alice.run("edit", id, "--set", "title=Printer on floor 2 jams on every page"), "edit")

        try alice.require(alice.run("sync"), "alice's sync")
        let merge = try syncJSON(bob)
        XCTAssertNotNil(merge["merge_commit"] as? String, "both sides had commits: a merge")
        let conflicts = try XCTUnwrap(merge["conflicts"] as? [[String: Any]])
        XCTAssertEqual(conflicts.count, 1, "\(conflicts)")
        XCTAssertEqual(conflicts.first?["field"] as? String, "title")
        XCTAssertEqual(conflicts.first?["kept"] as? String, "Printer on floor 2 jams on every page")
        XCTAssertEqual(conflicts.first?["dropped"] as? String, "Printer jams on floor 2")
        try alice.require(alice.run("sync"), "alice's second sync")
        try assertSameHead([alice, bob])

        for desk in [alice, bob] {
            let ticket = try desk.show(id)
            XCTAssertEqual(ticket["title"] as? String, "Printer on floor 2 jams on every page")
            XCTAssertEqual(ticket["category"] as? String, "printing", "a field changed on one side only keeps that change")
            let activity = try XCTUnwrap(ticket["activity"] as? [[String: Any]])
            let comments = activity.filter { $0["kind"] as? String == "comment" }.compactMap { $0["text"] as? String }
            XCTAssertEqual(comments.sorted(), ["Paper tray 2 is bent", "Tried a new cartridge"])
            let sync = activity.filter { $0["kind"] as? String == "sync" }
            XCTAssertEqual(sync.count, 1, "the losing value is recorded once: \(sync)")
            assertContains("\(sync)", "Printer jams on floor 2")
            let times = activity.compactMap { $0["at"] as? String }
            XCTAssertEqual(times, times.sorted(), "activity in time order")
            try assertClean(desk)
        }
        let lint = try bob.run("lint")
        assertSuccess(lint, "the merged desk lints clean")
    }

    func testAFileChangedOnOneSideAndDeletedOnTheOtherKeepsTheChange() throws {
        let id = try alice.newTicket("Monitor flickers")
        try alice.require(alice.run("sync"), "sync")
        try bob.require(bob.run("sync"), "sync")
        let path = try XCTUnwrap(try alice.show(id)["path"] as? String)
        assertSuccess(try alice.git("rm", "-q", path))
        assertSuccess(try alice.git("commit", "-q", "-m", "remove by hand"))
        try bob.require(bob.run("comment", id, "Cable replaced"), "comment")
        try bob.require(bob.run("sync"), "sync")
        try alice.require(alice.run("sync"), "sync")
        try bob.require(bob.run("sync"), "sync")
        let ticket = try alice.show(id)
        assertContains("\(ticket["activity"] ?? "")", "Cable replaced")
        try assertSameHead([alice, bob])
        try assertClean(alice)
    }

    func testTheSameNewIDOnTwoDesksIsRenumberedInBoth() throws {
        let id = "T-SAME0001"
        let path = "tickets/SA/\(id).md"
        func ticket(_ title: String, created: String) -> String {
            TicketFile.minimal(id: id, title: title, created: created)
        }
        try alice.commitByHand(path, ticket("Alice's printer", created: "2026-11-01T09:00:00Z"))
        try bob.commitByHand(path, ticket("Bob's scanner", created: "2026-11-01T09:05:00Z"))
        try alice.require(alice.run("sync"), "sync")
        let merge = try syncJSON(bob)
        let renumbered = try XCTUnwrap(merge["renumbered"] as? [[String: Any]])
        XCTAssertEqual(renumbered.count, 1)
        let newPath = try XCTUnwrap(renumbered.first?["to"] as? String)
        XCTAssertNotEqual(newPath, path)
        try alice.require(alice.run("sync"), "sync")
        try assertSameHead([alice, bob])
        let titles = try alice.list("--all").compactMap { $0["title"] as? String }.sorted()
        XCTAssertEqual(titles, ["Alice's printer", "Bob's scanner"], "both tickets exist")
        let kept = try alice.show(id)
        XCTAssertEqual(kept["title"] as? String, "Alice's printer", "the one created first keeps its ID")
        let newID = String(newPath.split(separator: "/").last!.dropLast(3))
        for shown in [kept, try alice.show(newID)] {
            let activity = try XCTUnwrap(shown["activity"] as? [[String: Any]])
            XCTAssertTrue(activity.contains { $0["kind"] as? String == "sync" && "\($0)".contains(newID) },
                          "the renumbering is recorded in both tickets: \(activity)")
        }
        try assertClean(alice)
    }

    func testUncommittedEditsAreNeverDiscarded() throws {
        let id = try alice.newTicket("Keyboard missing keys")
        let path = try XCTUnwrap(try alice.show(id)["path"] as? String)
        let original = try alice.read(path)
        let edited = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "title: Keyboard missing keys",
                                                                                   with: "title: Keyboard missing three keys")
        try alice.write(path, edited)
        // Nothing came in: the sync only pushes and leaves the edit alone.
        try alice.require(alice.run("sync"), "a sync that only pushes")
        XCTAssertEqual(String(decoding: try alice.read(path), as: UTF8.self), edited)
        // Something came in: the sync would change the working tree, so it refuses.
        _ = try bob.newTicket("Bob's new ticket")
        try bob.require(bob.run("sync"), "bob's sync")
        let head = try alice.head()
        let refused = try alice.run("sync")
        assertExit(refused, 4)
        assertContains(refused.stderr, path)
        assertContains(refused.stderr, "never discards")
        XCTAssertEqual(try alice.head(), head)
        XCTAssertEqual(String(decoding: try alice.read(path), as: UTF8.self), edited, "the edit is still there")

        // --commit commits it after lint, then syncs.
        let out = try syncJSON(alice, "--commit")
        XCTAssertEqual(out["committed_first"] as? [String], [path])
        try bob.require(bob.run("sync"), "sync")
        XCTAssertEqual(try bob.show(id)["title"] as? String, "Keyboard missing three keys")

        // A broken file is not committed by --commit.
        try alice.write(path, "not a ticket\n")
        let broken = try alice.run("sync", "--commit")
        XCTAssertNotEqual(broken.exitCode, 0)
        assertContains(broken.stderr, path)
        XCTAssertEqual(String(decoding: try alice.read(path), as: UTF8.self), "not a ticket\n")
    }

    func testAConflictInDeskYmlStopsBeforeAnythingIsCommitted() throws {
        let config = String(decoding: try alice.read("desk.yml"), as: UTF8.self)
        let name = try XCTUnwrap(config.split(separator: "\n").first { $0.hasPrefix("name: ") })
        try alice.commitByHand("desk.yml", config.replacingOccurrences(of: name, with: "name: Service desk Amsterdam"))
        try bob.commitByHand("desk.yml", config.replacingOccurrences(of: name, with: "name: Service desk Oslo"))
        XCTAssertNotEqual(try alice.gitOutput("show", "HEAD:desk.yml"), try bob.gitOutput("show", "HEAD:desk.yml"))
        try alice.require(alice.run("sync"), "sync")
        let head = try bob.head()
        let stopped = try bob.run("sync", "--json")
        assertExit(stopped, 4)
        assertContains(stopped.stdout, "sync_conflict")
        assertContains(stopped.stderr, "desk.yml")
        XCTAssertEqual(try bob.head(), head, "nothing committed")
        try assertClean(bob)
    }

    func testFileURLsWork() throws {
        let other = try TemporaryDesk(user: "carol")
        defer { other.remove() }
        let url = "file://" + team.bare.path
        try other.require(other.run("clone", url, other.base.appendingPathComponent("clone").path), "clone over file://")
        let clone = other.base.appendingPathComponent("clone")
        let id = try other.newTicket("Laptop fan is loud", "-C", clone.path)
        try other.require(other.run("sync", "-C", clone.path), "sync over file://")
        try alice.require(alice.run("sync"), "sync")
        XCTAssertEqual(try alice.show(id)["title"] as? String, "Laptop fan is loud")
    }

    /// Several desks pushing to one bare repository at the same moment: every push that
    /// reports success is in the remote (libgit2's own local push would lose some).
    func testConcurrentSyncsLoseNothing() throws {
        let carol = try TemporaryDesk(user: "carol", initialize: false)
        defer { carol.remove() }
        try carol.require(carol.run("clone", team.remoteURL, carol.root.path), "clone")
        let desks = [alice, bob, carol]
        var created: [String] = []
        for round in 0..<4 {
            for desk in desks { created.append(try desk.newTicket("Round \(round) from \(desk.user)")) }
            let running = try desks.map { try $0.start(arguments: ["sync"]) }
            for process in running {
                let result = process.wait()
                assertSuccess(result, "concurrent sync")
            }
        }
        for desk in desks + desks { try desk.require(desk.run("sync"), "final sync") }
        try assertSameHead(desks)
        let ids = Set(try alice.listIDs("--all"))
        XCTAssertEqual(ids, Set(created), "every ticket from every desk arrived")
        for desk in desks { try assertClean(desk) }
        let fsck = try git(["fsck", "--strict", "--no-dangling", "--no-progress"], in: team.bare)
        XCTAssertTrue(fsck.succeeded, "\(fsck)")
    }

    func testErrorsNameTheRemoteAndChangeNothing() throws {
        try alice.require(alice.run("remote", "add", "nowhere", team.base.appendingPathComponent("missing.git").path), "remote add")
        let missing = try alice.run("sync", "nowhere")
        assertExit(missing, 8)
        assertContains(missing.stderr, "missing.git")
        let unreachable = try alice.run("remote", "add", "down", "git://127.0.0.1:9/desk.git")
        assertSuccess(unreachable)
        let down = try alice.run("sync", "down", "--json")
        assertExit(down, 8)
        assertContains(down.stdout, "\"remote\"")
        let duplicate = try alice.run("remote", "add", "origin", "/elsewhere.git")
        assertExit(duplicate, 2)
        let badName = try alice.run("remote", "add", "bad name", "/x.git")
        assertExit(badName, 2)
        let clone = try alice.run("clone", team.base.appendingPathComponent("missing.git").path, team.base.appendingPathComponent("c").path)
        XCTAssertNotEqual(clone.exitCode, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: team.base.appendingPathComponent("c").path), "a failed clone leaves nothing")
    }

    /// `kill -9` during a sync, at many different moments: the desk stays usable, git fsck is
    /// clean, and the next sync completes what the killed one began.
    func testAKilledSyncLeavesAUsableDeskAndTheNextSyncCompletes() throws {
        var rng = SplitMix64.seeded("testAKilledSyncLeavesAUsableDeskAndTheNextSyncCompletes")
        var created: [String] = []
        for round in 0..<6 {
            for i in 0..<4 { created.append(try bob.newTicket("Bob's ticket \(round).\(i)")) }
            try bob.require(bob.run("sync"), "bob's sync")
            created.append(try alice.newTicket("Alice's ticket \(round)"))
            let sync = try alice.start(arguments: ["sync"])
            usleep(useconds_t(rng.next() % 400_000))
            _ = sync.kill(SIGKILL)
            _ = sync.wait()
            let listed = try alice.run("list", "--all", "--json")
            assertSuccess(listed, "the desk works after a killed sync (round \(round))")
            let fsck = try alice.git("fsck", "--no-dangling", "--no-progress")
            XCTAssertTrue(fsck.succeeded && fsck.stdout.isEmpty, "\(fsck)")
        }
        try alice.require(alice.run("sync"), "alice's sync after the kills")
        try bob.require(bob.run("sync"), "bob's sync")
        try assertSameHead([alice, bob])
        XCTAssertEqual(Set(try alice.listIDs("--all")), Set(created), "nothing lost")
        try assertClean(alice)
    }


    /// A sync that brings in hundreds of files at once (an import, a long time offline) keeps
    /// git's index whole and its folder cache usable: `git status` clean, `git write-tree` is HEAD's tree.
    func testASyncBringingInManyFilesKeepsGitsIndexWhole() throws {
        let paths = (0..<260).map { String(format: "tickets/B%d/T-B%d%06d.md", $0 % 10, $0 % 10, $0) }
        for (i, path) in paths.enumerated() {
            let id = String(path.split(separator: "/").last!.dropLast(3))
            try bob.write(path, TicketFile.minimal(id: id, title: "Imported ticket \(i)"))
        }
        try bob.commitByHand(message: "import 260 tickets", paths: paths)
        try bob.require(bob.run("sync"), "bob's sync")
        let sync = try syncJSON(alice)
        XCTAssertEqual((sync["incoming"] as? [[String: Any]])?.count, 260)
        try assertClean(alice)
        let written = try alice.git("write-tree")
        XCTAssertEqual(written.trimmedStdout, try alice.gitOutput("rev-parse", "HEAD^{tree}"))
        XCTAssertEqual(try alice.list("--all").count, 260)
    }

}
