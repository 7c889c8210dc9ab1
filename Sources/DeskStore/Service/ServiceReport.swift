/// What `desk report` groups tickets by.
public enum ReportDimension: String, CaseIterable, Sendable {
    case department, category, `operator`, group

    func key(_ ticket: TicketFacts) -> String {
        switch self {
        case .department: return ticket.department ?? "(none)"
        case .category: return ticket.category ?? "(none)"
        case .operator: return ticket.assignee ?? "(unassigned)"
        case .group: return ticket.group ?? "(none)"
        }
    }
}

/// One line of `desk report`: a department, category, operator or group (or the total).
public struct ReportRow: Sendable, Equatable {
    /// Open tickets at the end of the period by age: under 1 day, 1–3, 3–7, 7–30, over 30 days.
    public static let ageBuckets = ["<1d", "1-3d", "3-7d", "7-30d", ">30d"]

    public var name: String
    /// Tickets created in the period.
    public var created = 0
    /// Tickets resolved in the period.
    public var resolved = 0
    /// Median business hours from creation to first response, of tickets created in the period.
    public var medianResponseHours: Double?
    /// Median business hours from creation to resolution, pauses excluded, of tickets resolved in the period.
    public var medianResolutionHours: Double?
    /// Share of finished clocks that met their target: responses of tickets created in the period,
    /// resolutions of tickets resolved in it. Nil when no clock finished.
    public var responseCompliance: Double?
    public var resolutionCompliance: Double?
    /// Tickets still open at the end of the period, by age (see `ageBuckets`).
    public var backlog: [Int] = Array(repeating: 0, count: ageBuckets.count)

    public var open: Int { backlog.reduce(0, +) }
}

/// A category that keeps coming back from one department.
public struct RecurringCategory: Sendable, Equatable {
    public var department: String
    public var category: String
    public var count: Int
}

/// `desk report`: volumes, response and resolution times in business hours, SLA compliance and
/// backlog for a period, grouped one way.
public struct ServiceReport: Sendable {
    public var since: Timestamp
    public var until: Timestamp
    public var by: ReportDimension
    public var rows: [ReportRow]
    public var total: ReportRow
    /// Per department, categories raised at least twice in the period, most frequent first.
    public var recurring: [RecurringCategory]
}

extension Desk {
    public func report(since: Timestamp, until: Timestamp, by dimension: ReportDimension) throws -> ServiceReport {
        // Tickets that count: created in the period, resolved in it, or still open at its end.
        let facts = try withIndex { index, _ in
            try index.ticketFacts(where: "created < ? AND (created >= ? OR resolved IS NULL OR resolved >= ?)",
                                  [until.seconds, since.seconds, since.seconds])
        }
        return try ServiceReport.make(facts, config: config, since: since, until: until, by: dimension)
    }
}

extension ServiceReport {
    static func make(_ tickets: [TicketFacts], config: DeskConfig, since: Timestamp, until: Timestamp,
                     by dimension: ReportDimension) throws -> ServiceReport {
        let clock = SLAClock(config: config)
        var samples: [String: Samples] = [:]
        var total = Samples()
        var categories: [String: [String: Int]] = [:]
        for ticket in tickets where ticket.created < until {
            var sample = Samples()
            let calendar = try clock.calendar(for: ticket.priority)
            func hours(_ from: Timestamp, _ to: Timestamp) -> Double {
                Double(calendar?.businessSeconds(from: from, to: to) ?? max(0, to.seconds - from.seconds)) / 3600
            }
            let inPeriod = ticket.created >= since
            let resolved = ticket.resolved.flatMap { $0 < until ? $0 : nil }
            let standing = try clock.standing(of: ticket.asOf(until), at: until, recompute: false)
            if inPeriod {
                sample.created = 1
                if let responded = ticket.responded, responded < until { sample.response.append(hours(ticket.created, responded)) }
                if standing.response == .met { sample.responseMet = 1 }
                if standing.response != .none, standing.response.used == nil { sample.responseFinished = 1 }
                if let category = ticket.category, let department = ticket.department {
                    categories[department, default: [:]][category, default: 0] += 1
                }
            }
            if let resolved, resolved >= since {
                sample.resolved = 1
                var paused = 0.0
                for stretch in clock.finishedPauses(ticket.statuses, until: resolved) where stretch.end <= resolved {
                    paused += hours(stretch.start, stretch.end)
                }
                sample.resolution.append(max(0, hours(ticket.created, resolved) - paused))
                if standing.resolution == .met { sample.resolutionMet = 1 }
                if standing.resolution.isBreached || standing.resolution == .met { sample.resolutionFinished = 1 }
            }
            if resolved == nil, !config.workflow.done.contains(ticket.asOf(until).status) {
                let days = Double(until.seconds - ticket.created.seconds) / 86_400
                sample.backlog[days < 1 ? 0 : days < 3 ? 1 : days < 7 ? 2 : days < 30 ? 3 : 4] = 1
            }
            guard sample.counts else { continue }
            samples[dimension.key(ticket), default: Samples()].add(sample)
            total.add(sample)
        }
        let rows = samples.map { $0.value.row(named: $0.key) }
            .sorted { ($0.created, $0.open, $1.name) > ($1.created, $1.open, $0.name) }
        let recurring = categories.flatMap { department, counts in
            counts.filter { $0.value >= 2 }.map { RecurringCategory(department: department, category: $0.key, count: $0.value) }
        }.sorted { ($0.department, -$0.count, $0.category) < ($1.department, -$1.count, $1.category) }
        return ServiceReport(since: since, until: until, by: dimension, rows: rows, total: total.row(named: "total"),
                             recurring: recurring)
    }

    /// Raw figures for one row while the report is being added up.
    private struct Samples {
        var created = 0, resolved = 0
        var response: [Double] = [], resolution: [Double] = []
        var responseMet = 0, responseFinished = 0, resolutionMet = 0, resolutionFinished = 0
        var backlog = Array(repeating: 0, count: ReportRow.ageBuckets.count)

        var counts: Bool { created > 0 || resolved > 0 || backlog.contains { $0 > 0 } }

        mutating func add(_ other: Samples) {
            created += other.created
            resolved += other.resolved
            response += other.response
            resolution += other.resolution
            responseMet += other.responseMet
            responseFinished += other.responseFinished
            resolutionMet += other.resolutionMet
            resolutionFinished += other.resolutionFinished
            for i in backlog.indices { backlog[i] += other.backlog[i] }
        }

        func row(named name: String) -> ReportRow {
            ReportRow(name: name, created: created, resolved: resolved,
                      medianResponseHours: Self.median(response), medianResolutionHours: Self.median(resolution),
                      responseCompliance: responseFinished > 0 ? Double(responseMet) / Double(responseFinished) : nil,
                      resolutionCompliance: resolutionFinished > 0 ? Double(resolutionMet) / Double(resolutionFinished) : nil,
                      backlog: backlog)
        }

        static func median(_ values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
    }
}
