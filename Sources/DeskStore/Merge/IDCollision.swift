/// Two desks drew the same new id for different tickets (or articles), and both added the file.
enum IDCollision {
    struct Resolution {
        /// The one created first, at the original path.
        var kept: MergedFile
        /// The other, under its new id and path.
        var renumbered: MergedFile
        /// `field: id`, `kept`: the original id, `dropped`: the new id the other one now has.
        var note: MergeConflictNote
    }

    /// Renumbers the one created later (equal times: the one with the greater bytes) to an id
    /// taken from a hash of its bytes, so every replica picks the same one and the same new id.
    static func resolve(path: String, ours: [UInt8], theirs: [UInt8], isTaken: (String) -> Bool) throws -> Resolution {
        guard ours != theirs else {
            throw DeskError.invalidInput("\(path): both sides added the same content; there is no id collision to resolve")
        }
        switch DeskFileKind(path: path) {
        case .ticket: return try tickets(path: path, ours: ours, theirs: theirs, isTaken: isTaken)
        case .article: return try articles(path: path, ours: ours, theirs: theirs, isTaken: isTaken)
        default: throw DeskError.invalidInput("\(path) is not a ticket or article file; only those are renumbered")
        }
    }

    private static func tickets(path: String, ours: [UInt8], theirs: [UInt8], isTaken: (String) -> Bool) throws -> Resolution {
        let o = try decode { try TicketCodec.decode(ours, path: path) }
        let t = try decode { try TicketCodec.decode(theirs, path: path) }
        let renumberOurs = later(o.created, t.created, ours, theirs)
        var kept = renumberOurs ? t : o
        var moved = renumberOurs ? o : t
        let oldID = moved.id
        let input = renumberOurs ? ours : theirs
        var attempt = 0
        var newID = TicketID(unchecked: TicketID.prefix + draw(input, attempt, count: TicketID.randomLength))
        while newID == oldID || newID == kept.id || newID.path == path || isTaken(newID.path) {
            attempt += 1
            newID = TicketID(unchecked: TicketID.prefix + draw(input, attempt, count: TicketID.randomLength))
        }
        moved.id = newID
        let at = max(kept.updated, moved.updated)
        kept.updated = at
        moved.updated = at
        let sync = ActivityEntry.Kind.sync
        ActivityMerge.insert([ActivityEntry(
            id: SyncEntry.entryID("renumber", path, oldID.rawValue, newID.rawValue, "kept"), at: at, author: SyncEntry.author,
            kind: sync, field: "id", from: oldID.rawValue, to: newID.rawValue,
            text: "\(oldID) from another desk was renumbered \(newID) ('\(moved.title)'), both desks had created \(oldID)")],
            into: &kept.activity)
        ActivityMerge.insert([ActivityEntry(
            id: SyncEntry.entryID("renumber", path, oldID.rawValue, newID.rawValue, "renumbered"), at: at,
            author: SyncEntry.author, kind: sync, field: "id", from: oldID.rawValue, to: newID.rawValue,
            text: "renumbered \(oldID) to \(newID), another desk had created \(oldID) first ('\(kept.title)')")],
            into: &moved.activity)
        return Resolution(kept: MergedFile(path: path, bytes: Array(TicketCodec.encode(kept).utf8)),
                          renumbered: MergedFile(path: newID.path, bytes: Array(TicketCodec.encode(moved).utf8)),
                          note: MergeConflictNote(path: path, field: "id", kept: oldID.rawValue, dropped: newID.rawValue))
    }

    /// Articles have no activity: the other one only changes its id; the note tells the caller.
    private static func articles(path: String, ours: [UInt8], theirs: [UInt8], isTaken: (String) -> Bool) throws -> Resolution {
        let o = try decode { try ArticleCodec.decode(ours, path: path) }
        let t = try decode { try ArticleCodec.decode(theirs, path: path) }
        let renumberOurs = later(o.created, t.created, ours, theirs)
        var moved = renumberOurs ? o : t
        let oldID = moved.id
        let input = renumberOurs ? ours : theirs
        var attempt = 0
        var newID = ArticleID(unchecked: ArticleID.prefix + draw(input, attempt, count: ArticleID.randomLength))
        while newID == oldID || newID.path == path || isTaken(newID.path) {
            attempt += 1
            newID = ArticleID(unchecked: ArticleID.prefix + draw(input, attempt, count: ArticleID.randomLength))
        }
        moved.id = newID
        return Resolution(kept: MergedFile(path: path, bytes: renumberOurs ? theirs : ours),
                          renumbered: MergedFile(path: newID.path, bytes: Array(ArticleCodec.encode(moved).utf8)),
                          note: MergeConflictNote(path: path, field: "id", kept: oldID.rawValue, dropped: newID.rawValue))
    }

    /// The characters of a new id: a hash of the file's bytes, then of the bytes and the attempt
    /// number when that id is taken.
    private static func draw(_ bytes: [UInt8], _ attempt: Int, count: Int) -> String {
        attempt == 0 ? Crockford.hashed(bytes: bytes, count: count)
            : Crockford.hashed(bytes: bytes + [0] + Array(String(attempt).utf8), count: count)
    }

    /// Whether ours is the later one: created later, or at the same second with the greater bytes.
    private static func later(_ ours: Timestamp, _ theirs: Timestamp, _ oursBytes: [UInt8], _ theirsBytes: [UInt8]) -> Bool {
        if ours != theirs { return ours > theirs }
        return theirsBytes.lexicographicallyPrecedes(oursBytes)
    }

    private static func decode<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
    }
}
