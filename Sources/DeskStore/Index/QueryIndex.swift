import Foundation
import GRDB

/// The query index: a SQLite copy of every ticket's front matter and text, under `.git/desk/`.
///
/// Keyed by git object ids — the `tickets/` tree, each shard's tree, each file's blob — so a
/// refresh reads only the shards whose tree changed since the last one (after a desk commit,
/// `git pull` or a committed hand edit). Never committed; deleted or corrupt, it is rebuilt.
public final class QueryIndex {
    let queue: DatabaseQueue
    public let path: String

    init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // Reads through the page cache without a copy per page; the index is derived data.
            try db.execute(sql: "PRAGMA mmap_size = 536870912; PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            let hasMeta = try db.tableExists("meta")
            let schema = hasMeta ? try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'") : nil
            if schema != IndexSchema.version {
                try db.inTransaction(.immediate) {
                    let current = try db.tableExists("meta")
                        ? try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'") : nil
                    guard current != IndexSchema.version else { return .commit }
                    for table in ["meta", "shards", "tickets", "ticket_tags", "ticket_vocab", "ticket_text", "ticket_kb", "articles",
                                  "article_text"] {
                        try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
                    }
                    try IndexSchema.create(db)
                    return .commit
                }
            }
        }
    }

    /// Deletes the index database at `path` with its WAL files; the next open builds it anew.
    static func remove(at path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    // MARK: Refresh

    /// What a refresh did (for diagnostics and the benchmark).
    public struct RefreshStats: Sendable {
        public var shardsRead = 0
        public var filesParsed = 0
        public var filesRemoved = 0
    }

    /// Brings the index up to HEAD, reading only what changed.
    @discardableResult
    func refresh(_ repository: Repository) throws -> RefreshStats {
        let root = try repository.headCommitID().map { try repository.commit($0).tree }
        if let root, try meta("root") == root.hex { return RefreshStats() }
        return try refreshAll(repository, root: root)
    }

    /// Brings only the articles up to HEAD: what suggestions for a new ticket need at once. The
    /// tickets may lag a few commits behind (similar tickets from a moment ago are as good), and
    /// the next full refresh takes them in, because the `root` mark is left as it was.
    func refreshArticles(_ repository: Repository) throws {
        let root = try repository.headCommitID().map { try repository.commit($0).tree }
        if let root, try meta("root") == root.hex { return }
        let kb = try root.flatMap { try repository.treeEntry($0, path: "kb") }
        let kbTree = kb?.kind == .tree ? kb?.id : nil
        if try meta("kb") == kbTree?.hex, try meta("tickets") != nil { return }
        guard try meta("tickets") != nil else {
            // Never built: build everything once.
            _ = try refreshAll(repository, root: root)
            return
        }
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'kb'") != kbTree?.hex {
                    try refreshArticles(db, repository, kbTree)
                    try setMeta(db, "kb", kbTree?.hex ?? "")
                }
                return .commit
            }
        }
    }

    private func refreshAll(_ repository: Repository, root: ObjectID?) throws -> RefreshStats {
        return try queue.writeWithoutTransaction { db in
            var stats = RefreshStats()
            try db.inTransaction(.immediate) {
                // Another process may have refreshed while we waited for the write lock.
                let indexedRoot = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root'")
                if let root, indexedRoot == root.hex { return .commit }
                let tickets = try root.flatMap { try repository.treeEntry($0, path: "tickets") }
                let ticketsTree = tickets?.kind == .tree ? tickets?.id : nil
                let indexedTickets = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tickets'")
                if ticketsTree?.hex != indexedTickets {
                    stats = try refreshShards(db, repository, ticketsTree)
                }
                let kb = try root.flatMap { try repository.treeEntry($0, path: "kb") }
                let kbTree = kb?.kind == .tree ? kb?.id : nil
                if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'kb'") != kbTree?.hex {
                    try refreshArticles(db, repository, kbTree)
                }
                try setMeta(db, "root", root?.hex ?? "")
                try setMeta(db, "tickets", ticketsTree?.hex ?? "")
                try setMeta(db, "kb", kbTree?.hex ?? "")
                return .commit
            }
            return stats
        }
    }

    private func refreshShards(_ db: Database, _ repository: Repository, _ ticketsTree: ObjectID?) throws -> RefreshStats {
        var stats = RefreshStats()
        var current: [String: ObjectID] = [:]
        if let ticketsTree {
            for entry in try repository.treeEntries(ticketsTree) where entry.kind == .tree {
                current[entry.name] = entry.id
            }
        }
        var indexed: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, tree FROM shards") {
            indexed[row["name"]] = row["tree"]
        }
        // First find what changed, shard by shard; then read and parse it (in parallel); then store it.
        var pending: [PendingFile] = []
        for name in Set(current.keys).union(indexed.keys).sorted() {
            let tree = current[name]
            guard tree?.hex != indexed[name] else { continue }
            stats.shardsRead += 1
            var files: [String: ObjectID] = [:]
            if let tree {
                for entry in try repository.treeEntries(tree) where entry.kind == .blob && entry.name.hasSuffix(".md") {
                    files["tickets/\(name)/\(entry.name)"] = entry.id
                }
            }
            var known: [String: (rowid: Int64, blob: String)] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT rowid, path, blob FROM tickets WHERE shard = ?"),
                                        arguments: [name]) {
                known[row["path"]] = (row["rowid"], row["blob"])
            }
            for (path, old) in known where files[path].map({ $0.hex != old.blob }) ?? true {
                try delete(db, rowid: old.rowid)
                if files[path] == nil { stats.filesRemoved += 1 }
            }
            for (path, blob) in files.sorted(by: { $0.key < $1.key }) where known[path]?.blob != blob.hex {
                pending.append(PendingFile(path: path, shard: name, blob: blob))
            }
            if let tree {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO shards(name, tree) VALUES(?, ?)").execute(arguments: [name, tree.hex])
            } else {
                try db.cachedStatement(sql: "DELETE FROM shards WHERE name = ?").execute(arguments: [name])
            }
        }
        // Batches bound the memory held at once (about 4,000 parsed tickets); the next batch is
        // read and parsed on other threads while this one is stored.
        let batches = stride(from: 0, to: pending.count, by: 4096).map { Array(pending[$0..<min($0 + 4096, pending.count)]) }
        var next = batches.first.map { TicketReader.start($0, repository: repository) }
        for index in batches.indices {
            let parsed = try next!.wait()
            next = index + 1 < batches.count ? TicketReader.start(batches[index + 1], repository: repository) : nil
            for file in parsed {
                try insert(db, file)
            }
        }
        stats.filesParsed = pending.count
        return stats
    }

    private func delete(_ db: Database, rowid: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM tickets WHERE rowid = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "DELETE FROM ticket_tags WHERE ticket = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "DELETE FROM ticket_text WHERE rowid = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "DELETE FROM ticket_kb WHERE ticket = ?").execute(arguments: [rowid])
    }

    private func insert(_ db: Database, _ parsed: ParsedFile) throws {
        let (path, shard, blob) = (parsed.file.path, parsed.file.shard, parsed.file.blob)
        let ticket: Ticket
        switch parsed.result {
        case .success(let value):
            ticket = value
        case .failure(let error):
            try db.cachedStatement(sql: "INSERT INTO tickets(path, shard, blob, error) VALUES(?, ?, ?, ?)")
                .execute(arguments: [path, shard, blob.hex, "\(error) [\(error.rule)]"])
            return
        }
        let join: ([String]) -> String? = { $0.isEmpty ? nil : $0.joined(separator: "\n") }
        try db.cachedStatement(sql: """
            INSERT INTO tickets(path, shard, blob, id, title, status, priority, priority_rank, impact, urgency, category,
              requester, department, assignee, grp, created, updated, response_due, resolve_due, responded,
              resolved, tags, links, kb, asset, channel, resolution, status_log)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                path, shard, blob.hex, ticket.id.rawValue, ticket.title, ticket.status, ticket.priority?.rawValue,
                ticket.priority.map { Int($0.rawValue.dropFirst()) ?? 9 } ?? 9,
                ticket.impact?.rawValue, ticket.urgency?.rawValue, ticket.category, ticket.requester,
                ticket.department, ticket.assignee, ticket.group, ticket.created.seconds, ticket.updated.seconds,
                ticket.responseDue?.seconds, ticket.resolveDue?.seconds, ticket.responded?.seconds,
                ticket.resolved?.seconds, join(ticket.tags), join(ticket.links), join(ticket.kb), ticket.asset,
                ticket.channel, ticket.activity.last { $0.kind == ActivityEntry.Kind.resolution }?.text,
                TicketFacts.encodeStatusLog(TicketFacts.statusChanges(of: ticket)),
            ])
        let rowid = db.lastInsertedRowID
        for article in Set(ticket.kb) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO ticket_kb(article, ticket) VALUES(?, ?)")
                .execute(arguments: [article.uppercased(), rowid])
        }
        for tag in Set(ticket.tags) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO ticket_tags(tag, ticket) VALUES(?, ?)")
                .execute(arguments: [tag.lowercased(), rowid])
        }
        var text = ticket.body
        for entry in ticket.activity {
            if let note = entry.text { text += "\n" + note }
        }
        try db.cachedStatement(sql: "INSERT INTO ticket_text(rowid, title, body) VALUES(?, ?, ?)")
            .execute(arguments: [rowid, ticket.title, text])
    }

    /// Knowledge articles: `kb/` is flat and small (thousands), so its entries are compared by blob id.
    private func refreshArticles(_ db: Database, _ repository: Repository, _ kbTree: ObjectID?) throws {
        var files: [String: ObjectID] = [:]
        if let kbTree {
            for entry in try repository.treeEntries(kbTree) where entry.kind == .blob && entry.name.hasSuffix(".md")
                && DeskFileKind(path: "kb/" + entry.name) == .article {
                files["kb/" + entry.name] = entry.id
            }
        }
        var known: [String: (rowid: Int64, blob: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, path, blob FROM articles") {
            known[row["path"]] = (row["rowid"], row["blob"])
        }
        for (path, old) in known where files[path].map({ $0.hex != old.blob }) ?? true {
            try db.execute(sql: "DELETE FROM articles WHERE rowid = ?", arguments: [old.rowid])
            try db.execute(sql: "DELETE FROM article_text WHERE rowid = ?", arguments: [old.rowid])
        }
        for (path, blob) in files.sorted(by: { $0.key < $1.key }) where known[path]?.blob != blob.hex {
            let bytes = try repository.readBlob(blob)
            let article: Article
            do {
                article = try ArticleCodec.decodeFile(bytes, path: path)
            } catch let error as FormatError {
                try db.execute(sql: "INSERT INTO articles(path, blob, error) VALUES(?, ?, ?)",
                               arguments: [path, blob.hex, "\(error) [\(error.rule)]"])
                continue
            }
            try db.execute(sql: """
                INSERT INTO articles(path, blob, id, title, status, audience, tags, category, created, updated, owner,
                  source, body)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    path, blob.hex, article.id.rawValue, article.title, article.status.rawValue, article.audience.rawValue,
                    article.tags.joined(separator: "\n"), article.category, article.created.seconds, article.updated.seconds,
                    article.owner, article.source.joined(separator: "\n"), article.body,
                ])
            // Tags and category are searched as words: `network/vpn` as "network vpn".
            try db.execute(sql: "INSERT INTO article_text(rowid, title, tags, category, body) VALUES(?, ?, ?, ?, ?)",
                           arguments: [db.lastInsertedRowID, article.title, article.tags.joined(separator: " "),
                                       article.category?.replacingOccurrences(of: "/", with: " "), article.body])
        }
    }

    private func meta(_ key: String) throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    private func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", arguments: [key, value])
    }
}
