/// Who made a change: a commit's author, or the acting user for staged changes.
public struct ChangeAuthor: Sendable {
    public var name: String
    public var email: String
    /// How findings name the change: `commit 1a2b3c4d5e by alice` or `staged change by alice`.
    public var label: String

    public init(name: String, email: String, label: String) {
        self.name = name
        self.email = email
        self.label = label
    }
}

/// The rules for a change to one file between two revisions: legal workflow moves, fields that
/// never change (in tickets, articles and assets), append-only activity, and who may change
/// status, delete or reconfigure.
enum ChangeRules {
    /// `config` is the `desk.yml` in force before the change.
    static func check(path: String, old: [UInt8]?, new: [UInt8]?, author: ChangeAuthor, config: DeskConfig) -> [LintFinding] {
        let kind = DeskFileKind(path: path)
        let person = config.person(authorName: author.name, email: author.email)
        let role = person?.role
        let who = person.map { "\($0.handle) (\($0.role.rawValue))" } ?? "\(author.name) <\(author.email)>"
        var findings: [LintFinding] = []
        // desk.yml has no front matter delimiters: its findings point at line 1.
        let lines = kind == .config ? nil : new.map(FieldLines.init)
        func report(_ key: String, _ rule: LintRule, _ message: String) {
            findings.append(LintFinding(path: path, line: lines?.line(of: key) ?? 1, severity: .error, rule: rule,
                                        message: "\(author.label): \(message)"))
        }
        func immutable(id: (before: String, after: String), created: (before: Timestamp, after: Timestamp)) {
            if id.before != id.after { report("id", .immutable, "`id` changed from \(id.before) to \(id.after); ids never change") }
            if created.before != created.after {
                report("created", .immutable, "`created` changed from \(created.before) to \(created.after); it never changes")
            }
        }

        switch kind {
        case .config:
            if old != nil, !config.people.isEmpty, role?.changesConfiguration != true {
                report("name", .configChange, "desk.yml may be changed only by leads and admins; \(who) is not one")
            }
        case .ticket, .article:
            guard let old else {
                if kind == .ticket, let new, let ticket = try? TicketCodec.decode(new, path: path), !config.people.isEmpty,
                   ticket.status != config.workflow.initial, role?.worksTickets != true {
                    report("status", .statusAuthor,
                           "a new ticket starts as `\(config.workflow.initial)` unless an operator creates it; \(who) is not an operator")
                }
                return findings
            }
            guard let new else {
                if role != .admin {
                    let what = kind == .ticket ? "a ticket" : "an article"
                    report("id", .delete, "\(what) may be deleted only by an admin; \(who) is not one (close or retire it instead)")
                }
                return findings
            }
            if kind == .article {
                guard let before = try? ArticleCodec.decode(old, path: path),
                      let after = try? ArticleCodec.decode(new, path: path) else { return findings }
                immutable(id: (before.id.rawValue, after.id.rawValue), created: (before.created, after.created))
                return findings
            }
            guard let before = try? TicketCodec.decode(old, path: path),
                  let after = try? TicketCodec.decode(new, path: path) else { return findings }
            immutable(id: (before.id.rawValue, after.id.rawValue), created: (before.created, after.created))
            if before.status != after.status {
                let workflow = config.workflow
                if !workflow.allows(from: before.status, to: after.status) {
                    let legal = workflow.legalMoves(from: before.status)
                    report("status", .transition,
                           "status \(before.status) → \(after.status) is not allowed by the workflow (\(before.status) may move to: \(legal.isEmpty ? "nothing" : legal.joined(separator: ", ")))")
                }
                if !config.people.isEmpty, role?.worksTickets != true {
                    report("status", .statusAuthor, "status \(before.status) → \(after.status) by \(who); only operators change status")
                }
            }
            if role != .admin {
                let kept = Dictionary(after.activity.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                for entry in before.activity {
                    guard let now = kept[entry.id] else {
                        report("activity", .activityAppend, "activity entry `\(entry.id)` (\(entry.kind), \(entry.at)) was removed; activity is append-only")
                        continue
                    }
                    if now != entry {
                        findings.append(LintFinding(path: path, line: lines?.line(ofActivity: entry.id) ?? 1, severity: .error,
                                                    rule: .activityAppend,
                                                    message: "\(author.label): activity entry `\(entry.id)` was edited; activity is append-only"))
                    }
                }
            }
        case .asset:
            // Only the fields that never change: devices come and go without a retire step, so
            // adding or deleting an asset file is anyone's change.
            guard let old, let new, let before = try? AssetCodec.decode(old, path: path),
                  let after = try? AssetCodec.decode(new, path: path) else { return findings }
            immutable(id: (before.id.rawValue, after.id.rawValue), created: (before.created, after.created))
        case .stray, .other:
            break
        }
        return findings
    }
}
