import Foundation
import GRDB

extension QueryIndex {
    /// Tickets matching `query`, in its order, from the index as last refreshed.
    func tickets(_ query: TicketQuery, doneStatuses: [String]) throws -> [TicketSummary] {
        var clauses = ["t.error IS NULL"]
        var arguments: [DatabaseValueConvertible?] = []
        func add(_ clause: String, _ values: [DatabaseValueConvertible?]) {
            clauses.append(clause)
            arguments.append(contentsOf: values)
        }
        func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

        if !query.statuses.isEmpty {
            add("t.status IN (\(placeholders(query.statuses.count)))", query.statuses)
        } else if query.activeOnly, !doneStatuses.isEmpty {
            add("t.status NOT IN (\(placeholders(doneStatuses.count)))", doneStatuses)
        }
        if let assignee = query.assignee { add("t.assignee = ? COLLATE NOCASE", [assignee]) }
        if query.unassigned { add("t.assignee IS NULL", []) }
        if let department = query.department { add("t.department = ? COLLATE NOCASE", [department]) }
        if let group = query.group { add("t.grp = ? COLLATE NOCASE", [group]) }
        if !query.priorities.isEmpty {
            add("t.priority IN (\(placeholders(query.priorities.count)))", query.priorities.map { $0.uppercased() })
        }
        if let category = query.category {
            // A category also matches its subcategories: `network` finds `network/vpn`.
            add("(t.category = ? COLLATE NOCASE OR t.category LIKE ? ESCAPE '\\')", [category, Self.likePrefix(category) + "/%"])
        }
        if let tag = query.tag {
            add("t.rowid IN (SELECT ticket FROM ticket_tags WHERE tag = ?)", [tag.lowercased()])
        }
        if let requester = query.requester { add("t.requester = ? COLLATE NOCASE", [requester]) }
        if let asset = query.asset { add("t.asset = ? COLLATE NOCASE", [asset]) }
        if let channel = query.channel { add("t.channel = ? COLLATE NOCASE", [channel]) }

        var from = "tickets t"
        var rankOrder: String?
        if let text = query.text, let match = Self.matchExpression(text) {
            from = "ticket_text JOIN tickets t ON t.rowid = ticket_text.rowid"
            add("ticket_text MATCH ?", [match])
            // Title hits weigh more than body hits.
            rankOrder = "bm25(ticket_text, 5.0, 1.0)"
        }

        let direction = query.descending ? "DESC" : "ASC"
        let order: String
        switch query.sort ?? (rankOrder != nil ? .relevance : .priority) {
        case .relevance: order = (rankOrder ?? "t.priority_rank") + (query.descending ? " DESC" : "") + ", t.updated DESC"
        case .priority: order = "t.priority_rank \(direction), t.updated DESC"
        case .updated: order = "t.updated \(query.descending ? "ASC" : "DESC")"
        case .created: order = "t.created \(query.descending ? "ASC" : "DESC")"
        case .status: order = "t.status \(direction), t.priority_rank, t.updated DESC"
        case .id: order = "t.id \(direction)"
        case .title: order = "t.title COLLATE NOCASE \(direction)"
        case .assignee: order = "t.assignee IS NULL, t.assignee COLLATE NOCASE \(direction), t.priority_rank"
        }
        var sql = "SELECT t.* FROM \(from) WHERE \(clauses.joined(separator: " AND ")) ORDER BY \(order)"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.summary)
        }
    }

    /// Ticket files that could not be read, with the reason.
    func unreadableFiles() throws -> [UnreadableFile] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT path, error FROM tickets WHERE error IS NOT NULL ORDER BY path").map {
                UnreadableFile(path: $0["path"], message: $0["error"])
            }
        }
    }

    static func summary(_ row: Row) -> TicketSummary {
        func time(_ column: String) -> Timestamp? { (row[column] as Int64?).map(Timestamp.init(seconds:)) }
        func list(_ column: String) -> [String] {
            (row[column] as String?).map { $0.split(separator: "\n").map(String.init) } ?? []
        }
        return TicketSummary(
            id: row["id"], path: row["path"], title: row["title"], status: row["status"], priority: row["priority"],
            impact: row["impact"], urgency: row["urgency"], category: row["category"], requester: row["requester"],
            department: row["department"], assignee: row["assignee"], group: row["grp"],
            created: time("created") ?? Timestamp(seconds: 0), updated: time("updated") ?? Timestamp(seconds: 0),
            responseDue: time("response_due"), resolveDue: time("resolve_due"), responded: time("responded"),
            resolved: time("resolved"), tags: list("tags"), links: list("links"), kb: list("kb"),
            asset: row["asset"], channel: row["channel"], statusLog: row["status_log"])
    }

    /// Words of free text as an FTS5 query: every word must match, short words also as prefixes.
    static func matchExpression(_ text: String) -> String? {
        let words = text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
