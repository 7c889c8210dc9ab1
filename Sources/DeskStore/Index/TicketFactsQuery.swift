import GRDB

extension QueryIndex {
    /// The SLA facts of every readable ticket matching `condition` (SQL over `tickets`).
    func ticketFacts(where condition: String = "1", _ arguments: [DatabaseValueConvertible?] = []) throws -> [TicketFacts] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE error IS NULL AND (\(condition))",
                             arguments: StatementArguments(arguments)).map {
                let summary = Self.summary($0)
                return TicketFacts(summary, statusLog: summary.statusLog)
            }
        }
    }

    /// Ticket facts by path with the blob they were read from, to reuse for the same blob at another commit.
    func ticketFactsByPath() throws -> [String: (blob: String, facts: TicketFacts)] {
        try queue.read { db in
            var result: [String: (blob: String, facts: TicketFacts)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM tickets WHERE error IS NULL")
            while let row = try rows.next() {
                let summary = Self.summary(row)
                result[summary.path] = (row["blob"], TicketFacts(summary, statusLog: summary.statusLog))
            }
            return result
        }
    }
}
