import DeskTestSupport
import Foundation
import XCTest

/// Which desk a command works on: `-C DIR`, `DESK_DIR`, or found upward from the current folder.
final class DeskLocationTests: DeskTestCase {
    private var elsewhere: URL { desk.base }

    func testDashCPicksTheDeskFromAnywhere() throws {
        let id = try desk.newTicket("Found by -C")
        let after = try desk.run("list", "-C", desk.root.path, "--json", cwd: elsewhere)
        assertSuccess(after)
        XCTAssertEqual(try JSON.array(after.stdout).map { $0["id"] as? String }, [id])
        // git's order: the option before the subcommand.
        let before = try desk.run("-C", desk.root.path, "list", "--json", cwd: elsewhere)
        assertSuccess(before)
        XCTAssertEqual(try JSON.array(before.stdout).map { $0["id"] as? String }, [id])
        let created = try desk.run("-C", desk.root.path, "new", "Made with -C first", cwd: elsewhere)
        assertSuccess(created)
        XCTAssertEqual(try desk.show(created.trimmedStdout)["title"] as? String, "Made with -C first")
        try assertWorkingTreeClean()
    }

    func testDeskDirEnvironmentVariable() throws {
        let result = try desk.run("new", "Made with DESK_DIR", env: ["DESK_DIR": desk.root.path], cwd: elsewhere)
        assertSuccess(result)
        let list = try desk.run("list", "--json", env: ["DESK_DIR": desk.root.path], cwd: elsewhere)
        assertSuccess(list)
        XCTAssertEqual(try JSON.array(list.stdout).map { $0["id"] as? String }, [result.trimmedStdout])
        try assertWorkingTreeClean()
    }

    func testDashCWinsOverDeskDir() throws {
        let other = desk.base.appendingPathComponent("other", isDirectory: true)
        assertSuccess(try desk.run("init", other.path))
        let id = try desk.newTicket("In the first desk")
        let result = try desk.run("list", "-C", desk.root.path, "--json", env: ["DESK_DIR": other.path], cwd: elsewhere)
        assertSuccess(result)
        XCTAssertEqual(try JSON.array(result.stdout).map { $0["id"] as? String }, [id])
        let viaEnv = try desk.run("list", "--json", env: ["DESK_DIR": other.path], cwd: elsewhere)
        XCTAssertEqual(try JSON.array(viaEnv.stdout).count, 0, "DESK_DIR alone picks the other desk")
    }

    func testCommandsWorkFromASubfolderOfTheDesk() throws {
        let id = try desk.newTicket("From a subfolder")
        let subfolder = desk.root.appendingPathComponent("tickets", isDirectory: true)
        let deeper = desk.root.appendingPathComponent(TicketFile.path(id)).deletingLastPathComponent()
        for folder in [subfolder, deeper] {
            let list = try desk.run("list", "--json", cwd: folder)
            assertSuccess(list, folder.path)
            XCTAssertEqual(try JSON.array(list.stdout).map { $0["id"] as? String }, [id])
        }
        assertSuccess(try desk.run("assign", id, "bob", cwd: deeper))
        let show = try desk.run("show", id, "--json", cwd: deeper)
        XCTAssertEqual(try JSON.object(show.stdout)["path"] as? String, TicketFile.path(id), "paths are relative to the desk root")
        try assertWorkingTreeClean()
        XCTAssertFalse(FileManager.default.fileExists(atPath: deeper.appendingPathComponent("tickets").path),
                       "nothing is written relative to the current folder")
    }

    func testAFolderThatIsNotADeskIsNotFound() throws {
        let plain = desk.base.appendingPathComponent("plain", isDirectory: true)
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let repo = desk.base.appendingPathComponent("just-git", isDirectory: true)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        assertSuccess(try git(["init", "-q"], in: repo, home: desk.home))

        for folder in [plain, repo] {
            for args in [["list"], ["new", "Nowhere"], ["show", "T-AAAA0001"], ["log"], ["gc"]] {
                let result = try desk.run(arguments: args, cwd: folder)
                assertExit(result, 3, "\(args) in \(folder.lastPathComponent)")
                assertContains(result.stderr, folder.path)
                XCTAssertEqual(result.stdout, "")
            }
            let json = try desk.run("list", "--json", cwd: folder)
            assertExit(json, 3)
            XCTAssertEqual(try JSON.error(json.stdout).code, "not_a_desk")
            let viaDashC = try desk.run("list", "-C", folder.path, cwd: desk.root)
            assertExit(viaDashC, 3, "-C wins over the current folder")
        }
        let missing = try desk.run("list", "-C", desk.base.appendingPathComponent("does-not-exist").path)
        XCTAssertNotEqual(missing.exitCode, 0)
        XCTAssertFalse(missing.signaled)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo, home: desk.home).stdout, "",
                       "nothing was written into the plain git repository")
    }
}
