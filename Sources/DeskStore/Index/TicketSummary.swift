/// A ticket as the query index knows it: front matter fields, no body or activity.
public struct TicketSummary: Sendable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    public var status: String
    public var priority: String?
    public var impact: String?
    public var urgency: String?
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
    /// The statuses the ticket went through (`TicketFacts.encodeStatusLog`), for SLA clocks.
    var statusLog: String?
}

/// A ticket file the index could not read, reported once by `desk list`.
public struct UnreadableFile: Sendable, Equatable {
    public var path: String
    public var message: String
}

/// Filters, order and limit for `desk list`.
public struct TicketQuery: Sendable {
    public enum SortKey: String, CaseIterable, Sendable {
        case priority, updated, created, status, id, title, assignee, relevance
    }

    public var statuses: [String] = []
    /// Only tickets not in a done status (the default view), unless `statuses` is given.
    public var activeOnly = false
    public var assignee: String?
    public var unassigned = false
    public var department: String?
    public var group: String?
    public var priorities: [String] = []
    public var category: String?
    public var tag: String?
    public var requester: String?
    /// Only tickets about this asset (`asset:`).
    public var asset: String?
    /// Only tickets that came in through this channel (`monitor`, `email`, …).
    public var channel: String?
    public var text: String?
    /// Only tickets whose SLA is breached, or at risk of it (see `desk sla`).
    public var breached = false
    public var atRisk = false
    public var sort: SortKey?
    public var descending = false
    public var limit: Int?

    public init() {}
}
