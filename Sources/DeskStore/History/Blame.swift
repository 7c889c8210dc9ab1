/// Who last set one field of a ticket: the commit, its author and time.
public struct FieldBlame: Sendable {
    public var field: String
    /// The value at HEAD (lists joined with ", "); nil when empty.
    public var value: String?
    public var commit: String
    public var at: Timestamp
    public var author: String
    public var action: String?
    public var subject: String
}

extension Desk {
    /// For each field of the ticket at HEAD, the newest commit that changed it — made by desk
    /// or by plain git (the two versions of the file are compared, trailers are not needed).
    public func blame(_ id: TicketID) throws -> [FieldBlame] {
        guard let head = try gitCall("reading HEAD", { try repository.headCommitID() }) else {
            throw DeskError.ticketNotFound(id.rawValue, suggestions: [])
        }
        let path = id.path
        let current = try gitCall("reading the ticket") { () -> [UInt8]? in
            let tree = try repository.commit(head).tree
            return try repository.treeEntry(tree, path: path).map { try repository.readBlob($0.id) }
        }
        guard let current else { throw DeskError.ticketNotFound(id.rawValue, suggestions: []) }
        let ticket: Ticket
        do {
            ticket = try TicketCodec.decode(current, path: path)
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
        let values = TicketDiff.fieldValues(ticket) + [("body", ticket.body.isEmpty ? nil : "(\(ticket.body.utf8.count) bytes)")]
        var open = Set(values.map(\.0))
        var blamed: [String: FieldBlame] = [:]

        try gitCall("reading history") {
            try repository.walkHistory(from: head) { commitID in
                let info = try repository.commit(commitID)
                let parentTree = try info.parents.first.map { try repository.commit($0).tree }
                let after = try repository.treeEntry(info.tree, path: path)
                let before = try parentTree.flatMap { try repository.treeEntry($0, path: path) }
                guard after?.id != before?.id, let after else { return true }
                let old = try before.flatMap { try? TicketCodec.decode(repository.readBlob($0.id), path: path) }
                let new = try? TicketCodec.decode(repository.readBlob(after.id), path: path)
                let oldFields = Dictionary(TicketDiff.fieldValues(old).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
                let newFields = Dictionary(TicketDiff.fieldValues(new).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
                let trailers = Trailers(message: info.message)
                for field in open {
                    let changed = field == "body" ? (old == nil || old?.body != new?.body)
                        : (old == nil || oldFields[field] != newFields[field])
                    guard changed else { continue }
                    blamed[field] = FieldBlame(
                        field: field, value: nil, commit: commitID.hex, at: Timestamp(seconds: info.author.time),
                        author: info.author.name, action: trailers.action ?? (old == nil ? "new" : "edit"),
                        subject: String(info.message.prefix { $0 != "\n" }))
                }
                open.subtract(blamed.keys)
                return !open.isEmpty
            }
        }
        return values.compactMap { field, value in
            guard var entry = blamed[field] else { return nil }
            entry.value = value
            return entry
        }
    }
}
