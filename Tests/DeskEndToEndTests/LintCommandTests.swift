import DeskTestSupport
import Foundation
import XCTest

// MARK: Helpers shared by the lint, hook, blame and merge-driver tests

extension TemporaryDesk {
    /// Runs plain `git` in `directory` (default: the desk) as `name <email>` (author and committer),
    /// the way a person who does not use desk would commit.
    @discardableResult
    func gitAuthored(by name: String, _ email: String, _ args: [String], in directory: URL? = nil) throws -> CommandResult {
        var env = TestEnvironment.isolated(home: home)
        env["GIT_AUTHOR_NAME"] = name
        env["GIT_AUTHOR_EMAIL"] = email
        env["GIT_COMMITTER_NAME"] = name
        env["GIT_COMMITTER_EMAIL"] = email
        return try DeskProcess.run(try DeskProcess.tool("git"), args, environment: env, cwd: directory ?? root)
    }

    /// Plain git in another folder (a clone, a bare repository) with the harness's fixed identity.
    @discardableResult
    func git(in directory: URL, _ args: String...) throws -> CommandResult {
        try DeskTestSupport.git(args, in: directory, home: home)
    }

    /// A ticket file's text.
    func ticketText(_ id: String) throws -> String {
        String(decoding: try read(TicketFile.path(id)), as: UTF8.self)
    }

    /// Rewrites one front matter line of a ticket in the working tree (`key: …` → `replacement`).
    func editTicketLine(_ id: String, key: String, to replacement: String, in folder: URL? = nil) throws {
        let file = (folder ?? root).appendingPathComponent(TicketFile.path(id))
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        var found = false
        let edited = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if !found, line.hasPrefix(key + ":") {
                found = true
                return replacement
            }
            return String(line)
        }.joined(separator: "\n")
        guard found else { throw HarnessError("no `\(key):` line in \(file.path)") }
        try Data(edited.utf8).write(to: file)
    }
}

/// The 1-based number of the first line of `text` that starts with `key:`.
func lineNumber(of key: String, in text: String) -> Int? {
    let all = text.split(separator: "\n", omittingEmptySubsequences: false)
    return all.firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 }
}

/// Parses `desk lint --format json` output.
func lintFindings(_ result: CommandResult, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
    do {
        return try JSON.array(result.stdout)
    } catch {
        XCTFail("lint output is not a JSON array: \(error)\n\(result)", file: file, line: line)
        throw error
    }
}

func rules(_ findings: [[String: Any]]) -> [String] {
    findings.map { $0["rule"] as? String ?? "?" }
}

/// `desk lint`: the whole desk, chosen paths, what is staged, and ranges of commits.
final class LintCommandTests: DeskTestCase {
    private let summaryPattern = #"^desk lint: (\d+) errors?, (\d+) warnings? \((\d+ commits?, )?\d+ files? checked\)$"#

    private func summary(_ result: CommandResult) -> String {
        lines(result.stderr).last ?? ""
    }

    // MARK: Whole desk

    func testCleanDeskHasNoFindings() throws {
        _ = try desk.newTicket("Printer jams", "--urgency", "low")
        let id = try desk.newTicket("VPN drops")
        assertSuccess(try desk.run("comment", id, "Reinstalled the client"))
        assertSuccess(try desk.run("assign", id, "bob"))

        let json = try desk.run("lint", "--format", "json")
        assertSuccess(json)
        XCTAssertEqual(json.trimmedStdout, "[]")
        XCTAssertEqual(try lintFindings(json).count, 0)

        let text = try desk.run("lint")
        assertSuccess(text)
        XCTAssertEqual(text.stdout, "", "no findings are printed")
        let line = summary(text)
        XCTAssertNotNil(line.range(of: summaryPattern, options: .regularExpression), line)
        XCTAssertTrue(line.hasPrefix("desk lint: 0 errors, 0 warnings ("), line)
        XCTAssertNotNil(line.range(of: #"\((\d+) files checked\)$"#, options: .regularExpression), line)
        XCTAssertEqual(try desk.run("lint", "--format", "github").stdout, "")
        try assertWorkingTreeClean("lint does not write")
    }

    func testABadStatusInTheWorkingTreeIsReportedInEveryFormat() throws {
        let id = try desk.newTicket("Printer jams")
        let path = TicketFile.path(id)
        try desk.editTicketLine(id, key: "status", to: "status: bogus")
        let statusLine = try XCTUnwrap(lineNumber(of: "status", in: try desk.ticketText(id)))

        let json = try desk.run("lint", "--format", "json")
        assertExit(json, 1)
        let findings = try lintFindings(json)
        XCTAssertEqual(findings.count, 1, "\(findings)")
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(Set(finding.keys), ["path", "line", "column", "severity", "rule", "message"])
        XCTAssertEqual(finding["path"] as? String, path)
        XCTAssertEqual(finding["line"] as? Int, statusLine)
        XCTAssertEqual(finding["column"] as? Int, 1)
        XCTAssertEqual(finding["severity"] as? String, "error")
        XCTAssertEqual(finding["rule"] as? String, "value")
        let message = try XCTUnwrap(finding["message"] as? String)
        assertContains(message, "bogus")

        let text = try desk.run("lint")
        assertExit(text, 1)
        XCTAssertEqual(lines(text.stdout), ["\(path):\(statusLine):1: error: \(message) [value]"])
        XCTAssertTrue(summary(text).hasPrefix("desk lint: 1 error, 0 warnings ("), text.stderr)

        let github = try desk.run("lint", "--format", "github")
        assertExit(github, 1)
        let annotation = try XCTUnwrap(lines(github.stdout).first)
        XCTAssertEqual(lines(github.stdout).count, 1, github.stdout)
        XCTAssertTrue(annotation.hasPrefix("::error file=\(path),line=\(statusLine),col=1,title=desk lint value::"), annotation)
        assertContains(annotation, "bogus")

        // The clean counterpart: put it back and lint passes.
        assertSuccess(try desk.git("checkout", "--", path))
        assertSuccess(try desk.run("lint"))
    }

    func testABadTimeAndCRLFLineEndingsAreReported() throws {
        let id = try desk.newTicket("Printer jams")
        let path = TicketFile.path(id)
        let original = try desk.read(path)
        try desk.editTicketLine(id, key: "created", to: "created: yesterday")
        let createdLine = try XCTUnwrap(lineNumber(of: "created", in: try desk.ticketText(id)))
        let time = try desk.run("lint", "--format", "json")
        assertExit(time, 1)
        let timeFindings = try lintFindings(time)
        XCTAssertEqual(rules(timeFindings), ["time"])
        XCTAssertEqual(timeFindings.first?["line"] as? Int, createdLine)
        XCTAssertEqual(timeFindings.first?["path"] as? String, path)
        assertContains(timeFindings.first?["message"] as? String ?? "", "yesterday")

        let crlf = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        try desk.write(path, crlf)
        let lineEndings = try desk.run("lint", "--format", "json")
        assertExit(lineEndings, 1)
        XCTAssertEqual(rules(try lintFindings(lineEndings)), ["line-endings"])

        try desk.write(path, original)
        assertSuccess(try desk.run("lint"))
    }

    func testWarningsFailOnlyWithStrict() throws {
        let id = try desk.newTicket("Printer jams")
        try desk.editTicketLine(id, key: "asset", to: "x-foo: bar\nasset:")
        let xLine = try XCTUnwrap(lineNumber(of: "x-foo", in: try desk.ticketText(id)))

        let plain = try desk.run("lint", "--format", "json")
        assertExit(plain, 0, "a warning alone does not fail")
        let findings = try lintFindings(plain)
        XCTAssertEqual(rules(findings), ["unknown-field"])
        XCTAssertEqual(findings.first?["severity"] as? String, "warning")
        XCTAssertEqual(findings.first?["line"] as? Int, xLine)

        let text = try desk.run("lint")
        assertExit(text, 0)
        XCTAssertEqual(lines(text.stdout).count, 1)
        XCTAssertTrue(lines(text.stdout).first?.hasPrefix("\(TicketFile.path(id)):\(xLine):1: warning: ") ?? false, text.stdout)
        XCTAssertTrue(summary(text).hasPrefix("desk lint: 0 errors, 1 warning ("), text.stderr)

        assertExit(try desk.run("lint", "--strict"), 1)
        assertExit(try desk.run("lint", "--strict", "--format", "json"), 1)

        assertSuccess(try desk.git("checkout", "--", TicketFile.path(id)))
        assertExit(try desk.run("lint", "--strict"), 0, "clean counterpart")
    }

    func testUsageErrorsAndNotADesk() throws {
        let usage = try desk.run("lint", "--staged", "--range", "HEAD~1..HEAD")
        assertExit(usage, 2)
        XCTAssertEqual(usage.stdout, "")
        assertExit(try desk.run("lint", "--format", "yaml"), 2)
        assertExit(try desk.run("lint", "--staged", "tickets"), 2)

        let empty = desk.base.appendingPathComponent("empty", isDirectory: true)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let notADesk = try desk.run("-C", empty.path, "lint")
        assertExit(notADesk, 3)
        XCTAssertFalse(notADesk.stderr.isEmpty, "\(notADesk)")
        let fromInside = try desk.run("lint", cwd: empty)
        assertExit(fromInside, 3)
        assertSuccess(try desk.run("-C", desk.root.path, "lint"), "clean counterpart")
    }

    // MARK: Paths

    func testPathsLintOnlyThoseFiles() throws {
        let good = try desk.newTicket("Good one")
        let bad = try desk.newTicket("Bad one")
        try desk.editTicketLine(bad, key: "status", to: "status: bogus")

        let onlyGood = try desk.run("lint", TicketFile.path(good))
        assertSuccess(onlyGood, "the broken ticket is not looked at")
        XCTAssertEqual(summary(onlyGood), "desk lint: 0 errors, 0 warnings (1 file checked)")

        let onlyBad = try desk.run("lint", TicketFile.path(bad), "--format", "json")
        assertExit(onlyBad, 1)
        let findings = try lintFindings(onlyBad)
        XCTAssertEqual(findings.map { $0["path"] as? String }, [TicketFile.path(bad)])

        // Absolute paths and folders work too; relative paths are relative to the current folder.
        assertExit(try desk.run("lint", desk.url(TicketFile.path(bad)).path), 1)
        assertExit(try desk.run("lint", "tickets"), 1)
        let shard = desk.url(TicketFile.path(good)).deletingLastPathComponent()
        assertSuccess(try desk.run("lint", "\(good).md", cwd: shard))

        let outsideFile = desk.base.appendingPathComponent("outside.md")
        try Data(try desk.read(TicketFile.path(good))).write(to: outsideFile)
        let outside = try desk.run("lint", outsideFile.path)
        XCTAssertNotEqual(outside.exitCode, 0, "\(outside)")
        XCTAssertNotEqual(outside.exitCode, 1, "not a finding: the path is refused\n\(outside)")
        assertContains(outside.stderr, "outside the desk")

        let missing = try desk.run("lint", "tickets/nope.md")
        XCTAssertNotEqual(missing.exitCode, 0, "\(missing)")
        assertContains(missing.stderr, "tickets/nope.md")
    }

    func testAStrayFileInTicketsIsReported() throws {
        _ = try desk.newTicket("Printer jams")
        assertSuccess(try desk.run("lint"), "clean before")
        try desk.write("tickets/notes.txt", "my notes\n")
        let result = try desk.run("lint", "--format", "json")
        assertExit(result, 1)
        let findings = try lintFindings(result)
        XCTAssertEqual(rules(findings), ["stray-file"])
        XCTAssertEqual(findings.first?["path"] as? String, "tickets/notes.txt")
        assertExit(try desk.run("lint", "tickets/notes.txt"), 1)

        // A file outside the desk folders is not desk's business.
        try FileManager.default.removeItem(at: desk.url("tickets/notes.txt"))
        try desk.write("notes.txt", "my notes\n")
        assertSuccess(try desk.run("lint"))
    }

    // MARK: Staged

    func testStagedLintsTheIndexNotTheWorkingTree() throws {
        let staged = try desk.newTicket("Staged one")
        let unstaged = try desk.newTicket("Unstaged one")
        assertSuccess(try desk.run("lint", "--staged"), "nothing staged, nothing found")

        try desk.editTicketLine(unstaged, key: "status", to: "status: bogus")
        assertExit(try desk.run("lint"), 1, "the working tree is broken")
        let notStaged = try desk.run("lint", "--staged", "--format", "json")
        assertSuccess(notStaged, "working-tree-only breakage is not what is about to be committed")
        XCTAssertEqual(try lintFindings(notStaged).count, 0)

        try desk.editTicketLine(staged, key: "created", to: "created: yesterday")
        assertSuccess(try desk.git("add", TicketFile.path(staged)))
        let result = try desk.run("lint", "--staged", "--format", "json")
        assertExit(result, 1)
        let findings = try lintFindings(result)
        XCTAssertEqual(findings.map { $0["path"] as? String }, [TicketFile.path(staged)], "only the staged file")
        XCTAssertEqual(rules(findings), ["time"])

        // Fixed in the working tree but not re-staged: --staged still sees the staged version.
        let committed = try desk.git("show", "HEAD:" + TicketFile.path(staged))
        assertSuccess(committed)
        try desk.write(TicketFile.path(staged), committed.stdout)
        assertExit(try desk.run("lint", "--staged"), 1)
        assertSuccess(try desk.git("add", TicketFile.path(staged)))
        assertSuccess(try desk.run("lint", "--staged"), "clean once the fix is staged")
    }

    func testStagedIllegalStatusMoveIsATransitionFinding() throws {
        let id = try desk.newTicket("Printer jams")
        let path = TicketFile.path(id)
        try desk.editTicketLine(id, key: "status", to: "status: closed")
        try desk.editTicketLine(id, key: "resolved", to: "resolved: 2030-01-01T00:00:00Z")
        assertSuccess(try desk.git("add", path))
        let result = try desk.run("lint", "--staged", "--format", "json")
        assertExit(result, 1)
        let findings = try lintFindings(result)
        XCTAssertTrue(rules(findings).contains("transition"), "\(findings)")
        let transition = try XCTUnwrap(findings.first { $0["rule"] as? String == "transition" })
        XCTAssertEqual(transition["path"] as? String, path)
        XCTAssertEqual(transition["line"] as? Int, lineNumber(of: "status", in: try desk.ticketText(id)))
        let message = transition["message"] as? String ?? ""
        assertContains(message, "new")
        assertContains(message, "closed")
        assertContains(message, "staged change")

        // The clean counterpart: a legal move staged.
        assertSuccess(try desk.git("reset", "-q", "--hard"))
        try desk.editTicketLine(id, key: "status", to: "status: open")
        assertSuccess(try desk.git("add", path))
        let legal = try desk.run("lint", "--staged", "--format", "json")
        assertSuccess(legal)
        XCTAssertEqual(try lintFindings(legal).count, 0)
    }

    // MARK: Range

    private func commitAs(_ name: String, _ email: String, _ message: String, paths: [String] = [], all: Bool = true) throws {
        if !paths.isEmpty {
            assertSuccess(try desk.gitAuthored(by: name, email, ["add", "-A", "--"] + paths))
        }
        let commit = try desk.gitAuthored(by: name, email, ["commit", "-q"] + (all ? ["-a"] : []) + ["-m", message])
        guard commit.succeeded else { throw HarnessError("git commit failed:\n\(commit)") }
    }

    private func lintRange(_ range: String) throws -> (CommandResult, [[String: Any]]) {
        let result = try desk.run("lint", "--range", range, "--format", "json")
        return (result, try lintFindings(result))
    }

    func testRangeFindsIllegalTransitionsRemovedActivityAndDeletions() throws {
        let moved = try desk.newTicket("Moved badly")
        let commented = try desk.newTicket("Commented")
        let deleted = try desk.newTicket("Deleted")
        assertSuccess(try desk.run("comment", commented, "First note"))
        let start = try desk.head()

        // A legal move by plain git: the clean counterpart.
        try desk.editTicketLine(moved, key: "status", to: "status: open")
        try commitAs("mallory", "m@example.org", "open it")
        let (legal, legalFindings) = try lintRange("\(start)..HEAD")
        assertSuccess(legal)
        XCTAssertEqual(legalFindings.count, 0)
        XCTAssertEqual(legal.stderr, "", "no summary with --format json")
        let legalText = try desk.run("lint", "--range", "\(start)..HEAD")
        assertSuccess(legalText)
        XCTAssertTrue(lines(legalText.stderr).last?.hasPrefix("desk lint: 0 errors, 0 warnings (1 commit, ") ?? false,
                      legalText.stderr)

        // (a) An illegal transition.
        var base = try desk.head()
        try desk.editTicketLine(moved, key: "status", to: "status: new")
        try commitAs("mallory", "m@example.org", "back to new")
        let transitionCommit = try desk.head()
        let (a, aFindings) = try lintRange("\(base)..HEAD")
        assertExit(a, 1)
        XCTAssertEqual(rules(aFindings), ["transition"])
        let aMessage = aFindings.first?["message"] as? String ?? ""
        assertContains(aMessage, String(transitionCommit.prefix(10)))
        assertContains(aMessage, "mallory")
        assertContains(aMessage, "open → new")
        XCTAssertEqual(aFindings.first?["path"] as? String, TicketFile.path(moved))

        // (b) An activity entry removed.
        base = try desk.head()
        let text = try desk.ticketText(commented)
        let activityStart = try XCTUnwrap(text.range(of: "activity:\n"))
        let end = try XCTUnwrap(text.range(of: "\n---\n", range: activityStart.upperBound..<text.endIndex))
        let withoutActivity = text.replacingCharacters(in: activityStart.lowerBound..<end.lowerBound, with: "activity: []")
        XCTAssertNotEqual(withoutActivity, text)
        try desk.write(TicketFile.path(commented), withoutActivity)
        try commitAs("mallory", "m@example.org", "tidy up")
        let activityCommit = try desk.head()
        let (b, bFindings) = try lintRange("\(base)..HEAD")
        assertExit(b, 1)
        XCTAssertEqual(rules(bFindings), ["activity-append"])
        assertContains(bFindings.first?["message"] as? String ?? "", String(activityCommit.prefix(10)))
        assertContains(bFindings.first?["message"] as? String ?? "", "mallory")

        // (c) A ticket deleted.
        base = try desk.head()
        assertSuccess(try desk.gitAuthored(by: "mallory", "m@example.org", ["rm", "-q", TicketFile.path(deleted)]))
        try commitAs("mallory", "m@example.org", "remove it", all: false)
        let (c, cFindings) = try lintRange("\(base)..HEAD")
        assertExit(c, 1)
        XCTAssertEqual(rules(cFindings), ["delete"])
        XCTAssertEqual(cFindings.first?["path"] as? String, TicketFile.path(deleted))
        assertContains(cFindings.first?["message"] as? String ?? "", "mallory")

        // The whole range reports all three; the text format names the commits.
        let (all, allFindings) = try lintRange("\(start)..HEAD")
        assertExit(all, 1)
        XCTAssertEqual(Set(rules(allFindings)), ["transition", "activity-append", "delete"])
        let text2 = try desk.run("lint", "--range", "\(start)..HEAD")
        assertExit(text2, 1)
        assertContains(text2.stdout, "commit \(transitionCommit.prefix(10)) by mallory")
        XCTAssertTrue(lines(text2.stderr).last?.contains("(4 commits, ") ?? false, text2.stderr)

        // Ranges made by desk itself are clean.
        let deskBase = try desk.head()
        let another = try desk.newTicket("Made by desk")
        assertSuccess(try desk.run("assign", another, "bob"))
        assertSuccess(try desk.run("comment", another, "Working on it"))
        assertSuccess(try desk.run("resolve", another, "--resolution", "done"))
        let (deskMade, deskFindings) = try lintRange("\(deskBase)..HEAD")
        assertSuccess(deskMade)
        XCTAssertEqual(deskFindings.count, 0)
    }

    func testRangeWithPeopleChecksWhoMadeEachChange() throws {
        let first = try desk.newTicket("First")
        let second = try desk.newTicket("Second")
        let third = try desk.newTicket("Third")
        let people = """

            people:
              alice: { name: Alice, email: alice@example.org, role: admin }
              bob: { role: operator }
              mallory: { email: m@example.org, role: requester }

            """
        var config = String(decoding: try desk.read("desk.yml"), as: UTF8.self)
        config += people
        try desk.write("desk.yml", config)
        try commitAs("alice", "alice@example.org", "people")
        assertSuccess(try desk.run("lint"), "the desk with people is clean")

        // A status change by a requester.
        var base = try desk.head()
        try desk.editTicketLine(first, key: "status", to: "status: open")
        try commitAs("mallory", "m@example.org", "open it")
        let malloryCommit = try desk.head()
        let (byMallory, malloryFindings) = try lintRange("\(base)..HEAD")
        assertExit(byMallory, 1)
        XCTAssertEqual(rules(malloryFindings), ["status-author"])
        let message = malloryFindings.first?["message"] as? String ?? ""
        assertContains(message, String(malloryCommit.prefix(10)))
        assertContains(message, "mallory")

        // The same kind of change by an operator: clean.
        base = try desk.head()
        try desk.editTicketLine(second, key: "status", to: "status: open")
        try commitAs("bob", "bob@example.org", "open it")
        let (byBob, bobFindings) = try lintRange("\(base)..HEAD")
        assertSuccess(byBob)
        XCTAssertEqual(bobFindings.count, 0)

        // desk.yml changed by an operator, then by the admin.
        base = try desk.head()
        try desk.write("desk.yml", config.replacingOccurrences(of: "name: desk\n", with: "name: helpdesk\n"))
        try commitAs("bob", "bob@example.org", "rename")
        let bobConfigCommit = try desk.head()
        let (configByBob, configFindings) = try lintRange("\(base)..HEAD")
        assertExit(configByBob, 1)
        XCTAssertEqual(rules(configFindings), ["config-change"])
        XCTAssertEqual(configFindings.first?["path"] as? String, "desk.yml")
        assertContains(configFindings.first?["message"] as? String ?? "", String(bobConfigCommit.prefix(10)))
        assertContains(configFindings.first?["message"] as? String ?? "", "bob")

        base = try desk.head()
        try desk.write("desk.yml", config.replacingOccurrences(of: "name: desk\n", with: "name: service desk\n"))
        try commitAs("alice", "alice@example.org", "rename again")
        let (configByAlice, aliceConfigFindings) = try lintRange("\(base)..HEAD")
        assertSuccess(configByAlice)
        XCTAssertEqual(aliceConfigFindings.count, 0)

        // A deletion by the admin is allowed; by an operator it is not.
        base = try desk.head()
        assertSuccess(try desk.gitAuthored(by: "alice", "alice@example.org", ["rm", "-q", TicketFile.path(third)]))
        try commitAs("alice", "alice@example.org", "remove a duplicate", all: false)
        let (adminDelete, adminFindings) = try lintRange("\(base)..HEAD")
        assertSuccess(adminDelete)
        XCTAssertFalse(rules(adminFindings).contains("delete"), "\(adminFindings)")

        base = try desk.head()
        assertSuccess(try desk.gitAuthored(by: "bob", "bob@example.org", ["rm", "-q", TicketFile.path(second)]))
        try commitAs("bob", "bob@example.org", "remove", all: false)
        let (bobDelete, bobDeleteFindings) = try lintRange("\(base)..HEAD")
        assertExit(bobDelete, 1)
        XCTAssertEqual(rules(bobDeleteFindings), ["delete"])
    }

    func testABadRangeIsAUsageError() throws {
        let result = try desk.run("lint", "--range", "nosuchbranch..HEAD")
        XCTAssertNotEqual(result.exitCode, 0, "\(result)")
        XCTAssertNotEqual(result.exitCode, 1, "not a finding\n\(result)")
        assertContains(result.stderr, "nosuchbranch")
    }
}
