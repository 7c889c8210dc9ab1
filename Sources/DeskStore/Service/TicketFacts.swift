/// What the service-desk rules need to know about a ticket: who raised it and about what, its
/// priority inputs, its clock times, and the statuses it went through. Made from a ticket file
/// or, without reading files, from the query index.
public struct TicketFacts: Sendable, Equatable {
    /// A status and the moment the ticket entered it; the first is the status it was created in.
    public struct StatusChange: Sendable, Equatable {
        public var status: String
        public var at: Timestamp
    }

    public var id: String
    public var title: String
    public var status: String
    public var priority: Priority?
    public var impact: Impact?
    public var urgency: Urgency?
    public var category: String?
    public var requester: String?
    public var department: String?
    public var assignee: String?
    public var group: String?
    public var channel: String?
    public var created: Timestamp
    public var responseDue: Timestamp?
    public var resolveDue: Timestamp?
    public var responded: Timestamp?
    public var resolved: Timestamp?
    /// Oldest first, starting with the status at `created`.
    public var statuses: [StatusChange]

    public init(_ ticket: Ticket) {
        self.init(id: ticket.id.rawValue, title: ticket.title, status: ticket.status, priority: ticket.priority,
                  impact: ticket.impact, urgency: ticket.urgency, category: ticket.category, requester: ticket.requester,
                  department: ticket.department, assignee: ticket.assignee, group: ticket.group, channel: ticket.channel,
                  created: ticket.created, responseDue: ticket.responseDue, resolveDue: ticket.resolveDue,
                  responded: ticket.responded, resolved: ticket.resolved, statuses: Self.statusChanges(of: ticket))
    }

    init(id: String, title: String, status: String, priority: Priority?, impact: Impact?, urgency: Urgency?,
         category: String?, requester: String?, department: String?, assignee: String?, group: String?, channel: String?,
         created: Timestamp, responseDue: Timestamp?, resolveDue: Timestamp?, responded: Timestamp?, resolved: Timestamp?,
         statuses: [StatusChange]) {
        self.id = id
        self.title = title
        self.status = status
        self.priority = priority
        self.impact = impact
        self.urgency = urgency
        self.category = category
        self.requester = requester
        self.department = department
        self.assignee = assignee
        self.group = group
        self.channel = channel
        self.created = created
        self.responseDue = responseDue
        self.resolveDue = resolveDue
        self.responded = responded
        self.resolved = resolved
        self.statuses = statuses
    }

    /// A ticket as `desk list` has it, with the status history the index keeps beside it.
    init(_ summary: TicketSummary) {
        self.init(id: summary.id, title: summary.title, status: summary.status,
                  priority: summary.priority.flatMap(Priority.init(text:)), impact: summary.impact.flatMap(Impact.init(rawValue:)),
                  urgency: summary.urgency.flatMap(Urgency.init(rawValue:)), category: summary.category,
                  requester: summary.requester, department: summary.department, assignee: summary.assignee,
                  group: summary.group, channel: summary.channel, created: summary.created, responseDue: summary.responseDue,
                  resolveDue: summary.resolveDue, responded: summary.responded, resolved: summary.resolved,
                  statuses: summary.statusLog.map(Self.decodeStatusLog) ?? [])
        if statuses.isEmpty { statuses = [StatusChange(status: summary.status, at: summary.created)] }
    }

    /// The status changes recorded in the activity, after the status the ticket was created in.
    static func statusChanges(of ticket: Ticket) -> [StatusChange] {
        let moves = ticket.activity.filter { $0.kind == ActivityEntry.Kind.status && $0.to != nil }
        let initial = moves.first?.from ?? ticket.status
        return [StatusChange(status: initial, at: ticket.created)]
            + moves.map { StatusChange(status: $0.to!, at: $0.at) }
    }

    /// The status history as the query index stores it: `new@1764000000 open@1764003600`.
    static func encodeStatusLog(_ changes: [StatusChange]) -> String {
        changes.map { "\($0.status)@\($0.at.seconds)" }.joined(separator: " ")
    }

    static func decodeStatusLog(_ text: String) -> [StatusChange] {
        // Byte by byte: `desk sla` decodes one of these per unresolved ticket, `desk report` one per ticket.
        var changes: [StatusChange] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                var at = -1
                while end < bytes.count, bytes[end] != 0x20 {
                    if bytes[end] == 0x40 { at = end }
                    end += 1
                }
                if at > start, at + 1 < end {
                    var seconds: Int64 = 0
                    var valid = true
                    var i = at + 1
                    let negative = bytes[i] == 0x2D
                    if negative { i += 1 }
                    while i < end {
                        let digit = bytes[i] &- 0x30
                        guard digit < 10 else { valid = false; break }
                        seconds = seconds &* 10 &+ Int64(digit)
                        i += 1
                    }
                    if valid {
                        let status = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                        changes.append(StatusChange(status: status, at: Timestamp(seconds: negative ? -seconds : seconds)))
                    }
                }
                start = end + 1
            }
        }
        return changes
    }

    /// The facts as they stood at `moment`: later status changes, responses and resolutions undone.
    func asOf(_ moment: Timestamp) -> TicketFacts {
        var facts = self
        facts.statuses = statuses.filter { $0.at <= moment }
        if facts.statuses.isEmpty { facts.statuses = [statuses.first ?? StatusChange(status: status, at: created)] }
        facts.status = facts.statuses.last!.status
        if let responded, responded > moment { facts.responded = nil }
        if let resolved, resolved > moment { facts.resolved = nil }
        return facts
    }
}
