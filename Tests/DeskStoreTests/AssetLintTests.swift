@testable import DeskStore
import Foundation
import XCTest

/// `desk lint` on asset files (`assets/ID.md`): which files are asset files, what does not read,
/// the rules (`AssetRules`), tickets naming assets, changes to assets, and the whole-desk scan.
final class AssetLintTests: XCTestCase {
    static let path = "assets/LPT-0042.md"

    /// A valid asset file as `AssetCodec.encode` writes it, one line per element (line numbers in the comments).
    static let validLines = [
        "---", //                              1
        "id: LPT-0042", //                     2
        "kind: laptop", //                     3
        "model: Latitude 7440", //             4
        "owner: dave", //                      5
        "department: HR", //                   6
        "purchased: \"2024-03-14\"", //        7 (quoted, as desk writes a date-like text)
        "os: Windows 11 23H2", //              8
        "created: 2026-01-05T09:00:00Z", //    9
        "updated: 2026-01-06T10:00:00Z", //    10
        "---", //                              11
        "Docked at desk 3.", //                12
    ]

    /// The fixed "today" of these tests, so a purchase date is in the future or not whatever the clock says.
    static let today = LocalDate(year: 2026, month: 12, day: 4)

    /// The desk the rules look into: the asset itself and one ticket.
    static let desk: Set<String> = [path, "tickets/8K/T-8KQ2M4XZ.md"]

    private var people: DeskConfig!

    override func setUpWithError() throws {
        people = try DeskConfigCodec.decode(Array(LintRulesTests.peopleYAML.utf8))
    }

    private func asset(_ edit: (inout [String]) -> Void = { _ in }) -> [UInt8] {
        var lines = Self.validLines
        edit(&lines)
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func lint(_ bytes: [UInt8], at path: String = AssetLintTests.path, desk: Set<String> = AssetLintTests.desk,
                      config: DeskConfig? = nil, today: LocalDate = AssetLintTests.today) -> [LintFinding] {
        FileLinter.lint(path: path, bytes: bytes,
                        context: LintContext(config: config ?? people, contents: PathSet(paths: desk), today: today))
    }

    private func assertAsset(_ bytes: [UInt8], _ expected: ExpectedFinding..., at path: String = AssetLintTests.path,
                             desk: Set<String> = AssetLintTests.desk, config: DeskConfig? = nil, mentions: [String] = [],
                             file: StaticString = #filePath, line: UInt = #line) {
        assertFindings(lint(bytes, at: path, desk: desk, config: config), expected, path: path, mentions: mentions,
                       file: file, line: line)
    }

    // MARK: The fixture

    func testTheFixtureIsWhatDeskWrites() throws {
        let decoded = try AssetCodec.decodeFile(asset(), path: Self.path)
        XCTAssertEqual(AssetCodec.encode(decoded), String(decoding: asset(), as: UTF8.self),
                       "fixture drift: the line numbers below would be wrong")
    }

    func testTheUneditedAssetIsClean() {
        assertAsset(asset())
        assertAsset(asset(), config: .standard)
        // Only `id`, `kind` and `created` are needed.
        assertAsset(asset { $0.removeSubrange(3...7); $0.remove(at: 4) })
    }

    // MARK: Which files are asset files

    func testAssetFilesAreLintedAsAssets() {
        XCTAssertEqual(DeskFileKind(path: "assets/LPT-0042.md"), .asset)
        XCTAssertEqual(DeskFileKind(path: "assets/PRN-FL2A.md"), .asset)
        XCTAssertEqual(DeskFileKind(path: "assets/README.md"), .other)
        XCTAssertTrue(DeskLinter.inScope("assets", isFolder: true))
        XCTAssertTrue(DeskLinter.inScope("assets/LPT-0042.md", isFolder: false))
        XCTAssertEqual(DeskFileKind(path: "tickets/8K/T-8KQ2M4XZ.md"), .ticket)
        XCTAssertEqual(DeskFileKind(path: "kb/KB-4F7Q2M.md"), .article)
    }

    func testStrayFilesInAssets() {
        for path in ["assets/notes.txt", "assets/laptop.md", "assets/LPT-0042.txt", "assets/LPT-0042", "assets/sub/LPT-0042.md",
                     "assets/LPT_0042.md", "assets/LPT-00/42.md", "assets/-0042.md", "assets/LPT-.md"] {
            assertFindings(lint(asset(), at: path), [ExpectedFinding(.strayFile, 1)], path: path,
                           mentions: [path, "assets/<ID>.md"], path)
        }
    }

    func testAFolderReadmeAndDotFilesInAssetsAreNotLinted() {
        for path in ["assets/README.md", "assets/.gitkeep", "assets/.DS_Store", "assets/sub/.gitkeep", "assets-old/notes.txt"] {
            assertFindings(lint(Array("anything\0\u{1}".utf8), at: path), [], path: path, path)
        }
    }

    // MARK: Files that do not read

    func testMalformedAssetFilesAreNamedWithTheirLine() {
        assertAsset(asset { $0.removeFirst() }, ExpectedFinding(.frontMatter, 1))
        assertAsset(Array("just some notes\n".utf8), ExpectedFinding(.frontMatter, 1))
        assertAsset([0xEF, 0xBB, 0xBF] + asset(), ExpectedFinding(.encoding, 1))
        assertAsset(asset { $0[4] += "\r" }, ExpectedFinding(.lineEndings, 5))
        assertAsset(asset { $0[3] = "model: [unclosed" }, ExpectedFinding(.yaml, 5))
        assertAsset(asset { $0.insert("kind: desktop", at: 4) }, ExpectedFinding(.duplicateKey, 5), mentions: ["`kind`"])
        assertAsset(asset { $0[3] = "model: [a, b]" }, ExpectedFinding(.type, 4))
        assertAsset(asset { $0[8] = "created: last year" }, ExpectedFinding(.time, 9))
        assertAsset(asset { $0[9] = "updated: soon" }, ExpectedFinding(.time, 10))
        assertAsset(asset { $0.insert("x-tags: [a]", at: 10) }, ExpectedFinding(.unknownField, 11))
    }

    func testIDMustBeAnAssetID() {
        assertAsset(asset { $0[1] = "id: ../../etc/passwd" }, ExpectedFinding(.id, 2), mentions: ["not an asset id"])
        assertAsset(asset { $0[1] = "id: LPT" }, ExpectedFinding(.id, 2))
        assertAsset(asset { $0.remove(at: 1) }, ExpectedFinding(.required, 2), mentions: ["`id`"])
    }

    func testKindIsRequired() {
        assertAsset(asset { $0.remove(at: 2) }, ExpectedFinding(.required, 2), mentions: ["`kind` is missing"])
        assertAsset(asset { $0[2] = "kind:" }, ExpectedFinding(.required, 3), mentions: ["`kind`"])
        assertAsset(asset { $0[2] = "kind: \"\"" }, ExpectedFinding(.required, 3))
        assertAsset(asset { $0[2] = "kind: \"  \"" }, ExpectedFinding(.required, 3), mentions: ["`kind` is empty"])
    }

    func testPurchasedMustBeADateThatExists() {
        assertAsset(asset { $0[6] = "purchased: last spring" }, ExpectedFinding(.value, 7), mentions: ["`purchased: last spring`"])
        assertAsset(asset { $0[6] = "purchased: 2025-02-29" }, ExpectedFinding(.value, 7), mentions: ["2025-02-29"])
        assertAsset(asset { $0[6] = "purchased: 2024-13-01" }, ExpectedFinding(.value, 7))
        assertAsset(asset { $0[6] = "purchased: 2024-3-14" }, ExpectedFinding(.value, 7))
        assertAsset(asset { $0[6] = "purchased: 2024-03-14T09:00:00Z" }, ExpectedFinding(.value, 7))
        // A leap day that exists, and no date at all.
        assertAsset(asset { $0[6] = "purchased: 2024-02-29" })
        assertAsset(asset { $0[6] = "purchased:" })
    }

    // MARK: Rules

    func testIDMismatchAndDuplicate() {
        assertAsset(asset { $0[1] = "id: LPT-0043" }, ExpectedFinding(.idMismatch, 2), mentions: ["LPT-0043", Self.path])
        assertAsset(asset { $0[1] = "id: LPT-0043" }, ExpectedFinding(.idMismatch, 2), ExpectedFinding(.duplicateID, 2),
                    desk: Self.desk.union(["assets/LPT-0043.md"]), mentions: ["also the id of assets/LPT-0043.md"])
        // Ids are case-insensitive but stored upper-case: the file name must be the stored form.
        assertAsset(asset { $0[1] = "id: lpt-0042" })
        assertAsset(asset(), ExpectedFinding(.idMismatch, 2), at: "assets/lpt-0042.md", desk: ["assets/lpt-0042.md"])
    }

    func testPurchasedInTheFuture() {
        assertAsset(asset { $0[6] = "purchased: 2026-12-05" }, ExpectedFinding(.value, 7),
                    mentions: ["`purchased: 2026-12-05` is in the future", "2026-12-04"])
        assertAsset(asset { $0[6] = "purchased: 2031-01-01" }, ExpectedFinding(.value, 7))
        assertAsset(asset { $0[6] = "purchased: 2026-12-04" })
        assertAsset(asset { $0[6] = "purchased: 1999-12-31" })
    }

    func testTodayIsTheLatestDateAnywhere() {
        func today(_ iso: String) -> String { LintContext.latestToday(at: Timestamp(iso: iso)!).description }
        // UTC+14 (Kiribati) is the first place where a day starts: at 10:00 UTC the day before.
        XCTAssertEqual(today("2026-12-04T09:59:59Z"), "2026-12-04")
        XCTAssertEqual(today("2026-12-04T10:00:00Z"), "2026-12-05")
        XCTAssertEqual(today("2026-12-31T23:59:59Z"), "2027-01-01")
        XCTAssertEqual(today("1969-12-31T00:00:00Z"), "1969-12-31")
        // The default is the clock's: a purchase today is never in the future.
        let now = Timestamp.now()
        let utcToday = LocalDate(dayNumber: Int(now.seconds / 86_400))
        XCTAssertGreaterThanOrEqual(LintContext(config: .standard, contents: PathSet(paths: [])).today, utcToday)
    }

    func testOwnerIsCheckedLikeARequester() {
        assertAsset(asset { $0[4] = "owner: zed" }, ExpectedFinding(.reference, 5, .warning), mentions: ["`owner: zed`", "people"])
        // Any case; operators own devices too; an e-mail address is an owner desk need not know.
        assertAsset(asset { $0[4] = "owner: Dave" })
        assertAsset(asset { $0[4] = "owner: alice" })
        assertAsset(asset { $0[4] = "owner: zed@example.org" })
        // Without people in desk.yml any owner is accepted.
        assertAsset(asset { $0[4] = "owner: zed" }, config: .standard)
    }

    func testDepartmentMustBeADepartment() {
        assertAsset(asset { $0[5] = "department: Sales" }, ExpectedFinding(.reference, 6), mentions: ["`department: Sales`", "Finance, HR"])
        assertAsset(asset { $0[5] = "department: Finance" })
        assertAsset(asset { $0[5] = "department: Sales" }, config: .standard)
    }

    func testUpdatedBeforeCreated() {
        assertAsset(asset { $0[9] = "updated: 2026-01-05T08:59:59Z" }, ExpectedFinding(.timeOrder, 10), mentions: ["before `created`"])
        // Without `updated` it is `created`.
        assertAsset(asset { $0.remove(at: 9) })
    }

    func testUnknownScalarFieldIsAWarningOnItsLine() {
        assertAsset(asset { $0.insert("x-serial: 5CG1234XYZ", at: 10) }, ExpectedFinding(.unknownField, 11, .warning),
                    mentions: ["`x-serial`", "id, kind, model"])
    }

    func testEveryRuleAtOnce() {
        let bytes = asset {
            $0[1] = "id: LPT-0043"
            $0[4] = "owner: zed"
            $0[5] = "department: Sales"
            $0[6] = "purchased: 2027-01-01"
            $0[9] = "updated: 2025-01-01T00:00:00Z"
            $0.insert("x-serial: 1", at: 10)
        }
        assertAsset(bytes, ExpectedFinding(.idMismatch, 2), ExpectedFinding(.reference, 5, .warning),
                    ExpectedFinding(.reference, 6), ExpectedFinding(.value, 7), ExpectedFinding(.timeOrder, 10),
                    ExpectedFinding(.unknownField, 11, .warning))
    }

    // MARK: Tickets naming an asset

    private func lintTicket(asset value: String?, desk: Set<String>) -> [LintFinding] {
        var ticket = LintRulesTests.base
        ticket.asset = value
        return FileLinter.lint(path: LintRulesTests.path, bytes: Array(TicketCodec.encode(ticket).utf8),
                               context: LintContext(config: people, contents: PathSet(paths: desk.union([LintRulesTests.path]))))
    }

    /// The line of `asset:` in the base ticket as `TicketCodec.encode` writes it.
    private var ticketAssetLine: Int {
        var ticket = LintRulesTests.base
        ticket.asset = "LPT-0042"
        let lines = TicketCodec.encode(ticket).split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.hasPrefix("asset:") } ?? -2) + 1
    }

    func testTicketNamingAnAssetThatExistsIsClean() {
        assertFindings(lintTicket(asset: "LPT-0042", desk: [Self.path]), [], path: LintRulesTests.path)
        assertFindings(lintTicket(asset: "lpt-0042", desk: [Self.path]), [], path: LintRulesTests.path)
        assertFindings(lintTicket(asset: nil, desk: []), [], path: LintRulesTests.path)
    }

    func testTicketNamingAMissingAssetIsAWarning() {
        XCTAssertEqual(ticketAssetLine, 22)
        assertFindings(lintTicket(asset: "LPT-0042", desk: []), [ExpectedFinding(.reference, ticketAssetLine, .warning)],
                       path: LintRulesTests.path, mentions: ["`asset` names LPT-0042", "assets/", "desk asset add LPT-0042"])
        assertFindings(lintTicket(asset: "MON-17", desk: [Self.path]), [ExpectedFinding(.reference, ticketAssetLine, .warning)],
                       path: LintRulesTests.path, mentions: ["MON-17"])
    }

    func testTicketNamingSomethingThatIsNoAssetIDIsAWarning() {
        assertFindings(lintTicket(asset: "Dell laptop", desk: [Self.path]), [ExpectedFinding(.reference, ticketAssetLine, .warning)],
                       path: LintRulesTests.path, mentions: ["`asset: Dell laptop` is not an asset id"])
    }

    // MARK: Lines of findings

    /// Many tickets may name unregistered assets, so finding lines reads bytes; these are the cases
    /// where bytes and text could differ.
    func testFieldLinesFindsKeysAndActivityEntries() {
        let text = [
            "---", //                      1
            "id: LPT-0042", //             2
            "\"quoted key\": x", //        3
            "'single': y", //              4
            "\tkind: laptop", //           5 (a tab before the key)
            "model: \"a: b\"", //          6
            "# comment: no", //            7
            "ówner: z", //                 8 (not ASCII)
            "\"kéy\" : v", //              9
            "owner: first", //             10
            "owner: second", //            11 (the first one counts)
            "cr: yes\r", //                12
            "activity:", //                13
            "- id: A-1", //                14
            "  at: 2026-01-05T09:00:00Z", // 15
            "  - id: A-2  ", //            16
            "- id: A-1", //                17
            "- id: Å-3", //                18
            "---", //                      19
            "after: 1", //                 20
        ].joined(separator: "\n")
        let lines = FieldLines(Array(text.utf8))
        let expected = ["id": 2, "quoted key": 3, "single": 4, "kind": 5, "model": 6, "ówner": 8, "kéy": 9, "owner": 10,
                        "cr": 12, "activity": 13]
        for (key, line) in expected { XCTAssertEqual(lines.line(of: key), line, key) }
        // Not keys: a comment, an indented key, keys after the front matter, a key that is absent.
        for key in ["# comment", "at", "after", "purchased", "a", "\"quoted key\""] { XCTAssertEqual(lines.line(of: key), 2, key) }
        XCTAssertEqual(lines.line(ofActivity: "A-1"), 14)
        XCTAssertEqual(lines.line(ofActivity: "A-1", occurrence: 1), 17)
        XCTAssertEqual(lines.line(ofActivity: "A-1", occurrence: 5), 17, "past the last use: the last one")
        XCTAssertEqual(lines.line(ofActivity: "A-2"), 16)
        XCTAssertEqual(lines.line(ofActivity: "Å-3"), 18)
        XCTAssertEqual(lines.line(ofActivity: "A-9"), 13, "an unknown entry: the `activity:` line")

        // No front matter: every key is on line 2.
        let none = FieldLines(Array("id: LPT-0042\nkind: laptop\n".utf8))
        XCTAssertEqual(none.line(of: "kind"), 2)
        XCTAssertEqual(none.line(ofActivity: "A-1"), 2)
        XCTAssertEqual(FieldLines([]).line(of: "id"), 2)
    }

    // MARK: Changes

    private func change(_ old: [UInt8]?, _ new: [UInt8]?, by author: ChangeAuthor = LintRulesTests.dave) -> [LintFinding] {
        ChangeRules.check(path: Self.path, old: old, new: new, author: author, config: people)
    }

    func testAssetIDAndCreatedNeverChange() {
        assertFindings(change(asset(), asset { $0[1] = "id: LPT-0043" }), [ExpectedFinding(.immutable, 2)], path: Self.path,
                       mentions: ["`id` changed from LPT-0042 to LPT-0043", LintRulesTests.dave.label])
        assertFindings(change(asset(), asset { $0[8] = "created: 2025-01-05T09:00:00Z" }, by: LintRulesTests.adam),
                       [ExpectedFinding(.immutable, 9)], path: Self.path, mentions: ["`created` changed"])
    }

    func testOtherAssetChangesAreAnyonesToMake() {
        assertFindings(change(asset(), asset { $0[4] = "owner: alice"; $0[9] = "updated: 2026-02-01T00:00:00Z" }), [], path: Self.path)
        assertFindings(change(nil, asset()), [], path: Self.path)
        assertFindings(change(asset(), nil), [], path: Self.path)
        // A side that does not read is left to the file rules.
        assertFindings(change(asset(), Array("garbage\n".utf8)), [], path: Self.path)
        assertFindings(ChangeRules.check(path: "assets/notes.txt", old: nil, new: Array("x\n".utf8),
                                         author: LintRulesTests.dave, config: people), [], path: "assets/notes.txt")
    }

    // MARK: The whole desk

    func testWholeDeskAndPathsCheckAssetFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("asset-lint-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let repository = try Repository.initialize(at: root)
        func write(_ path: String, _ bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try write("desk.yml", Array(LintRulesTests.peopleYAML.utf8))
        try write("assets/README.md", Array("# Assets\n".utf8))
        try write(Self.path, asset())
        try write("assets/MON-17.md", asset { $0[1] = "id: MON-17"; $0[5] = "department: Sales" })
        try write("assets/notes.txt", Array("notes\n".utf8))
        var ticket = LintRulesTests.base
        ticket.asset = "LPT-0042"
        try write(LintRulesTests.path, Array(TicketCodec.encode(ticket).utf8))
        ticket.id = TicketID("T-4F7Q2M9A")!
        ticket.asset = "PRN-1"
        try write(ticket.id.path, Array(TicketCodec.encode(ticket).utf8))

        let linter = DeskLinter(repository: repository)
        let report = try linter.lintWorkingTree()
        let found = report.findings.map { "\($0.path):\($0.line) \($0.rule) \($0.severity.rawValue)" }
        XCTAssertEqual(found, [
            "assets/MON-17.md:6 reference error",
            "assets/notes.txt:1 stray-file error",
            "tickets/4F/T-4F7Q2M9A.md:\(ticketAssetLine) reference warning",
        ], report.findings.map(\.description).joined(separator: "\n"))
        // desk.yml, the four files in assets/ (README.md among them, read and let be) and two tickets.
        XCTAssertEqual(report.filesChecked, 7)

        let folder = try linter.lint(paths: ["assets"])
        XCTAssertEqual(folder.findings.map(\.path), ["assets/MON-17.md", "assets/notes.txt"])
        XCTAssertEqual(try linter.lint(paths: [Self.path]).findings, [])
        // A ticket linted on its own still finds the asset on disk.
        XCTAssertEqual(try linter.lint(paths: [LintRulesTests.path]).findings, [])
    }
}
