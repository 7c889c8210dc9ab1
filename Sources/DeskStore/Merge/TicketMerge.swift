/// Field-by-field merge of a ticket file.
enum TicketMerge {
    /// nil when some side does not parse: the caller then merges the file as text.
    static func merge(path: String, base: [UInt8]?, ours: MergeSide, theirs: MergeSide, oursBytes: [UInt8],
                      theirsBytes: [UInt8], isTaken: (String) -> Bool) -> FileMergeOutcome? {
        guard let o = try? TicketCodec.decode(oursBytes, path: path),
              let t = try? TicketCodec.decode(theirsBytes, path: path) else { return nil }
        var b: Ticket?
        if let base {
            guard let parsed = try? TicketCodec.decode(base, path: path) else { return nil }
            b = parsed
        } else if !sameTicket(o, t) {
            // Both desks added this path as different tickets: the same id drawn twice.
            guard let resolved = try? IDCollision.resolve(path: path, ours: oursBytes, theirs: theirsBytes,
                                                          isTaken: isTaken) else { return nil }
            return FileMergeOutcome(bytes: resolved.kept.bytes, notes: [resolved.note], renumbered: resolved.renumbered)
        }
        let order = MergeOrder.decide(
            oursTime: MergeOrder.time(updated: o.updated, created: o.created, bytes: oursBytes, side: ours),
            theirsTime: MergeOrder.time(updated: t.updated, created: t.created, bytes: theirsBytes, side: theirs),
            ours: ours, theirs: theirs, oursBytes: oursBytes, theirsBytes: theirsBytes)
        let (ticket, conflicts) = merge(path: path, base: b, ours: o, theirs: t, order: order)
        return FileMergeOutcome(bytes: Array(TicketCodec.encode(ticket).utf8), notes: conflicts.map { $0.note(path: path) })
    }

    /// The merged ticket, with a `sync` entry for every conflict a rule resolved.
    static func merge(path: String, base: Ticket?, ours: Ticket, theirs: Ticket,
                      order: MergeOrder) -> (ticket: Ticket, conflicts: [FieldConflict]) {
        var m = ThreeWay(base: base, ours: ours, theirs: theirs, order: order)
        // Fields in file order, so conflicts (and their `sync` entries) come in that order too.
        let id = m.value("id", \.id) { $0.rawValue }
        let title = m.value("title", \.title) { $0 }
        let status = m.value("status", \.status) { $0 }
        var ticket = Ticket(id: id, title: title, status: status, created: ours.created)
        ticket.priority = m.optional("priority", \.priority) { $0.rawValue }
        ticket.impact = m.optional("impact", \.impact) { $0.rawValue }
        ticket.urgency = m.optional("urgency", \.urgency) { $0.rawValue }
        ticket.category = m.optional("category", \.category) { $0 }
        ticket.requester = m.optional("requester", \.requester) { $0 }
        ticket.department = m.optional("department", \.department) { $0 }
        ticket.assignee = m.optional("assignee", \.assignee) { $0 }
        ticket.group = m.optional("group", \.group) { $0 }
        ticket.created = m.value("created", \.created) { $0.description }
        // The update time is not a conflict: the merge is as recent as the latest side.
        ticket.updated = max(ours.updated, theirs.updated)
        ticket.responseDue = m.optional("response_due", \.responseDue) { $0.description }
        ticket.resolveDue = m.optional("resolve_due", \.resolveDue) { $0.description }
        ticket.responded = firstResponse(base: base, ours: ours, theirs: theirs)
            ?? m.optional("responded", \.responded) { $0.description }
        // `resolved` belongs to the status: when both sides moved the status, it comes with the
        // status that won, or a resolved ticket could lose its time (or a reopened one keep it).
        if statusMovedOnBothSides(base: base, ours: ours, theirs: theirs) {
            ticket.resolved = (order.oursWins ? ours : theirs).resolved
        } else {
            ticket.resolved = m.optional("resolved", \.resolved) { $0.description }
        }
        ticket.tags = m.set(\.tags)
        ticket.links = m.set(\.links)
        ticket.kb = m.set(\.kb)
        ticket.asset = m.optional("asset", \.asset) { $0 }
        ticket.channel = m.optional("channel", \.channel) { $0 }
        ticket.extra = m.extra(\.extra)
        ticket.body = m.body(path: path, \.body)
        let activity = ActivityMerge.merge(base: base?.activity, ours: ours.activity, theirs: theirs.activity, order: order)
        ticket.activity = activity.entries

        let fieldConflicts = m.conflicts
        let at = order.oursWins ? ours.updated : theirs.updated
        ActivityMerge.insert(fieldConflicts.map { SyncEntry.conflict(path: path, $0, at: at) }, into: &ticket.activity)
        return (ticket, fieldConflicts + activity.conflicts)
    }

    /// `responded` is the first response: when both sides set it (from the same base value) to
    /// different times, the earlier one is right, and nothing is lost.
    private static func firstResponse(base: Ticket?, ours: Ticket, theirs: Ticket) -> Timestamp? {
        guard let a = ours.responded, let b = theirs.responded, a != b,
              base?.responded != a, base?.responded != b else { return nil }
        return min(a, b)
    }

    private static func statusMovedOnBothSides(base: Ticket?, ours: Ticket, theirs: Ticket) -> Bool {
        ours.status != theirs.status && base?.status != ours.status && base?.status != theirs.status
    }

    /// Both sides added the file: the same ticket (reached each side by another way, so it shares
    /// activity) or two tickets created at once with the same id.
    private static func sameTicket(_ a: Ticket, _ b: Ticket) -> Bool {
        if a.created == b.created, a.title == b.title { return true }
        // Two desks' monitor scans found the same problem: its id comes from the fingerprint.
        if let fingerprint = a.fingerprint, fingerprint == b.fingerprint { return true }
        let ids = Set(a.activity.map(\.id))
        return b.activity.contains { ids.contains($0.id) }
    }
}
