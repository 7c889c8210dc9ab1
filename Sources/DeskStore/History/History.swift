/// One field that changed in a commit: `status: open → resolved`.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var from: String?
    public var to: String?
}

/// One commit as the audit trail shows it.
public struct HistoryEntry: Sendable {
    public var commit: String
    public var at: Timestamp
    public var author: String
    public var ticket: String?
    public var action: String?
    public var subject: String
    public var changes: [FieldChange]
}

/// Filters for `desk log`.
public struct HistoryQuery: Sendable {
    public var ticket: TicketID?
    public var since: Timestamp?
    public var author: String?
    public var limit: Int?

    public init() {}
}

extension Desk {
    /// History from commits, newest first: who changed what and when, field by field. Works for
    /// commits made by plain git too, by comparing the two versions of each ticket file.
    public func history(_ query: HistoryQuery) throws -> [HistoryEntry] {
        guard let head = try gitCall("reading HEAD", { try repository.headCommitID() }) else { return [] }
        var entries: [HistoryEntry] = []
        try gitCall("reading history") {
            try repository.walkHistory(from: head) { id in
                let info = try repository.commit(id)
                if let since = query.since, info.committer.time < since.seconds, info.author.time < since.seconds {
                    return false
                }
                if let author = query.author, info.author.name.caseInsensitiveCompare(author) != .orderedSame,
                   info.author.email.caseInsensitiveCompare(author) != .orderedSame {
                    return true
                }
                let parentTree = try info.parents.first.map { try repository.commit($0).tree }
                let trailers = Trailers(message: info.message)
                let paths: [String]
                if let ticket = query.ticket {
                    paths = [ticket.path]
                } else if let id = trailers.ticket.flatMap(TicketID.init) {
                    paths = [id.path]
                } else {
                    paths = try TreeDiff.changedTicketFiles(repository, from: parentTree, to: info.tree)
                }
                for path in paths {
                    let old = try parentTree.flatMap { try repository.treeEntry($0, path: path) }
                    let new = try repository.treeEntry(info.tree, path: path)
                    if old?.id == new?.id { continue }
                    let before = try old.map { try repository.readBlob($0.id) }
                    let after = try new.map { try repository.readBlob($0.id) }
                    let ticketID = String(path.split(separator: "/").last?.dropLast(3) ?? "")
                    entries.append(HistoryEntry(
                        commit: id.hex, at: Timestamp(seconds: info.author.time), author: info.author.name,
                        ticket: ticketID, action: trailers.action ?? (before == nil ? "new" : (after == nil ? "delete" : "edit")),
                        subject: String(info.message.prefix { $0 != "\n" }),
                        changes: TicketDiff.changes(before: before, after: after, path: path)))
                }
                if query.ticket == nil, paths.isEmpty {
                    entries.append(HistoryEntry(commit: id.hex, at: Timestamp(seconds: info.author.time),
                                                author: info.author.name, ticket: nil, action: trailers.action,
                                                subject: String(info.message.prefix { $0 != "\n" }), changes: []))
                }
                if let limit = query.limit, entries.count >= limit { return false }
                return true
            }
        }
        if let limit = query.limit, entries.count > limit { entries.removeLast(entries.count - limit) }
        return entries
    }
}

/// The `Desk-…:` trailers of a commit message.
struct Trailers {
    var ticket: String?
    var action: String?

    init(message: String) {
        for line in message.split(separator: "\n") {
            if line.hasPrefix("Desk-Ticket: ") { ticket = String(line.dropFirst(13)) }
            if line.hasPrefix("Desk-Action: ") { action = String(line.dropFirst(13)) }
        }
    }
}

/// Which ticket files differ between two trees.
enum TreeDiff {
    static func changedTicketFiles(_ repository: Repository, from old: ObjectID?, to new: ObjectID) throws -> [String] {
        try repository.changedFiles(from: old, to: new) { DeskFileKind(path: $0) == .ticket }.map(\.path)
    }
}

/// Field-by-field differences between two versions of a ticket file.
enum TicketDiff {
    static func changes(before: [UInt8]?, after: [UInt8]?, path: String) -> [FieldChange] {
        let old = before.flatMap { try? TicketCodec.decode($0, path: path) }
        let new = after.flatMap { try? TicketCodec.decode($0, path: path) }
        if before != nil, old == nil || after != nil && new == nil {
            return [FieldChange(field: "file", from: old == nil ? "(unreadable)" : nil, to: new == nil ? "(unreadable)" : nil)]
        }
        var changes: [FieldChange] = []
        let fields = fieldValues(old)
        let newFields = fieldValues(new)
        for (key, _) in newFields.isEmpty ? fields : newFields {
            let a = fields.first { $0.0 == key }?.1 ?? nil
            let b = newFields.first { $0.0 == key }?.1 ?? nil
            if a != b, key != "updated" { changes.append(FieldChange(field: key, from: a, to: b)) }
        }
        if old?.body != new?.body, old != nil, new != nil { changes.append(FieldChange(field: "body", from: nil, to: nil)) }
        let known = Set(old?.activity.map(\.id) ?? [])
        for entry in new?.activity ?? [] where !known.contains(entry.id) {
            if entry.kind == ActivityEntry.Kind.comment || entry.kind == ActivityEntry.Kind.internal
                || entry.kind == ActivityEntry.Kind.resolution {
                changes.append(FieldChange(field: entry.kind, from: nil, to: entry.text))
            }
        }
        return changes
    }

    static func fieldValues(_ ticket: Ticket?) -> [(String, String?)] {
        guard let t = ticket else { return [] }
        let list: ([String]) -> String? = { $0.isEmpty ? nil : $0.joined(separator: ", ") }
        return [
            ("title", t.title), ("status", t.status), ("priority", t.priority?.rawValue), ("impact", t.impact?.rawValue),
            ("urgency", t.urgency?.rawValue), ("category", t.category), ("requester", t.requester),
            ("department", t.department), ("assignee", t.assignee), ("group", t.group),
            ("response_due", t.responseDue?.description), ("resolve_due", t.resolveDue?.description),
            ("responded", t.responded?.description), ("resolved", t.resolved?.description), ("tags", list(t.tags)),
            ("links", list(t.links)), ("kb", list(t.kb)), ("asset", t.asset), ("channel", t.channel),
            ("updated", t.updated.description),
        ]
    }
}
