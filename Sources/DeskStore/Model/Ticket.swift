/// How many people a problem affects.
public enum Impact: String, CaseIterable, Sendable, Codable {
    case person, department, organization
}

/// How soon the work is needed.
public enum Urgency: String, CaseIterable, Sendable, Codable {
    case low, medium, high
}

/// P1 (most urgent) to P4.
public enum Priority: String, CaseIterable, Sendable, Codable, Comparable {
    case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4"

    public init?(text: String) {
        self.init(rawValue: text.uppercased())
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One ticket: its front matter fields, activity and Markdown description.
public struct Ticket: Sendable, Equatable {
    public var id: TicketID
    public var title: String
    /// A status name from the desk's workflow (`new`, `open`, …).
    public var status: String
    public var priority: Priority?
    public var impact: Impact?
    public var urgency: Urgency?
    public var category: String?
    public var requester: String?
    public var department: String?
    public var assignee: String?
    public var group: String?
    public var created: Timestamp
    public var updated: Timestamp
    public var responseDue: Timestamp?
    public var resolveDue: Timestamp?
    public var responded: Timestamp?
    public var resolved: Timestamp?
    public var tags: [String]
    public var links: [String]
    public var kb: [String]
    public var asset: String?
    public var channel: String?
    /// Front matter keys desk does not know, kept as written (scalar values only).
    public var extra: [ExtraField]
    public var activity: [ActivityEntry]
    /// The description, Markdown, exactly as stored after the front matter.
    public var body: String

    public init(id: TicketID, title: String, status: String, created: Timestamp) {
        self.id = id
        self.title = title
        self.status = status
        self.created = created
        self.updated = created
        tags = []
        links = []
        kb = []
        extra = []
        activity = []
        body = ""
    }
}

/// A front matter key desk does not know, preserved on rewrite.
public struct ExtraField: Sendable, Equatable {
    public var key: String
    public var value: String
}

/// One entry of a ticket's activity: a comment, a status change, an assignment, …
public struct ActivityEntry: Sendable, Equatable {
    /// The kinds desk writes; hand-written files may carry others, kept as they are.
    public enum Kind {
        public static let comment = "comment"
        public static let `internal` = "internal"
        public static let status = "status"
        public static let assign = "assign"
        public static let field = "field"
        public static let resolution = "resolution"
        public static let created = "created"
        public static let sync = "sync"
        /// Where `desk new` routed the ticket and why.
        public static let route = "route"
        /// Moved to another group (line) by `desk escalate`.
        public static let escalate = "escalate"
    }

    public var id: String
    public var at: Timestamp
    public var author: String
    public var kind: String
    public var field: String?
    public var from: String?
    public var to: String?
    public var text: String?

    public init(id: String, at: Timestamp, author: String, kind: String, field: String? = nil,
                from: String? = nil, to: String? = nil, text: String? = nil) {
        self.id = id
        self.at = at
        self.author = author
        self.kind = kind
        self.field = field
        self.from = from
        self.to = to
        self.text = text
    }

    /// A fresh entry id: `A-` and 8 random base-32 characters, unique across desks for merging.
    public static func newID<G: RandomNumberGenerator>(using generator: inout G) -> String {
        "A-" + Crockford.random(count: 8, using: &generator)
    }
}
