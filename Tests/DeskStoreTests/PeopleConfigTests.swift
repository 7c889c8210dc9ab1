@testable import DeskStore
import XCTest

/// The `people:` and `departments:` sections of `desk.yml`: what they read as, and every refusal
/// naming the key and its line.
final class PeopleConfigTests: XCTestCase {
    private func decode(_ text: String) throws -> DeskConfig {
        try DeskConfigCodec.decode(Array(text.utf8))
    }

    private func assertRejects(_ text: String, rule: String = "config", line: Int, mentions: [String],
                               file: StaticString = #filePath, testLine: UInt = #line) {
        guard let error = formatError({ try decode(text) }, file: file, line: testLine) else { return }
        XCTAssertEqual(error.rule, rule, "rule; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line; message: \(error.message)", file: file, line: testLine)
        XCTAssertEqual(error.path, "desk.yml", file: file, line: testLine)
        for word in mentions {
            XCTAssertTrue(error.message.contains(word), "message \(error.message.debugDescription) mentions \(word)",
                          file: file, line: testLine)
        }
        // The same problem through the linter: one error on the same line.
        let findings = FileLinter.lint(path: "desk.yml", bytes: Array(text.utf8),
                                       context: LintContext(config: .standard, contents: PathSet(paths: [])))
        assertFindings(findings, [ExpectedFinding(LintRule(rawValue: rule) ?? .config, max(1, line))], path: "desk.yml",
                       file: file, line: testLine)
    }

    static let text = """
        name: Lab
        people:
          alice: { name: Alice Jansen, email: alice@example.org, role: operator, groups: [first-line, network] }
          lena:
            name: Lena Lead
            email: lena@example.org
            role: lead
            groups: [network]
            department: IT
          adam: { role: admin }
          dave: { name: Dave Smit, role: requester, department: HR, email: ~ }
        departments:
          HR: { face: alice, deputy: lena }
          IT: { face: lena }
          Finance:

        """

    // MARK: Reading

    func testPeopleAndDepartments() throws {
        let config = try decode(Self.text)
        XCTAssertEqual(config.people, [
            Person(handle: "alice", name: "Alice Jansen", email: "alice@example.org", role: .operator,
                   groups: ["first-line", "network"]),
            Person(handle: "lena", name: "Lena Lead", email: "lena@example.org", role: .lead, groups: ["network"], department: "IT"),
            Person(handle: "adam", role: .admin),
            Person(handle: "dave", name: "Dave Smit", role: .requester, department: "HR"),
        ])
        XCTAssertEqual(config.departments, [
            Department(name: "HR", face: "alice", deputy: "lena"),
            Department(name: "IT", face: "lena"),
            Department(name: "Finance"),
        ])
        XCTAssertEqual(config.groups, ["first-line", "network"])
        XCTAssertEqual(config.departmentNames, ["HR", "IT", "Finance"])
        XCTAssertEqual(config.workflow, .standard, "other sections keep their defaults")
        assertFindings(FileLinter.lint(path: "desk.yml", bytes: Array(Self.text.utf8),
                                       context: LintContext(config: .standard, contents: PathSet(paths: []))),
                       [], path: "desk.yml")
    }

    func testLookups() throws {
        let config = try decode(Self.text)
        XCTAssertEqual(config.person("ALICE")?.handle, "alice")
        XCTAssertNil(config.person("alice jansen"), "a handle, not a name")
        XCTAssertEqual(config.person(authorName: "x", email: "Lena@Example.org")?.handle, "lena")
        XCTAssertEqual(config.person(authorName: "dave smit", email: "dave@home.example")?.handle, "dave")
        XCTAssertEqual(config.person(authorName: "adam", email: "")?.handle, "adam")
        XCTAssertNil(config.person(authorName: "Mallory", email: "mallory@evil.example"))
    }

    func testRoles() {
        XCTAssertEqual(Role.allCases.map(\.rawValue), ["requester", "operator", "lead", "admin"])
        XCTAssertEqual(Role.allCases.filter(\.worksTickets), [.operator, .lead, .admin])
        XCTAssertEqual(Role.allCases.filter(\.changesConfiguration), [.lead, .admin])
    }

    func testEmptySections() throws {
        XCTAssertEqual(try decode("people:\ndepartments:\n").people, [])
        XCTAssertEqual(try decode("people: {}\n").people, [])
        XCTAssertEqual(try decode("name: x\n"), { var c = DeskConfig.standard; c.name = "x"; return c }())
    }

    func testDepartmentsFromPeopleWhenNotListed() throws {
        let config = try decode("people:\n  dave: { role: requester, department: HR }\n  erin: { role: requester, department: IT }\n")
        XCTAssertEqual(config.departments, [])
        XCTAssertEqual(config.departmentNames, ["HR", "IT"])
    }

    // MARK: Refusals

    func testDuplicateHandle() {
        assertRejects("people:\n  alice: { role: operator }\n  alice: { role: lead }\n", rule: "duplicate-key", line: 3,
                      mentions: ["`alice`", "line 2"])
        assertRejects("people:\n  alice: { role: operator }\n  Alice: { role: lead }\n", line: 3,
                      mentions: ["`people.Alice` is listed twice"])
    }

    func testBadHandle() {
        assertRejects("people:\n  \"al ice\": { role: operator }\n", line: 2, mentions: ["single words"])
        assertRejects("people:\n  \"a,b\": { role: operator }\n", line: 2, mentions: ["single words"])
    }

    func testBadRole() {
        assertRejects("people:\n  alice: { role: boss }\n", line: 2,
                      mentions: ["`people.alice.role`", "requester, operator, lead, admin"])
        assertRejects("name: x\npeople:\n  alice:\n    name: Alice\n    role: boss\n", line: 5, mentions: ["`people.alice.role`"])
        assertRejects("people:\n  alice:\n    name: Alice\n    role: [operator]\n", line: 4, mentions: ["`people.alice.role`"])
        // No role at all: the person's entry is named.
        assertRejects("people:\n  alice:\n    name: Alice\n", line: 3, mentions: ["`people.alice.role`"])
    }

    func testBadPersonEntry() {
        assertRejects("people:\n  alice: operator\n", line: 2, mentions: ["`people.alice` must be a mapping"])
        assertRejects("people:\n  alice: { role: operator, phone: 555 }\n", line: 2, mentions: ["`people.alice`", "`phone`"])
        assertRejects("people:\n  alice: { role: operator, groups: first-line }\n", line: 2,
                      mentions: ["`people.alice.groups` must be a list"])
        assertRejects("people:\n  alice:\n    role: operator\n    email: [a@b, c@d]\n", line: 4,
                      mentions: ["`people.alice.email`"])
        assertRejects("people: [alice, bob]\n", line: 1, mentions: ["`people` must map each handle"])
    }

    func testFaceNotAPerson() {
        assertRejects("people:\n  alice: { role: operator }\ndepartments:\n  HR: { face: bob }\n", line: 4,
                      mentions: ["`departments.HR.face`", "`bob`", "not under `people`"])
        assertRejects("people:\n  alice: { role: operator }\ndepartments:\n  HR:\n    face: alice\n    deputy: carol\n", line: 6,
                      mentions: ["`departments.HR.deputy`", "`carol`"])
        // Without `people:` no one can be a face.
        assertRejects("departments:\n  HR: { face: alice }\n", line: 2, mentions: ["`departments.HR.face`"])
    }

    func testFaceARequester() {
        assertRejects("people:\n  alice: { role: operator }\n  dave: { role: requester }\ndepartments:\n  HR: { face: dave }\n",
                      line: 5, mentions: ["`departments.HR.face`", "`dave`", "requester"])
    }

    func testBadDepartmentEntry() {
        assertRejects("people:\n  alice: { role: operator }\ndepartments:\n  HR: { face: alice, boss: alice }\n", line: 4,
                      mentions: ["`departments.HR`", "`boss`"])
        assertRejects("departments: [HR, IT]\n", line: 1, mentions: ["`departments` must map"])
        assertRejects("departments:\n  HR: alice\n", line: 2, mentions: ["`departments.HR` must be a mapping"])
    }

    func testPersonsDepartmentNotListed() {
        let text = """
            people:
              alice: { role: operator }
              dave: { role: requester, department: HR }
              erin:
                role: requester
                department: Sales
            departments:
              HR: { face: alice }

            """
        assertRejects(text, line: 6, mentions: ["`people.erin.department`", "`Sales`", "not under `departments`"])
    }
}
