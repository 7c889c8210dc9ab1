/// What a person may do on the desk.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Raises tickets and comments on them.
    case requester
    /// Works tickets: assigns, changes status, resolves.
    case `operator`
    /// An operator who may also change `desk.yml`.
    case lead
    /// A lead who may also rewrite history: delete tickets, edit activity.
    case admin

    /// Operators, leads and admins work tickets.
    public var worksTickets: Bool { self != .requester }
    /// Leads and admins change the desk's configuration.
    public var changesConfiguration: Bool { self == .lead || self == .admin }
}

/// Someone the desk knows, listed under `people:` in `desk.yml` by handle.
public struct Person: Sendable, Equatable, Codable {
    /// The name used in tickets (`assignee: alice`) and as `DESK_USER`.
    public var handle: String
    public var name: String?
    public var email: String?
    public var role: Role
    public var groups: [String]
    public var department: String?
    /// Days away: routing passes to a department's deputy on these days.
    public var absences: [Absence]

    public init(handle: String, name: String? = nil, email: String? = nil, role: Role,
                groups: [String] = [], department: String? = nil, absences: [Absence] = []) {
        self.handle = handle
        self.name = name
        self.email = email
        self.role = role
        self.groups = groups
        self.department = department
        self.absences = absences
    }

    /// The absence covering `day`, if any.
    public func absence(on day: LocalDate) -> Absence? {
        absences.first { $0.contains(day) }
    }
}

/// A department under `departments:`: its operator ("face") and deputy.
public struct Department: Sendable, Equatable, Codable {
    public var name: String
    public var face: String?
    public var deputy: String?

    public init(name: String, face: String? = nil, deputy: String? = nil) {
        self.name = name
        self.face = face
        self.deputy = deputy
    }
}

extension DeskConfig {
    /// The person with this handle, if `people:` lists one.
    public func person(_ handle: String) -> Person? {
        people.first { $0.handle.caseInsensitiveCompare(handle) == .orderedSame }
    }

    /// The person a commit author is: matched by e-mail first, then by handle or name.
    public func person(authorName: String, email: String) -> Person? {
        if !email.isEmpty, let byEmail = people.first(where: {
            $0.email.map { $0.caseInsensitiveCompare(email) == .orderedSame } ?? false
        }) {
            return byEmail
        }
        return people.first {
            $0.handle.caseInsensitiveCompare(authorName) == .orderedSame
                || ($0.name.map { $0.caseInsensitiveCompare(authorName) == .orderedSame } ?? false)
        }
    }

    /// Every group some person belongs to.
    public var groups: Set<String> { Set(people.flatMap(\.groups)) }

    /// The departments the desk knows: those listed, else those its people belong to.
    public var departmentNames: Set<String> {
        departments.isEmpty ? Set(people.compactMap(\.department)) : Set(departments.map(\.name))
    }
}
