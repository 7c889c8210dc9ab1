import Yams

/// Reads the `people:` and `departments:` sections of `desk.yml`.
///
///     people:
///       alice: { name: Alice Jansen, email: alice@example.org, role: operator, groups: [first-line] }
///       dave:  { name: Dave Smit, role: requester, department: HR }
///       bob:   { role: operator, absent: [2026-12-21..2027-01-03, 2027-02-12] }
///     departments:
///       HR: { face: alice, deputy: bob }
enum PeopleCodec {
    static let personKeys: Set<String> = ["name", "email", "role", "groups", "department", "absent"]
    static let departmentKeys: Set<String> = ["face", "deputy"]

    static func decode(_ top: Node.Mapping, into config: inout DeskConfig, fail: (Node, String) -> FormatError) throws {
        var peopleEntries = Node.Mapping([])
        if let people = top["people"], !FieldReader.isNull(people) {
            guard case .mapping(let entries) = people else {
                throw fail(people, "`people` must map each handle to its details, like `alice: { role: operator }`")
            }
            var seen = Set<String>()
            for (key, value) in entries {
                guard let handle = key.string, !handle.isEmpty, handle.count <= Validate.maxName,
                      !handle.contains(where: { $0.isWhitespace || $0 == "," }) else {
                    throw fail(key, "`people` handles must be single words such as `alice`")
                }
                guard seen.insert(handle.lowercased()).inserted else {
                    throw fail(key, "`people.\(handle)` is listed twice")
                }
                config.people.append(try person(handle, value, fail: fail))
            }
            peopleEntries = entries
        }
        if let departments = top["departments"], !FieldReader.isNull(departments) {
            guard case .mapping(let entries) = departments else {
                throw fail(departments, "`departments` must map each department to its face and deputy")
            }
            for (key, value) in entries {
                guard let name = key.string, !name.isEmpty else { throw fail(key, "`departments` names must be text") }
                config.departments.append(try department(name, value, config: config, fail: fail))
            }
        }
        guard !config.departments.isEmpty else { return }
        let known = config.departmentNames
        for (key, value) in peopleEntries {
            if let node = value["department"], let dept = node.string, !known.contains(dept) {
                throw fail(node, "`people.\(key.string ?? "?").department` names `\(dept)`, which is not under `departments`")
            }
        }
    }

    private static func person(_ handle: String, _ node: Node, fail: (Node, String) -> FormatError) throws -> Person {
        guard case .mapping(let fields) = node else {
            throw fail(node, "`people.\(handle)` must be a mapping such as `{ name: …, role: operator }`")
        }
        for (key, _) in fields where !personKeys.contains(key.string ?? "") {
            throw fail(key, "`people.\(handle)` has unknown key `\(key.string ?? "?")`; known: \(personKeys.sorted().joined(separator: ", "))")
        }
        func text(_ key: String) throws -> String? {
            guard let value = fields[key], !FieldReader.isNull(value) else { return nil }
            guard let string = value.string else { throw fail(value, "`people.\(handle).\(key)` must be a single value") }
            return string
        }
        guard let roleNode = fields["role"], let role = roleNode.string.flatMap(Role.init(rawValue:)) else {
            throw fail(fields["role"] ?? node,
                       "`people.\(handle).role` must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var groups: [String] = []
        if let groupsNode = fields["groups"], !FieldReader.isNull(groupsNode) {
            guard case .sequence(let items) = groupsNode else {
                throw fail(groupsNode, "`people.\(handle).groups` must be a list, like `[first-line, network]`")
            }
            groups = try items.map {
                guard let group = $0.string, !group.isEmpty else { throw fail($0, "`people.\(handle).groups` items must be names") }
                return group
            }
        }
        var absences: [Absence] = []
        if let absentNode = fields["absent"], !FieldReader.isNull(absentNode) {
            guard case .sequence(let items) = absentNode else {
                throw fail(absentNode, "`people.\(handle).absent` must be a list of dates and ranges, like `[2026-12-21..2027-01-03]`")
            }
            absences = try items.map {
                guard let period = $0.string.flatMap(PolicyCodec.dateRange) else {
                    throw fail($0, "`people.\(handle).absent` item `\($0.string ?? "?")` must be a date (2026-12-24) or a range (2026-12-21..2027-01-03)")
                }
                return period
            }
        }
        return Person(handle: handle, name: try text("name"), email: try text("email"), role: role,
                      groups: groups, department: try text("department"), absences: absences)
    }

    private static func department(_ name: String, _ node: Node, config: DeskConfig,
                                   fail: (Node, String) -> FormatError) throws -> Department {
        if FieldReader.isNull(node) { return Department(name: name) }
        guard case .mapping(let fields) = node else {
            throw fail(node, "`departments.\(name)` must be a mapping such as `{ face: alice, deputy: bob }`")
        }
        for (key, _) in fields where !departmentKeys.contains(key.string ?? "") {
            throw fail(key, "`departments.\(name)` has unknown key `\(key.string ?? "?")`; known: face, deputy")
        }
        func operatorHandle(_ key: String) throws -> String? {
            guard let value = fields[key], !FieldReader.isNull(value) else { return nil }
            guard let handle = value.string else { throw fail(value, "`departments.\(name).\(key)` must be a handle") }
            guard let person = config.person(handle) else {
                throw fail(value, "`departments.\(name).\(key)` names `\(handle)`, who is not under `people`")
            }
            guard person.role.worksTickets else {
                throw fail(value, "`departments.\(name).\(key)` names `\(handle)`, a requester; it must be an operator")
            }
            return person.handle
        }
        return Department(name: name, face: try operatorHandle("face"), deputy: try operatorHandle("deputy"))
    }
}
