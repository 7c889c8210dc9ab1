import Foundation

/// What `desk kb new` is asked to create.
public struct NewArticleRequest: Sendable {
    public var title: String
    public var body: String = ""
    public var tags: [String] = []
    public var category: String?
    public var audience: Audience = .internal
    public var owner: String?
    public var source: [String] = []

    public init(title: String) {
        self.title = title
    }
}

/// The outcome of a change to an article.
public struct ArticleResult: Sendable {
    public let article: Article
    public let commit: ObjectID?
    public var changed: Bool { commit != nil }
}

private struct ArticleUnchanged: Error {
    let article: Article
}

extension Desk {
    /// The keys `desk kb edit --set` accepts.
    public static let settableArticleFields = ["title", "tags", "category", "audience", "owner", "body"]

    /// `desk kb new`: a draft article with a fresh id, in one commit.
    public func createArticle(_ request: NewArticleRequest, actor: Actor) throws -> ArticleResult {
        try config.require(.work("write knowledge articles"), by: actor)
        let drafted = try newArticle(request, actor: actor, now: .now())
        var created = drafted
        let (commit, _) = try mutate { snapshot in
            var article = drafted
            var rng = SystemRandomNumberGenerator()
            while try gitCall("reading HEAD", { try snapshot.exists(article.id.path) }) { article.id = ArticleID.random(using: &rng) }
            // The id may have been drawn again above: what is returned is what was committed.
            created = article
            return Change(files: [FileChange(path: article.id.path, content: try encodeWithinLimit(article))],
                          subject: "\(article.id): new: \(article.title)", ticket: nil, article: article.id.rawValue,
                          action: "kb-new", actor: actor, time: article.created)
        }
        return ArticleResult(article: created, commit: commit)
    }

    func newArticle(_ request: NewArticleRequest, actor: Actor, now: Timestamp) throws -> Article {
        var rng = SystemRandomNumberGenerator()
        var article = Article(id: ArticleID.random(using: &rng), title: try Validate.title(request.title),
                              status: .draft, audience: request.audience, created: now)
        article.body = try Validate.body(request.body)
        article.tags = Validate.uniqued(try request.tags.map { try Validate.word($0, field: "tag") })
        article.category = try request.category.map { try Validate.name($0, field: "category") }
        article.owner = try Validate.name(request.owner ?? actor.handle, field: "owner")
        article.source = try request.source.map { try Validate.ticketLink($0) }
        return article
    }

    /// `desk kb publish`: suggested from now on.
    public func publishArticle(_ input: String, actor: Actor) throws -> ArticleResult {
        try config.require(.work("change knowledge articles"), by: actor)
        return try updateArticle(input, actor: actor, action: "kb-publish", subject: "publish") { $0.status = .published }
    }

    /// `desk kb retire`: kept for history, never suggested again.
    public func retireArticle(_ input: String, actor: Actor) throws -> ArticleResult {
        try config.require(.work("change knowledge articles"), by: actor)
        return try updateArticle(input, actor: actor, action: "kb-retire", subject: "retire") { $0.status = .retired }
    }

    /// `desk kb edit --set KEY=VALUE…`.
    public func editArticle(_ input: String, assignments: [(key: String, value: String)], actor: Actor) throws -> ArticleResult {
        try config.require(.work("change knowledge articles"), by: actor)
        guard !assignments.isEmpty else { throw DeskError.invalidInput("nothing to set; pass --set KEY=VALUE") }
        for (key, _) in assignments where !Desk.settableArticleFields.contains(key) {
            throw DeskError.unknownField(key, settable: Desk.settableArticleFields)
        }
        let keys = assignments.map(\.key).joined(separator: ", ")
        return try updateArticle(input, actor: actor, action: "kb-edit", subject: "edit \(keys)") { article in
            for (key, value) in assignments {
                let empty = value.trimmingWhitespace().isEmpty
                switch key {
                case "title": article.title = try Validate.title(value)
                case "tags":
                    article.tags = Validate.uniqued(try value.split(separator: ",").map {
                        try Validate.word(String($0), field: "tag")
                    })
                case "category": article.category = empty ? nil : try Validate.name(value, field: "category")
                case "owner": article.owner = empty ? nil : try Validate.name(value, field: "owner")
                case "audience":
                    guard let audience = Audience(rawValue: value) else {
                        throw DeskError.invalidValue(field: "audience", value: value, expected: "internal or public")
                    }
                    article.audience = audience
                case "body": article.body = try Validate.body(value)
                default: break
                }
            }
        }
    }

    /// `desk kb link TICKET KB-ID`: the ticket cites the article, noted in its activity.
    public func linkArticle(ticket input: String, article articleInput: String, actor: Actor) throws -> TicketResult {
        try config.require(.work("change knowledge articles"), by: actor)
        let articleID = try resolveArticleID(articleInput)
        return try update(input, actor: actor, action: "kb-link", subject: "cite \(articleID)") { ticket, now, rng in
            guard !ticket.kb.contains(articleID.rawValue) else { return }
            ticket.kb.append(articleID.rawValue)
            ticket.activity.append(entry(now, actor, ActivityEntry.Kind.field, field: "kb", to: articleID.rawValue, rng: &rng))
        }
    }

    /// Read the article at HEAD, apply `change`, and commit — or nothing when nothing changed.
    func updateArticle(_ input: String, actor: Actor, action: String, subject: String,
                       _ change: (inout Article) throws -> Void) throws -> ArticleResult {
        let id = try resolveArticleID(input)
        var after: Article?
        do {
            let (commit, _) = try mutate { snapshot in
                let (article, blob) = try readArticle(id, in: snapshot)
                try ensureUnmodified(id.path, committed: blob)
                var updated = article
                try change(&updated)
                guard updated != article else { throw ArticleUnchanged(article: article) }
                let now = Timestamp.now()
                updated.updated = max(now, article.updated)
                after = updated
                return Change(files: [FileChange(path: id.path, content: try encodeWithinLimit(updated))],
                              subject: "\(id): \(subject)", ticket: nil, article: id.rawValue, action: action,
                              actor: actor, time: now)
            }
            return ArticleResult(article: after!, commit: commit)
        } catch let unchanged as ArticleUnchanged {
            return ArticleResult(article: unchanged.article, commit: nil)
        }
    }

    func encodeWithinLimit(_ article: Article) throws -> [UInt8] {
        let bytes = Array(ArticleCodec.encode(article).utf8)
        guard bytes.count <= FrontMatter.maxFileSize else {
            throw DeskError.invalidInput("\(article.id): the article would grow to \(bytes.count) bytes, over desk's limit of \(FrontMatter.maxFileSize) bytes")
        }
        return bytes
    }

    // MARK: Finding articles

    /// `KB-4F7Q2M`, `kb-4f7`, `4F7Q` → one article id, like ticket ids.
    public func resolveArticleID(_ input: String) throws -> ArticleID {
        let trimmed = input.trimmingWhitespace()
        let withPrefix = trimmed.uppercased().hasPrefix(ArticleID.prefix) ? trimmed : ArticleID.prefix + trimmed
        guard let normalized = Crockford.normalizeID(withPrefix, prefix: ArticleID.prefix),
              normalized.count > ArticleID.prefix.count, normalized.count <= ArticleID.maxLength else {
            throw DeskError.invalidValue(field: "article", value: input, expected: "an article id like KB-4F7Q2M, or a unique prefix")
        }
        let names = try gitCall("reading kb/") { () -> [String] in
            guard let head = try repository.headCommitID(),
                  let kb = try repository.treeEntry(try repository.commit(head).tree, path: "kb"), kb.kind == .tree else { return [] }
            return try repository.treeEntries(kb.id).filter { $0.kind == .blob && $0.name.hasSuffix(".md") }
                .map { String($0.name.dropLast(3)) }
        }
        let candidates = names.filter { $0.hasPrefix(normalized) }
        if let exact = candidates.first(where: { $0 == normalized }) { return ArticleID(unchecked: exact) }
        switch candidates.count {
        case 1: return ArticleID(unchecked: candidates[0])
        case 0: throw DeskError.ticketNotFound(normalized, suggestions: [])
        default: throw DeskError.ambiguousID(normalized, candidates: candidates.sorted())
        }
    }

    /// The article as committed at HEAD.
    public func article(_ id: ArticleID) throws -> Article {
        try readArticle(id, in: try headSnapshot()).article
    }

    func readArticle(_ id: ArticleID, in snapshot: Snapshot) throws -> (article: Article, blob: ObjectID) {
        guard let (blob, bytes) = try gitCall("reading \(id.path)", { try snapshot.file(id.path) }) else {
            throw DeskError.ticketNotFound(id.rawValue, suggestions: [])
        }
        do {
            return (try ArticleCodec.decodeFile(bytes, path: id.path), blob)
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
    }
}
