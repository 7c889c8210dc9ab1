import DeskTestSupport
import Foundation
import XCTest

/// `desk lint` on asset files (`assets/ID.md`) with the real binary: the whole desk, paths,
/// `--staged` and `--range`, and tickets naming assets.
final class AssetLintCommandTests: DeskTestCase {
    private let laptop = "assets/LPT-0042.md"

    private func addLaptop() throws {
        assertSuccess(try desk.run("asset", "add", "LPT-0042", "--kind", "laptop", "--model", "Latitude 7440",
                                   "--owner", "jan.devries", "--purchased", "2024-03-14"))
    }

    /// The asset file's text with the `key:` line replaced by `replacement`.
    private func assetText(_ path: String, key: String, to replacement: String) throws -> String {
        let text = String(decoding: try desk.read(path), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(key + ":") }, "no `\(key):` in \(path)")
        var edited = lines
        edited[index] = replacement
        return edited.joined(separator: "\n")
    }

    private func lintJSON(_ args: String...) throws -> (CommandResult, [[String: Any]]) {
        let result = try desk.run(arguments: ["lint"] + args + ["--format", "json"])
        return (result, try lintFindings(result))
    }

    private func describe(_ findings: [[String: Any]]) -> [String] {
        findings.map { "\($0["path"] as? String ?? "?"):\($0["line"] as? Int ?? 0) \($0["rule"] as? String ?? "?") \($0["severity"] as? String ?? "?")" }
    }

    // MARK: Whole desk and paths

    func testAssetsMadeByDeskAreClean() throws {
        try addLaptop()
        _ = try desk.newTicket("Laptop fan loud", "--asset", "lpt-0042")
        assertSuccess(try desk.run("asset", "edit", "LPT-0042", "--set", "owner=lisa.meijer", "--set", "purchased=2024-03-15"))
        let (result, findings) = try lintJSON("--strict")
        assertSuccess(result)
        XCTAssertEqual(findings.count, 0)
        let text = try desk.run("lint", "--strict")
        assertSuccess(text)
        XCTAssertEqual(text.stdout, "")
    }

    func testBrokenAssetFilesAreReportedWithTheirLine() throws {
        try addLaptop()
        assertSuccess(try desk.run("lint"), "clean before")

        try desk.write(laptop, try assetText(laptop, key: "purchased", to: "purchased: 2999-01-01"))
        try desk.write("assets/MON-17.md", "---\nid: MON-17\ncreated: 2026-01-05T09:00:00Z\n---\n")
        try desk.write("assets/PRN-1.md", "---\nid: PRN-2\nkind: printer\ncreated: 2026-01-05T09:00:00Z\n---\n")
        try desk.write("assets/notes.txt", "the spare laptops are in the cupboard\n")
        // A folder README and dot-files are allowed, as in tickets/ and kb/.
        try desk.write("assets/README.md", "Devices, one file each.\n")
        try desk.write("assets/.gitkeep", "")

        let (result, findings) = try lintJSON()
        assertExit(result, 1)
        XCTAssertEqual(describe(findings), [
            "assets/LPT-0042.md:7 value error",
            "assets/MON-17.md:2 required error",
            "assets/PRN-1.md:2 id-mismatch error",
            "assets/notes.txt:1 stray-file error",
        ])
        let text = try desk.run("lint")
        assertExit(text, 1)
        assertContains(text.stdout, "assets/LPT-0042.md:7:1: error: `purchased: 2999-01-01` is in the future")
        assertContains(text.stdout, "assets/MON-17.md:2:1: error: required field `kind` is missing [required]")
        assertContains(text.stdout, "assets/notes.txt:1:1: error: assets/notes.txt is not a desk file: assets/ holds only asset files")
        assertContains(lines(text.stderr).last ?? "", "desk lint: 4 errors, 0 warnings")
        let github = try desk.run("lint", "--format", "github")
        assertContains(github.stdout, "file=assets/LPT-0042.md,line=7")

        // Paths: one asset file, or the folder.
        let one = try desk.run("lint", "assets/MON-17.md", "--format", "json")
        assertExit(one, 1)
        XCTAssertEqual(describe(try lintFindings(one)), ["assets/MON-17.md:2 required error"])
        let (folder, folderFindings) = try lintJSON("assets")
        assertExit(folder, 1)
        XCTAssertEqual(folderFindings.count, 4)
        assertSuccess(try desk.run("lint", "assets/README.md"))
    }

    func testATicketNamingAMissingAssetIsAWarning() throws {
        let id = try desk.newTicket("Monitor flickers", "--asset", "MON-17")
        let (result, findings) = try lintJSON()
        assertSuccess(result, "a warning: desk new --asset does not require the asset file")
        XCTAssertEqual(rules(findings), ["reference"])
        XCTAssertEqual(findings.first?["path"] as? String, TicketFile.path(id))
        XCTAssertEqual(findings.first?["line"] as? Int, lineNumber(of: "asset", in: try desk.ticketText(id)))
        XCTAssertEqual(findings.first?["severity"] as? String, "warning")
        assertContains(findings.first?["message"] as? String ?? "", "MON-17")
        assertExit(try desk.run("lint", "--strict"), 1)

        assertSuccess(try desk.run("asset", "add", "MON-17", "--kind", "monitor"))
        assertSuccess(try desk.run("lint", "--strict"), "clean once the asset is registered")
        // A ticket linted on its own looks for the asset too.
        assertSuccess(try desk.run("lint", "--strict", TicketFile.path(id)))
    }

    // MARK: Staged and range

    func testStagedChecksAssetFiles() throws {
        try addLaptop()
        try desk.write("assets/MON-17.md", "---\nid: MON-17\nkind: monitor\ndepartment:\ncreated: soon\n---\n")
        assertSuccess(try desk.run("lint", "--staged"), "only in the working tree: not about to be committed")

        try desk.write(laptop, try assetText(laptop, key: "id", to: "id: LPT-0043"))
        assertSuccess(try desk.git("add", laptop))
        let (staged, findings) = try lintJSON("--staged")
        assertExit(staged, 1)
        XCTAssertEqual(describe(findings), ["assets/LPT-0042.md:2 id-mismatch error", "assets/LPT-0042.md:2 immutable error"])
        assertContains(findings.last?["message"] as? String ?? "", "staged change")

        assertSuccess(try desk.git("add", "assets/MON-17.md"))
        let (both, bothFindings) = try lintJSON("--staged")
        assertExit(both, 1)
        XCTAssertTrue(describe(bothFindings).contains("assets/MON-17.md:5 time error"), "\(bothFindings)")

        // `reset --hard` drops the staged new file from the working tree too.
        assertSuccess(try desk.git("reset", "-q", "--hard"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: desk.url("assets/MON-17.md").path))
        try desk.write("assets/junk.bin", "x")
        assertSuccess(try desk.git("add", "assets/junk.bin"))
        let (stray, strayFindings) = try lintJSON("--staged")
        assertExit(stray, 1)
        XCTAssertEqual(describe(strayFindings), ["assets/junk.bin:1 stray-file error"])
    }

    func testRangeChecksAssetFilesAndTheirChanges() throws {
        let start = try desk.head()
        try addLaptop()
        assertSuccess(try desk.run("asset", "edit", "LPT-0042", "--set", "os=Windows 11"))
        let (deskMade, deskFindings) = try lintJSON("--range", "\(start)..HEAD")
        assertSuccess(deskMade, "asset commands make clean commits")
        XCTAssertEqual(deskFindings.count, 0)

        let base = try desk.head()
        try desk.commitByHand(laptop, try assetText(laptop, key: "created", to: "created: 2020-01-01T00:00:00Z"),
                              message: "backdate")
        try desk.commitByHand("assets/MON-17.md", "---\nid: MON-17\nkind: monitor\npurchased: 2024-02-30\ncreated: 2026-01-05T09:00:00Z\n---\n",
                              message: "a monitor")
        let (range, findings) = try lintJSON("--range", "\(base)..HEAD")
        assertExit(range, 1)
        XCTAssertEqual(describe(findings), ["assets/LPT-0042.md:9 immutable error", "assets/MON-17.md:4 value error"])
        assertContains(findings.first?["message"] as? String ?? "", "`created` changed")
        XCTAssertTrue(lines(try desk.run("lint", "--range", "\(base)..HEAD").stderr).last?.contains("(2 commits, 2 files checked)") ?? false)
    }
}
