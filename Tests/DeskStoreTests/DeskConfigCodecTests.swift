@testable import DeskStore
import Foundation
import XCTest

/// `desk.yml`: the default file reads back as the defaults, and every bad setting is located.
final class DeskConfigCodecTests: XCTestCase {
    private let defaultText = DeskConfigCodec.defaultFile(name: "desk")

    private func decode(_ text: String) throws -> DeskConfig {
        try DeskConfigCodec.decode(Array(text.utf8))
    }

    /// The default file with `old` replaced by `new`; fails the test if `old` is not on line `line`.
    private func defaultFile(replacing old: String, with new: String, onLine line: Int,
                             file: StaticString = #filePath, testLine: UInt = #line) -> String {
        let lines = defaultText.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.count >= line && lines[line - 1].contains(old),
                      "fixture drift: line \(line) of the default desk.yml should contain \(old)", file: file, line: testLine)
        XCTAssertEqual(defaultText.components(separatedBy: old).count, 2, "\(old) is unique", file: file, line: testLine)
        return defaultText.replacingOccurrences(of: old, with: new)
    }

    private func assertRejects(_ text: String, rule: String = "config", line: Int, mentions: [String] = [],
                               file: StaticString = #filePath, testLine: UInt = #line) {
        guard let error = formatError({ try decode(text) }, file: file, line: testLine) else { return }
        XCTAssertEqual(error.rule, rule, "rule; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.path, "desk.yml", file: file, line: testLine)
        for word in mentions {
            XCTAssertTrue(error.message.contains(word), "message \(error.message.debugDescription) mentions \(word)",
                          file: file, line: testLine)
        }
    }

    // MARK: Good files

    func testDefaultFileDecodesToTheInitialConfig() throws {
        XCTAssertEqual(try decode(defaultText), DeskConfig.initial)
        XCTAssertNil(DeskConfig.standard.sla, "without an `sla` section there are no targets")
    }

    func testDefaultFileKeepsAnAwkwardName() throws {
        for name in ["Acme IT: \"Helpdesk\" #1", "null", "yes", "123", "  spaced  ", "Ünïcödé 🚀", "a\nb", "---"] {
            var expected = DeskConfig.initial
            expected.name = name
            XCTAssertEqual(try decode(DeskConfigCodec.defaultFile(name: name)), expected, name.debugDescription)
        }
    }

    func testEmptyFileAndUnknownSectionsGiveDefaults() throws {
        XCTAssertEqual(try decode(""), .standard)
        XCTAssertEqual(try decode("# only a comment\n"), .standard)
        XCTAssertEqual(try decode("routing: {p1: 4h}\nescalation: {}\n"), .standard)
        var withPeople = DeskConfig.standard
        withPeople.people = [Person(handle: "alice", role: .operator)]
        XCTAssertEqual(try decode("people:\n  alice: {role: operator}\nrouting: {p1: 4h}\n"), withPeople)
    }

    func testCustomWorkflowAndSettings() throws {
        let config = try decode("""
            name: Lab
            workflow:
              statuses: [todo, doing, done]
              initial: todo
              resolve_to: done
              close_to: done
              reopen_to: todo
              done: [done]
              transitions:
                todo: [doing]
                doing: [todo, done]
                done:
            priorities:
              matrix:
                person: {high: P1}
            storage:
              fsync: true
              pack_after_loose_objects: 0

            """)
        XCTAssertEqual(config.name, "Lab")
        XCTAssertEqual(config.workflow.statuses, ["todo", "doing", "done"])
        XCTAssertEqual(config.workflow.initial, "todo")
        XCTAssertEqual(config.workflow.transitions, ["todo": ["doing"], "doing": ["todo", "done"], "done": []])
        XCTAssertTrue(config.workflow.allows(from: "doing", to: "done"))
        XCTAssertFalse(config.workflow.allows(from: "todo", to: "done"))
        XCTAssertEqual(config.priorityMatrix[.person]?[.high], .p1)
        XCTAssertEqual(config.priorityMatrix[.person]?[.low], .p4, "cells not given keep their default")
        XCTAssertTrue(config.fsync)
        XCTAssertEqual(config.autoPackThreshold, 0)
    }

    // MARK: Bad workflow

    func testTransitionToUnknownStatus() {
        assertRejects(defaultFile(replacing: "closed: []", with: "closed: [archived]", onLine: 16), line: 16,
                      mentions: ["`workflow.transitions.closed`", "`archived`"])
    }

    func testTransitionFromUnknownStatus() {
        assertRejects(defaultFile(replacing: "pending: [open, resolved]", with: "paused: [open]", onLine: 14), line: 14,
                      mentions: ["unknown status `paused`"])
    }

    func testSpecialStatusesMustBeKnown() {
        assertRejects(defaultFile(replacing: "initial: new", with: "initial: draft", onLine: 6), line: 6,
                      mentions: ["`workflow.initial`", "new, open, pending, resolved, closed"])
        assertRejects(defaultFile(replacing: "reopen_to: open", with: "reopen_to: [open]", onLine: 9), line: 9,
                      mentions: ["`workflow.reopen_to`"])
        assertRejects(defaultFile(replacing: "done: [resolved, closed]", with: "done: [resolved, finished]", onLine: 10),
                      line: 10, mentions: ["`workflow.done`", "`finished`"])
        assertRejects("workflow:\n  statuses: [todo, done]\n", line: 2, mentions: ["initial, resolve_to, close_to and reopen_to"])
    }

    func testStatusesMustBeANonEmptyList() {
        let statuses = "statuses: [new, open, pending, resolved, closed]"
        assertRejects(defaultFile(replacing: statuses, with: "statuses: []", onLine: 5), line: 5, mentions: ["must not be empty"])
        assertRejects(defaultFile(replacing: statuses, with: "statuses: new", onLine: 5), line: 5, mentions: ["must be a list"])
        assertRejects(defaultFile(replacing: statuses, with: "statuses: [new, [open]]", onLine: 5), line: 5,
                      mentions: ["items must be names"])
    }

    func testTransitionsMustBeAMapping() {
        assertRejects("workflow:\n  transitions: [new, open]\n", line: 2, mentions: ["`workflow.transitions`"])
        assertRejects("\n\nworkflow:\n  transitions:\n    new: open\n", line: 5, mentions: ["`workflow.transitions.new` must be a list"])
    }

    // MARK: Bad priorities and storage

    func testBadPriorityCell() throws {
        let text = defaultFile(replacing: "organization: { low: P2, medium: P1, high: P1 }",
                               with: "organization: { low: P2, medium: P1, high: P9 }", onLine: 23)
        assertRejects(text, line: 23, mentions: ["`priorities.matrix.organization.high`", "P1, P2, P3 or P4"])
        let error = try XCTUnwrap(formatError { try self.decode(text) })
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[22]
        XCTAssertEqual(error.column, line.distance(from: line.startIndex, to: try XCTUnwrap(line.firstRange(of: "P9")).lowerBound) + 1)
        XCTAssertTrue(error.description.hasPrefix("desk.yml:23:\(error.column): "), error.description)
    }

    func testBadImpactOrUrgency() {
        assertRejects(defaultFile(replacing: "person:       {", with: "people:       {", onLine: 21), line: 21,
                      mentions: ["person, department or organization"])
        assertRejects(defaultFile(replacing: "{ low: P4,", with: "{ lo: P4,", onLine: 21), line: 21,
                      mentions: ["low, medium or high"])
        assertRejects("priorities:\n  matrix: [P1]\n", line: 2, mentions: ["`priorities.matrix` must be a mapping"])
        assertRejects("priorities:\n  matrix:\n    person: P1\n", line: 3, mentions: ["`priorities.matrix.person`"])
    }

    func testBadStorageSettings() {
        assertRejects(defaultFile(replacing: "fsync: false", with: "fsync: maybe", onLine: 27), line: 27,
                      mentions: ["true or false"])
        assertRejects(defaultFile(replacing: "pack_after_loose_objects: 2000", with: "pack_after_loose_objects: -5", onLine: 29),
                      line: 29, mentions: ["whole number"])
    }

    // MARK: Not a config at all

    func testTopLevelMustBeAMapping() {
        assertRejects("- workflow\n- priorities\n", line: 1, mentions: ["mapping of sections"])
    }

    func testYAMLProblemsAreLocated() {
        assertRejects("name: x\nworkflow: [\n", rule: "yaml", line: 3, mentions: ["invalid YAML in desk.yml"])
        assertRejects("name: x\n\tfsync: true\n", rule: "yaml", line: 2)
        assertRejects("name: a\nstorage:\n  fsync: true\nname: b\n", rule: "duplicate-key", line: 4, mentions: ["`name`", "line 1"])
        assertRejects("name: &n desk\nworkflow:\n  initial: *n\n", rule: "yaml-anchor", line: 1)
        assertRejects("name: x\u{FFFF}\n", rule: "yaml", line: 1, mentions: ["control characters"])
    }

    func testInvalidUTF8() {
        guard let error = formatError({ try DeskConfigCodec.decode([0x6E, 0x3A, 0x20, 0xC3, 0x28, 0x0A]) }) else { return }
        XCTAssertEqual(error.rule, "encoding")
        XCTAssertTrue(error.message.contains("UTF-8"), error.message)
    }

    // MARK: The model

    func testPriorityMatrixDefaults() {
        let config = DeskConfig.standard
        XCTAssertEqual(config.priority(impact: nil, urgency: nil), .p3, "one person, medium urgency")
        XCTAssertEqual(config.priority(impact: .organization, urgency: .high), .p1)
        XCTAssertEqual(config.priority(impact: .person, urgency: .low), .p4)
        var empty = config
        empty.priorityMatrix = [:]
        XCTAssertEqual(empty.priority(impact: .organization, urgency: .high), .p3)
        for impact in Impact.allCases {
            for urgency in Urgency.allCases {
                XCTAssertNotNil(config.priorityMatrix[impact]?[urgency], "\(impact) × \(urgency)")
            }
        }
    }

    func testStandardWorkflow() {
        let workflow = Workflow.standard
        XCTAssertTrue(workflow.allows(from: "new", to: "open"))
        XCTAssertTrue(workflow.allows(from: "resolved", to: "open"))
        XCTAssertFalse(workflow.allows(from: "closed", to: "open"))
        XCTAssertFalse(workflow.allows(from: "nonsense", to: "open"))
        XCTAssertEqual(workflow.legalMoves(from: "closed"), [])
        XCTAssertEqual(workflow.legalMoves(from: "pending"), ["open", "resolved"])
        XCTAssertEqual(Set(workflow.transitions.keys), Set(workflow.statuses))
        XCTAssertTrue(Set(workflow.done).isSubset(of: workflow.statuses))
    }

    func testPriorityTextAndOrder() {
        XCTAssertEqual(Priority(text: "p1"), .p1)
        XCTAssertEqual(Priority(text: "P4"), .p4)
        XCTAssertNil(Priority(text: "P5"))
        XCTAssertNil(Priority(text: " P1"))
        XCTAssertLessThan(Priority.p1, Priority.p2)
        XCTAssertEqual(Priority.allCases.sorted(), [.p1, .p2, .p3, .p4])
    }
}
