/// What one `desk.yml` makes of one ticket: where it goes, its priority, and its SLA.
public struct PolicyOutcome: Sendable, Equatable {
    public var assignee: String?
    public var group: String?
    public var routing: String?
    public var priority: Priority?
    public var responseDue: Timestamp?
    public var resolveDue: Timestamp?
    public var breached: Bool
}

/// A ticket the two versions of `desk.yml` treat differently.
public struct PolicyDifference: Sendable {
    public var ticket: TicketFacts
    public var before: PolicyOutcome
    public var after: PolicyOutcome

    public var rerouted: Bool { before.assignee != after.assignee || before.group != after.group }
    public var reprioritised: Bool { before.priority != after.priority }
    public var breachGained: Bool { !before.breached && after.breached }
    public var breachAvoided: Bool { before.breached && !after.breached }
    public var dueChanged: Bool { before.responseDue != after.responseDue || before.resolveDue != after.resolveDue }
}

/// `desk policy check`: the tickets of a period replayed under the proposed `desk.yml` (after) and
/// the one at a revision (before).
public struct PolicyCheck: Sendable {
    public var against: String
    public var commit: ObjectID?
    public var since: Timestamp
    public var at: Timestamp
    public var tickets: Int
    public var differences: [PolicyDifference]
    public var breachedBefore: Int
    public var breachedAfter: Int
    /// With targets under each version, for the compliance shares.
    public var withTargetsBefore: Int
    public var withTargetsAfter: Int
}

extension Desk {
    /// Replays tickets created since `since` (as they stand at HEAD) under the working tree's
    /// `desk.yml` and under the one at `revision`.
    public func policyCheck(against revision: String, since: Timestamp, at moment: Timestamp = .now()) throws -> PolicyCheck {
        let commit = try gitCall("finding \(revision)") { try repository.resolveCommit(revision) }
        let before = try gitCall("reading desk.yml at \(revision)") { () -> DeskConfig in
            let tree = try repository.commit(commit).tree
            guard let entry = try repository.treeEntry(tree, path: DeskConfigCodec.fileName) else { return .standard }
            do {
                return try DeskConfigCodec.decode(try repository.readBlob(entry.id), path: "\(revision):desk.yml")
            } catch let error as FormatError {
                throw DeskError.invalidFile(error)
            }
        }
        guard let bytes = AtomicFile.read(absolutePath(DeskConfigCodec.fileName)) else {
            throw DeskError.invalidInput("\(absolutePath(DeskConfigCodec.fileName)) is missing; there is no proposed desk.yml to check")
        }
        let after: DeskConfig
        do {
            after = try DeskConfigCodec.decode(bytes)
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
        let tickets = try withIndex { index, _ in try index.ticketFacts(where: "created >= ?", [since.seconds]) }
        return try PolicyCheck.replay(tickets, before: before, after: after, against: revision, commit: commit,
                                      since: since, at: moment)
    }
}

extension PolicyCheck {
    static func replay(_ tickets: [TicketFacts], before: DeskConfig, after: DeskConfig, against: String,
                       commit: ObjectID?, since: Timestamp, at moment: Timestamp) throws -> PolicyCheck {
        let old = SLAClock(config: before)
        let new = SLAClock(config: after)
        var result = PolicyCheck(against: against, commit: commit, since: since, at: moment, tickets: 0, differences: [],
                                 breachedBefore: 0, breachedAfter: 0, withTargetsBefore: 0, withTargetsAfter: 0)
        for ticket in tickets.sorted(by: { $0.created < $1.created }) where ticket.created >= since && ticket.created <= moment {
            result.tickets += 1
            // A priority that followed the matrix in force follows the proposed one; one set by hand stays.
            let followedMatrix = ticket.priority == nil || ticket.priority == before.priority(impact: ticket.impact, urgency: ticket.urgency)
            let a = try outcome(ticket, under: old, priority: followedMatrix ? before.priority(impact: ticket.impact, urgency: ticket.urgency) : ticket.priority, at: moment)
            let b = try outcome(ticket, under: new, priority: followedMatrix ? after.priority(impact: ticket.impact, urgency: ticket.urgency) : ticket.priority, at: moment)
            if a.breached { result.breachedBefore += 1 }
            if b.breached { result.breachedAfter += 1 }
            if a.responseDue != nil || a.resolveDue != nil { result.withTargetsBefore += 1 }
            if b.responseDue != nil || b.resolveDue != nil { result.withTargetsAfter += 1 }
            if a != b { result.differences.append(PolicyDifference(ticket: ticket, before: a, after: b)) }
        }
        return result
    }

    private static func outcome(_ ticket: TicketFacts, under clock: SLAClock, priority: Priority?, at moment: Timestamp) throws -> PolicyOutcome {
        let config = clock.config
        let day = try clock.mainCalendar()?.localDate(of: ticket.created) ?? LocalDate(dayNumber: Int(ticket.created.seconds / 86_400))
        let route = config.route(requester: ticket.requester, department: ticket.department, category: ticket.category, on: day)
        var facts = ticket
        facts.priority = priority
        let standing = try clock.standing(of: facts, at: moment, recompute: true)
        return PolicyOutcome(assignee: route?.assignee, group: route?.group, routing: route?.reason, priority: priority,
                             responseDue: standing.responseDue, resolveDue: standing.resolveDue, breached: standing.isBreached)
    }
}
