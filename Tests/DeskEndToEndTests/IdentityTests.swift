import DeskTestSupport
import Foundation
import XCTest

/// Who is acting: DESK_USER (and DESK_EMAIL), else the git identity; it becomes the commit's author.
final class IdentityTests: DeskTestCase {
    private func author() throws -> String { try desk.gitOutput("log", "-1", "--format=%an <%ae>") }

    func testDeskUserIsTheAuthor() throws {
        let result = try desk.run("new", "Printer jams", env: ["DESK_USER": "bob"])
        assertSuccess(result)
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%an"), "bob")
        let ticket = try desk.show(result.trimmedStdout)
        XCTAssertTrue(JSON.isNull(ticket, "requester"), "the requester is not invented from the actor")

        assertSuccess(try desk.run("comment", result.trimmedStdout, "hi", env: ["DESK_USER": "Zoë Ångström",
                                                                                  "DESK_EMAIL": "zoe@example.org"]))
        XCTAssertEqual(try author(), "Zoë Ångström <zoe@example.org>")
        XCTAssertEqual((try desk.show(result.trimmedStdout)["activity"] as? [[String: Any]])?.last?["author"] as? String,
                       "Zoë Ångström")
        try assertFsckClean()
    }

    func testGitIdentityIsUsedWithoutDeskUser() throws {
        assertSuccess(try desk.run("new", "From the environment", env: ["GIT_AUTHOR_NAME": "carol",
                                                                        "GIT_AUTHOR_EMAIL": "carol@example.org"],
                                   unset: ["DESK_USER"]))
        XCTAssertEqual(try author(), "carol <carol@example.org>")
        assertSuccess(try desk.git("config", "user.name", "dave"))
        assertSuccess(try desk.git("config", "user.email", "dave@example.org"))
        assertSuccess(try desk.run("new", "From git config", unset: ["DESK_USER"]))
        XCTAssertEqual(try author(), "dave <dave@example.org>")
    }

    func testNoIdentityIsAUsageError() throws {
        let head = try desk.head()
        let result = try desk.run("new", "Who am I", unset: ["DESK_USER"])
        assertExit(result, 2)
        assertContains(result.stderr, "DESK_USER")
        XCTAssertEqual(try desk.head(), head)
        let json = try desk.run("new", "Who am I", "--json", unset: ["DESK_USER"])
        XCTAssertEqual(try JSON.error(json.stdout).code, "no_identity")
    }

    /// An identity that cannot be a commit's author line is refused before anything is written:
    /// a newline in it would corrupt the commit (git fsck: badEmail) and break every later command.
    func testIdentityThatWouldCorruptACommitIsRefused() throws {
        let id = try desk.newTicket("Existing")
        let head = try desk.head()
        let cases: [[String: String]] = [
            ["DESK_USER": "bob\nevil"], ["DESK_USER": "bob\rx"], ["DESK_USER": "Bob <bob@example.org>"],
            ["DESK_USER": "bob", "DESK_EMAIL": "b@example.org\nx"], ["DESK_USER": "bob", "DESK_EMAIL": "<b@example.org>"],
        ]
        for env in cases {
            let result = try desk.run("new", "Bad identity", env: env)
            assertExit(result, 2, "\(env)")
            XCTAssertEqual(result.stdout, "", "\(env)")
            assertExit(try desk.run("comment", id, "hello", env: env), 2, "\(env)")
            XCTAssertEqual(try desk.head(), head, "nothing committed with \(env)")
        }
        try assertFsckClean()
        assertSuccess(try desk.run("list"))
        assertSuccess(try desk.run("log"))

        let elsewhere = desk.base.appendingPathComponent("bad-init", isDirectory: true)
        let initResult = try desk.run("init", elsewhere.path, env: ["DESK_USER": "bob\nevil"])
        assertExit(initResult, 2)
        if FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent(".git").path) {
            let fsck = try git(["fsck", "--strict"], in: elsewhere, home: desk.home)
            XCTAssertTrue(fsck.succeeded, fsck.description)
        }
    }
}
