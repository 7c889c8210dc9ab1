import DeskStore

/// `desk show --json` and every mutating command's `--json`: front matter fields, body, activity, path.
enum TicketJSON {
    static func ticket(_ ticket: Ticket) -> OrderedFields {
        var fields = frontMatter(
            id: ticket.id.rawValue, title: ticket.title, status: ticket.status, priority: ticket.priority?.rawValue,
            impact: ticket.impact?.rawValue, urgency: ticket.urgency?.rawValue, category: ticket.category,
            requester: ticket.requester, department: ticket.department, assignee: ticket.assignee, group: ticket.group,
            created: ticket.created, updated: ticket.updated, responseDue: ticket.responseDue,
            resolveDue: ticket.resolveDue, responded: ticket.responded, resolved: ticket.resolved, tags: ticket.tags,
            links: ticket.links, kb: ticket.kb, asset: ticket.asset, channel: ticket.channel)
        for extra in ticket.extra where !TicketJSON.reserved.contains(extra.key) {
            fields.add(extra.key, extra.value)
        }
        fields.add("body", ticket.body)
        fields.add("activity", ticket.activity.map(activity))
        fields.add("path", ticket.id.path)
        return fields
    }

    /// `desk list --json` items: the same fields without body and activity.
    static func summary(_ s: TicketSummary) -> OrderedFields {
        var fields = frontMatter(
            id: s.id, title: s.title, status: s.status, priority: s.priority, impact: s.impact, urgency: s.urgency,
            category: s.category, requester: s.requester, department: s.department, assignee: s.assignee,
            group: s.group, created: s.created, updated: s.updated, responseDue: s.responseDue,
            resolveDue: s.resolveDue, responded: s.responded, resolved: s.resolved, tags: s.tags, links: s.links,
            kb: s.kb, asset: s.asset, channel: s.channel)
        fields.add("path", s.path)
        return fields
    }

    static let reserved: Set<String> = ["body", "activity", "path", "suggestions"]

    static func activity(_ entry: ActivityEntry) -> OrderedFields {
        var fields = OrderedFields()
        fields.add("id", entry.id)
        fields.add("at", entry.at)
        fields.add("author", entry.author)
        fields.add("kind", entry.kind)
        fields.add("field", entry.field)
        fields.add("from", entry.from)
        fields.add("to", entry.to)
        fields.add("text", entry.text)
        return fields
    }

    // swiftlint:disable:next function_parameter_count
    private static func frontMatter(
        id: String, title: String, status: String, priority: String?, impact: String?, urgency: String?,
        category: String?, requester: String?, department: String?, assignee: String?, group: String?,
        created: Timestamp, updated: Timestamp, responseDue: Timestamp?, resolveDue: Timestamp?,
        responded: Timestamp?, resolved: Timestamp?, tags: [String], links: [String], kb: [String],
        asset: String?, channel: String?
    ) -> OrderedFields {
        var f = OrderedFields()
        f.add("id", id)
        f.add("title", title)
        f.add("status", status)
        f.add("priority", priority)
        f.add("impact", impact)
        f.add("urgency", urgency)
        f.add("category", category)
        f.add("requester", requester)
        f.add("department", department)
        f.add("assignee", assignee)
        f.add("group", group)
        f.add("created", created)
        f.add("updated", updated)
        f.add("response_due", responseDue)
        f.add("resolve_due", resolveDue)
        f.add("responded", responded)
        f.add("resolved", resolved)
        f.add("tags", tags)
        f.add("links", links)
        f.add("kb", kb)
        f.add("asset", asset)
        f.add("channel", channel)
        return f
    }
}

/// `desk log --json` items: `{commit, at, author, ticket, action, changes}`.
enum HistoryJSON {
    static func entry(_ entry: HistoryEntry) -> OrderedFields {
        var f = OrderedFields()
        f.add("commit", entry.commit)
        f.add("at", entry.at)
        f.add("author", entry.author)
        f.add("ticket", entry.ticket)
        f.add("action", entry.action)
        f.add("subject", entry.subject)
        f.add("changes", entry.changes.map { change in
            var c = OrderedFields()
            c.add("field", change.field)
            c.add("from", change.from)
            c.add("to", change.to)
            return c
        })
        return f
    }
}
