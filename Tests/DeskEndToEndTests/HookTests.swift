import DeskTestSupport
import Foundation
import XCTest

/// `desk hooks install`: the pre-commit hook and merge driver in a desk, the pre-receive hook on a server.
final class HookTests: DeskTestCase {
    private var preCommit: URL { desk.url(".git/hooks/pre-commit") }

    private func isExecutable(_ url: URL) -> Bool {
        FileManager.default.isExecutableFile(atPath: url.path)
    }

    // MARK: Client

    func testInitWritesGitattributesAndTheMergeDriverConfig() throws {
        let attributes = try desk.gitOutput("show", "HEAD:.gitattributes")
        XCTAssertTrue(lines(attributes).contains("tickets/** merge=desk"), attributes)
        XCTAssertTrue(lines(attributes).contains("kb/** merge=desk"), attributes)
        assertContains(try desk.gitOutput("config", "--get", "merge.desk.driver"), "merge-driver %O %A %B %P")
        try assertWorkingTreeClean("after init")
    }

    func testInstallWritesTheHookTheMergeDriverAndGitattributes() throws {
        // A desk made before `desk init` wrote .gitattributes: hooks install adds it.
        assertSuccess(try desk.git("rm", "-q", ".gitattributes"))
        assertSuccess(try desk.git("commit", "-q", "-m", "a desk from before the merge driver"))
        assertSuccess(try desk.git("config", "--unset", "merge.desk.driver"))
        let id = try desk.newTicket("Printer jams")
        let before = try desk.head()
        let result = try desk.run("hooks", "install")
        assertSuccess(result)

        XCTAssertTrue(isExecutable(preCommit), "pre-commit is an executable file")
        let script = String(decoding: try Data(contentsOf: preCommit), as: UTF8.self)
        XCTAssertTrue(script.hasPrefix("#!/bin/sh\n"), script)
        assertContains(script, "lint --staged")
        assertContains(script, try DeskProcess.binary().path, "the hook calls the desk that installed it")

        let driver = try desk.gitOutput("config", "--get", "merge.desk.driver")
        assertContains(driver, "merge-driver %O %A %B %P")
        assertContains(driver, try DeskProcess.binary().path)

        XCTAssertNotEqual(try desk.head(), before, ".gitattributes is committed")
        XCTAssertEqual(try desk.gitOutput("rev-parse", "HEAD~1"), before, "in one commit")
        XCTAssertEqual(try desk.gitOutput("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"), ".gitattributes")
        let attributes = try desk.gitOutput("show", "HEAD:.gitattributes")
        XCTAssertTrue(lines(attributes).contains("tickets/** merge=desk"), attributes)
        XCTAssertEqual(try desk.gitOutput("check-attr", "merge", "--", TicketFile.path(id)),
                       "\(TicketFile.path(id)): merge: desk")
        try assertWorkingTreeClean("after hooks install")

        // Installing again replaces desk's own hook and commits nothing new.
        let head = try desk.head()
        assertSuccess(try desk.run("hooks", "install"))
        XCTAssertEqual(try desk.head(), head, "nothing to commit the second time")
        XCTAssertTrue(isExecutable(preCommit))
        try assertWorkingTreeClean("after a second install")
    }

    func testThePreCommitHookRefusesABrokenTicketAndLetsAGoodChangeThrough() throws {
        let id = try desk.newTicket("Printer jams")
        let path = TicketFile.path(id)
        assertSuccess(try desk.run("hooks", "install"))

        // A broken ticket, committed with plain git.
        try desk.editTicketLine(id, key: "status", to: "status: bogus")
        assertSuccess(try desk.git("add", path))
        let head = try desk.head()
        let refused = try desk.git("commit", "-m", "break it")
        XCTAssertNotEqual(refused.exitCode, 0, "the pre-commit hook refuses\n\(refused)")
        assertContains(refused.stderr, path)
        assertContains(refused.stderr, "[value]")
        XCTAssertEqual(try desk.head(), head, "nothing was committed")

        // An illegal status move is refused too.
        try desk.editTicketLine(id, key: "status", to: "status: closed")
        try desk.editTicketLine(id, key: "resolved", to: "resolved: 2030-01-01T00:00:00Z")
        assertSuccess(try desk.git("add", path))
        let transition = try desk.git("commit", "-m", "close it by hand")
        XCTAssertNotEqual(transition.exitCode, 0, "\(transition)")
        assertContains(transition.stderr, "[transition]")
        XCTAssertEqual(try desk.head(), head)

        // A good change goes through.
        assertSuccess(try desk.git("checkout", "HEAD", "--", path))
        try desk.editTicketLine(id, key: "title", to: "title: Printer jams on page 2")
        try desk.editTicketLine(id, key: "status", to: "status: open")
        assertSuccess(try desk.git("add", path))
        let accepted = try desk.git("commit", "-m", "fix the title")
        assertSuccess(accepted)
        XCTAssertNotEqual(try desk.head(), head)
        XCTAssertEqual(try desk.show(id)["title"] as? String, "Printer jams on page 2")

        // desk's own commits do not go through git's hooks and keep working.
        assertSuccess(try desk.run("comment", id, "Still jams"))
        try assertWorkingTreeClean()
    }

    /// `git commit -a` and `git commit -- PATH` commit from a temporary index (GIT_INDEX_FILE): the hook lints that one.
    func testThePreCommitHookChecksCommitAllAndPartialCommits() throws {
        let bad = try desk.newTicket("Broken by hand")
        let good = try desk.newTicket("Edited by hand")
        assertSuccess(try desk.run("hooks", "install"))
        let head = try desk.head()
        try desk.editTicketLine(bad, key: "created", to: "created: yesterday")
        try desk.editTicketLine(good, key: "title", to: "title: Edited by hand, twice")

        let all = try desk.git("commit", "-q", "-am", "everything")
        XCTAssertNotEqual(all.exitCode, 0, "\(all)")
        assertContains(all.stderr, "\(TicketFile.path(bad)):")
        assertContains(all.stderr, "[time]")
        XCTAssertEqual(try desk.head(), head)

        let partialBad = try desk.git("commit", "-q", "-m", "only the bad one", "--", TicketFile.path(bad))
        XCTAssertNotEqual(partialBad.exitCode, 0, "\(partialBad)")
        assertContains(partialBad.stderr, "[time]")
        XCTAssertEqual(try desk.head(), head)

        let partialGood = try desk.git("commit", "-q", "-m", "only the good one", "--", TicketFile.path(good))
        assertSuccess(partialGood, "the broken file is not part of this commit")
        XCTAssertNotEqual(try desk.head(), head)
        XCTAssertEqual(try desk.gitOutput("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"), TicketFile.path(good))
    }

    func testAForeignPreCommitHookIsKeptUnlessForced() throws {
        let foreign = "#!/bin/sh\necho my own hook\nexit 0\n"
        try FileManager.default.createDirectory(at: preCommit.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(foreign.utf8).write(to: preCommit)
        let head = try desk.head()

        let refused = try desk.run("hooks", "install")
        XCTAssertNotEqual(refused.exitCode, 0, "\(refused)")
        assertContains(refused.stderr, "pre-commit")
        assertContains(refused.stderr, "--force")
        XCTAssertEqual(String(decoding: try Data(contentsOf: preCommit), as: UTF8.self), foreign, "left alone")
        XCTAssertEqual(try desk.head(), head)

        assertSuccess(try desk.run("hooks", "install", "--force"))
        assertContains(String(decoding: try Data(contentsOf: preCommit), as: UTF8.self), "lint --staged")
        XCTAssertTrue(isExecutable(preCommit))
    }

    func testInstallJSON() throws {
        let result = try desk.run("hooks", "install", "--json")
        assertSuccess(result)
        let object = try JSON.object(result.stdout)
        let hooks = object["hooks"] as? [String] ?? []
        XCTAssertEqual(hooks.count, 1, "\(object)")
        XCTAssertTrue(hooks.first?.hasSuffix("/hooks/pre-commit") ?? false, "\(hooks)")
        XCTAssertEqual(Set(object["config"] as? [String] ?? []), ["merge.desk.name", "merge.desk.driver"])
        XCTAssertTrue(object.keys.contains("commit"), "\(object)")
        XCTAssertNil(object["commit"] as? String, "desk init committed .gitattributes already: nothing to commit")
    }

    // MARK: Server

    /// A bare repository holding the desk's main branch, with desk's pre-receive hook, and a clone of it.
    private func makeServer() throws -> (bare: URL, clone: URL) {
        let bare = desk.base.appendingPathComponent("server.git", isDirectory: true)
        let clone = desk.base.appendingPathComponent("clone", isDirectory: true)
        assertSuccess(try desk.git(in: desk.base, "init", "-q", "--bare", "--initial-branch=main", bare.path))
        assertSuccess(try desk.git("push", "-q", bare.path, "main"))
        let install = try desk.run("hooks", "install", "--server", bare.path)
        assertSuccess(install)
        let hook = bare.appendingPathComponent("hooks/pre-receive")
        XCTAssertTrue(isExecutable(hook), "pre-receive installed")
        assertContains(String(decoding: try Data(contentsOf: hook), as: UTF8.self), "lint --range")
        assertSuccess(try desk.git(in: desk.base, "clone", "-q", bare.path, clone.path))
        return (bare, clone)
    }

    private func serverMain(_ bare: URL) throws -> String {
        let result = try desk.git(in: bare, "rev-parse", "refs/heads/main")
        guard result.succeeded else { throw HarnessError("no main in the bare repository:\n\(result)") }
        return result.trimmedStdout
    }

    func testThePreReceiveHookRefusesABadPushAndAcceptsAGoodOne() throws {
        let id = try desk.newTicket("Printer jams")
        let (bare, clone) = try makeServer()
        let before = try serverMain(bare)

        // A bad commit made by hand in the clone: new → closed.
        try desk.editTicketLine(id, key: "status", to: "status: closed", in: clone)
        try desk.editTicketLine(id, key: "resolved", to: "resolved: 2030-01-01T00:00:00Z", in: clone)
        assertSuccess(try desk.gitAuthored(by: "mallory", "m@example.org", ["commit", "-q", "-am", "close it"], in: clone))
        let bad = try desk.gitOutput("-C", clone.path, "rev-parse", "HEAD")
        let refused = try desk.git(in: clone, "push", "origin", "main")
        XCTAssertNotEqual(refused.exitCode, 0, "the push is refused\n\(refused)")
        assertContains(refused.stderr, "pre-receive hook declined")
        assertContains(refused.stderr, "\(TicketFile.path(id)):")
        assertContains(refused.stderr, "[transition]")
        assertContains(refused.stderr, "commit \(bad.prefix(10)) by mallory")
        XCTAssertEqual(try serverMain(bare), before, "the server's main did not move")

        // The same change made with desk is a legal move and is accepted.
        assertSuccess(try desk.git(in: clone, "reset", "-q", "--hard", "origin/main"))
        assertSuccess(try desk.run("status", id, "open", cwd: clone))
        let good = try desk.gitOutput("-C", clone.path, "rev-parse", "HEAD")
        XCTAssertNotEqual(good, before)
        let accepted = try desk.git(in: clone, "push", "origin", "main")
        assertSuccess(accepted)
        XCTAssertEqual(try serverMain(bare), good, "the server's main moved")

        // Also with -C.
        assertSuccess(try desk.run("-C", clone.path, "comment", id, "On it"))
        assertSuccess(try desk.git(in: clone, "push", "origin", "main"))
        XCTAssertEqual(try serverMain(bare), try desk.gitOutput("-C", clone.path, "rev-parse", "HEAD"))
    }

    func testANewBranchWithABadCommitIsRefused() throws {
        let id = try desk.newTicket("Printer jams")
        let (bare, clone) = try makeServer()

        assertSuccess(try desk.git(in: clone, "checkout", "-q", "-b", "feature"))
        try desk.editTicketLine(id, key: "status", to: "status: bogus", in: clone)
        assertSuccess(try desk.gitAuthored(by: "mallory", "m@example.org", ["commit", "-q", "-am", "break it"], in: clone))
        let refused = try desk.git(in: clone, "push", "origin", "feature")
        XCTAssertNotEqual(refused.exitCode, 0, "\(refused)")
        assertContains(refused.stderr, "pre-receive hook declined")
        assertContains(refused.stderr, TicketFile.path(id))
        XCTAssertFalse(try desk.git(in: bare, "rev-parse", "--verify", "-q", "refs/heads/feature").succeeded,
                       "no feature branch on the server")

        // The clean counterpart: a new branch with a good commit is accepted.
        assertSuccess(try desk.git(in: clone, "checkout", "-q", "-b", "good", "origin/main"))
        try desk.editTicketLine(id, key: "title", to: "title: Printer jams on page 2", in: clone)
        assertSuccess(try desk.gitAuthored(by: "bob", "bob@example.org", ["commit", "-q", "-am", "better title"], in: clone))
        let accepted = try desk.git(in: clone, "push", "origin", "good")
        assertSuccess(accepted)
        XCTAssertEqual(try desk.gitOutput("-C", bare.path, "rev-parse", "refs/heads/good"),
                       try desk.gitOutput("-C", clone.path, "rev-parse", "HEAD"))

        // Deleting a branch brings nothing to check.
        assertSuccess(try desk.git(in: clone, "push", "-q", "origin", "--delete", "good"))
    }

    func testServerInstallOnSomethingThatIsNotARepositoryFails() throws {
        let nowhere = desk.base.appendingPathComponent("nowhere", isDirectory: true)
        try FileManager.default.createDirectory(at: nowhere, withIntermediateDirectories: true)
        let result = try desk.run("hooks", "install", "--server", nowhere.path)
        XCTAssertNotEqual(result.exitCode, 0, "\(result)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: nowhere.appendingPathComponent("hooks/pre-receive").path))
    }
}
