import GRDB

/// The SQLite schema of the query index (`.git/desk/index.sqlite`). Derived data: bump the
/// version to have every desk rebuild its index from git on next use.
///
/// 6: knowledge articles (`articles`, `article_text`), citations (`ticket_kb`), `tickets.resolution`,
/// word counts of ticket text (`ticket_vocab`).
/// 7: `tickets.status_log`, the statuses a ticket went through, for SLA clocks without reading files.
enum IndexSchema {
    static let version = "7"

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE shards(name TEXT PRIMARY KEY, tree TEXT NOT NULL);
            CREATE TABLE tickets(
                rowid INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                shard TEXT NOT NULL,
                blob TEXT NOT NULL,
                id TEXT, title TEXT, status TEXT, priority TEXT, priority_rank INTEGER NOT NULL DEFAULT 9,
                impact TEXT, urgency TEXT,
                category TEXT, requester TEXT, department TEXT, assignee TEXT, grp TEXT,
                created INTEGER, updated INTEGER, response_due INTEGER, resolve_due INTEGER,
                responded INTEGER, resolved INTEGER,
                tags TEXT, links TEXT, kb TEXT, asset TEXT, channel TEXT,
                resolution TEXT, status_log TEXT,
                error TEXT
            );
            CREATE INDEX tickets_shard ON tickets(shard);
            CREATE INDEX tickets_id ON tickets(id);
            CREATE INDEX tickets_status ON tickets(status, priority_rank, updated DESC);
            CREATE INDEX tickets_rank ON tickets(priority_rank, updated DESC);
            CREATE INDEX tickets_assignee ON tickets(assignee COLLATE NOCASE, priority_rank, updated DESC);
            CREATE INDEX tickets_department ON tickets(department COLLATE NOCASE, priority_rank, updated DESC);
            CREATE INDEX tickets_updated ON tickets(updated);
            CREATE INDEX tickets_unreadable ON tickets(path) WHERE error IS NOT NULL;
            CREATE TABLE ticket_tags(tag TEXT NOT NULL, ticket INTEGER NOT NULL, PRIMARY KEY(tag, ticket)) WITHOUT ROWID;
            CREATE INDEX ticket_tags_ticket ON ticket_tags(ticket);
            CREATE VIRTUAL TABLE ticket_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE ticket_vocab USING fts5vocab(ticket_text, 'row');
            CREATE TABLE ticket_kb(article TEXT NOT NULL, ticket INTEGER NOT NULL, PRIMARY KEY(article, ticket)) WITHOUT ROWID;
            CREATE INDEX ticket_kb_ticket ON ticket_kb(ticket);
            CREATE TABLE articles(
                rowid INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                blob TEXT NOT NULL,
                id TEXT, title TEXT, status TEXT, audience TEXT, tags TEXT, category TEXT,
                created INTEGER, updated INTEGER, owner TEXT, source TEXT, body TEXT,
                error TEXT
            );
            CREATE VIRTUAL TABLE article_text USING fts5(title, tags, category, body,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
            """)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES('schema', ?)", arguments: [version])
    }
}
