import Foundation

/// One unresolved ticket's SLA at the moment asked about.
public struct SLAItem: Sendable {
    public var ticket: TicketFacts
    public var standing: SLAStanding
    public var atRisk: Bool
}

/// Counts of unresolved tickets for one group or operator.
public struct SLATally: Sendable, Equatable {
    public var name: String
    public var open = 0
    public var breached = 0
    public var atRisk = 0
}

/// `desk sla`: every unresolved ticket's SLA at one moment, with counts by group and operator.
public struct SLAOverview: Sendable {
    public var at: Timestamp
    /// The commit the state was recomputed from (`--at`); nil for the desk as it is.
    public var commit: ObjectID?
    public var threshold: Double
    /// Unresolved tickets that have SLA targets, most urgent first.
    public var items: [SLAItem]
    public var byGroup: [SLATally]
    public var byOperator: [SLATally]

    public var breached: Int { items.count { $0.standing.isBreached } }
    public var atRisk: Int { items.count { $0.atRisk } }

    init(at: Timestamp, commit: ObjectID?, threshold: Double, items: [SLAItem]) {
        self.at = at
        self.commit = commit
        self.threshold = threshold
        self.items = items.sorted { a, b in
            let ka = (a.standing.isBreached ? 0 : a.atRisk ? 1 : 2, Self.nextDue(a) ?? .init(seconds: .max), a.ticket.id)
            let kb = (b.standing.isBreached ? 0 : b.atRisk ? 1 : 2, Self.nextDue(b) ?? .init(seconds: .max), b.ticket.id)
            return ka < kb
        }
        byGroup = Self.tally(items) { $0.ticket.group ?? "(no group)" }
        byOperator = Self.tally(items) { $0.ticket.assignee ?? "(unassigned)" }
    }

    /// The due time that matters next: the response while unanswered, else the resolution.
    static func nextDue(_ item: SLAItem) -> Timestamp? {
        item.ticket.responded == nil ? (item.standing.responseDue ?? item.standing.resolveDue) : item.standing.resolveDue
    }

    private static func tally(_ items: [SLAItem], by key: (SLAItem) -> String) -> [SLATally] {
        var tallies: [String: SLATally] = [:]
        for item in items {
            let name = key(item)
            var tally = tallies[name] ?? SLATally(name: name)
            tally.open += 1
            if item.standing.isBreached { tally.breached += 1 }
            if item.atRisk { tally.atRisk += 1 }
            tallies[name] = tally
        }
        return tallies.values.sorted { ($0.breached, $0.atRisk, $1.name) > ($1.breached, $1.atRisk, $0.name) }
    }
}

extension Desk {
    /// The SLA of every unresolved ticket now, from the due times written in the tickets (the query index).
    public func slaOverview(at moment: Timestamp = .now()) throws -> SLAOverview {
        let done = config.workflow.done
        let facts = try withIndex { index, _ in
            try index.ticketFacts(where: done.isEmpty ? "1" : "status NOT IN (\(done.map { _ in "?" }.joined(separator: ", ")))", done)
        }
        return try Self.overview(facts, config: config, at: moment, commit: nil, recompute: false)
    }

    /// The SLA of every ticket unresolved at `moment`, recomputed from the tickets and the `desk.yml`
    /// committed at that time (the last commit on HEAD's first-parent line made at or before it).
    public func slaOverview(asOf moment: Timestamp) throws -> SLAOverview {
        guard let commit = try commitAt(moment) else {
            throw DeskError.invalidInput("the desk has no commit at or before \(moment); its history starts later")
        }
        return try slaOverview(commit: commit, at: moment)
    }

    /// As `slaOverview(asOf:)`, at the time of `revision` (a commit, branch or tag).
    public func slaOverview(revision: String) throws -> SLAOverview {
        let commit = try gitCall("finding \(revision)") { try repository.resolveCommit(revision) }
        let info = try gitCall("reading \(revision)") { try repository.commit(commit) }
        return try slaOverview(commit: commit, at: Timestamp(seconds: info.committer.time))
    }

    private func slaOverview(commit: ObjectID, at moment: Timestamp) throws -> SLAOverview {
        let (facts, policy) = try ticketsAndConfig(at: commit)
        // A commit can hold tickets written with a later `created` (a backdated commit, a clock skew).
        let open = facts.filter { $0.created <= moment }.map { $0.asOf(moment) }.filter { !policy.workflow.done.contains($0.status) }
        return try Self.overview(open, config: policy, at: moment, commit: commit, recompute: true)
    }

    static func overview(_ facts: [TicketFacts], config: DeskConfig, at moment: Timestamp, commit: ObjectID?,
                         recompute: Bool) throws -> SLAOverview {
        let clock = SLAClock(config: config)
        let threshold = config.sla?.atRisk ?? 0.8
        var items: [SLAItem] = []
        items.reserveCapacity(facts.count)
        for ticket in facts {
            let standing = try clock.standing(of: ticket, at: moment, recompute: recompute)
            guard standing.response != .none || standing.resolution != .none else { continue }
            items.append(SLAItem(ticket: ticket, standing: standing, atRisk: standing.isAtRisk(threshold: threshold)))
        }
        return SLAOverview(at: moment, commit: commit, threshold: threshold, items: items)
    }

    /// The last commit on HEAD's first-parent line made at or before `moment`.
    func commitAt(_ moment: Timestamp) throws -> ObjectID? {
        try gitCall("reading history") {
            var current = try repository.headCommitID()
            while let id = current {
                let info = try repository.commit(id)
                if info.committer.time <= moment.seconds { return id }
                current = info.parents.first
            }
            return nil
        }
    }

    /// Every ticket in `commit`'s tree and the `desk.yml` it holds. Files the query index has read
    /// in the same version are taken from it; only the others are read and parsed.
    func ticketsAndConfig(at commit: ObjectID) throws -> (tickets: [TicketFacts], config: DeskConfig) {
        let known = try withIndex { index, _ in try index.ticketFactsByPath() }
        return try gitCall("reading the desk at \(commit.hex.prefix(10))") {
            let tree = try repository.commit(commit).tree
            var config = DeskConfig.standard
            if let entry = try repository.treeEntry(tree, path: DeskConfigCodec.fileName) {
                do {
                    config = try DeskConfigCodec.decode(try repository.readBlob(entry.id))
                } catch let error as FormatError {
                    throw DeskError.invalidInput("desk.yml at \(commit.hex.prefix(10)) cannot be read: \(error)")
                }
            }
            var facts: [TicketFacts] = []
            var toRead: [PendingFile] = []
            guard let tickets = try repository.treeEntry(tree, path: "tickets"), tickets.kind == .tree else { return ([], config) }
            for shard in try repository.treeEntries(tickets.id) where shard.kind == .tree {
                for file in try repository.treeEntries(shard.id) where file.kind == .blob && file.name.hasSuffix(".md") {
                    let path = "tickets/\(shard.name)/\(file.name)"
                    if let cached = known[path], cached.blob == file.id.hex {
                        facts.append(cached.facts)
                    } else {
                        toRead.append(PendingFile(path: path, shard: shard.name, blob: file.id))
                    }
                }
            }
            for parsed in try TicketReader.read(toRead, repository: repository) {
                if case .success(let ticket) = parsed.result { facts.append(TicketFacts(ticket)) }
            }
            return (facts, config)
        }
    }
}
