/// Field-by-field merge of a knowledge article file. Articles have no activity, so conflicts
/// resolved by a rule are only returned as notes.
enum ArticleMerge {
    /// nil when some side does not parse: the caller then merges the file as text.
    static func merge(path: String, base: [UInt8]?, ours: MergeSide, theirs: MergeSide, oursBytes: [UInt8],
                      theirsBytes: [UInt8], isTaken: (String) -> Bool) -> FileMergeOutcome? {
        guard let o = try? ArticleCodec.decode(oursBytes, path: path),
              let t = try? ArticleCodec.decode(theirsBytes, path: path) else { return nil }
        var b: Article?
        if let base {
            guard let parsed = try? ArticleCodec.decode(base, path: path) else { return nil }
            b = parsed
        } else if !(o.created == t.created && o.title == t.title) {
            // Two different articles drew the same id on two desks.
            guard let resolved = try? IDCollision.resolve(path: path, ours: oursBytes, theirs: theirsBytes,
                                                          isTaken: isTaken) else { return nil }
            return FileMergeOutcome(bytes: resolved.kept.bytes, notes: [resolved.note], renumbered: resolved.renumbered)
        }
        let order = MergeOrder.decide(
            oursTime: MergeOrder.time(updated: o.updated, created: o.created, bytes: oursBytes, side: ours),
            theirsTime: MergeOrder.time(updated: t.updated, created: t.created, bytes: theirsBytes, side: theirs),
            ours: ours, theirs: theirs, oursBytes: oursBytes, theirsBytes: theirsBytes)
        let (article, conflicts) = merge(path: path, base: b, ours: o, theirs: t, order: order)
        return FileMergeOutcome(bytes: Array(ArticleCodec.encode(article).utf8), notes: conflicts.map { $0.note(path: path) })
    }

    static func merge(path: String, base: Article?, ours: Article, theirs: Article,
                      order: MergeOrder) -> (article: Article, conflicts: [FieldConflict]) {
        var m = ThreeWay(base: base, ours: ours, theirs: theirs, order: order)
        let id = m.value("id", \.id) { $0.rawValue }
        let title = m.value("title", \.title) { $0 }
        var article = Article(id: id, title: title, created: ours.created)
        article.status = m.value("status", \.status) { $0.rawValue }
        article.audience = m.value("audience", \.audience) { $0.rawValue }
        article.tags = m.set(\.tags)
        article.category = m.optional("category", \.category) { $0 }
        article.created = m.value("created", \.created) { $0.description }
        article.updated = max(ours.updated, theirs.updated)
        article.owner = m.optional("owner", \.owner) { $0 }
        article.source = m.set(\.source)
        article.extra = m.extra(\.extra)
        article.body = m.body(path: path, \.body)
        return (article, m.conflicts)
    }
}
