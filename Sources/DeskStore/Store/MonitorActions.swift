import Foundation

/// Every write of a scan had been made by a concurrent scan: no commit.
private struct NothingLeftToWrite: Error {}

/// One input of `desk monitor ingest`: a file's bytes, or standard input's (source `-`).
public struct TelemetryInput: Sendable {
    public var source: String
    public var bytes: [UInt8]

    public init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }
}

/// What an ingest stored and what it refused, row by row.
public struct TelemetryIngestReport: Sendable {
    public var stored = 0
    public var rejects: [TelemetryReject] = []
    /// Samples in the store afterwards, devices they cover, and their first and last time.
    public var totalSamples = 0
    public var devices = 0
    public var first: Int64?
    public var last: Int64?
}

/// The outcome of `desk monitor scan`: what it found and what it did about each finding.
public struct MonitorScanReport: Sendable {
    /// One finding or open ticket, and what the scan did.
    public struct Item: Sendable {
        /// `opened`, `worse`, `recovered`, `resolved`, `ongoing` or `settling`.
        public var action: String
        public var ticket: TicketID
        public var fingerprint: String
        public var finding: DegradationFinding?
        public var title: String?
    }

    /// The UTC day judged: the newest day with telemetry unless another was asked for.
    public var day: Int
    public var devices: Int
    public var series: Int
    public var items: [Item] = []
    public var commit: ObjectID?
    public var dryRun: Bool
    /// Things the operator should know: devices with telemetry but no asset, a resolve not allowed.
    public var notes: [String] = []
}

/// `desk monitor show`: one device's series with their baseline and finding.
public struct MonitorDeviceReport: Sendable {
    public struct Metric: Sendable {
        public var series: DailySeries
        public var baseline: Double?
        public var recent: Double?
        public var finding: DegradationFinding?
        public var chart: [String]
    }

    public var asset: Asset
    public var day: Int
    public var metrics: [Metric]
    /// Monitor tickets about this device, open ones first.
    public var tickets: [TicketSummary]
}

extension Desk {
    /// Telemetry samples: measurements, never committed; deleting the file loses only them.
    var telemetryPath: String { stateDirectory + "/telemetry.sqlite" }

    func openTelemetry() throws -> TelemetryStore {
        do {
            return try TelemetryStore(path: telemetryPath)
        } catch {
            throw DeskError.io(path: telemetryPath, detail: "the telemetry store cannot be opened (\(error)); delete it and ingest again")
        }
    }

    // MARK: Ingest

    /// `desk monitor ingest`: parses every input and stores the good rows; bad rows are reported
    /// with their line and never stop the rest. Devices must be assets of the desk.
    public func ingestTelemetry(_ inputs: [TelemetryInput]) throws -> TelemetryIngestReport {
        let (assets, _) = try assets()
        var known: [String: String] = [:]
        for asset in assets { known[asset.id.rawValue] = asset.id.rawValue }
        let store = try openTelemetry()
        let now = Int64(Date().timeIntervalSince1970)
        var report = TelemetryIngestReport()
        for input in inputs {
            let parsed = TelemetryParser.parse(input.bytes, source: input.source, now: now) { raw in
                AssetID(raw).flatMap { known[$0.rawValue] }
            }
            report.rejects += parsed.rejects
            let outcome = try telemetryCall { try store.ingest(parsed.samples, source: input.source) }
            report.stored += outcome.stored
            report.rejects += outcome.rejects
        }
        report.rejects.sort { ($0.source, $0.line) < ($1.source, $1.line) }
        let summary = try telemetryCall { try store.summary() }
        report.totalSamples = summary.samples
        report.devices = summary.devices
        report.first = summary.first
        report.last = summary.last
        return report
    }

    private func telemetryCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DeskError {
            throw error
        } catch {
            throw DeskError.io(path: telemetryPath, detail: "\(error)")
        }
    }

    // MARK: Scan

    /// `desk monitor scan`: runs the detectors as of `day` (default: the newest day with data)
    /// and, unless `dryRun`, opens, comments on and closes monitor tickets in one commit.
    public func scanMonitor(day requested: Int? = nil, dryRun: Bool, actor: Actor) throws -> MonitorScanReport {
        let policy = config.monitor
        let detector = DegradationDetector(settings: policy.detector)
        let (assets, _) = try assets()
        let byID = Dictionary(uniqueKeysWithValues: assets.map { ($0.id.rawValue, $0) })
        let store = try openTelemetry()
        guard let day = try requested ?? telemetryCall({ try store.newestDay() }) else {
            throw DeskError.invalidInput("there is no telemetry to scan yet; `desk monitor ingest FILE` stores some")
        }
        let all = try telemetryCall { try store.dailySeries(through: day) }
        let series = all.filter { byID[$0.device] != nil }
        var report = MonitorScanReport(day: day, devices: Set(series.map(\.device)).count, series: series.count, dryRun: dryRun)
        let orphans = Set(all.map(\.device)).subtracting(byID.keys)
        if !orphans.isEmpty {
            report.notes.append("telemetry of \(orphans.count) device(s) that are no longer assets was skipped: \(orphans.sorted().prefix(5).joined(separator: ", "))")
        }
        let findings = detector.scan(series, now: day)
        let seriesByKey = Dictionary(uniqueKeysWithValues: series.map { ($0.device + "|" + $0.metric.rawValue, $0) })
        let tickets = try monitorTickets(devices: Set(findings.map(\.device)))
        let planner = MonitorPlanner(policy: policy)
        let steps = planner.plan(findings: findings, tickets: tickets, now: day) { fingerprint, ticket in
            guard let one = seriesByKey[Self.seriesKey(fingerprint)] else { return false }
            return detector.hasRecovered(one, baselineDay: ticket.sinceDay, now: day, days: policy.recoveryDays)
        }
        let models = Dictionary(uniqueKeysWithValues: assets.compactMap { asset in asset.model.map { (asset.id.rawValue, $0) } })
        let peers = FleetComparison.peerMedians(series, models: models, now: day)
        let text = MonitorTicketText(settings: policy.detector, recoveryDays: policy.recoveryDays)
        let mayResolve = (try? config.require(.work("resolve tickets"), by: actor)) != nil
        if policy.onRecovery == .resolve, !mayResolve, steps.contains(where: { if case .recovered = $0 { true } else { false } }) {
            report.notes.append("desk.yml says to resolve recovered tickets, but \(actor.handle) may not resolve tickets: commented instead")
        }

        var rng = SystemRandomNumberGenerator()
        var planned: [(item: MonitorScanReport.Item, build: ((Snapshot, Timestamp, inout SystemRandomNumberGenerator) throws -> FileChange?)?)] = []
        for step in steps {
            switch step {
            case .open(let finding, let episode):
                let asset = byID[finding.device]!
                let key = finding.device + "|" + finding.metric.rawValue
                let title = text.title(finding)
                let body = text.body(finding, device: MonitorTicketText.Device(
                    id: finding.device, kind: asset.kind, model: asset.model, owner: asset.owner, department: asset.department),
                    series: seriesByKey[key]!, peers: asset.model.flatMap { peers[$0 + "|" + finding.metric.rawValue] })
                let id = Self.monitorTicketID(finding.fingerprint, episode: episode)
                planned.append((MonitorScanReport.Item(action: "opened", ticket: id, fingerprint: finding.fingerprint, finding: finding, title: title),
                                { snapshot, now, rng in
                    try self.openMonitorTicket(id, finding: finding, asset: asset, title: title, body: body,
                                               snapshot: snapshot, now: now, actor: actor, rng: &rng)
                }))
            case .worse(let id, let finding, let previous):
                let comment = text.worseComment(finding, previous: previous)
                planned.append((MonitorScanReport.Item(action: "worse", ticket: id, fingerprint: finding.fingerprint, finding: finding, title: nil),
                                { snapshot, now, rng in
                    try self.updateMonitorTicket(id, snapshot: snapshot, now: now) { ticket in
                        ticket.activity.append(self.entry(now, actor, ActivityEntry.Kind.comment, text: comment, rng: &rng))
                        ticket.monitorChange = abs(finding.relativeChange)
                    }
                }))
            case .recovered(let id, let fingerprint):
                let one = seriesByKey[Self.seriesKey(fingerprint)]!
                let recent = RobustStatistics.median(one.positions(in: (day - policy.recoveryDays + 1)...day).map { one.values[$0] })
                let comment = text.recoveredComment(metric: one.metric, recent: recent, on: day)
                let resolve = policy.onRecovery == .resolve && mayResolve
                planned.append((MonitorScanReport.Item(action: resolve ? "resolved" : "recovered", ticket: id, fingerprint: fingerprint, finding: nil, title: nil),
                                { snapshot, now, rng in
                    try self.updateMonitorTicket(id, snapshot: snapshot, now: now) { ticket in
                        if resolve {
                            try self.move(&ticket, to: self.config.workflow.resolvedStatus, now: now, actor: actor, rng: &rng)
                            ticket.activity.append(self.entry(now, actor, ActivityEntry.Kind.resolution, text: comment, rng: &rng))
                        } else {
                            ticket.activity.append(self.entry(now, actor, ActivityEntry.Kind.comment, text: comment, rng: &rng))
                        }
                        ticket.monitorChange = nil
                    }
                }))
            case .ongoing(let id, let finding):
                planned.append((MonitorScanReport.Item(action: "ongoing", ticket: id, fingerprint: finding.fingerprint, finding: finding, title: nil), nil))
            case .settling(let id, let finding):
                planned.append((MonitorScanReport.Item(action: "settling", ticket: id, fingerprint: finding.fingerprint, finding: finding, title: nil), nil))
            }
        }
        report.items = planned.map(\.item)
        let writes = planned.filter { $0.build != nil }
        guard !dryRun, !writes.isEmpty else { return report }

        do {
            let (commit, _) = try mutate { snapshot in
                let now = Timestamp.now()
                var files: [FileChange] = []
                var actions: [String] = []
                for write in writes {
                    // nil: a scan running at the same time already opened this ticket.
                    guard let file = try write.build!(snapshot, now, &rng) else { continue }
                    files.append(file)
                    actions.append(write.item.action)
                }
                guard !files.isEmpty else { throw NothingLeftToWrite() }
                let counts = Dictionary(grouping: actions, by: { $0 }).mapValues(\.count)
                let summary = ["opened", "worse", "recovered", "resolved"].compactMap { action in
                    counts[action].map { "\($0) \(action)" }
                }.joined(separator: ", ")
                let single = files.count == 1 ? String(files[0].path.split(separator: "/").last!.dropLast(3)) : nil
                return Change(files: files, subject: "monitor scan of \(LocalDate(dayNumber: day)): \(summary)",
                              ticket: single, action: "monitor-scan", actor: actor, time: now)
            }
            report.commit = commit
        } catch is NothingLeftToWrite {
            report.notes.append("another scan running at the same time had already written these tickets")
        }
        return report
    }

    /// `device|metric` of a fingerprint `device|metric|family`.
    static func seriesKey(_ fingerprint: String) -> String {
        fingerprint.split(separator: "|").prefix(2).joined(separator: "|")
    }

    /// The id of the `episode`-th ticket for a fingerprint: derived, not drawn, so two desks that
    /// find the same problem write the same file and sync merges them into one ticket.
    static func monitorTicketID(_ fingerprint: String, episode: Int) -> TicketID {
        TicketID(unchecked: TicketID.prefix + Crockford.hashed(["desk monitor", fingerprint, String(episode)], count: TicketID.randomLength))
    }

    private func openMonitorTicket(_ id: TicketID, finding: DegradationFinding, asset: Asset, title: String, body: String,
                                   snapshot: Snapshot, now: Timestamp, actor: Actor,
                                   rng: inout SystemRandomNumberGenerator) throws -> FileChange? {
        if let existing = try gitCall("reading HEAD", { try snapshot.file(id.path) }) {
            let other = try? TicketCodec.decode(existing.bytes, path: id.path)
            // Opened meanwhile by a concurrent scan: nothing to add.
            if other?.fingerprint == finding.fingerprint { return nil }
            // The derived id is taken by a ticket about something else (a 1 in 2⁴⁰ draw).
            throw DeskError.invalidInput("\(id.path) already holds another ticket; the monitor ticket for \(finding.fingerprint) cannot take its id")
        }
        var request = NewTicketRequest(title: title)
        request.body = body
        request.requester = asset.owner
        request.department = asset.department
        request.category = config.monitor.category(for: finding.metric)
        request.impact = .person
        request.urgency = config.monitor.urgency
        request.asset = asset.id.rawValue
        request.channel = "monitor"
        request.tags = ["monitor"]
        var ticket = try newTicket(id, try validated(request, actor: actor), now: now, actor: actor, rng: &rng)
        ticket.fingerprint = finding.fingerprint
        ticket.monitorSince = LocalDate(dayNumber: finding.since)
        ticket.monitorChange = abs(finding.relativeChange)
        // Entry ids from the ticket, like its id: the same ticket opened on two desks merges cleanly.
        for index in ticket.activity.indices {
            ticket.activity[index].id = SyncEntry.entryID("monitor", id.rawValue, ticket.activity[index].kind, String(index))
        }
        return FileChange(path: id.path, content: try encodeWithinLimit(ticket))
    }

    private func updateMonitorTicket(_ id: TicketID, snapshot: Snapshot, now: Timestamp,
                                     _ change: (inout Ticket) throws -> Void) throws -> FileChange {
        let (ticket, blob) = try readTicket(id, in: snapshot)
        // A hand edit of the ticket not yet committed would be overwritten: refuse, as every command does.
        try ensureUnmodified(id.path, committed: blob)
        var updated = ticket
        try change(&updated)
        updated.updated = max(now, ticket.updated)
        return FileChange(path: id.path, content: try encodeWithinLimit(updated))
    }

    /// The monitor tickets the scan must know: every open one, and the done ones of devices with
    /// a finding (to number episodes and let a fresh repair settle). Unreadable files are skipped.
    private func monitorTickets(devices: Set<String>) throws -> [MonitorTicket] {
        var query = TicketQuery()
        query.channel = "monitor"
        let done = Set(config.workflow.done)
        let summaries = try listTickets(query).tickets.filter { !done.contains($0.status) || devices.contains($0.asset ?? "") }
        let snapshot = try headSnapshot()
        return summaries.compactMap { summary in
            guard let id = TicketID(summary.id), let (ticket, _) = try? readTicket(id, in: snapshot),
                  let fingerprint = ticket.fingerprint else { return nil }
            let resolved = done.contains(ticket.status) ? (ticket.resolved ?? ticket.updated) : nil
            return MonitorTicket(id: id, fingerprint: fingerprint,
                                 sinceDay: ticket.monitorSince?.dayNumber ?? TelemetryTime.day(of: ticket.created.seconds),
                                 resolvedDay: resolved.map { TelemetryTime.day(of: $0.seconds) },
                                 reportedChange: ticket.monitorChange)
        }
    }
}

extension Desk {
    // MARK: Show

    /// `desk monitor show`: the device's series as of its newest day, each with its baseline,
    /// recent level and finding, and the monitor tickets about it.
    public func monitorDevice(_ input: String, metric only: TelemetryMetric?, days: Int) throws -> MonitorDeviceReport {
        let asset = try asset(try resolveAssetID(input))
        let detector = DegradationDetector(settings: config.monitor.detector)
        let text = MonitorTicketText(settings: config.monitor.detector, recoveryDays: config.monitor.recoveryDays)
        let store = try openTelemetry()
        var series = try telemetryCall {
            try store.dailySeries(devices: [asset.id.rawValue], metrics: only.map { [$0] })
        }
        // In the order metrics are documented (boot first), not alphabetical.
        let order = Dictionary(uniqueKeysWithValues: TelemetryMetric.allCases.enumerated().map { ($1, $0) })
        series.sort { order[$0.metric]! < order[$1.metric]! }
        let day = series.compactMap(\.days.last).max() ?? TelemetryDay.index(of: Date())
        let metrics = series.map { one in
            let recent = RobustStatistics.median(one.positions(in: (day - 6)...day).map { one.values[$0] })
            let finding = detector.finding(in: one, now: day)
            return MonitorDeviceReport.Metric(series: one, baseline: detector.usualLevel(one, now: day), recent: recent, finding: finding,
                                              chart: text.chart(one, through: day, since: finding?.since, days: days))
        }
        var query = TicketQuery()
        query.asset = asset.id.rawValue
        query.channel = "monitor"
        let done = Set(config.workflow.done)
        let tickets = try listTickets(query).tickets.sorted { (done.contains($0.status) ? 1 : 0, $1.created) < (done.contains($1.status) ? 1 : 0, $0.created) }
        return MonitorDeviceReport(asset: asset, day: day, metrics: metrics, tickets: tickets)
    }
}
