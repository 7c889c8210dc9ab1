import DeskTestSupport
import Foundation
import XCTest

/// `desk init`: a git repository with desk.yml and one first commit, clean afterwards.
final class InitTests: DeskTestCase {
    func testInitCreatesConfigFoldersAndOneCleanCommit() throws {
        let initResult = try XCTUnwrap(desk.initResult)
        assertSuccess(initResult)
        XCTAssertEqual(initResult.stdout, "", "without --json, desk init prints nothing on stdout")
        assertContains(initResult.stderr, desk.root.path)

        for path in ["desk.yml", "tickets/README.md", "kb/README.md", "assets/README.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: desk.url(path).path), "\(path) missing")
        }
        let config = String(decoding: try desk.read("desk.yml"), as: UTF8.self)
        assertContains(config, "workflow:")
        assertContains(config, "matrix:")

        XCTAssertEqual(try desk.commitCount(), 1)
        let tracked = try desk.gitOutput("ls-files")
        XCTAssertEqual(tracked.split(separator: "\n").sorted(),
                       [".gitattributes", "assets/README.md", "desk.yml", "kb/README.md", "tickets/README.md"])
        let message = try desk.gitOutput("log", "-1", "--format=%an%n%B")
        assertContains(message, "alice\n")
        assertContains(message, "Desk-Action: init")
        try assertWorkingTreeClean()
        try assertFsckClean()
        // Derived data lives under .git/desk and is never tracked.
        XCTAssertTrue(FileManager.default.fileExists(atPath: desk.url(".git/desk").path))
    }

    func testInitTwiceIsRefusedAndChangesNothing() throws {
        let head = try desk.head()
        let config = try desk.read("desk.yml")
        let again = try desk.run("init", desk.root.path)
        assertExit(again, 4)
        assertContains(again.stderr, "already a desk")
        XCTAssertEqual(again.stdout, "")
        XCTAssertEqual(try desk.head(), head)
        XCTAssertEqual(try desk.read("desk.yml"), config)

        let json = try desk.run("init", desk.root.path, "--json")
        assertExit(json, 4)
        XCTAssertEqual(try JSON.error(json.stdout).code, "already_a_desk")
    }

    func testInitOnAFileIsAUsageErrorNamingIt() throws {
        let file = desk.url("notes.txt")
        try Data("x".utf8).write(to: file)
        let result = try desk.run("init", file.path)
        assertExit(result, 2)
        assertContains(result.stderr, "is a file, not a folder")
    }

    func testInitJSONAndInitOfTheCurrentFolder() throws {
        let folder = desk.base.appendingPathComponent("second", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try desk.run("init", "--json", cwd: folder)
        assertSuccess(result)
        let object = try JSON.object(result.stdout)
        XCTAssertEqual(object["path"] as? String, folder.path)
        XCTAssertEqual(object["config"] as? String, folder.path + "/desk.yml")
        let status = try git(["status", "--porcelain"], in: folder, home: desk.home)
        assertSuccess(status)
        XCTAssertEqual(status.stdout, "")
        let count = try git(["rev-list", "--count", "HEAD"], in: folder, home: desk.home)
        XCTAssertEqual(count.trimmedStdout, "1")
    }

    func testInitInsideAnExistingGitRepositoryKeepsItsHistory() throws {
        let folder = desk.base.appendingPathComponent("existing", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        assertSuccess(try git(["init", "-q", "-b", "main"], in: folder, home: desk.home))
        try Data("notes\n".utf8).write(to: folder.appendingPathComponent("NOTES.md"))
        assertSuccess(try git(["add", "NOTES.md"], in: folder, home: desk.home))
        assertSuccess(try git(["commit", "-q", "-m", "before desk"], in: folder, home: desk.home))

        assertSuccess(try desk.run("init", folder.path))
        let log = try git(["log", "--format=%s"], in: folder, home: desk.home)
        XCTAssertEqual(lines(log.stdout), ["desk: init", "before desk"])
        let status = try git(["status", "--porcelain"], in: folder, home: desk.home)
        XCTAssertEqual(status.stdout, "")
    }
}
