import Yams

/// Reads `desk.yml` and writes the default one `desk init` creates.
public enum DeskConfigCodec {
    public static let fileName = "desk.yml"

    public static func decode(_ bytes: [UInt8], path: String = fileName) throws -> DeskConfig {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FormatError(path: path, line: 0, rule: "encoding", message: "desk.yml is not valid UTF-8")
        }
        let root = try FrontMatter.compose(text, path: path, lineOffset: 0, subject: "desk.yml")
        var config = DeskConfig.standard
        guard let root else { return config }
        guard case .mapping(let top) = root else {
            throw FormatError(path: path, line: 1, rule: "config", message: "desk.yml must be a mapping of sections")
        }
        func fail(_ node: Node, _ message: String) -> FormatError {
            // Yams counts lines from 1 and desk.yml's YAML starts on line 1.
            FormatError(path: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0,
                        rule: "config", message: message)
        }
        func strings(_ node: Node, _ key: String) throws -> [String] {
            guard case .sequence(let seq) = node else { throw fail(node, "`\(key)` must be a list") }
            return try seq.map {
                guard case .scalar(let s) = $0 else { throw fail($0, "`\(key)` items must be names") }
                return s.string
            }
        }
        if let name = top["name"]?.string { config.name = name }
        if let storage = top["storage"] {
            if let fsync = storage["fsync"] {
                guard let value = fsync.bool else { throw fail(fsync, "`storage.fsync` must be true or false") }
                config.fsync = value
            }
            if let pack = storage["pack_after_loose_objects"] {
                guard let value = pack.int, value >= 0 else {
                    throw fail(pack, "`storage.pack_after_loose_objects` must be a whole number ≥ 0")
                }
                config.autoPackThreshold = value
            }
        }
        if let workflowNode = top["workflow"] {
            var workflow = config.workflow
            if let statuses = workflowNode["statuses"] {
                workflow.statuses = try strings(statuses, "workflow.statuses")
                guard !workflow.statuses.isEmpty else { throw fail(statuses, "`workflow.statuses` must not be empty") }
            }
            let known = Set(workflow.statuses)
            func status(_ key: String, _ keyPath: String) throws -> String? {
                guard let node = workflowNode[key] else { return nil }
                guard let value = node.string, known.contains(value) else {
                    throw fail(node, "`\(keyPath)` must be one of the statuses: \(workflow.statuses.joined(separator: ", "))")
                }
                return value
            }
            workflow.initial = try status("initial", "workflow.initial") ?? workflow.initial
            workflow.resolvedStatus = try status("resolve_to", "workflow.resolve_to") ?? workflow.resolvedStatus
            workflow.closedStatus = try status("close_to", "workflow.close_to") ?? workflow.closedStatus
            workflow.openStatus = try status("reopen_to", "workflow.reopen_to") ?? workflow.openStatus
            if let transitions = workflowNode["transitions"] {
                guard case .mapping(let map) = transitions else {
                    throw fail(transitions, "`workflow.transitions` must map each status to the statuses it may move to")
                }
                var table: [String: [String]] = [:]
                for (key, value) in map {
                    guard let from = key.string, known.contains(from) else {
                        throw fail(key, "`workflow.transitions` names unknown status `\(key.string ?? "?")`")
                    }
                    let targets = FieldReader.isNull(value) ? [] : try strings(value, "workflow.transitions.\(from)")
                    for target in targets where !known.contains(target) {
                        throw fail(value, "`workflow.transitions.\(from)` names unknown status `\(target)`")
                    }
                    table[from] = targets
                }
                workflow.transitions = table
            }
            if let done = workflowNode["done"] {
                workflow.done = try strings(done, "workflow.done")
                for s in workflow.done where !known.contains(s) {
                    throw fail(done, "`workflow.done` names unknown status `\(s)`")
                }
            }
            if !known.contains(workflow.initial) || !known.contains(workflow.resolvedStatus)
                || !known.contains(workflow.closedStatus) || !known.contains(workflow.openStatus) {
                throw fail(workflowNode, "`workflow` must set initial, resolve_to, close_to and reopen_to to its own statuses")
            }
            config.workflow = workflow
        }
        if let priorities = top["priorities"], let matrix = priorities["matrix"] {
            guard case .mapping(let rows) = matrix else { throw fail(matrix, "`priorities.matrix` must be a mapping") }
            for (impactKey, row) in rows {
                guard let impact = impactKey.string.flatMap(Impact.init(rawValue:)) else {
                    throw fail(impactKey, "`priorities.matrix` impact must be person, department or organization")
                }
                guard case .mapping(let cells) = row else { throw fail(row, "`priorities.matrix.\(impact.rawValue)` must be a mapping") }
                for (urgencyKey, cell) in cells {
                    guard let urgency = urgencyKey.string.flatMap(Urgency.init(rawValue:)) else {
                        throw fail(urgencyKey, "`priorities.matrix.\(impact.rawValue)` urgency must be low, medium or high")
                    }
                    guard let priority = cell.string.flatMap(Priority.init(text:)) else {
                        throw fail(cell, "`priorities.matrix.\(impact.rawValue).\(urgency.rawValue)` must be P1, P2, P3 or P4")
                    }
                    config.priorityMatrix[impact, default: [:]][urgency] = priority
                }
            }
        }
        try PeopleCodec.decode(top, into: &config, fail: fail)
        try PolicyCodec.decode(top, into: &config, fail: fail)
        try MonitorCodec.decode(top, into: &config, fail: fail)
        return config
    }

    /// The `desk.yml` that `desk init` writes: the defaults, spelled out so they can be edited.
    public static func defaultFile(name: String) -> String {
        """
        # desk configuration — see README.md, "desk.yml key by key".
        name: \(YAMLScalar.inline(name))

        workflow:
          statuses: [new, open, pending, resolved, closed]
          initial: new
          resolve_to: resolved
          close_to: closed
          reopen_to: open
          done: [resolved, closed]
          transitions:
            new: [open, pending, resolved]
            open: [pending, resolved]
            pending: [open, resolved]
            resolved: [open, closed]
            closed: []

        priorities:
          # impact × urgency → priority
          matrix:
            person:       { low: P4, medium: P3, high: P2 }
            department:   { low: P3, medium: P3, high: P2 }
            organization: { low: P2, medium: P1, high: P1 }

        storage:
          # fsync objects and refs on every commit: survives power loss, costs time (see README).
          fsync: false
          # pack loose git objects automatically once this many pile up (0 = only `desk gc`).
          pack_after_loose_objects: 2000

        # Which group handles which category (a rule covers sub-categories: network → network/vpn).
        # categories:
        #   network: network

        # Business calendars: working hours in the desk's time zone, and closed days.
        # holidays: built-in rule sets (nl: Netherlands, no: Norway), dates and ranges.
        calendars:
          office:
            time_zone: UTC
            hours:
              mon-fri: "09:00-17:00"
            holidays: []

        # Targets per priority in business time on the calendar (30m, 4h, 3d = three working days).
        # The resolution clock stops while a ticket is pending or resolved.
        sla:
          calendar: office
          at_risk: 80%
          P1: { response: 30m, resolve: 4h, calendar: 24x7 }
          P2: { response: 1h, resolve: 8h }
          P3: { response: 4h, resolve: 3d }
          P4: { response: 1d, resolve: 10d }

        """
    }
}
