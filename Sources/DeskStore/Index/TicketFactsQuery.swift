import GRDB

extension QueryIndex {
    /// The columns `TicketFacts(row:)` reads, by position: GRDB looks a column up by name with a
    /// lower-cased copy of the name every time, which was a fifth of `desk sla` at 100,000 tickets.
    private static let factColumns = """
        id, title, status, priority, impact, urgency, category, requester, department, assignee, grp, channel,
        created, response_due, resolve_due, responded, resolved, status_log, path, blob
        """

    /// The SLA facts of every readable ticket matching `condition` (SQL over `tickets`).
    func ticketFacts(where condition: String = "1", _ arguments: [DatabaseValueConvertible?] = []) throws -> [TicketFacts] {
        try queue.read { db in
            var result: [TicketFacts] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.factColumns) FROM tickets WHERE error IS NULL AND (\(condition))",
                                           arguments: StatementArguments(arguments))
            while let row = try rows.next() { result.append(TicketFacts(row: row)) }
            return result
        }
    }

    /// Ticket facts by path with the blob they were read from, to reuse for the same blob at another commit.
    func ticketFactsByPath() throws -> [String: (blob: String, facts: TicketFacts)] {
        try queue.read { db in
            var result: [String: (blob: String, facts: TicketFacts)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.factColumns) FROM tickets WHERE error IS NULL")
            while let row = try rows.next() {
                result[row[18]] = (row[19], TicketFacts(row: row))
            }
            return result
        }
    }
}

extension TicketFacts {
    /// From a row of `QueryIndex.factColumns`.
    fileprivate init(row: Row) {
        func time(_ index: Int) -> Timestamp? { (row[index] as Int64?).map(Timestamp.init(seconds:)) }
        let status: String = row[2]
        let created = time(12) ?? Timestamp(seconds: 0)
        self.init(id: row[0], title: row[1], status: status, priority: (row[3] as String?).flatMap(Priority.init(text:)),
                  impact: (row[4] as String?).flatMap(Impact.init(rawValue:)),
                  urgency: (row[5] as String?).flatMap(Urgency.init(rawValue:)),
                  category: row[6], requester: row[7], department: row[8], assignee: row[9], group: row[10], channel: row[11],
                  created: created, responseDue: time(13), resolveDue: time(14), responded: time(15), resolved: time(16),
                  statuses: (row[17] as String?).map(Self.decodeStatusLog) ?? [])
        if statuses.isEmpty { statuses = [StatusChange(status: status, at: created)] }
    }
}
